"""The crisis screen's analyses of messages are kept by an owner (the guard's ``AnalysisMemo``), not by
the module: bounded, shared with no other owner, emptied on demand, and still one analysis per message
per turn for the screen, the scorer's features and the reply review together."""

from __future__ import annotations

from collections import Counter

import pytest

from companion.safety import guard as guard_module
from companion.safety.guard import SafetyGuard
from companion.safety.scorer import features as features_module
from companion.safety.scorer.runtime import RiskScorer
from companion.safety.screen import analyses as analyses_module
from companion.safety.screen import message as message_module
from companion.safety.screen import reply as reply_module
from companion.safety.screen.analyses import AnalysisMemo
from companion.safety.screen.message import analyse
from companion.safety.seam import RiskState


def test_the_module_keeps_no_analysis() -> None:
    # A module-level cache would keep people's words past a lock, out of any owner's reach.
    assert not hasattr(analyse, "cache_info")
    assert analyse("I want to die") == analyse("I want to die")


def test_the_memo_gives_the_plain_analysis_and_remembers_it() -> None:
    memo = AnalysisMemo()
    text = "I keep thinking about ending it, I have the pills here"
    first = memo.analyse(text)
    assert first == analyse(text)
    assert memo.analyse(text) is first
    assert len(memo) == 1


def test_the_memo_is_bounded_and_drops_the_least_recently_used() -> None:
    memo = AnalysisMemo(size=3)
    for i in range(10):
        memo.analyse(f"message {i}")
        memo.analyse("kept, because it is asked for every time")
    assert len(memo) == 3
    kept = memo.analyse("kept, because it is asked for every time")
    assert memo.analyse("kept, because it is asked for every time") is kept
    assert memo.analyse("message 9") is memo.analyse("message 9")
    evicted = memo.analyse("message 0")  # long gone: analysed again, and the oldest makes room
    assert evicted == analyse("message 0") and len(memo) == 3
    with pytest.raises(ValueError):
        AnalysisMemo(size=0)


def test_clear_forgets_even_an_analysis_under_way(monkeypatch: pytest.MonkeyPatch) -> None:
    memo = AnalysisMemo()
    memo.analyse("an earlier message")

    def analyse_while_a_session_locks(text: str):  # noqa: ANN202
        memo.clear()  # the lock lands while this analysis runs on another thread
        return analyse(text)

    monkeypatch.setattr(analyses_module, "analyse", analyse_while_a_session_locks)
    assert memo.analyse("written just before the lock").norm == "written just before the lock"
    assert len(memo) == 0


def test_two_guards_share_no_analysis() -> None:
    one, other = SafetyGuard(), SafetyGuard()
    assert one.analyses is not other.analyses
    one.screen_message("I can't sleep and I feel hopeless", ["work was awful"], "en")
    assert len(one.analyses) == 2 and len(other.analyses) == 0
    other.screen_message("just checking in", [], "en")
    other.forget_text()
    assert len(one.analyses) == 2 and len(other.analyses) == 0
    one.forget_text()
    assert len(one.analyses) == 0


@pytest.fixture(scope="module")
def risk_scorer() -> RiskScorer:
    scorer = RiskScorer()
    assert scorer.load_now(), "the shipped weights must load"
    return scorer


def test_one_turn_analyses_each_message_once(monkeypatch: pytest.MonkeyPatch, risk_scorer: RiskScorer) -> None:
    done: Counter[str] = Counter()

    def counting(text: str):  # noqa: ANN202
        done[text] += 1
        return analyse(text)

    # Every module that reaches the plain function, so that no analysis goes uncounted.
    for module in (message_module, analyses_module, features_module, reply_module, guard_module):
        monkeypatch.setattr(module, "analyse", counting)
    guard = SafetyGuard(scorer=risk_scorer)
    history = ["I haven't slept in days", "everything feels pointless lately"]
    text = "I don't see the point in going on, I'm so tired of everything"
    first = guard.screen_in_context(text, history, None, RiskState(), use_scorer=False)
    assert first.level == "elevated"  # the elevated note reads the English reasons: one more assess
    guard.raise_with_scorer(text, history, None, RiskState(), first)
    for reply in ("I'm here.", "I'm here. That sounds exhausting.", "I'm here. That sounds exhausting. Tell me?"):
        guard.review_reply(reply, text, None, strict=True)
    assert done == Counter({text: 1, **{h: 1 for h in history}})
    # The next turn: the earlier messages come back as history and are not analysed again.
    guard.screen_in_context("and tonight feels worse", [*history, text], None, RiskState("elevated", 1))
    assert done == Counter({text: 1, "and tonight feels worse": 1, **{h: 1 for h in history}})
