"""An unlocked profile: its conversations, and talking with the model about them.

Persistence never depends on the GUI: the person's message is committed before it is shown as sent
(``start_reply`` returns only after the commit), and the reply is committed on the model thread the
moment it finishes, whatever the GUI is showing by then. The GUI only renders the events.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from companion.chat.events import CrisisFollowUp, ReplyDone, ReplyEvent, ReplyToken, ReplyWithdrawn
from companion.chat.memory import Memory, PromptPlan, system_message
from companion.chat.worker import GenerationResult, ModelWorker
from companion.practice.service import Practice
from companion.safety import RegionEntry
from companion.safety.aftercare import NOT_REGENERATED, PlanExcerpt
from companion.safety.contacts import ContactGate
from companion.safety.guard import SafetyGuard, message_lang, replacement
from companion.safety.instant import InstantReplies
from companion.safety.monitor import SafetyEvent, SafetyMonitor, SafetyNotice
from companion.safety.plan import SafetyPlanBook
from companion.safety.seam import Guard, MessageVerdict
from companion.text_input import clean_message
from models import GenerationOptions
from models.backend import ChatMessage
from storage import ConversationRecord, ConversationRepository, MessageRecord, ProfileInfo, ProfileStore, Vault
from storage.errors import StorageError
from storage.settings import SettingsRepository

Message = MessageRecord
Conversation = ConversationRecord

DEFAULT_AUTO_LOCK_MINUTES = 10
# A sentence ends at . ! ? or their CJK forms, or a newline; the guard reviews each finished one.
_SENTENCE_END = re.compile(r"[.!?。！？…]\s|[\n]|[。！？]")


class ChatUnavailable(Exception):
    """No reply could be produced (no model, or the model failed). The person's message is saved."""


@dataclass
class _ReplyState:
    """One reply's hand-over point between the model thread and a late crisis verdict."""

    lock: threading.Lock
    done: bool = False  # the model's reply was delivered (or given up)
    taken_over: bool = False  # a crisis reply replaced it: the model's result is dropped


@dataclass(frozen=True)
class Turn:
    user: Message
    reply: str
    stopped: bool
    reply_message: Message | None


class Session:
    def __init__(self, profile: ProfileInfo, vault: Vault, store: ProfileStore, worker: ModelWorker,
                 guard: Guard | None = None, options: GenerationOptions | None = None,
                 lang: str | None = None) -> None:
        self.profile = profile
        self._vault = vault
        self._store = store
        self._worker = worker
        self._guard = guard if guard is not None else SafetyGuard()  # the real screen unless told otherwise
        self._options = options  # None: the settings of whichever model is loaded (issue 7)
        self.lang = lang
        self._conversations = ConversationRepository(vault)
        self._settings = SettingsRepository(vault)
        self.safety_plan = SafetyPlanBook(vault)  # issue 3: the person's safety plan
        self._safety = SafetyMonitor(vault, self._guard, self._plan_excerpt)
        # Scripted replies (crisis, aftercare) never queue behind the model (issue 16).
        self._instant = InstantReplies()
        self.practice = Practice(vault)  # exercises, self-checks, progress, reminders (issue 4)
        self._pending: dict[int, str] = {}  # request id -> conversation id
        self._pending_lock = threading.Lock()
        self._closed = threading.Event()
        self._locking = False
        self.memory = Memory(vault, worker, self._options)

    @property
    def name(self) -> str:
        return self.profile.nickname

    @property
    def is_locked(self) -> bool:
        return self._locking

    # -- conversations -------------------------------------------------------------------------
    def conversations(self) -> list[Conversation]:
        return self._conversations.list()

    def new_conversation(self, title: str = "") -> str:
        return self._conversations.create(title).id

    def delete_conversation(self, conversation_id: str) -> None:
        self._conversations.delete(conversation_id)

    def history(self, conversation_id: str) -> list[Message]:
        return self._conversations.messages(conversation_id)

    def replying_in(self) -> dict[int, str]:
        """Replies being written now: request id -> conversation id."""
        with self._pending_lock:
            return dict(self._pending)

    # -- safety (issue 3; the logic is in companion/safety/monitor.py) --------------------------------
    def safety_events(self, conversation_id: str) -> list[SafetyEvent]:
        """What the safety layer flagged in the person's messages here, oldest first."""
        return self._safety.events(conversation_id)

    def correct_safety_event(self, event_id: int, note: str = "") -> SafetyEvent | None:
        """Record "that's not what I meant" (with the person's own words, if any) on a flagged event."""
        return self._safety.correct(event_id, note)

    def crisis_entry(self) -> RegionEntry:
        """The emergency numbers and crisis lines in force (the fallback when the region is unknown)."""
        return self._safety.crisis_entry()

    def _plan_excerpt(self) -> PlanExcerpt:
        plan = self.safety_plan.load()
        return PlanExcerpt(plan.text("coping"), plan.text("reasons"), bool(plan.text("people_to_ask").strip()))

    # -- settings ------------------------------------------------------------------------------
    @property
    def auto_lock_minutes(self) -> int:
        return int(self._settings.get("auto_lock_minutes", DEFAULT_AUTO_LOCK_MINUTES))

    def set_auto_lock_minutes(self, minutes: int) -> None:
        self._settings.set("auto_lock_minutes", max(0, int(minutes)))

    # -- talking -------------------------------------------------------------------------------
    def _prompt(self, history: list[Message], instruction: str = "", preamble: str = "") -> list[ChatMessage]:
        messages = [system_message(preamble)]
        messages += [ChatMessage(m.role, m.text) for m in history if m.text]
        if instruction:
            # After the history, so the cached prefix of earlier turns stays valid.
            messages.insert(len(messages) - 1, ChatMessage("system", instruction))
        return messages

    def start_reply(self, conversation_id: str, text: str, on_event: Callable[[ReplyEvent], None]) -> tuple[Message, int]:
        """Commit the person's message, then ask for a reply in the background.

        Returns the committed message and the request id. ``on_event`` is called on the model thread.
        Raises EmptyMessage / MessageTooLong (nothing saved, the caller keeps the text) or a
        StorageError (nothing saved).
        """
        text = clean_message(text)
        message = self._conversations.add_message(conversation_id, "user", text)
        history = self._conversations.messages(conversation_id)
        request_id = self._ask(conversation_id, history, text, on_event, replaces=None)
        return message, request_id

    def regenerate(self, conversation_id: str, on_event: Callable[[ReplyEvent], None]) -> int | None:
        """Write the last reply again. The old one stays until the new one is committed."""
        history = self._conversations.messages(conversation_id)
        if not history:
            return None
        replaces = None
        if history[-1].role == "assistant":
            replaces = history[-1].id
            history = history[:-1]
        users = [m for m in history if m.role == "user"]
        if not users:
            return None
        return self._ask(conversation_id, history, users[-1].text, on_event, replaces=replaces)

    def _ask(self, conversation_id: str, history: list[Message], user_text: str,
             on_event: Callable[[ReplyEvent], None], replaces: int | None) -> int:
        screening = self._safety.screen(conversation_id, history, user_text, self.lang)
        verdict = screening.verdict
        notice = [screening.notice_for]  # sent once, before the reply's first token
        plan: PromptPlan | None = None
        prompt: list[ChatMessage] = []
        withdrawn: list[str] = []  # the replacement text, once the guard withdrew the reply
        previous_char = [""]  # a sentence end can straddle two pieces (". " arriving as "." then " ")
        # Invented phone numbers, emails and links are held back as they stream and cut (issue 16).
        gate = ContactGate(self._safety.allowed_numbers())
        state = _ReplyState(threading.Lock())
        strict = [screening.strict]

        def announce(request_id: int) -> None:
            if notice:
                found = notice.pop()(request_id)
                if found is not None:
                    on_event(found)

        def on_token(request_id: int, piece: str) -> None:
            if state.taken_over:
                return
            announce(request_id)
            if withdrawn:
                return
            visible = gate.feed(piece)
            if visible:
                on_event(ReplyToken(request_id, conversation_id, visible))
            # Only the new piece is searched; the reply is joined just when a sentence has ended,
            # so the token loop stays linear in the reply's length.
            ended = _SENTENCE_END.search(previous_char[0] + piece)
            previous_char[0] = piece[-1:] or previous_char[0]
            if ended and gate.text:
                self._review(request_id, conversation_id, gate.text, user_text, withdrawn, on_event,
                             screening.user_message_id, strict[0])

        def on_done(result: GenerationResult) -> None:
            with state.lock:
                state.done = True
                if state.taken_over:  # a crisis reply was delivered instead; this one is dropped
                    with self._pending_lock:
                        self._pending.pop(result.request_id, None)
                    return
            announce(result.request_id)
            with self._pending_lock:
                self._pending.pop(result.request_id, None)
            text = result.text
            if prompt and not withdrawn and text and not result.error:
                gate.finish()
                text = gate.text  # without any sentence that held an invented contact detail
                if gate.cut:
                    self._safety.record_cut_contacts(conversation_id, screening.user_message_id, user_text,
                                                     self.lang)
                if not text.strip() and gate.cut:
                    withdrawn.append(self._safety_replacement(user_text, strict[0]))
                    on_event(ReplyWithdrawn(result.request_id, conversation_id, withdrawn[0]))
                elif text.strip():
                    self._review(result.request_id, conversation_id, text, user_text, withdrawn, on_event,
                                 screening.user_message_id, strict[0])
            text = text.strip()
            if withdrawn:
                text, stopped = withdrawn[0], False  # the blocked text is never stored
            else:
                stopped = result.stopped
            saved: Message | None = None
            save_error = ""
            if text.strip():
                try:
                    saved = self._conversations.add_reply(conversation_id, text,
                                                          "stopped" if stopped else "complete", replaces)
                except StorageError as exc:
                    save_error = exc.kind
            if prompt and plan is not None and not withdrawn:
                self.memory.after_reply(conversation_id, plan, prompt, saved)
            on_event(ReplyDone(result.request_id, conversation_id, text, stopped, saved,
                               error=result.error if not text else "", save_error=save_error,
                               recalled=plan.recalled_texts if plan is not None and prompt and saved else (),
                               note=note))

        note = ""
        scripted = screening.scripted_reply
        if scripted:
            if replaces is not None:
                note = NOT_REGENERATED.get(screening.lang)
            request_id = self._worker.reserve_id()
            with self._pending_lock:
                self._pending[request_id] = conversation_id
            # At once, whatever the model is doing (loading, generating, absent): issue 16.
            self._instant.send(lambda: on_done(GenerationResult(request_id, scripted, False)))
            return request_id
        plan = self.memory.plan(conversation_id, history, user_text)
        prompt = self._prompt(plan.history, "\n\n".join(filter(None, (verdict.instruction, plan.recall))),
                              plan.preamble)
        request_id = self._worker.generate(prompt, self._options, on_token, on_done)
        with self._pending_lock:
            self._pending[request_id] = conversation_id

        def on_raise(later: MessageVerdict, later_notice: SafetyNotice | None) -> None:
            """A slower safety layer raised the level of this message."""
            strict[0] = True
            if later.level != "imminent":
                if later_notice is not None and not state.done:
                    notice[:] = [lambda rid: dataclasses.replace(later_notice, request_id=rid)]
                return
            script = later.scripted_reply or self._safety.crisis_script(screening.lang, later.details.get(
                "signals", ()) if later.details else ())
            with state.lock:
                take_over = not state.done
                state.taken_over = take_over
            if take_over:
                self._worker.cancel(request_id)
                self._instant.send(lambda: self._deliver_crisis(request_id, conversation_id, script, replaces,
                                                                later_notice, on_event))
            else:
                follow_id = self._worker.reserve_id()
                self._instant.send(lambda: self._deliver_crisis(follow_id, conversation_id, script, None,
                                                                later_notice, on_event, follow_up=True))

        self._safety.screen_later(conversation_id, screening, user_text, self.lang, on_raise)
        return request_id

    def _deliver_crisis(self, request_id: int, conversation_id: str, script: str, replaces: int | None,
                        notice: SafetyNotice | None, on_event: Callable[[ReplyEvent], None],
                        follow_up: bool = False) -> None:
        """Commit and show a crisis reply that a later verdict called for (on the instant thread)."""
        if notice is not None:
            notice = dataclasses.replace(notice, request_id=request_id)
        saved: Message | None = None
        save_error = ""
        try:
            saved = self._conversations.add_reply(conversation_id, script, "complete", replaces)
        except StorageError as exc:
            save_error = exc.kind
        if follow_up:
            on_event(CrisisFollowUp(request_id, conversation_id, script, saved, notice))
            return
        with self._pending_lock:
            self._pending.pop(request_id, None)
        if notice is not None:
            on_event(notice)
        on_event(ReplyWithdrawn(request_id, conversation_id, script))
        on_event(ReplyDone(request_id, conversation_id, script, False, saved, save_error=save_error))

    def _safety_replacement(self, user_text: str, strict: bool) -> str:
        """A warm reply that fits the person's message, for a reply that had nothing left to show."""
        return replacement((), message_lang(user_text, self.lang), user_text, strict)

    def _review(self, request_id: int, conversation_id: str, text: str, user_text: str,
                withdrawn: list[str], on_event: Callable[[ReplyEvent], None],
                user_message_id: int | None = None, strict: bool = False) -> None:
        if strict and isinstance(self._guard, SafetyGuard):
            verdict = self._guard.review_reply(text, user_text, self.lang, strict=True)
        else:
            verdict = self._guard.review_reply(text, user_text, self.lang)
        if verdict.allowed:
            return
        withdrawn.append(verdict.replacement)
        self._safety.record_withdrawn(conversation_id, user_message_id, verdict, user_text, self.lang)
        self._worker.cancel(request_id)
        on_event(ReplyWithdrawn(request_id, conversation_id, verdict.replacement))

    def stop(self, request_id: int | None = None) -> None:
        self._worker.cancel(request_id)

    def send(self, conversation_id: str, text: str, on_token: Callable[[str], None] | None = None,
             timeout: float | None = None) -> Turn:
        """Blocking: commit the message, wait for the whole reply, return the turn."""
        done = threading.Event()
        result: list[ReplyDone] = []

        def on_event(event: ReplyEvent) -> None:
            if isinstance(event, ReplyToken) and on_token is not None:
                on_token(event.text)
            elif isinstance(event, ReplyDone):
                result.append(event)
                done.set()

        message, _ = self.start_reply(conversation_id, text, on_event)
        if not done.wait(timeout):
            self.stop()
            done.wait()
        reply = result[0]
        if reply.error:
            raise ChatUnavailable(reply.error)
        return Turn(message, reply.text, reply.stopped, reply.message)

    # -- profile -------------------------------------------------------------------------------
    def change_passphrase(self, old: str, new: str) -> None:
        self._store.change_passphrase(self.profile.nickname, old, new)

    def lock(self, wait: bool = True, timeout: float | None = 60.0) -> None:
        """Stop any reply, wipe the model's memory of it, then close the vault.

        The vault closes on the model thread after the running reply is committed (as stopped), so
        nothing shown is lost. With ``wait=False`` (the GUI) this returns at once.
        """
        if self._locking:
            if wait:
                self._closed.wait(timeout)
            return
        self._locking = True
        self.memory.stop()
        self._worker.cancel()
        self._instant.close()  # a scripted reply being saved finishes first (milliseconds)

        def close() -> None:
            self._vault.close()
            self._closed.set()

        self._worker.clear_memory(then=close)
        if wait:
            self._closed.wait(timeout)

    def close_now(self) -> None:
        """Close the vault immediately (used at shutdown, after the model thread has been joined)."""
        self._locking = True
        self._instant.close()
        self._vault.close()
        self._closed.set()
