"""Self-checks (PHQ-9, GAD-7, SCOFF, ASQ, mood check-in, alliance check): definitions and scoring.

Pure Python, no Qt and no database. Definitions are data in `definitions/`, one module each.

    from companion.practice.instruments import score
    r = score("phq9", [0, 1, 2, 3, 0, 1, 2, 0, 1])
    r.total, r.severity, r.flags, r.opens_safety_flow   # 10, "moderate", {"item9_positive"}, True

`opens_safety_flow` is the hook for the safety issue: the caller must start the safety flow at
once when it is True (and treat "acute" in `flags` as imminent risk).
"""
from __future__ import annotations

from .change import MeaningfulChange, describe_change, meaningful_change
from .model import Band, Instrument, Item, Option
from .registry import INSTRUMENT_IDS, DefinitionError
from .scoring import InvalidAnswers, ScoreResult, describe, get_instrument, is_asked, score, validate
from .text import LANGS, Text

__all__ = [
    "INSTRUMENT_IDS", "LANGS", "Band", "DefinitionError", "Instrument", "InvalidAnswers", "Item",
    "MeaningfulChange", "Option", "ScoreResult", "Text", "describe", "describe_change",
    "get_instrument", "is_asked", "meaningful_change", "score", "validate",
]
