"""The safety layer (issue 3): the deterministic screen engine, crisis lines, and the conversation's side.

Layout: ``screen/`` is the rule engine (messages and replies, rule data in ``screen/rules/*.json``);
``crisis_lines.py`` reads the crisis-line data (``data/crisis_lines.json``); ``crisis_directory.py`` and
``crisis_admin.py`` pick and import the list in force; ``seam.py`` is the ``Guard`` protocol and
``guard.py`` the real guard; ``monitor.py`` owns a session's screening, reply review and recording;
``texts.py`` is what the safety layer says, ``plan.py`` the person's safety plan. This package's top level re-exports the engine.

No Qt and no model anywhere here; the engine (``screen/``, ``crisis_lines.py``) is standard library only,
deterministic and versioned:

    from companion.safety import assess, review_reply
    a = assess(text, lang=None, history=())   # a.level "none" | "elevated" | "imminent", a.reasons
    r = review_reply(reply, lang=None, user=None, scorer=None)   # r.allowed, r.reasons; scorer: a ReplyScorer
    entry = crisis_lines_for("GB")   # emergency numbers and crisis lines, or the fallback instruction

Rule data lives in ``screen/rules/*.json`` (one version, ``RULES_VERSION``); crisis lines in
``data/crisis_lines.json``. See docs/clinical.md sections 1, 2 and 4 for what they encode.
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
from .screen.detect_lang import detect_lang
from .screen.level import Level
from .screen.normalise import normalise
from .screen.reply import ReplyReview, review_reply
from .screen.ruleset import rules_version
from .screen.message import Assessment, assess

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
    "Level",
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
