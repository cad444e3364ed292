"""The deterministic safety layer: crisis screen, reply guard and crisis lines (issue 3).

No Qt, no model, standard library only. Everything here is deterministic and versioned:

    from companion.safety import assess, review_reply
    a = assess(text, lang=None, history=())   # a.level "none" | "elevated" | "imminent", a.reasons
    r = review_reply(reply, lang=None, user=None)   # r.allowed, r.reasons
    entry = crisis_lines_for("GB")   # emergency numbers and crisis lines, or the fallback instruction

Rule data lives in ``rules/*.json`` (one version, ``RULES_VERSION``); crisis lines in
``data/crisis_lines.json``. See CLINICAL.md sections 1, 2 and 4 for what they encode.
"""

from .crisis_lines import (
    CrisisLine,
    CrisisLines,
    CrisisLinesError,
    EmergencyNumber,
    RegionEntry,
    crisis_lines_for,
    load_crisis_lines,
)
from .detect_lang import detect_lang
from .normalise import normalise
from .reply_guard import ReplyReview, review_reply
from .ruleset import rules_version
from .screen import Assessment, assess

RULES_VERSION: str = rules_version()


def warm_up() -> None:
    """Read and compile every rule file now (about 150 ms), so the person's first message is screened
    in well under a millisecond like every later one. Safe to call from any thread."""
    assess("")
    review_reply("")

__all__ = [
    "RULES_VERSION",
    "Assessment",
    "CrisisLine",
    "CrisisLines",
    "CrisisLinesError",
    "EmergencyNumber",
    "RegionEntry",
    "ReplyReview",
    "assess",
    "crisis_lines_for",
    "detect_lang",
    "load_crisis_lines",
    "normalise",
    "review_reply",
    "warm_up",
]
