"""The seam where the deterministic safety layer plugs in before and after the model.

A ``Guard`` screens each user message before the model sees it and each reply before the person does
(per sentence, as it streams). ``SafetyMonitor`` (monitor.py) is its only caller: it works out the
conversation's ``RiskState``, screens, reviews and records. Safety never depends on the model.
The real guard, ``companion.safety.guard.SafetyGuard``, is the default for every session; ``NoGuard``
screens nothing and is only for tests that ask for it explicitly (a test's own guard subclasses it and
overrides what it needs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from companion.safety.crisis_lines import RegionEntry, crisis_lines_for
from companion.safety.screen.level import Level

#: How many of the person's later messages a flagged one keeps the model checking in (decision: a
#: crisis colours the rest of a typical late-night exchange; an elevated message a few turns).
CARRY_TURNS = {Level.IMMINENT: 10, Level.ELEVATED: 4}


@dataclass(frozen=True)
class RiskState:
    """The conversation's risk so far: its most recent flagged message and how many of the person's
    messages came after it (1 = the message being screened is the next one)."""

    level: Level = Level.NONE
    turns_since: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "level", Level(self.level))

    def carries(self) -> bool:
        return self.level in CARRY_TURNS and 0 < self.turns_since <= CARRY_TURNS[self.level]


@dataclass(frozen=True)
class MessageVerdict:
    level: Level = Level.NONE
    reasons: tuple[str, ...] = ()
    #: Extra guidance for the model this turn, placed after the stable prompt prefix.
    instruction: str = ""
    #: When set, this fixed text is the reply and the model is not asked at all.
    scripted_reply: str = ""
    details: dict = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "level", Level(self.level))


@dataclass(frozen=True)
class ReplyVerdict:
    allowed: bool = True
    reasons: tuple[str, ...] = ()
    #: What to show instead of a withdrawn reply.
    replacement: str = ""


class Guard(Protocol):
    """Exactly what production calls (SafetyMonitor; the session when it locks), nothing reached by ``getattr``."""

    def screen_in_context(self, text: str, history: Sequence[str], lang: str | None,
                          prior: RiskState) -> MessageVerdict:
        """Screen the person's message, given their earlier messages and the conversation's risk so far."""
        ...

    def review_reply(self, reply: str, user_text: str, lang: str | None) -> ReplyVerdict:
        """Review the reply so far (called at each sentence end and once at the end)."""
        ...

    def crisis_entry(self) -> RegionEntry:
        """The emergency numbers and crisis lines in force."""
        ...

    def forget_text(self) -> None:
        """Drop whatever the guard keeps of what people wrote (the session calls this when it locks or closes)."""
        ...


class NoGuard:
    """Screens nothing. Tests subclass it and override ``screen_message`` / ``review_reply``."""

    def screen_message(self, text: str, history: Sequence[str], lang: str | None) -> MessageVerdict:
        return MessageVerdict()

    def screen_in_context(self, text: str, history: Sequence[str], lang: str | None,
                          prior: RiskState) -> MessageVerdict:
        return self.screen_message(text, history, lang)

    def review_reply(self, reply: str, user_text: str, lang: str | None) -> ReplyVerdict:
        return ReplyVerdict()

    def crisis_entry(self) -> RegionEntry:
        return crisis_lines_for(None)

    def forget_text(self) -> None:
        pass  # keeps nothing
