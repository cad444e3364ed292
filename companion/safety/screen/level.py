"""The one scale of risk the whole safety layer speaks: a message is ``none``, ``elevated`` or
``imminent`` (docs/clinical.md, section 1). A ``StrEnum``: stored, logged and compared as its text."""

from __future__ import annotations

from enum import StrEnum


class Level(StrEnum):
    NONE = "none"
    ELEVATED = "elevated"
    IMMINENT = "imminent"

    @property
    def rank(self) -> int:
        return _ORDER.index(self)

    @property
    def flagged(self) -> bool:
        """Worth a card and a record: anything above ``none``."""
        return self is not Level.NONE

    @staticmethod
    def higher(a: str, b: str) -> Level:
        """The stricter of two levels."""
        a, b = Level(a), Level(b)
        return a if a.rank >= b.rank else b


_ORDER = (Level.NONE, Level.ELEVATED, Level.IMMINENT)
FLAGGED = (Level.ELEVATED, Level.IMMINENT)
