"""The one translation helper for text produced outside Qt (the core has no Qt).

Texts are written in English in the code and looked up in ``locale/<lang>.json`` catalogs; the UI
passes the language it uses. Qt widgets use Qt's own translation machinery instead.
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

SUPPORTED = ("en", "zh_CN")


def normalise_language(lang: str | None) -> str:
    if not lang:
        return "en"
    lang = lang.replace("-", "_")
    if lang.lower().startswith("zh"):
        return "zh_CN"
    return "en"


@lru_cache(maxsize=None)
def _catalog(lang: str) -> dict[str, str]:
    """``locale/<lang>.json`` and every ``locale/<feature>.<lang>.json`` (one file per feature)."""
    if lang == "en":
        return {}
    merged: dict[str, str] = {}
    folder = resources.files("companion").joinpath("locale")
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name == f"{lang}.json" or entry.name.endswith(f".{lang}.json"):
            merged.update(json.loads(entry.read_text("utf-8")))
    return merged


def tr(text: str, lang: str | None) -> str:
    """``text`` in ``lang``; the English text itself when no translation exists."""
    return _catalog(normalise_language(lang)).get(text, text)
