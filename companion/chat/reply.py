"""One reply, one object: where a person's message goes after it is saved.

``ReplyJob`` owns a reply's whole life, in this order, all in this file:

1. ``screen``   the safety monitor screens the message (and records a flagged one);
2. ``recall``   memory plans the prompt (history since the last fold, recalled memories);
3. ``choose``   SEAM: decide what the reply will be: a fixed text (no model) or a prompt for the model;
4. ``stream``   the model thread generates; each piece is shown (``ReplyToken``);
5. ``review``   SEAM: at each sentence end, and once at the end, the monitor reviews the reply so far;
                a withdrawal replaces everything shown (``withdraw`` -> ``ReplyWithdrawn``);
6. ``finish``   commit what the person saw (or the replacement; never the withdrawn text), then the
                follow-up work (memory notes and folds) unless a lock stopped it, then ``ReplyDone``.

The two seams are small methods on purpose (ARCHITECTURE.md, "Where to hook in"): change what the
companion says in ``choose`` (a prompt, an instruction, or a scripted text), and what may be shown in
``review`` (call ``withdraw(replacement)`` to take back the reply). Everything after ``start`` runs on
the model thread; events go to ``on_event`` there.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from companion.chat.events import ReplyDone, ReplyEvent, ReplyToken, ReplyWithdrawn
from companion.chat.memory import Memory, PromptPlan
from companion.chat.prompting import move_instruction_for, stable_prefix, with_turn_notes
from companion.chat.shaping import shape
from companion.chat.talk import GENERATED, GUIDED, GuidedTurn, TalkMode, TalkPolicy, person_lang
from companion.chat.worker import GenerationResult, JobOwner, ModelWorker
from companion.safety.monitor import SafetyMonitor, Screening
from models import GenerationOptions
from models.backend import ChatMessage, ModelInfo
from storage import ConversationRepository, MessageRecord
from storage.errors import StorageError

# A sentence ends at . ! ? or their CJK forms, or a newline; the guard reviews each finished one.
_SENTENCE_END = re.compile(r"[.!?。！？…]\s|[\n]|[。！？]")


@dataclass(frozen=True)
class ReplyParts:
    """What every reply of one session works with (built once by the session)."""

    conversations: ConversationRepository
    monitor: SafetyMonitor
    memory: Memory
    worker: ModelWorker
    owner: JobOwner  # the session: locking it cancels this reply and its follow-up work
    options: GenerationOptions | None
    lang: str | None
    talk: TalkPolicy  # issue 14: whether the model talks freely in the person's language, or guided


@dataclass(frozen=True)
class ReplyChoice:
    """What the reply will be: ``scripted`` text (the model is not asked) or ``prompt`` for the model."""

    scripted: str = ""
    prompt: tuple[ChatMessage, ...] = ()
    guided: bool = False  # ``scripted`` is a guided CBT reply (issue 14), not a safety script
    pending: bool = False  # the model is still loading: choose again once it has


def build_prompt(history: Sequence[MessageRecord], instruction: str = "", preamble: str = "",
                 info: ModelInfo | None = None, move: str = "") -> list[ChatMessage]:
    """The model's stable prefix (its system prompt with the running fold summary; for a small model,
    example exchanges too), the history, this turn's instruction just before the person's last
    message, and the CBT move after it, so the cached prefix of earlier turns stays valid."""
    return with_turn_notes(stable_prefix(info, preamble), [ChatMessage(m.role, m.text) for m in history if m.text],
                           instruction, move, info)


class ReplyJob:
    def __init__(self, parts: ReplyParts, conversation_id: str, history: Sequence[MessageRecord], user_text: str,
                 on_event: Callable[[ReplyEvent], None], replaces: int | None = None) -> None:
        self.parts = parts
        self.conversation_id = conversation_id
        self.history = list(history)
        self.user_text = user_text
        self.replaces = replaces  # the reply being written again (kept until this one is committed)
        self._on_event = on_event
        self.request_id = parts.worker.reserve_id()
        self.screening: Screening | None = None
        self.plan: PromptPlan | None = None
        self.choice = ReplyChoice()
        self._shown: list[str] = []
        self._replacement: str | None = None  # set once the reply is withdrawn
        self._previous_char = ""  # a sentence end can straddle two pieces (". " as "." then " ")
        self._announced = False
        self.turn: GuidedTurn | None = None  # issue 14: this reply's CBT move, shaper and guided fallback
        self.mode = ""  # ReplyDone.mode
        self.generated: str | None = None

    # -- 1-3: before the model (the caller's thread) ---------------------------------------------
    def start(self) -> int:
        """Screen, recall, choose, and queue the reply on the model thread. Returns the request id."""
        parts = self.parts
        self.screening = parts.monitor.screen(self.conversation_id, self.history, self.user_text, parts.lang)
        self.plan = parts.memory.plan(self.conversation_id, self.history, self.user_text)
        self.choice = self.choose()
        if self.choice.pending:
            parts.worker.submit("reply", lambda _job: self._decide(), parts.owner, self.request_id,
                                self.conversation_id)
        elif self.choice.scripted:
            scripted = self.choice.scripted
            parts.worker.submit("reply", lambda _job: self._finish(GenerationResult(self.request_id, scripted, False)),
                                parts.owner, self.request_id, self.conversation_id)
        else:
            parts.worker.generate(self.choice.prompt, parts.options, self._on_token, self._finish,
                                  owner=parts.owner, name="reply", request_id=self.request_id,
                                  label=self.conversation_id)
        return self.request_id

    def choose(self) -> ReplyChoice:
        """SEAM: what this reply will be. Today: the safety layer's fixed script when it gave one (an
        imminent message), else the model with the history since the last fold, the running summary,
        and this turn's guidance (the safety note, then recalled memories) before the last message."""
        assert self.screening is not None and self.plan is not None
        verdict = self.screening.verdict
        if verdict.scripted_reply:
            return ReplyChoice(scripted=verdict.scripted_reply)
        # Issue 14: the CBT move of this turn, and whether the model may talk in this language.
        lang = person_lang(self.user_text, self.parts.lang)
        previous = next((m.text for m in reversed(self.history) if m.role == "assistant"), "")
        self.turn = GuidedTurn([m.text for m in self.history if m.role == "user"], lang, previous,
                               variant=1 if self.replaces is not None else 0,  # "Try another reply"
                               # flagged now or a few turns back: the guided reply asks about safety
                               check_in=verdict.level == "elevated" or "whether they are safe" in verdict.instruction)
        return self._choice_for(self.parts.talk.mode(lang))

    def _choice_for(self, mode: TalkMode) -> ReplyChoice:
        assert self.screening is not None and self.plan is not None and self.turn is not None
        if mode.kind == "pending":
            return ReplyChoice(pending=True)
        if mode.guided:
            return ReplyChoice(scripted=self.turn.guided_text(), guided=True)
        verdict = self.screening.verdict
        info = self.parts.worker.state.info
        instruction = "\n\n".join(filter(None, (verdict.instruction, self.plan.recall)))
        # The CBT move as a one-line instruction after the history (move_instruction_for), never beside a
        # safety note: staying with the person's safety comes first.
        move = self.turn.instruction if move_instruction_for(info) and not verdict.instruction else ""
        return ReplyChoice(prompt=tuple(build_prompt(self.plan.history, instruction, self.plan.preamble, info, move)))

    def _decide(self) -> None:
        """On the model thread, once the model has loaded (or failed to): choose again and go on."""
        assert self.turn is not None
        self.choice = self._choice_for(self.parts.talk.mode(self.turn.lang))
        if self.choice.scripted or self.choice.pending:  # pending: the load never ran; answer guided
            self._finish(GenerationResult(self.request_id, self.choice.scripted or self.turn.guided_text(), False))
            return
        self.parts.worker.generate(self.choice.prompt, self.parts.options, self._on_token, self._finish,
                                   owner=self.parts.owner, name="reply", request_id=self.request_id,
                                   label=self.conversation_id)

    # -- 4-5: streaming and review (the model thread) --------------------------------------------
    def _announce(self) -> None:
        """The safety card, once, before the reply's first token."""
        if self._announced:
            return
        self._announced = True
        notice = self.screening.notice_for(self.request_id) if self.screening is not None else None
        if notice is not None:
            self._on_event(notice)

    def _on_token(self, _request_id: int, piece: str) -> None:
        self._announce()
        if self.withdrawn:
            return
        if self.turn is not None:
            piece = self.turn.feed(piece)  # held back while it may be a role tag, a list or another language
            if self.turn.complete:
                self.parts.worker.cancel(self.request_id)  # a complete reply: no need to read on
            if not piece:
                return
        self._shown.append(piece)
        self._on_event(ReplyToken(self.request_id, self.conversation_id, piece))
        # Only the new piece is searched; the reply is joined just when a sentence has ended,
        # so the token loop stays linear in the reply's length.
        ended = _SENTENCE_END.search(self._previous_char + piece)
        self._previous_char = piece[-1:] or self._previous_char
        if ended:
            self.review("".join(self._shown))

    def review(self, text: str) -> None:
        """SEAM: may ``text`` (the reply so far) be shown? If not, ``withdraw`` it."""
        assert self.screening is not None
        verdict = self.parts.monitor.review(self.conversation_id, self.screening.user_message_id, text,
                                            self.user_text, self.parts.lang)
        if not verdict.allowed:
            self.withdraw(verdict.replacement)

    @property
    def withdrawn(self) -> bool:
        return self._replacement is not None

    def withdraw(self, replacement: str) -> None:
        """Take back everything shown; ``replacement`` is shown and committed instead. The model stops."""
        if self.withdrawn:
            return
        self._replacement = replacement
        self.parts.worker.cancel(self.request_id)
        self._on_event(ReplyWithdrawn(self.request_id, self.conversation_id, replacement))

    # -- 6: commit and tell (the model thread) ---------------------------------------------------
    @property
    def stopped_by_lock(self) -> bool:
        return self.parts.owner.closed.is_set()

    def _finish(self, result: GenerationResult) -> None:
        self._announce()
        result = self._shaped(result)
        text = result.text
        if not self.withdrawn and text and not result.error:
            self.review(text)
        if self.withdrawn:
            text, stopped = self._replacement or "", False  # the blocked text is never stored
        else:
            text, stopped = text.strip(), result.stopped
        saved, save_error = self._commit(text, stopped)
        used_model = bool(self.choice.prompt)
        if used_model and not self.withdrawn and not self.stopped_by_lock and self.plan is not None:
            # Follow-up work (recall notes, a fold) only for a reply that ended on its own or by Stop:
            # one stopped by a lock must not make the model read the conversation after the wipe.
            self.parts.memory.after_reply(self.conversation_id, self.plan, self.choice.prompt, saved)
        self._on_event(ReplyDone(self.request_id, self.conversation_id, text, stopped, saved,
                                 error=result.error if not text else "", save_error=save_error,
                                 recalled=self.plan.recalled_texts if used_model and saved and self.plan else (),
                                 mode=self.mode, generated=self.generated))

    def _shaped(self, result: GenerationResult) -> GenerationResult:
        """Issue 14: a guided reply as it is; a generated one shaped, or replaced by the guided reply when
        it fails a hard check (wrong language, a loop, a role tag, nothing left) or there is no model."""
        turn = self.turn
        if turn is None:
            return result  # a safety script
        if self.choice.scripted or self.choice.pending:
            self.mode = GUIDED
            return result
        if not result.text.strip():
            if result.error:
                self.mode = GUIDED
                return GenerationResult(result.request_id, turn.guided_text(), False)
            return result
        if result.stopped and not turn.complete:  # stopped by the person: what they saw
            self.mode = GENERATED
            text = shape(result.text, turn.lang) or "".join(self._shown).strip()
            return GenerationResult(result.request_id, text, True)
        text, self.mode, self.generated = turn.finish(result.text)
        return GenerationResult(result.request_id, text, False)

    def _commit(self, text: str, stopped: bool) -> tuple[MessageRecord | None, str]:
        if not text.strip():
            return None, ""
        try:
            return self.parts.conversations.add_reply(self.conversation_id, text,
                                                      "stopped" if stopped else "complete", self.replaces), ""
        except StorageError as exc:
            return None, exc.kind
