"""Bilingual text for built-in content (exercises, self-checks, safety wording).

Every user-visible string in the content data is a `Text` with both languages, so a missing
translation is a data error caught by the tests, not a blank label in the UI.
"""
from __future__ import annotations

from dataclasses import dataclass

LANGS: tuple[str, ...] = ("en", "zh")


def normalise_lang(lang: str) -> str:
    """Map "en", "en-GB", "zh", "zh_CN", "zh-Hans" ... to "en" or "zh"; refuse anything else."""
    if isinstance(lang, str):
        prefix = lang.strip().lower().replace("_", "-").split("-")[0]
        if prefix in LANGS:
            return prefix
    raise ValueError(f"unsupported language {lang!r}; use one of {', '.join(LANGS)}")


@dataclass(frozen=True)
class Text:
    """One string in English and Simplified Chinese."""

    en: str
    zh: str

    def get(self, lang: str) -> str:
        return getattr(self, normalise_lang(lang))
