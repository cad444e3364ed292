"""The seam where the deterministic safety layer plugs in before and after the model.

A ``Guard`` screens each user message before the model sees it and each reply before the person does
(per sentence, as it streams). The session calls it on every turn; safety never depends on the model.
The real one, ``companion.safety.guard.SafetyGuard``, is the default for every session; ``NoGuard``
screens nothing and is only for tests that ask for it explicitly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class MessageVerdict:
    level: str = "none"  # "none" | "elevated" | "imminent"
    reasons: tuple[str, ...] = ()
    #: Extra guidance for the model this turn, placed after the stable prompt prefix.
    instruction: str = ""
    #: When set, this fixed text is the reply and the model is not asked at all.
    scripted_reply: str = ""
    details: dict = field(default_factory=dict)


@dataclass(frozen=True)
class ReplyVerdict:
    allowed: bool = True
    reasons: tuple[str, ...] = ()
    #: What to show instead of a withdrawn reply.
    replacement: str = ""


class Guard(Protocol):
    def screen_message(self, text: str, history: Sequence[str], lang: str | None) -> MessageVerdict: ...

    def review_reply(self, reply: str, user_text: str, lang: str | None) -> ReplyVerdict: ...


class NoGuard:
    def screen_message(self, text: str, history: Sequence[str], lang: str | None) -> MessageVerdict:
        return MessageVerdict()

    def review_reply(self, reply: str, user_text: str, lang: str | None) -> ReplyVerdict:
        return ReplyVerdict()
