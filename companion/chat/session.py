"""An unlocked profile: its conversations, and talking with the model about them.

Persistence never depends on the GUI: the person's message is committed before it is shown as sent
(``start_reply`` returns only after the commit), and the reply is committed on the model thread the
moment it finishes, whatever the GUI is showing by then. The GUI only renders the events. What happens
to a message after it is saved is one object, ``ReplyJob`` (reply.py).
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from dataclasses import dataclass

from companion.chat.events import ReplyDone, ReplyEvent, ReplyToken, ReplyWithdrawn  # noqa: F401 (re-exported)
from companion.chat.memory import Memory
from companion.chat.reply import ReplyJob, ReplyParts
from companion.chat.talk import TalkMode, TalkPolicy, person_lang
from companion.chat.worker import JobOwner, ModelWorker
from companion.practice.service import Practice
from companion.safety import RegionEntry
from companion.safety.aftercare import PlanExcerpt
from companion.safety.guard import SafetyGuard
from companion.safety.instant import InstantReplies
from companion.safety.monitor import SafetyEvent, SafetyMonitor
from companion.safety.plan import SafetyPlanBook
from companion.safety.seam import Guard
from companion.text_input import clean_message
from models import GenerationOptions
from storage import ConversationRecord, ConversationRepository, MessageRecord, ProfileInfo, ProfileStore, Vault
from storage.errors import StorageError
from storage.settings import SettingsRepository

Message = MessageRecord
Conversation = ConversationRecord

DEFAULT_AUTO_LOCK_MINUTES = 10


class ChatUnavailable(Exception):
    """No reply could be produced (no model, or the model failed). The person's message is saved."""


@dataclass(frozen=True)
class Turn:
    user: Message
    reply: str
    stopped: bool
    reply_message: Message | None


class Session:
    def __init__(self, profile: ProfileInfo, vault: Vault, store: ProfileStore, worker: ModelWorker,
                 guard: Guard | None = None, options: GenerationOptions | None = None,
                 lang: str | None = None, talk: TalkPolicy | None = None) -> None:
        self.profile = profile
        self._vault = vault
        self._store = store
        self._worker = worker
        self._guard = guard if guard is not None else SafetyGuard()  # the real screen unless told otherwise
        self._options = options  # None: the settings of whichever model is loaded (issue 7)
        self._lang = lang
        self._conversations = ConversationRepository(vault)
        self._settings = SettingsRepository(vault)
        self.safety_plan = SafetyPlanBook(vault)  # issue 3: the person's safety plan
        self._safety = SafetyMonitor(vault, self._guard, self._plan_excerpt)
        # Scripted replies (crisis, aftercare) never queue behind the model (issue 16).
        self._instant = InstantReplies()
        self.practice = Practice(vault)  # exercises, self-checks, progress, reminders (issue 4)
        self._closed = threading.Event()
        self._locking = False
        # Every model-thread job of this session (replies, summaries, folds, read-aheads) carries this
        # owner: locking closes it, which cancels them all and refuses any later one.
        self._owner = JobOwner(profile.nickname)
        self.memory = Memory(vault, worker, self._options, owner=self._owner)
        # Issue 14: free or guided talk, per reply (the capability gate; guided with no model).
        self._reply_parts = ReplyParts(self._conversations, self._safety, self.memory, worker, self._owner,
                                       self._options, lang, talk if talk is not None else TalkPolicy(worker),
                                       self._instant,
                                       # the guided turn's checks use the same reply scorer as the guard
                                       reply_scorer=getattr(self._guard, "reply_scorer", None))
        self.memory.suggestions_allowed = lambda lang: not self.talk.mode(lang).guided

    @property
    def talk(self) -> TalkPolicy:
        return self._reply_parts.talk

    @talk.setter
    def talk(self, talk: TalkPolicy) -> None:
        self._reply_parts = dataclasses.replace(self._reply_parts, talk=talk)

    def talk_mode(self, lang: str | None = None) -> TalkMode:
        """How the companion talks now in ``lang`` (the app's language by default), for the one calm
        line the chat shows."""
        return self.talk.mode(person_lang("", lang or self._lang))

    @property
    def lang(self) -> str | None:
        """The app's language: the fallback for a message with no letters in it."""
        return self._lang

    @lang.setter
    def lang(self, lang: str | None) -> None:
        self._lang = lang
        self._reply_parts = dataclasses.replace(self._reply_parts, lang=lang)

    @property
    def name(self) -> str:
        return self.profile.nickname

    @property
    def vault(self) -> Vault:
        """The open vault, for whole-profile operations (backup, export, report: companion/portability)."""
        return self._vault

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
        """Replies being written now (queued or streaming): request id -> conversation id."""
        return {job.request_id: job.label for job in self._worker.live(self._owner) if job.name == "reply"}

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
        return ReplyJob(self._reply_parts, conversation_id, history, user_text, on_event, replaces).start()

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

        message, request_id = self.start_reply(conversation_id, text, on_event)
        if not done.wait(timeout):
            self.stop(request_id)
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
        # Cancels this session's reply, summaries, folds and read-aheads, queued or running; a reply
        # stopped here is still committed (as stopped) before the wipe, and starts no follow-up work.
        self._worker.cancel_owner(self._owner)
        self._instant.close()  # a scripted reply being saved finishes first (milliseconds)

        def close() -> None:
            self._vault.close()
            self._guard.forget_text()
            self._closed.set()

        self._worker.clear_memory(then=close)
        if wait:
            self._closed.wait(timeout)

    def close_now(self) -> None:
        """Close the vault immediately. Only once nothing can write to it: at shutdown the model thread
        calls this itself after its last job (``ModelWorker.shutdown(then=...)``)."""
        self._locking = True
        self._instant.close()
        self._vault.close()
        self._guard.forget_text()
        self._closed.set()
