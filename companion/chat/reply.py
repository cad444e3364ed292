"""One reply, one object: where a person's message goes after it is saved.

``ReplyJob`` owns a reply's whole life, in this order, all in this file:

1. ``screen``   the safety monitor screens the message (and records a flagged one) with the rules and
                the n-gram scorer; the semantic layer follows on the delivery thread (``_screen_later``)
                and the reply waits for it just before its first word (``_adopt_later``);
2. ``recall``   memory plans the prompt (history since the last fold, recalled memories);
3. ``choose``   SEAM: decide what the reply will be: a fixed text (no model) or a prompt for the model;
4. ``stream``   the model thread generates; each piece is shown (``ReplyToken``). Just before, on that
                thread, a capable model's second opinion may raise a message screened "none" to elevated
                (``_second_look``, issue 16): then the reply takes the elevated path from there;
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

import dataclasses
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from companion.chat.events import CrisisFollowUp, ReplyDone, ReplyEvent, ReplyToken, ReplyWithdrawn
from companion.chat.memory import Memory, PromptPlan
from companion.chat.prompting import move_instruction_for, stable_prefix, with_turn_notes
from companion.chat.shaping import shape
from companion.chat.talk import GENERATED, GUIDED, GuidedTurn, TalkMode, TalkPolicy, person_lang
from companion.chat.worker import GenerationResult, Job, JobOwner, ModelWorker
from companion.safety.aftercare import NOT_REGENERATED
from companion.safety.contacts import ContactGate, cut_contacts
from companion.safety.guard import message_lang, replacement
from companion.safety.instant import InstantReplies
from companion.safety.monitor import SafetyMonitor, SafetyNotice, Screening
from companion.safety.screen.level import Level
from companion.safety.screen.reply_scorer import ReplyScorer
from companion.safety.seam import MessageVerdict
from models import GenerationOptions
from models.backend import ChatMessage, ModelInfo
from storage import ConversationRepository, MessageRecord
from storage.errors import StorageError

#: How long a reply waits, before its first word, for the slower safety layer that started with it (its
#: embedding takes tens of milliseconds; this bounds a stuck one).
LATER_LAYER_WAIT_S = 2.0

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
    #: Delivers scripted replies at once, never behind the model thread (issue 16).
    instant: InstantReplies
    #: The reply guard's learned scorer (the guard's own), for the guided turn's checks; None: rules alone.
    reply_scorer: ReplyScorer | None = None


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
        # Invented phone numbers, emails and links are held back as they stream and cut (issue 16).
        self._gate = ContactGate(frozenset())
        self._strict = False  # review at the stricter threshold (the conversation was flagged)
        # The hand-over between the model thread and a later crisis verdict (issue 16).
        self._state_lock = threading.Lock()
        self._done = False
        self._taken_over = False
        # The slower safety layer's verdict (the semantic layer, on the delivery thread): set once it has
        # run; an elevated raise waits in ``_later_raise`` until the reply adopts it before it starts.
        self._later_settled = threading.Event()
        self._later_raise: Screening | None = None

    # -- 1-3: before the model (the caller's thread) ---------------------------------------------
    def start(self) -> int:
        """Screen, recall, choose, and queue the reply on the model thread. Returns the request id.

        A scripted reply (the crisis script, an aftercare step) is not queued there: it is committed and
        shown at once on the session's own delivery thread, whatever the model is doing (issue 16)."""
        parts = self.parts
        # The rules and the n-gram scorer here (milliseconds); the semantic layer's embedding (tens of
        # milliseconds, a stall the person would feel at Send) runs next on the delivery thread.
        self.screening = parts.monitor.screen(self.conversation_id, self.history, self.user_text, parts.lang,
                                              semantic_later=True)
        self._strict = self.screening.strict
        if self.screening.scripted_reply:  # a safety script is already the answer: nothing to raise
            self._later_settled.set()
        else:  # queued first, so a guided reply delivered on the same thread comes after its verdict
            parts.instant.send(self._screen_later)
        self._gate = ContactGate(parts.monitor.allowed_numbers())
        self.plan = parts.memory.plan(self.conversation_id, self.history, self.user_text)
        self.choice = self.choose()
        if self.choice.pending:
            parts.worker.submit("reply", lambda _job: self._decide(), parts.owner, self.request_id,
                                self.conversation_id)
        elif self.choice.guided:
            parts.instant.send(self._deliver_guided)
        elif self.choice.scripted:
            scripted = self.choice.scripted
            parts.instant.send(lambda: self._finish(GenerationResult(self.request_id, scripted, False)))
        else:
            self._generate()
        return self.request_id

    # -- the slower safety layer (the delivery thread) --------------------------------------------
    def _screen_later(self) -> None:
        """The semantic layer's look at the message; an imminent raise takes over at once (``_on_raise``),
        an elevated one waits for the reply to adopt it (``_adopt_later``) before its first word."""
        assert self.screening is not None
        try:
            self.parts.monitor.screen_later(self.conversation_id, self.screening, self.user_text,
                                            self.parts.lang, self._on_raise)
        finally:
            self._later_settled.set()

    def _adopt_later(self) -> bool:
        """Before the reply starts (the model thread, or the delivery thread for a guided reply): wait for
        the slower layer (it began with the reply, so this is rarely long), and when it raised the message
        to elevated, take the elevated path as if the first screen had said so: the card before the first
        word, the safety note in the prompt, a guided turn that checks in, the stricter review. True when
        adopted (the caller builds its choice again)."""
        if not self._later_settled.wait(LATER_LAYER_WAIT_S):
            return False  # a stuck layer must not hold the reply; a late raise still makes review stricter
        with self._state_lock:
            raised, self._later_raise = self._later_raise, None
        if raised is None or self._taken_over:
            return False
        self.screening = raised
        self._strict = True
        self.turn = self._new_turn()
        return True

    def _deliver_guided(self) -> None:
        """A guided reply (no model talks in this language, issue 14), on the delivery thread after the
        slower layer's verdict: a raised message gets the guided turn that checks in."""
        if self._adopt_later():
            assert self.turn is not None
            self.choice = ReplyChoice(scripted=self.turn.guided_text(), guided=True)
        self._finish(GenerationResult(self.request_id, self.choice.scripted, False))

    def choose(self) -> ReplyChoice:
        """SEAM: what this reply will be. Today: the safety layer's fixed script when it gave one (an
        imminent message), else the model with the history since the last fold, the running summary,
        and this turn's guidance (the safety note, then recalled memories) before the last message."""
        assert self.screening is not None and self.plan is not None
        if self.screening.scripted_reply:  # the crisis script, or a step of the aftercare flow
            return ReplyChoice(scripted=self.screening.scripted_reply)
        # Issue 14: the CBT move of this turn, and whether the model may talk in this language.
        self.turn = self._new_turn()
        return self._choice_for(self.parts.talk.mode(self.turn.lang))

    def _new_turn(self) -> GuidedTurn:
        assert self.screening is not None
        verdict = self.screening.verdict
        lang = person_lang(self.user_text, self.parts.lang)
        previous = next((m.text for m in reversed(self.history) if m.role == "assistant"), "")
        return GuidedTurn([m.text for m in self.history if m.role == "user"], lang, previous,
                          variant=1 if self.replaces is not None else 0,  # "Try another reply"
                          # flagged now or a few turns back: the guided reply asks about safety
                          check_in=verdict.level == "elevated" or "whether they are safe" in verdict.instruction,
                          reply_scorer=self.parts.reply_scorer)

    def _choice_for(self, mode: TalkMode) -> ReplyChoice:
        assert self.turn is not None
        if mode.kind == "pending":
            return ReplyChoice(pending=True)
        if mode.guided:
            return ReplyChoice(scripted=self.turn.guided_text(), guided=True)
        return self._prompt_choice()

    def _prompt_choice(self) -> ReplyChoice:
        """The model's prompt for this turn: the screen's note, recall, and the CBT move when there is no note."""
        assert self.screening is not None and self.plan is not None and self.turn is not None
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
        if self._taken_over:  # a later crisis verdict already answered this message
            return
        self._adopt_later()
        if self._taken_over:
            return
        self.choice = self._choice_for(self.parts.talk.mode(self.turn.lang))
        if self.choice.scripted or self.choice.pending:  # pending: the load never ran; answer guided
            self._finish(GenerationResult(self.request_id, self.choice.scripted or self.turn.guided_text(), False))
            return
        self._generate()

    def _generate(self) -> None:
        if self._taken_over:  # a later crisis verdict already answered this message
            return
        self.parts.worker.generate(self.choice.prompt, self.parts.options, self._on_token, self._finish,
                                   owner=self.parts.owner, name="reply", request_id=self.request_id,
                                   label=self.conversation_id, prepare=self._second_look)

    def _second_look(self, job: Job) -> tuple[ChatMessage, ...] | None:
        """On the model thread, just before generation (issue 16): when the rules and the scorer screened
        the message "none" and the loaded model is capable, its yes/no second opinion. A yes makes the
        message elevated and the reply takes the elevated path from here, as if the screen had said so: the
        card before the first token, the safety note in the prompt (the turn checks in), the stricter review,
        the recorded event. Returns the new prompt, or None to keep it: a no, no answer, an error, or a
        cancel (a lock while asking: the worker then generates nothing) change nothing.

        First the slower safety layer's verdict, which started with the reply: an elevated raise is
        adopted the same way (``_adopt_later``), and then no second opinion is asked."""
        if self._adopt_later():
            self.choice = self._prompt_choice()
            return self.choice.prompt
        if self._taken_over:
            # An imminent raise answered the message before this job could be cancelled (it came between the
            # screen and the job's submission): the model is not asked at all.
            job.cancel.set()
            return None
        screening = self.screening
        if (screening is None or screening.verdict.level != Level.NONE or screening.scripted_reply
                or not self.parts.worker.second_opinion_on or self._taken_over):
            return None
        raised = self.parts.monitor.raise_with_second_opinion(
            self.conversation_id, self.history, self.user_text, self.parts.lang, screening,
            self.parts.worker.raise_by_second_opinion)
        if raised is None or job.cancel.is_set():
            return None
        self.screening = raised
        self._strict = True
        self.turn = self._new_turn()
        self.choice = self._prompt_choice()
        return self.choice.prompt

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
        if self._taken_over:
            return
        self._announce()
        if self.withdrawn:
            return
        if self.turn is not None:
            piece = self.turn.feed(piece)  # held back while it may be a role tag, a list or another language
            if self.turn.complete:
                self.parts.worker.cancel(self.request_id)  # a complete reply: no need to read on
            if not piece:
                return
        visible = self._gate.feed(piece)  # invented contact details are held back (issue 16)
        if visible:
            self._shown.append(visible)
            self._on_event(ReplyToken(self.request_id, self.conversation_id, visible))
        # Only the new piece is searched; the reply is joined just when a sentence has ended,
        # so the token loop stays linear in the reply's length.
        ended = _SENTENCE_END.search(self._previous_char + piece)
        self._previous_char = piece[-1:] or self._previous_char
        if ended and self._gate.text:
            self.review(self._gate.text)

    def review(self, text: str) -> None:
        """SEAM: may ``text`` (the reply so far) be shown? If not, ``withdraw`` it."""
        assert self.screening is not None
        verdict = self.parts.monitor.review(self.conversation_id, self.screening.user_message_id, text,
                                            self.user_text, self.parts.lang, strict=self._strict)
        if not verdict.allowed:
            self.withdraw(verdict.replacement)

    def _on_raise(self, later: MessageVerdict, notice: SafetyNotice | None) -> None:
        """A slower safety layer raised this message's level (any thread). Imminent: the crisis reply is
        shown at once, replacing a reply still being written, or following a finished one."""
        assert self.screening is not None
        self._strict = True
        if later.level != Level.IMMINENT:
            first = self.screening
            with self._state_lock:
                self._later_raise = Screening(later, notice, first.user_message_id, first.lang, strict=True,
                                              earlier=first.earlier, prior=first.prior)
            return
        signals = later.details.get("signals", ()) if later.details else ()
        script = later.scripted_reply or self.parts.monitor.crisis_script(self.screening.lang, signals)
        with self._state_lock:
            take_over = not self._done
            self._taken_over = take_over
        if take_over:
            self.parts.worker.cancel(self.request_id)
            self.parts.instant.send(lambda: self._deliver_crisis(self.request_id, script, self.replaces, notice))
        else:
            follow_id = self.parts.worker.reserve_id()
            self.parts.instant.send(lambda: self._deliver_crisis(follow_id, script, None, notice, follow_up=True))

    def _deliver_crisis(self, request_id: int, script: str, replaces: int | None, notice: SafetyNotice | None,
                        follow_up: bool = False) -> None:
        if notice is not None:
            notice = dataclasses.replace(notice, request_id=request_id)
        saved: MessageRecord | None = None
        save_error = ""
        try:
            saved = self.parts.conversations.add_reply(self.conversation_id, script, "complete", replaces)
        except StorageError as exc:
            save_error = exc.kind
        if follow_up:
            self._on_event(CrisisFollowUp(request_id, self.conversation_id, script, saved, notice))
            return
        if notice is not None:
            self._on_event(notice)
        self._on_event(ReplyWithdrawn(request_id, self.conversation_id, script))
        self._on_event(ReplyDone(request_id, self.conversation_id, script, False, saved, save_error=save_error))

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
        with self._state_lock:
            self._done = True
            if self._taken_over:  # a crisis reply was delivered instead; this one is dropped
                return
        self._announce()
        result = self._shaped(result)
        text = result.text
        # The crisis script and aftercare steps (no CBT turn) are the app's own words; every other
        # reply, generated or guided, loses any sentence with an invented contact detail and is reviewed.
        if self.turn is not None and not self.withdrawn and text and not result.error:
            text, cut = cut_contacts(text, self._gate.allowed)
            if cut and self.screening is not None:
                self.parts.monitor.record_cut_contacts(self.conversation_id, self.screening.user_message_id,
                                                       self.user_text, self.parts.lang)
            if text.strip():
                self.review(text)
            elif cut:
                self.withdraw(replacement((), message_lang(self.user_text, self.parts.lang), self.user_text,
                                          self._strict))
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
        note = ""
        if self.screening is not None and self.screening.scripted_reply and self.replaces is not None:
            note = NOT_REGENERATED.get(self.screening.lang)  # "Try another reply" on a scripted reply
        self._on_event(ReplyDone(self.request_id, self.conversation_id, text, stopped, saved,
                                 error=result.error if not text else "", save_error=save_error,
                                 recalled=self.plan.recalled_texts if used_model and saved and self.plan else (),
                                 note=note, mode=self.mode, generated=self.generated))

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
