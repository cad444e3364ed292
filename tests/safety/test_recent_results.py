"""``RecentResults``, the bounded memo behind ``AnalysisMemo`` and ``ReplyScorer.score``: it keeps the most
recently used results, computes each text once while remembered, and forgets everything at ``clear``, including a
result whose computation was under way when ``clear`` came (a lock during a review must not leave words behind)."""

from __future__ import annotations

import threading

import pytest

from companion.safety.screen.recent import RecentResults


def test_it_keeps_the_most_recently_used_and_computes_each_once() -> None:
    calls: list[str] = []

    def upper(text: str) -> str:
        calls.append(text)
        return text.upper()

    memo: RecentResults[str] = RecentResults(2)
    assert memo.get("a", upper) == "A" and memo.get("b", upper) == "B" and memo.get("a", upper) == "A"
    memo.get("c", upper)  # "b" is the least recently used: it goes
    assert memo.get("a", upper) == "A" and calls == ["a", "b", "c"]
    memo.get("b", upper)
    assert calls == ["a", "b", "c", "b"] and len(memo) == 2


def test_a_result_computed_across_a_clear_is_not_kept() -> None:
    memo: RecentResults[str] = RecentResults(4)
    started, release = threading.Event(), threading.Event()

    def slow(text: str) -> str:
        started.set()
        release.wait(5)
        return text

    worker = threading.Thread(target=memo.get, args=("secret words", slow))
    worker.start()
    assert started.wait(5)
    memo.clear()
    release.set()
    worker.join(5)
    assert len(memo) == 0


def test_an_empty_memo_is_refused() -> None:
    with pytest.raises(ValueError):
        RecentResults(0)
