"""The shared bilingual `Text` (kept importable here for the instruments data modules)."""

from companion.bilingual import LANGS, Text, normalise_lang

__all__ = ["LANGS", "Text", "normalise_lang"]
