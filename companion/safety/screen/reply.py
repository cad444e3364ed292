"""The reply guard: ``review_reply(text, lang=None, user=None, scorer=None)``.

Every reply is checked before the person sees it, sentence by sentence as it streams (issue 3). It
withholds what safe-messaging guidelines forbid (docs/clinical.md section 2, 7 and 8): method, dose,
lethality or location details; approval of self-harm or suicide; promises of secrecy and no-suicide
contracts; diet, fasting, weight or purging advice and tips for hiding eating; claims to be human or a
professional; diagnoses stated as fact; advice to stop or change prescribed medication; sexual content;
insults and minimising. Warm replies that name these topics safely pass: the rules excuse a cue that is
negated ("please don't stop your medication"), hedged ("it sounds like you might be depressed"), asked,
or routed to a doctor. Patterns and those flags live in ``rules/reply_en.json`` and ``reply_zh.json``.

Issue 16 adds a learned scorer for what the rules' phrasings miss (``reply_scorer``; it can only
withhold more), passed in by its owner (``scorer=``; the app's guard has one). It runs on every reply: most harmful replies come in ordinary conversations, where the
rules alone let three in four through. Its ordinary threshold keeps 0.95 of safe replies passing
(cross-validated on training replies that include the embedded models' own ordinary replies); after a
flagged message (``strict``) its lower threshold applies, where a false block costs a scripted warm
reply that fits what the person said. A block names the category it found, so the replacement fits.
Contact details that are not in the crisis-line data are the guard's job (``companion.safety.contacts``),
outside this engine.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .context import Layout
from .detect_lang import resolve_lang
from .normalise import HAN, normalise
from .reply_scorer import ReplyScorer
from .ruleset import LANGS, ReplyRules, common_rules, reply_rules, screen_rules
from .message import analyse

if TYPE_CHECKING:
    from .analyses import AnalysisMemo

# What in the user's message makes place and height talk dangerous in the reply ("somewhere quiet").
_RISKY_USER_TAGS = frozenset({"I", "Q", "LQ", "A", "M", "SH", "D", "G"})
_QUESTION_END = re.compile(r"(?:\?|？|吗|呢|么)\s*[\"'”」)]*\s*$")
# The learned scorer needs a few words to go on: on a fragment ("other", "no", a first streamed word) its
# features are one or two n-grams and its verdict is the class prior, not the text. Such fragments are
# left to the rules. Han characters count half a word (two make a typical word).
_SCORER_MIN_WORDS = 3
_LATIN_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_HAN = re.compile(f"[{HAN}]")


@dataclass(frozen=True)
class ReplyReview:
    allowed: bool  # False: withdraw the reply and show a safe one instead; never store it
    reasons: tuple[str, ...]  # human-readable, in ``lang``
    lang: str
    rules_version: str
    categories: tuple[str, ...] = ()  # stable identifiers of what was found ("method", "diagnosis"...)
    scorer: float | None = None  # the learned scorer's "not safe" probability (None: not consulted)


def review_reply(text: str, lang: str | None = None, user: str | None = None, *, strict: bool = False,
                 scorer: ReplyScorer | None = None, memo: AnalysisMemo | None = None) -> ReplyReview:
    """Decide whether a model reply (or a partial, streamed reply) may be shown.

    ``user`` is the message the reply answers: place and height details are only withheld when it asked
    for them or showed suicidal thinking. ``strict``: the conversation was flagged; place and height
    details are always withheld and the learned scorer's stricter threshold applies.
    ``scorer``: the learned scorer to consult (its ordinary threshold, or the strict one when ``strict``);
    it waits for a load under way. None means the rules alone (the bench's comparison, the rules' own
    table tests, and a scorer whose weights cannot be read).
    ``memo``: the guard's memo of analyses, which already holds ``user`` (reviewed at every sentence end).
    """
    common = common_rules()
    out_lang = resolve_lang(lang, text)
    norm = normalise(text)
    layout = Layout.of(norm)
    risky = strict or (user_is_risky(user, memo) if user else False)
    found: list[str] = []
    for rules_lang in LANGS:
        rules = reply_rules(rules_lang)
        for cue in rules.cues:
            if cue.category in found or (cue.category in rules.context_only and not risky):
                continue
            for m in cue.regex.finditer(norm):
                if not _excused(rules, cue.category, m, norm, layout):
                    found.append(cue.category)
                    break
    score = None
    model = scorer.model() if scorer is not None and not found and enough_words(norm) else None
    # ``score`` remembers recent texts: the finished reply is reviewed three times on the model thread.
    result = scorer.score(text) if scorer is not None and model is not None else None
    if result is not None:
        score = result.harmful
        if result.harmful >= (model.strict_threshold if strict else model.threshold):
            found.append(result.category)
    order = {name: i for i, name in enumerate(reply_rules("en").categories)}
    found.sort(key=lambda c: order.get(c, 99))
    reasons = tuple(common.reasons[f"reply.{c}"][out_lang] for c in found)
    return ReplyReview(not found, reasons, out_lang, common.version, tuple(found), score)


def enough_words(norm: str) -> bool:
    """Does a reply (canonical form) have the words the learned scorer needs? Shorter ones are left to the
    rules (see ``_SCORER_MIN_WORDS``); the scorer's cross-validation (``reply_scorer.train``) asks the same."""
    return len(_LATIN_WORD.findall(norm)) + len(_HAN.findall(norm)) // 2 >= _SCORER_MIN_WORDS


def user_is_risky(user: str, memo: AnalysisMemo | None = None) -> bool:
    """Did the user's message ask for means or a place to die, or show suicidal thinking?"""
    found = (memo.analyse if memo is not None else analyse)(user)
    if any(tag in _RISKY_USER_TAGS for tag, _ in found.tags):
        return True
    norm = found.norm  # the message as the rules read it: normalised once
    for lang in LANGS:
        q = screen_rules(lang).context.location_question
        if q is not None and q.search(norm):
            return True
    return False


def _excused(rules: ReplyRules, category: str, m: re.Match[str], text: str, layout: Layout) -> bool:
    flags = rules.categories[category]
    start = m.start()
    s_start, s_end = layout.sentences[layout.sentence_of(start)]
    c_start, _ = layout.clauses[layout.clause_index(start)]
    before_clause = text[c_start:start]
    before_sentence = text[s_start:start]
    if flags.get("negatable") and rules.negation.search(before_clause):
        return True
    if flags.get("hedgeable") and rules.hedges.search(before_sentence):
        return True
    if flags.get("reportable") and rules.reported.search(before_sentence):
        return True
    if flags.get("question_ok") and _QUESTION_END.search(text[s_start:s_end]):
        return True
    if flags.get("prescriber") and rules.prescriber.search(text[s_start:s_end]):
        return True
    return False
