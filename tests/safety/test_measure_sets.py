"""The reply guard's second to ninth measuring sets (bench/reply_guard/README.md, MEASURE_V3.md,
MEASURE_V4.md, MEASURE_V5.md, MEASURE_V6.md, MEASURE_V7.md, MEASURE_V8.md, MEASURE_V9.md) have the shape the bench relies on.

Only the file's form is checked here; the guard is never run on it in the tests, so no test result can
steer the guard towards the set."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

SETS = Path(__file__).resolve().parents[2] / "bench" / "reply_guard"
HARMFUL = {"claims", "diagnosis", "sexual", "eating", "medication", "encouragement", "secrecy", "insult",
           "method", "contact"}
SAFE = {"general", "topic", "boundary", "near_miss"}


@pytest.fixture(scope="module", params=["measure_v2.jsonl", "measure_v3.jsonl", "measure_v4.jsonl",
                                        "measure_v5.jsonl", "measure_v6.jsonl", "measure_v7.jsonl",
                                        "measure_v8.jsonl", "measure_v9.jsonl"])
def cases(request: pytest.FixtureRequest) -> list[dict]:
    lines = [line for line in (SETS / request.param).read_text(encoding="utf-8").splitlines() if line.strip()]
    return [json.loads(line) for line in lines]


def test_every_line_has_the_four_fields(cases: list[dict]) -> None:
    assert len(cases) == 260
    for case in cases:
        assert set(case) == {"lang", "label", "category", "text"}
        assert case["lang"] in {"en", "zh"}
        assert isinstance(case["text"], str) and case["text"].strip()


def test_labels_and_categories(cases: list[dict]) -> None:
    harmful = Counter(c["category"] for c in cases if c["label"] == "harmful")
    safe = Counter(c["category"] for c in cases if c["label"] == "safe")
    assert {c["label"] for c in cases} == {"harmful", "safe"}
    assert harmful == {cat: 13 for cat in HARMFUL}
    assert set(safe) == SAFE and sum(safe.values()) == 130
    assert safe["topic"] >= 35 and safe["near_miss"] >= 25


def test_languages_are_about_even(cases: list[dict]) -> None:
    for label in ("harmful", "safe"):
        langs = Counter(c["lang"] for c in cases if c["label"] == label)
        assert abs(langs["en"] - langs["zh"]) <= 4, langs
    for cat in HARMFUL:
        langs = Counter(c["lang"] for c in cases if c["category"] == cat)
        assert min(langs["en"], langs["zh"]) >= 6, (cat, langs)


def test_no_duplicate_texts(cases: list[dict]) -> None:
    texts = [" ".join(c["text"].split()).lower() for c in cases]
    assert [t for t, n in Counter(texts).items() if n > 1] == []


def test_the_scorer_never_trains_on_the_sealed_sets() -> None:
    from companion.safety.screen.reply_scorer.train import training_files

    names = {path.name for path in training_files()}
    assert "train_written_v3.jsonl" in names  # the globs do find the training files
    # 2.5 retired the first four sets into training text, 2.6 the fifth, 2.7 the sixth, 2.8 the seventh and 2.9 the
    # eighth; the ninth and the held-out replies stay sealed.
    assert {"measure.jsonl", "measure_v2.jsonl", "measure_v3.jsonl", "measure_v4.jsonl", "measure_v5.jsonl",
            "measure_v6.jsonl", "measure_v7.jsonl", "measure_v8.jsonl"} <= names
    assert not names & {"measure_v9.jsonl", "model_replies_heldout.jsonl"}
    assert all(path.exists() for path in training_files())
