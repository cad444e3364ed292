"""The deterministic crisis screen: ``assess(text, lang=None, history=())``.

Levels follow docs/clinical.md section 1. A message is read by both the English and the Chinese rules (mixed
text is common); each match ("cue") belongs to a category with a weight and tags, then the words around it
adjust it (negation, someone else, fiction, the past, a joke, an "if"). The level comes from two things:
- combinations of tags that mean imminent risk (ideation with a method, a plan, a time or a goodbye; an
  attempt under way; a means question after distress), declared in ``rules/common.json``;
- the summed weight reaching the elevated threshold, with earlier messages adding a slowly decaying share
  (several weak cues over several turns build up, docs/clinical.md "several weak cues across turns").
Weights and combinations are data; this module only applies them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .context import Layout, SpanSearches, framed, subject
from .level import Level
from .detect_lang import resolve_lang
from .normalise import normalise
from .ruleset import LANGS, Context, common_rules, screen_rules

if TYPE_CHECKING:
    from .analyses import AnalysisMemo


# Categories whose meaning depends on who is speaking and when. Questions about heights or doses are
# judged by their context instead (a study frame, a headache, earlier distress).
_PERSONAL = frozenset({
    "farewell_word",
    "ideation", "passive", "burden", "method", "self_harm", "vague_intent", "plan", "note", "means_access",
    "goodbye", "giving_away", "attempt_now", "attempt_past", "harm_others", "ed_danger", "despair",
    "distress", "danger_home",
})
# Thoughts and acts that belong to the past become a risk factor ("attempt_past"), not a present risk.
_PAST_SENSITIVE = frozenset({"ideation", "passive", "burden", "method", "self_harm", "attempt_now", "note"})
_THOUGHTS = frozenset({"ideation", "passive", "burden"})
# Where an "I will"/"要" before the words turns a thought into a stated intention.
_INTENT_TARGETS = frozenset({"ideation", "method"})
# Dampened by "lol", "if", "you": words that are often hyperbole in those settings.
_HYPERBOLE_PRONE = frozenset({"ideation", "passive", "burden", "method", "self_harm", "vague_intent", "note",
                              "harm_others", "despair", "distress", "goodbye"})
# A third person at risk: the app offers the "helping someone else" path instead.
_OTHER_CONCERN = frozenset({"ideation", "passive", "burden", "method", "self_harm", "attempt_now",
                            "attempt_past", "note", "goodbye", "giving_away"})
# Cues whose own words contain a time that is not a plan ("I don't want to face tomorrow").
_TIME_ABSORBING = frozenset({"passive", "burden", "despair", "distress"})
_TIME_PARTNERS = frozenset({"I", "M", "P", "G", "V", "X", "A", "O", "Q", "SH"})


@dataclass(frozen=True)
class Assessment:
    """What the screen noticed in one message, in the context of the conversation so far."""

    level: Level
    reasons: tuple[str, ...]  # short, human-readable, in ``lang``
    lang: str  # "en" | "zh"
    rules_version: str
    #: Someone else (a friend, a relative) seems to be at risk: offer the "helping someone else" path.
    concern_for_other: bool = False
    #: Stable identifiers of what fired (categories and combinations), for logs and tests.
    signals: tuple[str, ...] = ()


@dataclass(frozen=True)
class Hit:
    category: str
    weight: float
    tags: frozenset[str]
    sentence: int
    start: int
    end: int
    counts: bool  # shown as a reason (not dampened by negation, a joke or "you")


@dataclass(frozen=True)
class Analysis:
    """One message on its own. Each message is screened again as history and read again by the scorer and
    the guard: an owner's ``AnalysisMemo`` keeps it for them (``analyse`` itself keeps nothing)."""

    hits: tuple[Hit, ...]
    score: float
    tags: tuple[tuple[str, float], ...]
    categories: tuple[tuple[str, float], ...]
    concern_for_other: bool
    #: The normalised text every rule was matched against: the scorer and the guard read it from here
    #: instead of normalising the message again (a few ms each on a 2,000-character post).
    norm: str = ""


def assess(text: str, lang: str | None = None, history: Iterable[str] = (),
           memo: AnalysisMemo | None = None) -> Assessment:
    """Screen ``text`` (with ``history``, earlier user messages oldest first) and return the risk level.

    Deterministic, no model, no I/O after the first call (the rule files are cached). ``memo``: the
    caller's memo of analyses (the guard's), so the history and the current message are not redone.
    """
    common = common_rules()
    out_lang = resolve_lang(lang, text)
    read = memo.analyse if memo is not None else analyse
    current = read(text)
    if isinstance(history, str):  # a single earlier message passed bare, not as a sequence
        history = (history,)
    earlier = [read(h) for h in list(history)[-common.max_history:] if isinstance(h, str) and h.strip()]

    carry = 0.0
    past_tags: set[str] = set()
    past_categories: dict[str, float] = {}
    for distance, item in enumerate(reversed(earlier), start=1):
        factor = common.decay ** distance
        carry += item.score * factor
        for tag, strength in item.tags:
            if strength * factor >= common.history_tag_min.get(tag, float("inf")):
                past_tags.add(tag)
        for cat, score in item.categories:
            past_categories[cat] = max(past_categories.get(cat, 0.0), score * factor)
    carry = min(carry, common.carry_cap)

    now_tags = {tag for tag, _ in current.tags}
    level_alone = Level.ELEVATED if current.score >= common.elevated_at else Level.NONE
    level, signals = level_alone, []
    for combo in common.combos:
        here = combo.all <= now_tags
        # Across turns: earlier tags complete a combination, but the current message must take part
        # (an old "I want to die" and today's "how tall is the bridge"), except where history_ok.
        across = combo.all <= now_tags | past_tags and (combo.history_ok or bool(combo.all & now_tags))
        if here:
            level_alone = Level.higher(level_alone, combo.level)
        if here or across:
            signals.append(combo.id)
            level = Level.higher(level, combo.level)
    if current.score + carry >= common.elevated_at:
        level = Level.higher(level, Level.ELEVATED)

    reason_keys: list[str] = [f"combo.{s}" for s in signals]
    shown = [cat for cat, _ in current.categories if any(h.counts and h.category == cat for h in current.hits)]
    reason_keys += [f"category.{c}" for c in shown]
    if level.rank > level_alone.rank:
        # The conversation, not this message alone, raised the level: say so, and name what came before.
        reason_keys.append("history")
        top = sorted(past_categories.items(), key=lambda kv: -kv[1])[:2]
        reason_keys += [f"category.{c}" for c, _ in top]
    reasons = _reasons(reason_keys, out_lang) if level != "none" else ()
    signals += [c for c, _ in current.categories]
    return Assessment(level, reasons, out_lang, common.version, current.concern_for_other, tuple(signals))



def _reasons(keys: Sequence[str], lang: str) -> tuple[str, ...]:
    table = common_rules().reasons
    out: list[str] = []
    for key in keys:
        text = table.get(key, {}).get(lang)
        if text and text not in out:
            out.append(text)
    return tuple(out[:5])


def analyse(text: str) -> Analysis:
    """Find and weigh every cue in one message (no conversation context). Pure: it keeps nothing, so no
    one's words stay in the process because of it (``AnalysisMemo`` is the owned memo)."""
    common = common_rules()
    norm = normalise(text)
    masked = norm
    for lang in LANGS:  # idioms of both languages are masked before any cue is matched
        idioms = screen_rules(lang).context.idioms
        if idioms is not None:
            masked = idioms.sub(lambda m: " " * len(m.group()), masked)
    layout = Layout.of(norm)
    # Person words inside a time phrase ("after my roommate leaves", "等室友出门") say when, not who:
    # blank them out for the question of whose risk a cue is.
    subject_text = masked
    for lang in LANGS:
        for cue in screen_rules(lang).cues:
            if cue.category == "time":
                subject_text = cue.regex.sub(lambda m: " " * len(m.group()), subject_text)
    joke = {lang: _joke_sentences(screen_rules(lang).context, norm, layout) for lang in LANGS}
    searches = SpanSearches(masked)  # what _weigh asks of a sentence or a clause, asked once per message
    hits: list[Hit] = []
    other = False
    for lang in LANGS:
        rules = screen_rules(lang)
        ctx = rules.context
        benign_q = ctx.benign_question.search(norm) is not None or ctx.study_frames.search(norm) is not None
        for cue in rules.cues:
            for m in cue.regex.finditer(masked):
                s_idx = layout.sentence_of(m.start())
                joking = s_idx in joke[lang] or s_idx + 1 in joke[lang]
                hit, about_other = _weigh(cue.category, cue.weight, cue.extra_tags, m.start(), m.end(), masked,
                                          subject_text, layout, ctx, joking, benign_q, searches)
                other = other or about_other
                if hit is not None:
                    hits.append(hit)
    short = layout.tokens <= common.short_message_tokens
    hits = _bind_time(hits, short)
    if short and any(h.category == "time" and h.tags for h in hits) and not any(
            h.tags for h in hits if h.category != "time"):
        # A bare "tonight." answers an earlier message; the combinations read it with the history.
        hits.append(Hit("time", 0.0, frozenset({"TA"}), 0, 0, 0, False))
    categories = _category_scores(hits)
    score = sum(s for _, s in categories)
    tags: dict[str, float] = {}
    for h in hits:
        for t in h.tags:
            tags[t] = max(tags.get(t, 0.0), h.weight)
    ordered = sorted(categories, key=lambda kv: (-kv[1], kv[0]))
    return Analysis(tuple(hits), round(score, 4), tuple(sorted(tags.items())), tuple(ordered), other, norm)


def _weigh(category: str, weight: float | None, extra_tags: frozenset[str], start: int, end: int, text: str,
           subject_text: str, layout: Layout, ctx: Context, joke: bool, benign_q: bool,
           searches: SpanSearches | None = None) -> tuple[Hit | None, bool]:
    """Apply the context modifiers to one match. Returns (hit or None, is it about someone else).
    ``searches`` (over ``text``) answers the questions asked of a whole sentence, clause or message once."""
    searches = searches if searches is not None else SpanSearches(text)
    common = common_rules()
    cat = common.categories[category]
    w = cat.weight if weight is None else weight
    tags = set(cat.tags) | extra_tags
    counts = True
    s_idx = layout.sentence_of(start)
    s_start, s_end = layout.sentences[s_idx]
    c_idx = layout.clause_index(start)
    c_start, c_end = layout.clauses[c_idx]
    sentence = text[s_start:s_end]
    # "If I fail, I'll kill myself": the "if" sits in the clause before, within the same sentence.
    lead = text[layout.clauses[c_idx - 1][0]:c_start] if c_idx > 0 and layout.clauses[c_idx - 1][0] >= s_start else ""
    before_clause = text[c_start:start]
    match_text = text[start:end]

    if category in ("means_question", "lethal_question"):
        # "How tall is the Golden Gate Bridge?" is a tourist question unless distress came before;
        # the combinations decide that. A headache or a pharmacology class makes it plainly benign.
        if benign_q:
            return None, False
        return Hit(category, w, frozenset(tags), s_idx, start, end, True), False

    if category in _PERSONAL:
        if framed(ctx, layout, start, sentence, text[s_start:start], text[end:s_end],
                  has_frame=searches.found(ctx.frames, s_start, s_end)):
            return None, False
        earlier = [subject_text[a:b] for a, b in layout.clauses[:c_idx] if a >= s_start]
        who = subject(ctx, match_text, subject_text[c_start:start], earlier)
        if ctx.relative_other is not None and ctx.relative_other.match(text, end):
            who = "other"  # "帮助想自杀的人": the people who want to, not the speaker
        if who == "other":
            # A character in a story is not someone to help; a friend or a relative is.
            return None, category in _OTHER_CONCERN and not searches.found(ctx.frames, s_start, s_end)
        if who == "you":
            w *= common.modifiers["second_person"]
            tags.clear()
            counts = False

    # A cue that carries its own "not" ("not going to stop this time", "不想活") is not negated again
    # by a "not" before it: "I don't think I'm going to stop this time" is not a denial.
    if category != "time" and not ctx.inner_negation.search(match_text) and ctx.negation.search(before_clause):
        # "Lower, do not drop": a denial still leaves a trace that can add up with what follows.
        w *= common.modifiers["negated"]
        tags.clear()
        counts = False
        return Hit(category, w, frozenset(), s_idx, start, end, counts), False

    recent = searches.found(ctx.recent, s_start, s_end)
    past = searches.found(ctx.past, c_start, c_end) or (
        searches.found(ctx.past, s_start, s_end) and not searches.found(ctx.current, c_start, c_end))
    if category == "attempt_past" and recent:
        category, cat = "attempt_now", common.categories["attempt_now"]
        w, tags = cat.weight, set(cat.tags)
    elif category in _PAST_SENSITIVE and past and not (category == "attempt_now" and recent):
        was_thought = category in _THOUGHTS
        category, cat = "attempt_past", common.categories["attempt_past"]
        w, tags = cat.weight, set(cat.tags)
        if was_thought and ctx.recovery is not None and searches.found(ctx.recovery, 0, len(text)):
            # "I wanted to die after the break-up, I'm in a good place now": a past thought the person
            # has put behind them. Attempts and self-harm stay a risk factor whatever follows.
            return Hit(category, w * common.modifiers["recovered"], frozenset(), s_idx, start, end, False), False

    if category == "danger_home" and not searches.found(ctx.current, c_start, c_end) and (
            past or (ctx.danger_over is not None and searches.found(ctx.danger_over, 0, len(text)))):
        # "He hit me when I was a kid", "I'm a survivor of domestic violence": violence that has ended is
        # history the person may want to talk about, not danger at home now. A trace stays, as for the past
        # thoughts above; "he still hits me", "again", "these days" keep it present.
        return Hit(category, w * common.modifiers["recovered"], frozenset(), s_idx, start, end, False), False

    if (category in ("method", "means_noun") and ctx.thought_frame is not None
            and ctx.thought_frame.search(text[c_start:end])):
        # "I keep having thoughts of swerving into traffic": a suicidal thought (elevated on its own),
        # not means in hand; a time, a plan or an intent in the message still makes it imminent.
        tags -= {"M", "MN"}

    conditional = (searches.found(ctx.conditional, c_start, c_end)
                   or ctx.conditional_lead.match(lead.strip()) is not None)
    if category in _INTENT_TARGETS and counts and not conditional and not joke and ctx.intent.search(before_clause):
        tags.add("X")
    if category in _HYPERBOLE_PRONE:
        if joke:
            w *= common.modifiers["joke"]
            tags.clear()
            counts = False
        elif conditional and category in ("ideation", "method", "vague_intent", "harm_others"):
            # "I'll kill myself if I fail": still a thought of suicide, not a plan with a time.
            w *= common.modifiers["conditional"]
            tags -= {"M", "X", "V", "T"}
    return Hit(category, w, frozenset(tags), s_idx, start, end, counts), False


def _joking(ctx: Context, text: str) -> bool:
    # "lol", "哈哈" soften hyperbole, unless the person then insists ("no but seriously").
    return ctx.joke.search(text) is not None and not (ctx.joke_cancel and ctx.joke_cancel.search(text))


def _joke_sentences(ctx: Context, text: str, layout: Layout) -> frozenset[int]:
    """The sentences holding a joke marker. A "lol" softens its own sentence and the one before it ("i want
    to die. lol"), not a plain "I'm going to kill myself" three sentences earlier in a long post."""
    if not _joking(ctx, text):
        return frozenset()
    return frozenset(layout.sentence_of(m.start()) for m in ctx.joke.finditer(text))


def _bind_time(hits: list[Hit], short: bool) -> list[Hit]:
    """Keep a time word only next to what it times: "tonight" in the sentence of the plan, or a short
    answer ("tonight.") that the conversation gives meaning to. "I had a bad day today" times nothing,
    and a time inside another cue ("don't want to face tomorrow") is part of that cue, not a plan."""
    others = [h for h in hits if h.category != "time"]
    partnered = {h.sentence for h in others if h.tags & _TIME_PARTNERS}
    wishes = [h for h in others if h.category in _TIME_ABSORBING]
    out = []
    for h in hits:
        inside = h.category == "time" and any(o.start <= h.start and h.end <= o.end for o in wishes)
        unbound = h.category == "time" and not short and h.sentence not in partnered
        out.append(Hit(h.category, 0.0, frozenset(), h.sentence, h.start, h.end, False) if inside or unbound else h)
    return out


def _category_scores(hits: list[Hit]) -> list[tuple[str, float]]:
    common = common_rules()
    by_cat: dict[str, list[Hit]] = {}
    for h in hits:
        by_cat.setdefault(h.category, []).append(h)
    out = []
    for name, group in by_cat.items():
        cat = common.categories[name]
        if cat.stack:
            # Distinct, non-overlapping words add up ("hopeless", "exhausted", "nobody cares").
            seen: list[tuple[int, int]] = []
            total = 0.0
            for h in sorted(group, key=lambda h: (-h.weight, h.start)):
                if any(h.start < e and s < h.end for s, e in seen):
                    continue
                seen.append((h.start, h.end))
                total += h.weight
            score = min(total, cat.cap)
        else:
            score = max(h.weight for h in group)
        if score > 0:
            out.append((name, round(score, 4)))
    return out
