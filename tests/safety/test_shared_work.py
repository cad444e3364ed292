"""Issue 16, the layered screen's latency on long messages: the rules and the scorer share work (one
normalisation per message, each sentence-level question asked once, each distinct n-gram hashed once)
without changing a single answer. Each shortcut is checked against the plain computation it replaces."""

from __future__ import annotations

import json
import math
import re
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.safety.screen.context import SpanSearches
from companion.safety.screen.message import analyse
from companion.safety.screen.normalise import normalise
from companion.safety.scorer.features import MAX_CHARS, NGRAM_DIM, _WORDS, ngram_features

ROOT = Path(__file__).resolve().parents[2]
TEAM_TEXTS = [c["text"] for c in json.loads((ROOT / "bench" / "safety_cases.json").read_text("utf-8"))["cases"]]
# Anchors and look-arounds are where searching a span differs from searching inside the whole text.
PATTERNS = [re.compile(p) for p in (r"(?<![a-z])not(?![a-z])", r"^i ", r"die$", r"我(?!们)", r"(?<=我)不想", r"a+b")]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abdeinot 我们不想.", max_size=40), st.data())
def test_a_span_search_answers_as_searching_the_span_alone(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    searches = SpanSearches(text)
    for pattern in PATTERNS:
        expected = pattern.search(text[start:end]) is not None
        assert searches.found(pattern, start, end) is expected
        assert searches.found(pattern, start, end) is expected  # asked again: the remembered answer


@pytest.mark.parametrize("text,start,end", [
    ("xnot", 1, 4),  # "(?<![a-z])not": the span starts at "not", whatever letter comes before it
    ("ai x", 1, 4),  # "^i ": the span's own start
    ("我不想", 1, 3),  # "(?<=我)不想": the 我 lies outside the span
    ("dies", 0, 3),  # "die$": the span ends after "die"
])
def test_a_span_search_sees_the_span_s_own_ends(text: str, start: int, end: int) -> None:
    searches = SpanSearches(text)
    for pattern in PATTERNS:
        assert searches.found(pattern, start, end) is (pattern.search(text[start:end]) is not None)


def test_the_analysis_carries_the_normalised_text_every_rule_saw() -> None:
    for text in TEAM_TEXTS[::7] + ["ＫＭＳ", "s.u.i.c.i.d.e", "自 杀", ""]:
        assert analyse(text).norm == normalise(text)


def reference_ngrams(text: str) -> dict[int, float]:
    """The n-gram features computed the plain way, one hash per gram occurrence (the scorer's first build)."""
    norm = normalise(text[:MAX_CHARS])
    counts: dict[int, int] = {}

    def add(gram: str) -> None:
        key = zlib.crc32(gram.encode("utf-8")) & (NGRAM_DIM - 1)
        counts[key] = counts.get(key, 0) + 1

    padded = f" {norm} "
    for n in (2, 3, 4):
        for i in range(len(padded) - n + 1):
            add(padded[i:i + n])
    words = _WORDS.findall(norm)
    for i, w in enumerate(words):
        add("w:" + w)
        if i:
            add("b:" + words[i - 1] + " " + w)
    if not counts:
        return {}
    values = {k: math.log1p(c) for k, c in counts.items()}
    norm2 = math.sqrt(sum(v * v for v in values.values()))
    return {k: v / norm2 for k, v in values.items()}


def test_hashing_each_distinct_gram_once_gives_the_same_features_in_the_same_order() -> None:
    long_text = ("I can't sleep and everything feels heavy, 我睡不着，一切都很沉重。 " * 40)[:2000]
    for text in TEAM_TEXTS[::5] + [long_text, "", "a"]:
        assert list(ngram_features(text).items()) == list(reference_ngrams(text).items())
