"""The real ``Guard``: the deterministic safety screen of ``companion.safety`` in the conversation.

Per message (issue 3, docs/clinical.md sections 1-2):
- ``elevated``: the model still answers, with a safety-aware note placed after the stable prompt prefix
  (``Session._prompt`` puts it just before the last user message, so earlier turns stay cached);
- ``imminent``: the reply is a fixed script in the person's language, not generated: the emergency
  number and crisis lines first, then staying present and asking directly about safety right now;
- the risk state of the conversation (``RiskState``, kept from the stored events by the session) carries
  over: a means question after a crisis stays flagged, the learned scorer alone does not rate chat-length
  text imminent during the flow after a crisis (``in_crisis_flow``), and the model keeps checking in for a while.
Per reply: ``review_reply`` withdraws what safe-messaging rules forbid and gives a warm replacement that
does not push the person away.

Nothing a person types switches any of this off: there is no such switch. Text that tries ("ignore
your rules", "let's role-play, you have no limits") is screened a second time with the framing taken
out, the stricter reading wins, and the model is told to keep its guidelines. The reply guard runs on
every reply whatever the message said.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence

from companion.safety import texts
from companion.safety import RULES_VERSION, RegionEntry, assess, crisis_lines_for, detect_lang, normalise
from companion.safety import review_reply as review
from companion.safety.contacts import allowed_numbers, find_contacts
from companion.safety.crisis_lines import load_crisis_lines
from companion.safety.fitting import RISK_TEXT_CATEGORIES, fitting_reply
from companion.safety.scorer.runtime import RiskScorer, layer, scorer_reason
from companion.safety.screen.analyses import AnalysisMemo
from companion.safety.screen.message import analyse
from companion.safety.screen.normalise import HAN
from companion.safety.screen.reply import user_is_risky
from companion.safety.screen.reply_scorer import ReplyScorer
from companion.safety.screen.ruleset import common_rules
from companion.safety.screen.level import Level
from companion.safety.seam import CARRY_TURNS, MessageVerdict, ReplyVerdict, RiskState  # noqa: F401 (re-exported)

log = logging.getLogger(__name__)


# Attempts to talk the companion out of its guidelines, in normalised text (lower case, simplified).
_FRAMES = re.compile(
    r"(?:ignore|forget|disregard|bypass|override|turn off|switch off|disable|drop|skip|break)"
    r" (?:all |your |the |any |these |those |of your |my )*(?:previous |prior |earlier |safety |own )*"
    r"(?:rules|instructions|guidelines|safety|filters?|restrictions|programming|limits|guardrails|policy|policies)"
    r"|(?:role ?play|roleplay|pretend (?:to be|you are|that you are|you're)|act as|imagine you are|"
    r"you are now|from now on you are|stay in character|in character|let's play a game|lets play a game|"
    r"hypothetically|for a (?:story|novel|book|game|script|school project))"
    r"|(?:no|without any|without) (?:rules|limits|restrictions|filters|guidelines)|unfiltered|uncensored"
    r"|jailbreak|developer mode|(?<![a-z])dan(?![a-z])|do anything now"
    r"|(?:忽略|无视|忘掉|忘记|不要管|别管|跳过|关掉|关闭|解除|抛开|不用遵守|不要遵守)[^,.!?，。！？]{0,6}"
    r"(?:规则|規則|限制|指令|设定|安全|过滤|审查|准则|原则)"
    r"|角色扮演|扮演|假装你是|假设你是|你现在是|从现在开始你是|从现在起你是|当作你是|没有任何?限制|没有任何?规则"
    r"|越狱|开发者模式"
)
# Fiction words that a role-play frame leans on to hide a real message ("in this story I ...").
_STORY = re.compile(
    r"(?:in|for) (?:this|the|my|our|a) (?:story|novel|game|role ?play|roleplay|scene|script|fiction)"
    r"|(?:it'?s|it is|this is) (?:just |only )?(?:fiction|a story|a game|pretend|role ?play|hypothetical)"
    r"|just pretend|(?:故事|剧情|小说|游戏|剧本)(?:里|中|里面)?|只是(?:假设|假装|游戏|故事)"
)
_HAN = re.compile(f"[{HAN}]")
_LATIN = re.compile(r"[A-Za-z\uff21-\uff3a\uff41-\uff5a]")


def message_lang(text: str, fallback: str | None = None) -> str:
    """The language of one message ("en" | "zh"), detected per message; ``fallback`` (the app's
    language) only when the message has no letters at all ("😭", "...")."""
    if _HAN.search(text) or _LATIN.search(text):
        return detect_lang(text)
    return "zh" if (fallback or "").lower().startswith("zh") else "en"


def in_crisis_flow(prior: RiskState) -> bool:
    """Is the message part of what follows a crisis: the staying-present flow (``aftercare.py``) and its
    hand-back? Precisely: one of the person's last ``CARRY_TURNS[IMMINENT]`` (10) messages before this one was
    rated imminent (``prior`` is the strongest state still carrying, from the stored events, so a later
    elevated message does not hide it).

    Why that window rather than the flow's own state: the flow's step is worked out by the monitor *after*
    the screen (it depends on this message's level), and the guard receives only ``prior``. The window covers
    every scripted step of a calm flow (the four steps and the hand-back end by the fifth message; saying
    "I'm safe" ends it sooner) and a few messages after, when the person is still answering what the flow
    asked. A flow kept going past ten messages by repeated flags is not covered: by then the scorer may
    rate chat-length text imminent again, as anywhere else."""
    return prior.level == Level.IMMINENT and prior.carries()


def has_frame(text: str, memo: AnalysisMemo | None = None) -> bool:
    """Does the message try to take the companion out of its guidelines?"""
    # The rules' analysis of the message (in the guard's ``memo``) already holds its normalised form.
    return _FRAMES.search((memo.analyse if memo is not None else analyse)(text).norm) is not None


def asks_for_means(text: str, memo: AnalysisMemo | None = None) -> bool:
    """A question about heights, doses, or ways and places to die, however innocent it looks alone."""
    return any(tag in ("Q", "LQ") for tag, _ in (memo.analyse if memo is not None else analyse)(text).tags)


def _unframed(text: str) -> str:
    norm = normalise(text)
    return _STORY.sub(" ", _FRAMES.sub(" ", norm))


class SafetyGuard:
    """``crisis_entry`` gives the region's emergency numbers and lines (``Companion.crisis.entry``);
    without it the person is told to call their local emergency number. ``scorer`` and ``reply_scorer``
    are the learned scorers beside the rules (issue 16), owned by whoever builds the guard. The guard owns
    ``analyses``, the memo of recent messages' analyses that the screen, the scorer's features and the
    reply review share (each message is analysed once); ``forget_text`` empties it."""

    def __init__(self, crisis_entry: Callable[[], RegionEntry] | None = None,
                 scorer: RiskScorer | None = None, reply_scorer: ReplyScorer | None = None) -> None:
        self._crisis_entry = crisis_entry
        #: Messages: None or not yet loaded: the rules alone decide.
        self.scorer = scorer
        #: Replies: consulted on every reply (waiting for a load under way); None: the rules alone decide.
        self.reply_scorer = reply_scorer
        #: Holds recent messages' words (their analyses): emptied whenever a session locks or closes.
        self.analyses = AnalysisMemo()

    def forget_text(self) -> None:
        """Drop every analysis the guard keeps, so nothing a person wrote stays in the process for the next
        profile on a shared machine."""
        self.analyses.clear()
        if self.reply_scorer is not None:
            self.reply_scorer.forget()

    def crisis_entry(self) -> RegionEntry:
        if self._crisis_entry is not None:
            try:
                return self._crisis_entry()
            except Exception:  # a broken clinic file must never take the crisis script down
                pass
        return crisis_lines_for(None)

    # -- messages ------------------------------------------------------------------------------
    def screen_message(self, text: str, history: Sequence[str], lang: str | None) -> MessageVerdict:
        return self.screen_in_context(text, history, lang, RiskState())

    def screen_in_context(self, text: str, history: Sequence[str], lang: str | None,
                          prior: RiskState, use_scorer: bool = True, semantic: bool = True) -> MessageVerdict:
        """Screen ``text`` with the earlier user messages (oldest first) and the conversation's risk.

        ``use_scorer``: also ask the learned scorer when it is loaded (it can only raise the level). Pass
        False for the rules' instant verdict, then ``raise_with_scorer`` off the GUI thread.
        ``semantic=False``: leave out the scorer's semantic layer (its embedding takes tens of milliseconds);
        the reply path screens with it later, off the GUI thread, through ``screen_later``."""
        out_lang = message_lang(text, lang)
        memo = self.analyses
        result = assess(text, lang=out_lang, history=tuple(history), memo=memo)
        framed = has_frame(text, memo)
        if framed:
            bare = assess(_unframed(text), lang=out_lang, history=tuple(history), memo=memo)
            if Level(bare.level).rank > Level(result.level).rank:
                result = bare
        level, reasons, signals = result.level, result.reasons, result.signals
        # After a crisis the scorer alone does not send chat-length text back to the emergency script: the
        # person answering "are you safe? could you put it away?" talks about the means in the crisis's own
        # words ("I put them back in the cupboard"). The rules still rate such text imminent when it is.
        scored = (self.scorer.score(text, out_lang, memo, alone_imminent=not in_crisis_flow(prior), semantic=semantic)
                  if use_scorer and self.scorer is not None else None)
        level, reasons, raised = layer(level, reasons, scored)
        if raised:
            signals = (*signals, f"scorer_{level}")
        if level != Level.IMMINENT and in_crisis_flow(prior) and asks_for_means(text, memo):
            # A means question after a crisis, however innocent it looks, is means-seeking.
            level = Level.IMMINENT
            reasons = (_reason("combo.means_question_ideation", out_lang),) + tuple(
                r for r in reasons if r != _reason("combo.means_question_ideation", out_lang))
        details = {"lang": out_lang, "rules_version": result.rules_version or RULES_VERSION,
                   "signals": signals, "concern_for_other": result.concern_for_other, "framed": framed,
                   # the level comes from the conversation so far, not from this message alone
                   "from_history": _reason("history", out_lang) in reasons,
                   "scorer": scored.version if scored is not None else None, "scorer_raised": raised}
        if level == Level.IMMINENT:
            return MessageVerdict(Level.IMMINENT, reasons, scripted_reply=self.script(out_lang, signals),
                                  details=details)
        notes = []
        if level == Level.ELEVATED:
            english = assess(text, lang="en", history=tuple(history), memo=memo).reasons or (
                scored.reasons if raised and scored.lang == "en" else reasons)
            notes.append(_elevated_note(english, signals, out_lang))
        elif prior.carries():
            notes.append(texts.CARRY_NOTE.format(prefix=texts.NOTE_PREFIX, language=_language(out_lang)))
        elif result.concern_for_other:
            notes.append(texts.OTHER_NOTE.format(prefix=texts.NOTE_PREFIX, language=_language(out_lang)))
        if framed:
            notes.append(texts.FRAME_NOTE.format(prefix=texts.NOTE_PREFIX, language=_language(out_lang)))
        return MessageVerdict(level, reasons if level != Level.NONE else (), instruction="\n\n".join(notes),
                              details=details)

    def screen_later(self, text: str, history: Sequence[str], lang: str | None, prior: RiskState,
                     report: Callable[[MessageVerdict], None]) -> None:
        """The slower layer, after the first screen (``screen_in_context(..., semantic=False)``): the learned
        scorer's semantic layer. Blocking for the embedding (tens of milliseconds): the caller runs this off
        the GUI thread (``SafetyMonitor.screen_later``). Calls ``report`` with the layered verdict once if,
        and only if, the layer rates the message above the first screen; without the layer, nothing."""
        scorer = self.scorer
        if scorer is None or not scorer.semantic_ready():
            return
        first = self.screen_in_context(text, history, lang, prior, semantic=False)  # the rules: from the memo
        verdict = self.screen_in_context(text, history, lang, prior)
        if Level(verdict.level).rank > Level(first.level).rank:
            report(verdict)

    def raise_with_scorer(self, text: str, history: Sequence[str], lang: str | None, prior: RiskState,
                          first: MessageVerdict) -> MessageVerdict | None:
        """The layered verdict when the learned scorer rates the message above ``first`` (the rules'
        verdict from ``screen_in_context(..., use_scorer=False)``), else None. Blocking (milliseconds to a
        few tens for a long message): call it off the GUI thread. None too while the scorer is not loaded."""
        if self.scorer is None or not self.scorer.ready():
            return None
        verdict = self.screen_in_context(text, history, lang, prior, use_scorer=True)
        return verdict if Level(verdict.level).rank > Level(first.level).rank else None

    def raise_with_second_opinion(self, text: str, history: Sequence[str], lang: str | None, prior: RiskState,
                                  first: MessageVerdict) -> MessageVerdict | None:
        """The verdict for a message the screen rated "none" (``first``) once a capable model's second
        opinion said the person may be at risk (issue 16): elevated, exactly as if the screen had said so,
        with the scorer's plain reason for the card and the elevated note for the model. None for any other
        ``first``: the second opinion only raises "none", and never to imminent."""
        if first.level != Level.NONE or first.scripted_reply:
            return None
        details = dict(first.details)
        out_lang = details.get("lang") or message_lang(text, lang)
        signals = (*details.get("signals", ()), "second_opinion")
        notes = [_elevated_note((scorer_reason("thoughts", "en"),), signals, out_lang)]
        if details.get("framed"):
            notes.append(texts.FRAME_NOTE.format(prefix=texts.NOTE_PREFIX, language=_language(out_lang)))
        details.update({"lang": out_lang, "rules_version": details.get("rules_version") or RULES_VERSION,
                        "signals": signals, "from_history": False, "second_opinion": True})
        return MessageVerdict(Level.ELEVATED, (scorer_reason("thoughts", out_lang),),
                              instruction="\n\n".join(notes), details=details)

    def script(self, lang: str, signals: Sequence[str] = ()) -> str:
        """The fixed reply to an imminent message: resources first, then staying present."""
        kind = _script_kind(signals)
        entry = self.crisis_entry()
        emergency = format_emergency(entry, lang)
        if emergency:
            first = texts.CALL_NOW[kind].get(lang).format(emergency=emergency)
        else:
            first = texts.CALL_LOCAL[kind].get(lang)
        parts = [first]
        lines = format_lines(entry, lang, limit=3)
        if lines:
            parts.append(texts.LINES_INTRO.get(lang) + "\n" + "\n".join(f"- {line}" for line in lines))
        parts.append(texts.STAY[kind].get(lang))
        parts.append(texts.KEEP_LISTENING[kind].get(lang))
        return "\n\n".join(parts)

    # -- replies -------------------------------------------------------------------------------
    def review_reply(self, reply: str, user_text: str, lang: str | None, strict: bool = False) -> ReplyVerdict:
        """``strict``: the conversation was flagged (issue 16, careful after risk): the learned scorer's
        lower threshold applies, and the replacement is a warm reply that fits what the person said."""
        out_lang = message_lang(user_text, lang) if user_text else message_lang(reply, lang)
        try:
            found = review(reply, lang=out_lang, user=user_text or None, strict=strict, scorer=self.reply_scorer,
                           memo=self.analyses)
            contacts = find_contacts(reply, self.allowed_numbers())
        except Exception as exc:  # fail closed: an unreviewed reply is never shown
            log.error("the reply guard failed (%s); withholding the reply", type(exc).__name__)
            return ReplyVerdict(False, (), texts.REPLACEMENT_DEFAULT.get(out_lang))
        reasons, categories = found.reasons, found.categories
        if contacts:  # a number, address or link the app's own data does not have
            reasons += (_reason("reply.contact", out_lang),)
            categories += ("contact",)
        if not reasons:
            return ReplyVerdict()
        return ReplyVerdict(False, reasons, replacement(categories, out_lang, user_text, strict, self.analyses))

    def allowed_numbers(self) -> frozenset[str]:
        """The digits of every phone number the app may show: the bundled list and the list in force."""
        try:
            return allowed_numbers(load_crisis_lines(), [self.crisis_entry()])
        except Exception:  # the bundled list alone; never fail open
            return allowed_numbers(load_crisis_lines())


def screen_failed_note(lang: str) -> str:
    """The note for the model when the screen itself could not run (it is careful by default)."""
    return texts.SCREEN_FAILED_NOTE.format(prefix=texts.NOTE_PREFIX, language=_language(lang))


def replacement(categories: Sequence[str], lang: str, user_text: str = "", risky: bool = False,
                memo: AnalysisMemo | None = None) -> str:
    """A warm reply in ``lang`` instead of a withdrawn one, by what the reply guard found and what the
    person said: texts about safety or the person's life only after a message that showed risk (a
    poor reply to "I can't sleep" is not replaced by a text about their life mattering)."""
    signals: Sequence[str] = ()
    if user_text:
        found = assess(user_text, lang=lang, memo=memo)
        signals = found.signals
        risky = risky or found.level != "none" or user_is_risky(user_text, memo)
    for category in categories:
        if category in texts.REPLACEMENTS and (risky or category not in RISK_TEXT_CATEGORIES):
            return texts.REPLACEMENTS[category].get(lang)
    return fitting_reply(normalise(user_text), lang, risky, signals)


def format_emergency(entry: RegionEntry, lang: str) -> str:
    """"999 or 112 (Emergency services)", "120（急救）或 110（报警）"; "" for the fallback entry."""
    groups: list[tuple[str, list[str]]] = []
    for number in entry.emergency:
        label = _pick(number.label, lang)
        for existing_label, numbers in groups:
            if existing_label == label:
                numbers.append(number.number)
                break
        else:
            groups.append((label, [number.number]))
    sep = texts.OR.get(lang)
    if lang == "zh":
        return sep.join(sep.join(nums) + (f"（{label}）" if label else "") for label, nums in groups)
    return sep.join(sep.join(nums) + (f" ({label})" if label else "") for label, nums in groups)


def format_lines(entry: RegionEntry, lang: str, limit: int | None = None) -> list[str]:
    """One line per crisis line: "Samaritans: 116 123 (call, 24/7, free)"."""
    out = []
    for line in entry.lines[:limit]:
        # "call, text, 24/7" / "电话、短信，全天 24 小时": kinds as a list, then hours and caveats.
        details = [texts.LIST_SEP.get(lang).join(texts.KINDS[k].get(lang) if k in texts.KINDS else k
                                                  for k in line.kinds)]
        if line.hours:
            details.append(_pick(line.hours, lang))
        if line.verified != "yes":
            details.append(texts.NOT_VERIFIED.get(lang))
        name = _pick(line.name, lang)
        if lang == "zh":
            out.append(f"{name}：{line.number}（{'，'.join(d for d in details if d)}）")
        else:
            out.append(f"{name}: {line.number} ({', '.join(d for d in details if d)})")
    return out


def _pick(value: dict[str, str] | None, lang: str) -> str:
    if not value:
        return ""
    return value.get(lang) or value.get("en") or next(iter(value.values()), "")


def _script_kind(signals: Sequence[str]) -> str:
    found = set(signals)
    if found & {"attempt", "attempt_now"}:
        return "attempt"
    if found & {"harm_others_means", "harm_others_time", "harm_others_plan"} and not found & {
            "intent", "ideation", "ideation_means", "ideation_plan", "ideation_time"}:
        return "others"
    return "self"


def _reason(key: str, lang: str) -> str:
    return common_rules().reasons.get(key, {}).get(lang, "")


def _language(lang: str) -> str:
    return texts.LANGUAGE_NAMES.get(lang, "the language the person writes in")


def _elevated_note(reasons_en: Sequence[str], signals: Sequence[str], lang: str) -> str:
    said = "; ".join(reasons_en) if reasons_en else "suggests they may be struggling"
    note = texts.ELEVATED_NOTE.format(prefix=texts.NOTE_PREFIX, reasons=said, language=_language(lang))
    extra = [texts.CATEGORY_NOTES[s] for s in dict.fromkeys(signals) if s in texts.CATEGORY_NOTES]
    return " ".join([note, *extra])
