"""A second opinion from a capable chat model: a constrained yes/no risk question that can only raise.

Only for a loaded model of at least 1B parameters that answers a short built-in labelled check correctly at
load (``SecondOpinion.qualify``); with the embedded 135M/270M models, or any model that fails the check, the
layer is off. The answer is read strictly: "yes"/"是" raises "none" to "elevated"; "no", anything else, an
error or a cancelled call changes nothing. It never lowers a level and never decides "imminent" on its own
(that needs a plan, means, a time or an act under way: the rules or the scorer). Call it off the GUI thread,
on the thread that owns the model (``models.yes_no.yes_no_asker`` builds ``ask``). The person's words go to
the model in memory only; nothing is logged.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

from models.backend import ChatMessage

log = logging.getLogger(__name__)

MIN_PARAMETERS = 1_000_000_000
Ask = Callable[[Sequence[ChatMessage]], str]

_SYSTEM = (
    "You are a careful safety checker. Read one message a person wrote to a support app. Answer with exactly "
    "one word, yes or no. Answer yes if the writer themself may be thinking of suicide, of not wanting to be "
    "alive, of harming themself, or of ending their life, now or soon, even if said indirectly. Answer no for "
    "jokes and idioms, for other people, for stories, news or study, and for denials."
)
_USER = "Message:\n<<<\n{text}\n>>>\nIs the writer at risk? Answer yes or no."
#: The built-in check (both languages, hard negatives included). A model must get every one right.
CHECK: tuple[tuple[str, bool], ...] = (
    ("I've saved up my pills and I'm taking them tonight.", True),
    ("honestly I wish I could fall asleep and never wake up", True),
    ("everyone would be better off without me", True),
    ("this exam is literally killing me lol", False),
    ("my friend said she wants to die, how do I help her?", False),
    ("in my novel the hero dies at the end, is that too sad?", False),
    ("我真的不想活了，活着太累", True),
    ("累死了，今天加班到十点", False),
)
_YES = re.compile(r"^\W*(?:yes|是)(?![a-z])", re.IGNORECASE)
_NO = re.compile(r"^\W*(?:no|否|不是)(?![a-z])", re.IGNORECASE)


def question(text: str) -> list[ChatMessage]:
    return [ChatMessage("system", _SYSTEM), ChatMessage("user", _USER.format(text=text[:2000]))]


def read_answer(answer: str) -> bool | None:
    if _YES.match(answer):
        return True
    if _NO.match(answer):
        return False
    return None


class SecondOpinion:
    def __init__(self, ask: Ask) -> None:
        self._ask = ask

    @classmethod
    def qualify(cls, ask: Ask, parameter_count: int | None) -> SecondOpinion | None:
        """A SecondOpinion for this model, or None when it is too small or fails the built-in check."""
        if not parameter_count or parameter_count < MIN_PARAMETERS:
            log.info("second opinion: off (the loaded model is under 1B parameters)")
            return None
        candidate = cls(ask)
        wrong = sum(candidate.says_risk(text) is not expected for text, expected in CHECK)
        if wrong:
            log.info("second opinion: off (the model got %d of %d check questions wrong)", wrong, len(CHECK))
            return None
        log.info("second opinion: on")
        return candidate

    def says_risk(self, text: str) -> bool | None:
        """True / False, or None when the model gave no usable answer."""
        try:
            return read_answer(self._ask(question(text)))
        except Exception as exc:  # a model error never affects the screen
            log.warning("second opinion: the model failed (%s)", type(exc).__name__)
            return None

    def raise_level(self, level: str, text: str) -> str:
        """``level`` or, when it is "none" and the model says yes, "elevated". Never lower."""
        if level != "none":
            return level
        return "elevated" if self.says_risk(text) is True else level
