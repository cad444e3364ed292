"""How the companion talks this turn: freely through the model, or on the guided path (issue 14).

``TalkPolicy.mode(lang)`` decides per reply, from the model thread's state and the capability gate:
- no model (none installed, or it failed to load): guided, scripted CBT moves;
- a model measured below ``GATE`` in the person's language: guided;
- otherwise (measured at or above the gate, or not measured yet): free, with every reply shaped and
  checked, and a guided reply in place of one that fails a hard check.

``GuidedTurn`` carries one reply's CBT move: the instruction the model gets, the stream shaper, and the
guided reply used instead of the model's when needed. No Qt, no storage.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from companion.chat.cbt_moves import Move, instruction
from companion.chat.guided import guided_reply, next_move
from companion.chat.prompting import SMALL_SYSTEM_PROMPT
from companion.chat.reply_checks import ReplyCheck, check_reply
from companion.chat.shaping import StreamShaper, shape
from companion.chat.worker import ModelState, ModelWorker
from companion.chat.prompts import SYSTEM_PROMPT
from companion.safety import detect_lang
from companion.safety.screen.reply_scorer import ReplyScorer

#: A model talks freely in a language only if at least this share of its replies passed every hard
#: check of bench/conversation.py in that language.
GATE = 0.90

#: ReplyDone.mode values
GENERATED, GUIDED, FALLBACK = "generated", "guided", "fallback"


@dataclass(frozen=True)
class TalkMode:
    kind: str  # "free" | "guided" | "pending" (the model is loading: ask again once it has)
    lang: str  # "en" | "zh"
    reason: str  # "no_model" | "below_gate" | "poor_at_language" | "passed_gate" | "unmeasured"
    score: float | None = None
    model: str = ""

    @property
    def guided(self) -> bool:
        return self.kind == "guided"


def person_lang(text: str, fallback: str | None = None) -> str:
    """The language of the person's message; the app's language when it has no letters."""
    if re.search(r"[A-Za-z\u3400-\u9fff]", text):
        return detect_lang(text)
    return "zh" if (fallback or "").lower().startswith("zh") else "en"


class TalkPolicy:
    def __init__(self, worker: ModelWorker, capability: Callable[[str, str], float | None] | None = None,
                 poor_at: Callable[[str, str], bool] | None = None) -> None:
        """``capability(model_path, lang)``: the model's gate score in ``lang``, None if not measured;
        ``poor_at(model_path, lang)``: the shipped list says it writes that language poorly."""
        self._worker = worker
        self._capability = capability
        self._poor_at = poor_at

    def mode(self, lang: str) -> TalkMode:
        state = self._worker.state
        if state.state in (ModelState.FAILED, ModelState.CLOSED):
            return TalkMode("guided", lang, "no_model")
        info = state.info
        if info is None:  # still loading: decided once it has loaded (Session asks again then)
            return TalkMode("pending", lang, "loading")
        score = self._capability(info.path, lang) if self._capability is not None else None
        if self._poor_at is not None and self._poor_at(info.path, lang):
            return TalkMode("guided", lang, "poor_at_language", score, info.name)
        if score is None:
            return TalkMode("free", lang, "unmeasured", None, info.name)
        if score < GATE:
            return TalkMode("guided", lang, "below_gate", score, info.name)
        return TalkMode("free", lang, "passed_gate", score, info.name)


class GuidedTurn:
    """One reply's CBT move, its stream shaper and its guided fallback."""

    def __init__(self, user_messages: Sequence[str], lang: str, previous_reply: str = "", variant: int = 0,
                 check_in: bool = False, reply_scorer: ReplyScorer | None = None) -> None:
        """``check_in``: the safety screen flagged the conversation (elevated, or a crisis a few turns
        back): the guided reply asks about safety now instead of making a CBT move. ``reply_scorer``:
        the reply guard's learned scorer for this turn's checks (None: the guard's rules alone)."""
        self.reply_scorer = reply_scorer
        self.user_messages = list(user_messages)
        self.lang = lang
        self.previous_reply = previous_reply
        self.variant = variant
        self.move: Move = Move("check_in", lang) if check_in else next_move(self.user_messages, lang)
        self.shaper = StreamShaper(lang)
        self.check: ReplyCheck | None = None
        #: The model's own instructions: a reply that writes them back is a loop.
        self.prompt_texts: tuple[str, ...] = (self.instruction, SYSTEM_PROMPT, SMALL_SYSTEM_PROMPT)

    @property
    def instruction(self) -> str:
        return instruction(self.move)

    def guided_text(self) -> str:
        return guided_reply(self.move, self.user_messages, self.variant, self.reply_scorer)

    def feed(self, piece: str) -> str:
        """What of this piece may be shown now ("" while held back)."""
        return self.shaper.feed(piece)

    @property
    def complete(self) -> bool:
        """The shaped reply is complete (or went off the rails): stop generating."""
        return self.shaper.done

    def finish(self, raw: str) -> tuple[str, str, str]:
        """(the text to show and keep, its mode, the model's shaped text) for a finished generation."""
        shaped = shape(raw, self.lang)
        user_text = self.user_messages[-1] if self.user_messages else ""
        earlier = list(reversed(self.user_messages[:-1]))
        self.check = check_reply(shaped, user_text, self.previous_reply, earlier, self.lang,
                                 prompt_texts=self.prompt_texts, scorer=self.reply_scorer)
        if not shaped or self.check.needs_fallback:
            return self.guided_text(), FALLBACK, shaped
        return shaped, GENERATED, shaped
