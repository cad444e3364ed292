"""What the learned risk scorer sees of one message: the rules' own reading of it, and its character n-grams.

Surface n-grams alone learn topic, not whose risk or when (issue 16: 0.93 on forum posts, 0.66 on chat at 0.54
false positives). So the first block is the rules' analysis: for every category, how much counted, how much
was softened (negated, a joke, "you"), and how much the context threw away entirely (fiction, news, a third
person); the tags and combinations that fired. The learned weights can then tell "I want to die" from "my
friend says she wants to die" because the rules already could. The second block is hashed character n-grams
of the normalised text (Chinese has no spaces, and slang is spelled many ways), which carries the meaning the
rules have no pattern for ("I counted what's left in the bottle").

Hashing uses CRC-32 (stable across runs and machines; Python's ``hash`` is salted). No state is kept: the same
text always gives the same features, and nothing is written anywhere.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache

from ..screen.ruleset import LANGS, common_rules, screen_rules
from ..screen.analyses import AnalysisMemo
from ..screen.message import analyse, assess

NGRAM_BITS = 18
NGRAM_DIM = 1 << NGRAM_BITS
MAX_CHARS = 4000  # longer posts: the start carries the message; bounded work for any input
_CJK = re.compile(r"[\u3400-\u9fff]")
_WORDS = re.compile(r"[a-z][a-z']*|[\u3400-\u9fff]")


@lru_cache(maxsize=1)
def rule_feature_names() -> tuple[str, ...]:
    """The fixed order of the rule block (stored with the weights, checked at load)."""
    common = common_rules()
    cats = sorted(common.categories)
    tags = sorted({t for c in common.categories.values() for t in c.tags} | {"TA", "ME", "MR", "X"})
    names = [f"c:{c}" for c in cats] + [f"u:{c}" for c in cats] + [f"x:{c}" for c in cats]
    names += [f"t:{t}" for t in tags] + [f"combo:{c.id}" for c in common.combos]
    names += ["lvl:elevated", "lvl:imminent", "other_person", "len", "zh_share", "bias"]
    return tuple(names)


# The categories whose meaning the context most often overturns (someone else, a story, the past): for
# these only, "matched but set aside" is a feature. Searching every category again would double the cost.
_DISMISSABLE = frozenset({"ideation", "passive", "burden", "method", "self_harm", "attempt_now", "attempt_past",
                          "note", "goodbye", "giving_away", "vague_intent", "plan"})


@lru_cache(maxsize=None)
def _raw_category_patterns(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    # One alternation per category: "did any cue of this category match at all, before context?"
    by_cat: dict[str, list[str]] = {}
    for cue in screen_rules(lang).cues:
        if cue.category in _DISMISSABLE:
            by_cat.setdefault(cue.category, []).append(cue.regex.pattern)
    return tuple((cat, re.compile("|".join(f"(?:{p})" for p in pats))) for cat, pats in sorted(by_cat.items()))


def warm_up() -> None:
    """Compile the per-category alternations now (about half a second on a 2-core machine). The scorer
    calls this on its loading thread, so the person's first message is not what pays for it: that message
    is screened on the GUI thread, and the window would freeze while it waits."""
    rule_feature_names()
    for lang in LANGS:
        _raw_category_patterns(lang)


def rule_features(text: str, memo: AnalysisMemo | None = None) -> dict[str, float]:
    """The rules' reading of ``text`` alone, as named values (see ``rule_feature_names``). ``memo``: the
    guard's, which holds the analysis the screen has just made of the same message."""
    text = text[:MAX_CHARS]
    memo = memo if memo is not None else AnalysisMemo(size=1)  # one analysis for the cues and the level
    a = memo.analyse(text)
    out: dict[str, float] = {"bias": 1.0}
    for h in a.hits:
        key = f"c:{h.category}" if h.counts else f"u:{h.category}"
        out[key] = max(out.get(key, 0.0), h.weight if h.counts else 1.0)
    norm = a.norm
    found = {h.category for h in a.hits}
    for lang in LANGS:
        for cat, pattern in _raw_category_patterns(lang):
            if cat not in found and pattern.search(norm):
                out[f"x:{cat}"] = 1.0  # matched, then set aside by the context (framed, someone else)
    for tag, strength in a.tags:
        out[f"t:{tag}"] = max(out.get(f"t:{tag}", 0.0), min(strength, 3.0) or 0.5)
    level = assess(text, memo=memo).level
    if level != "none":
        out["lvl:elevated"] = 1.0
    if level == "imminent":
        out["lvl:imminent"] = 1.0
    tags = {t for t, _ in a.tags}
    for combo in common_rules().combos:
        if combo.all <= tags:
            out[f"combo:{combo.id}"] = 1.0
    if a.concern_for_other:
        out["other_person"] = 1.0
    out["len"] = math.log1p(len(norm)) / 8.0
    han = len(_CJK.findall(norm))
    out["zh_share"] = han / max(1, len(norm))
    return out


def rule_vector(text: str, memo: AnalysisMemo | None = None) -> list[float]:
    found = rule_features(text, memo)
    return [found.get(name, 0.0) for name in rule_feature_names()]


def ngram_features(text: str, memo: AnalysisMemo | None = None) -> dict[int, float]:
    """Hashed, L2-normalised log counts of character 2-4-grams, CJK characters and word 1-2-grams."""
    # The rules' normalised form of the message (from the guard's ``memo``: the screen has just made it).
    norm = (memo.analyse if memo is not None else analyse)(text[:MAX_CHARS]).norm
    padded = f" {norm} "
    words = _WORDS.findall(norm)
    # Each distinct gram is hashed once (a 2,000-character post has ~8,000 grams, far fewer distinct);
    # Counter keeps first-seen order, so the buckets, and the float sums below, come out as before.
    grams = Counter(padded[i:i + n] for n in (2, 3, 4) for i in range(len(padded) - n + 1))
    grams.update(_word_grams(words))
    counts: dict[int, int] = {}
    mask = NGRAM_DIM - 1
    for gram, count in grams.items():
        key = zlib.crc32(gram.encode("utf-8")) & mask
        counts[key] = counts.get(key, 0) + count
    if not counts:
        return {}
    values = {k: math.log1p(c) for k, c in counts.items()}
    norm2 = math.sqrt(sum(v * v for v in values.values()))
    return {k: v / norm2 for k, v in values.items()}


def _word_grams(words: list[str]) -> Iterator[str]:
    """Each word, then the pair it ends (in this order: it decides the order of the hashed buckets)."""
    for i, w in enumerate(words):
        yield "w:" + w
        if i:
            yield "b:" + words[i - 1] + " " + w
