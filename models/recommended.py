"""The recommended-models list shipped with the app (``recommended_models.json``; nothing is downloaded).

A file whose SHA-256 equals an entry's published hash is "verified" as that entry; any other GGUF is
still allowed and labelled "unverified".
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources


@dataclass(frozen=True)
class Recommended:
    id: str
    name: str
    file_name: str
    publisher: str
    size: int
    size_exact: bool
    quantisation: str
    licence: str
    sha256: str | None
    sha256_source: str
    languages: tuple[str, ...]
    chinese: str  # "good" | "fair" | "poor"
    temperature: float
    top_p: float
    notes: dict[str, str]
    repeat_penalty: float = 1.1
    max_tokens: int | None = None  # a shorter reply budget for small models (issue 14)
    #: The capability gate's score per language, measured by bench/conversation.py (issue 14).
    capability: dict[str, float] | None = None
    capability_source: str = ""

    def note(self, lang: str) -> str:
        return self.notes.get(lang) or self.notes.get("en", "")


def recommended_models() -> list[Recommended]:
    raw = json.loads(resources.files("models").joinpath("recommended_models.json").read_text("utf-8"))
    return [Recommended(**{**entry, "languages": tuple(entry.get("languages", ()))}) for entry in raw["models"]]


def match_hash(sha256: str) -> Recommended | None:
    """The entry whose published hash is ``sha256``, if any."""
    sha256 = sha256.lower()
    return next((m for m in recommended_models() if m.sha256 and m.sha256 == sha256), None)


def match_name(file_name: str) -> Recommended | None:
    """The entry for a file of this name (for its suggested settings; never for "verified")."""
    lowered = file_name.lower()
    return next((m for m in recommended_models() if m.file_name.lower() == lowered), None)
