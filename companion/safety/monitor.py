"""The safety layer's side of a session: screening, reviewing and recording, in one place.

A reply asks ``SafetyMonitor.screen`` before it starts and ``SafetyMonitor.review`` at each sentence end;
nothing else in the chat calls the guard. It works out the conversation's risk state
from the stored events (so it survives lock and unlock), asks the guard, records a flagged message as an
event in the vault, and hands back the ``SafetyNotice`` the chat shows as a card with the reply. Withdrawn
replies are recorded too, by their reasons only (the blocked text is never stored anywhere). The person's
"that's not what I meant" is kept with the event; it does not lower the screen (nothing a person types
switches the safety layer off), it tells the card, and anyone reading the record, what they meant.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from companion.safety import RULES_VERSION, RegionEntry, normalise
from companion.safety.aftercare import PlanExcerpt, after_imminent, aftercare_reply, says_safe
from companion.safety.contacts import allowed_numbers
from companion.safety.crisis_lines import load_crisis_lines
from companion.safety.guard import SafetyGuard, format_emergency, format_lines, message_lang, screen_failed_note
from companion.safety.screen.level import FLAGGED, Level
from companion.safety.screen.ruleset import common_rules
from companion.safety.seam import Guard, MessageVerdict, ReplyVerdict, RiskState
from storage import MessageRecord, Vault
from storage.errors import StorageError
from storage.safety_events import SafetyEventRecord, SafetyEventRepository

log = logging.getLogger(__name__)

SafetyEvent = SafetyEventRecord
#: Person's messages after a crisis beyond which the aftercare flow is not looked for (it has long
#: ended by then: it hands back after a few calm messages).
AFTERCARE_HORIZON = 40


@dataclass(frozen=True)
class SafetyNotice:
    """Sent before a reply streams when the person's message was flagged: the chat shows a card.

    ``event_id`` is None only when the event could not be saved (the card then cannot take a correction).
    """

    request_id: int
    conversation_id: str
    event_id: int | None
    message_id: int | None
    level: Level  # elevated or imminent
    reasons: tuple[str, ...]  # in ``lang``, the language of the person's message
    lang: str  # "en" | "zh"


@dataclass(frozen=True)
class Screening:
    verdict: MessageVerdict
    notice: SafetyNotice | None  # request_id 0: filled in by ``for_request``
    user_message_id: int | None
    lang: str
    #: Review replies at the stricter threshold: this message or the conversation so far was flagged.
    strict: bool = False
    #: The scripted aftercare reply for this message (after a crisis), or "": then the model answers.
    aftercare: str = ""
    #: The earlier user messages and the risk state, for a later verdict (``SafetyMonitor.screen_later``).
    earlier: tuple[str, ...] = ()
    prior: RiskState = RiskState()

    @property
    def scripted_reply(self) -> str:
        """The fixed reply for this message (the crisis script or an aftercare step), or ""."""
        return self.verdict.scripted_reply or self.aftercare

    def notice_for(self, request_id: int) -> SafetyNotice | None:
        return dataclasses.replace(self.notice, request_id=request_id) if self.notice is not None else None


class SafetyMonitor:
    def __init__(self, vault: Vault, guard: Guard, plan: Callable[[], PlanExcerpt] | None = None) -> None:
        """``plan``: what of the person's safety plan the aftercare flow may quote."""
        self._events = SafetyEventRepository(vault)
        self._guard = guard
        self._plan = plan

    def screen(self, conversation_id: str, history: Sequence[MessageRecord], user_text: str,
               lang: str | None, use_scorer: bool = True, semantic_later: bool = False) -> Screening:
        """Screen the person's last message (the last user message of ``history``) before a reply.

        A message screened again (a regenerated reply) keeps its first event and sends no new notice.
        ``use_scorer=False``: the rules alone (instant); then ``raise_with_scorer`` off the GUI thread.
        ``semantic_later``: the rules and the n-gram scorer only (a few milliseconds, on the GUI thread);
        the semantic layer's tens of milliseconds come after, off it, through ``screen_later``.
        """
        users = [m for m in history if m.role == "user"]
        current = users[-1] if users else None
        earlier = [m.text for m in users[:-1]]
        out_lang = message_lang(user_text, lang)
        prior = self._risk_state(conversation_id, users)
        try:
            if semantic_later and isinstance(self._guard, SafetyGuard):
                verdict = self._guard.screen_in_context(user_text, earlier, lang, prior, semantic=False)
            elif use_scorer or getattr(self._guard, "scorer", None) is None:
                verdict = self._guard.screen_in_context(user_text, earlier, lang, prior)
            else:  # the rules' instant verdict; the scorer's comes later through raise_with_scorer
                verdict = self._guard.screen_in_context(user_text, earlier, lang, prior, use_scorer=False)
        except Exception as exc:  # a broken rule file must not lose the person's message or the reply
            # Logged without any of the person's words. The model still gets the general safety note,
            # and every reply is still reviewed.
            log.error("the safety screen failed (%s); answering with the general safety note", type(exc).__name__)
            verdict = MessageVerdict(Level.NONE, (), instruction=screen_failed_note(out_lang))
        notice = None
        own_level = verdict.level
        extras = {"strict": verdict.level in FLAGGED or prior.carries(), "earlier": tuple(earlier),
                  "prior": prior}
        if verdict.level == Level.ELEVATED and verdict.details.get("from_history") and prior.carries():
            # Still elevated only because of what came before, which already has its card: the model
            # keeps its safety note, but no new card each message (a card storm feels like being watched).
            extras["aftercare"] = self._aftercare(conversation_id, users, "none", user_text, out_lang)
            return Screening(verdict, None, current.id if current else None, out_lang, **extras)
        extras["aftercare"] = self._aftercare(conversation_id, users, own_level, user_text, out_lang)
        if verdict.level in FLAGGED:
            event_lang = verdict.details.get("lang", out_lang) if verdict.details else out_lang
            existing = self._existing(current)
            if existing is None:
                event = self._record(conversation_id, current, "message", verdict.level, verdict.reasons,
                                     event_lang, verdict.details.get("rules_version", RULES_VERSION))
                notice = SafetyNotice(0, conversation_id, event.id if event else None,
                                      current.id if current else None, verdict.level, tuple(verdict.reasons),
                                      event_lang)
        return Screening(verdict, notice, current.id if current else None, out_lang, **extras)

    def screen_later(self, conversation_id: str, screening: Screening, user_text: str, lang: str | None,
                     on_raise: Callable[[MessageVerdict, SafetyNotice | None], None]) -> None:
        """Let the guard's slower layers (the learned scorer's semantic layer) look at the message: blocking
        for them, so the caller runs this off the GUI thread (``ReplyJob`` on the session's delivery
        thread). When one raises the level, record it and call ``on_raise`` (from whichever thread
        reported) with the new verdict and its notice; the notice is None when the message already has an
        event at that level (a regenerated reply: one card per message, as in ``screen``).

        The seam for those layers: a guard with ``screen_later(text, history, lang, prior, report)``
        runs them (or starts them on threads of its own) and calls ``report(verdict)`` once if, and only
        if, they raise the level. A guard without it has no slower layers."""
        later = getattr(self._guard, "screen_later", None)
        if later is None:
            return
        first = screening.verdict.level

        def report(verdict: MessageVerdict) -> None:
            if Level(verdict.level).rank <= Level(first).rank:
                return  # a later layer can only raise the level
            event_lang = verdict.details.get("lang", screening.lang) if verdict.details else screening.lang
            existing = self._existing_by_id(screening.user_message_id)
            if existing is not None and Level(existing.level).rank >= Level(verdict.level).rank:
                on_raise(verdict, None)  # recorded and shown the first time this message was screened
                return
            event = self._record_raw(conversation_id, screening.user_message_id, "message", verdict.level,
                                     verdict.reasons, event_lang,
                                     verdict.details.get("rules_version", RULES_VERSION) if verdict.details
                                     else RULES_VERSION)
            notice = SafetyNotice(0, conversation_id, event.id if event else None, screening.user_message_id,
                                  verdict.level, tuple(verdict.reasons), event_lang)
            on_raise(verdict, notice)

        try:
            later(user_text, list(screening.earlier), lang, screening.prior, report)
        except Exception as exc:  # the rules' verdict stands
            log.error("the later safety layers failed to start (%s)", type(exc).__name__)

    def crisis_script(self, lang: str, signals: Sequence[str] = ()) -> str:
        """The fixed crisis reply (from the guard; a plain one for a guard that has none)."""
        script = getattr(self._guard, "script", None)
        if script is not None:
            return script(lang, signals)
        return SafetyGuard().script(lang, signals)  # the real script, with the fallback entry

    def allowed_numbers(self) -> frozenset[str]:
        """The digits of every phone number the app may show in a reply."""
        numbers = getattr(self._guard, "allowed_numbers", None)
        if numbers is not None:
            return numbers()
        return allowed_numbers(load_crisis_lines(), [self.crisis_entry()])

    def raise_with_scorer(self, conversation_id: str, history: Sequence[MessageRecord], user_text: str,
                          lang: str | None, first: Screening) -> Screening | None:
        """The learned scorer's second look at a message the rules already screened as ``first``.

        Returns a new Screening (its event recorded, its notice ready) when the scorer raised the level,
        else None. Blocking for milliseconds (tens for a long message): call it off the GUI thread, after
        showing whatever ``first`` asked for; an imminent result carries the crisis script to show at once.
        """
        raise_ = getattr(self._guard, "raise_with_scorer", None)
        if raise_ is None:
            return None
        users = [m for m in history if m.role == "user"]
        current = users[-1] if users else None
        earlier = [m.text for m in users[:-1]]
        try:
            verdict = raise_(user_text, earlier, lang, self._risk_state(conversation_id, users), first.verdict)
        except Exception as exc:  # the rules' verdict stands; never the person's words in the log
            log.error("the risk scorer failed (%s); the rules' verdict stands", type(exc).__name__)
            return None
        if verdict is None:
            return None
        event_lang = verdict.details.get("lang", first.lang)
        event = self._record(conversation_id, current, "message", verdict.level, verdict.reasons, event_lang,
                             verdict.details.get("rules_version", RULES_VERSION))
        notice = SafetyNotice(0, conversation_id, event.id if event else None, current.id if current else None,
                              verdict.level, tuple(verdict.reasons), event_lang)
        return Screening(verdict, notice, current.id if current else None, first.lang)

    def raise_with_second_opinion(self, conversation_id: str, history: Sequence[MessageRecord], user_text: str,
                                  lang: str | None, first: Screening,
                                  raise_level: Callable[[str, str], str]) -> Screening | None:
        """A capable model's second opinion on a message the rules and the scorer screened "none" (issue 16).

        ``raise_level(level, text)`` asks it (``ModelWorker.raise_by_second_opinion``, on the model thread,
        just before the reply is generated). When it says yes, the message takes the elevated path as if the
        screen had said so: recorded like any verdict (once: a regenerated reply keeps the first event and
        shows no new card), a notice for the card, the stricter review. Returns that Screening, or None: a
        "no", no answer, a model error or a cancelled question change nothing. Never lowers, never imminent.
        """
        if first.verdict.level != Level.NONE or first.scripted_reply:
            return None
        elevate = getattr(self._guard, "raise_with_second_opinion", None)
        if elevate is None:  # a guard without it (a test's) has no second opinion: nothing is asked
            return None
        try:
            if raise_level(Level.NONE, user_text) != Level.ELEVATED:
                return None
            verdict = elevate(user_text, list(first.earlier), lang, first.prior, first.verdict)
        except Exception as exc:  # the screen's verdict stands; never the person's words in the log
            log.error("the second opinion failed (%s); the screen's verdict stands", type(exc).__name__)
            return None
        if verdict is None or Level(verdict.level) != Level.ELEVATED:
            return None
        log.info("second opinion: a message the screen rated none was raised to elevated")
        users = [m for m in history if m.role == "user"]
        current = users[-1] if users else None
        event_lang = verdict.details.get("lang", first.lang)
        notice = None
        if self._existing(current) is None:
            event = self._record(conversation_id, current, "message", verdict.level, verdict.reasons, event_lang,
                                 verdict.details.get("rules_version", RULES_VERSION))
            notice = SafetyNotice(0, conversation_id, event.id if event else None, current.id if current else None,
                                  verdict.level, tuple(verdict.reasons), event_lang)
        return Screening(verdict, notice, current.id if current else None, first.lang, strict=True,
                         earlier=first.earlier, prior=first.prior)

    def review(self, conversation_id: str, user_message_id: int | None, reply: str, user_text: str,
               lang: str | None, strict: bool = False) -> ReplyVerdict:
        """Review the reply so far; a withdrawal is recorded (by its reasons only) before it is returned.
        ``strict``: the conversation was flagged (``Screening.strict``), so the stricter review applies."""
        if strict and isinstance(self._guard, SafetyGuard):
            verdict = self._guard.review_reply(reply, user_text, lang, strict=True)
        else:
            verdict = self._guard.review_reply(reply, user_text, lang)
        if not verdict.allowed:
            self.record_withdrawn(conversation_id, user_message_id, verdict, user_text, lang)
        return verdict

    def record_withdrawn(self, conversation_id: str, user_message_id: int | None, verdict: ReplyVerdict,
                         user_text: str, lang: str | None) -> SafetyEvent | None:
        """A reply was withdrawn: keep why (never what it said)."""
        return self._record_raw(conversation_id, user_message_id, "reply_withdrawn", Level.NONE, verdict.reasons,
                                message_lang(user_text, lang), RULES_VERSION)

    def record_cut_contacts(self, conversation_id: str, user_message_id: int | None, user_text: str,
                            lang: str | None) -> SafetyEvent | None:
        """Sentences with invented contact details were cut from a reply: keep that it happened."""
        out_lang = message_lang(user_text, lang)
        reason = common_rules().reasons["reply.contact"][out_lang]
        return self._record_raw(conversation_id, user_message_id, "reply_withdrawn", "none", (reason,), out_lang,
                                RULES_VERSION)

    # -- the person's side ---------------------------------------------------------------------
    def events(self, conversation_id: str, kind: str | None = "message") -> list[SafetyEvent]:
        return self._events.for_conversation(conversation_id, kind)

    def correct(self, event_id: int, note: str = "") -> SafetyEvent | None:
        return self._events.correct(event_id, note.strip())

    def crisis_entry(self) -> RegionEntry:
        return self._guard.crisis_entry()

    # -- helpers -------------------------------------------------------------------------------
    def _aftercare(self, conversation_id: str, users: Sequence[MessageRecord], own_level: str, user_text: str,
                   lang: str) -> str:
        """The scripted reply after a crisis for the person's latest message, or "" (the model answers).

        Derived from the stored messages and events only, so it survives lock and unlock."""
        if own_level == "imminent" or not users:
            return ""
        current_id = users[-1].id
        try:
            events = self._events.for_conversation(conversation_id, "message")
        except StorageError:
            log.warning("could not read the conversation's safety events")
            return ""
        levels: dict[int, str] = {}
        for e in events:
            if e.message_id is not None and e.level in FLAGGED and e.message_id < current_id:
                if Level(e.level).rank > Level(levels.get(e.message_id, "none")).rank:
                    levels[e.message_id] = e.level
        crises = [mid for mid, level in levels.items() if level == "imminent"]
        if not crises:
            return ""
        last = max(crises)
        after = [m for m in users if m.id > last]
        if not after or len(after) > AFTERCARE_HORIZON:
            return ""
        flags = ["imminent"] + [levels.get(m.id, "none") for m in after[:-1]]
        flags.append(own_level if own_level in FLAGGED else "none")
        safe = [False] + [says_safe(normalise(m.text)) for m in after[:-1]] + [says_safe(normalise(user_text))]
        state = after_imminent(flags, safe)
        if not state.scripted:
            return ""
        entry = self.crisis_entry()
        plan = PlanExcerpt()
        if self._plan is not None:
            try:
                plan = self._plan()
            except StorageError:
                log.warning("could not read the safety plan for the aftercare flow")
        return aftercare_reply(state, normalise(user_text), lang, plan, format_lines(entry, lang, limit=3),
                               format_emergency(entry, lang))

    def _risk_state(self, conversation_id: str, users: Sequence[MessageRecord]) -> RiskState:
        if not users:
            return RiskState()
        current_id = users[-1].id
        try:
            flagged = [e for e in self._events.for_conversation(conversation_id, "message")
                       if e.level in FLAGGED and e.message_id is not None and e.message_id < current_id]
        except StorageError:
            log.warning("could not read the conversation's safety events")
            return RiskState()
        if not flagged:
            return RiskState()
        # The strongest state still carrying over wins: a crisis two messages ago outweighs a
        # lighter flag one message ago.
        best = RiskState()
        for event in flagged:
            turns = sum(1 for m in users if event.message_id < m.id <= current_id)
            state = RiskState(event.level, turns)
            if state.carries() and (not best.carries() or state.level.rank > best.level.rank):
                best = state
        return best

    def _existing(self, message: MessageRecord | None) -> SafetyEvent | None:
        return self._existing_by_id(message.id if message is not None else None)

    def _existing_by_id(self, message_id: int | None) -> SafetyEvent | None:
        if message_id is None:
            return None
        try:
            return self._events.for_message(message_id)
        except StorageError:
            return None

    def _record(self, conversation_id: str, message: MessageRecord | None, kind: str, level: str,
                reasons: Sequence[str], lang: str, rules_version: str) -> SafetyEvent | None:
        return self._record_raw(conversation_id, message.id if message else None, kind, level, reasons, lang,
                                rules_version)

    def _record_raw(self, conversation_id: str, message_id: int | None, kind: str, level: str,
                    reasons: Sequence[str], lang: str, rules_version: str) -> SafetyEvent | None:
        try:
            return self._events.add(conversation_id, message_id, kind, level, tuple(reasons), lang, rules_version)
        except StorageError:
            # The reply (and the card) still go ahead: safety must not wait on a full disk.
            log.warning("could not save a safety event (%s)", kind)
            return None
