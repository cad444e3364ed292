"""The chat-length gate of the risk scorer (risk-1.1): on short text the rules did not flag, the scorer flags
only at its cross-validated "alone" threshold; forum-length text and rule-flagged text use the plain one."""

from __future__ import annotations

import math

import numpy as np
import pytest

from companion.safety.scorer.features import NGRAM_DIM, rule_feature_names
from companion.safety.scorer.model import RiskModel
from companion.safety import assess
from companion.safety.guard import SafetyGuard, in_crisis_flow
from companion.safety.scorer.runtime import RiskScorer, decide
from companion.safety.screen.level import Level
from companion.safety.seam import CARRY_TURNS, RiskState

SHORT = "everything feels grey lately"  # the rules see nothing here
LONG = " ".join(["everything feels grey and slow lately, the days run together"] * 5)


def model_at(p_risk: float, thresholds: dict[str, float]) -> RiskModel:
    names = rule_feature_names()
    rules = np.zeros((2, len(names)), dtype=np.float32)
    rules[:, names.index("bias")] = (math.log(p_risk / (1 - p_risk)), -10.0)
    return RiskModel(np.zeros((2, NGRAM_DIM), dtype=np.float16), rules, names,
                     {lg: dict(thresholds) for lg in ("en", "zh")}, {"version": "test"})


@pytest.mark.parametrize(("p_risk", "expected"), [(0.6, "none"), (0.95, "elevated")])
def test_short_text_is_flagged_alone_only_above_the_alone_threshold(p_risk: float, expected: str) -> None:
    model = model_at(p_risk, {"risk": 0.5, "imminent": 0.99, "alone": 0.9})
    assert decide(model, SHORT).level == expected


def test_forum_length_text_uses_the_plain_threshold() -> None:
    assert decide(model_at(0.6, {"risk": 0.5, "imminent": 0.99, "alone": 0.9}), LONG).level == "elevated"


def test_weights_without_an_alone_threshold_keep_the_plain_gate() -> None:
    assert decide(model_at(0.99, {"risk": 0.5, "imminent": 0.99}), SHORT).level == "none"


def test_the_shipped_weights_carry_an_alone_threshold_above_the_plain_one() -> None:
    model = RiskModel.load()
    for lang in ("en", "zh"):
        t = model.thresholds[lang]
        assert "alone" in t and t["alone"] >= t["risk"]


def test_the_alone_gate_may_add_a_bounded_share_where_the_rules_exceed_the_budget() -> None:
    """risk-1.2: on other writers' chat the rules alone flag more negatives than the strict budget, which used to
    shut the gate however little the scorer added; now it may add at most ``added`` to what they flag."""
    from companion.safety.train.fit import _alone_threshold

    # 100 short negatives: the rules flag 6 (over a 0.03 budget); the scorer gives 0.95 to 1, 0.9 to 3 more.
    p = np.array([0.1] * 90 + [0.95] + [0.9] * 3 + [0.2] * 6)
    base = np.array([False] * 94 + [True] * 6)
    short = np.ones(100, dtype=bool)
    neg = np.ones(100, dtype=bool)
    assert _alone_threshold(p, short, base, neg, 0.5, budget=0.03) == 1.0  # strict: shut
    assert _alone_threshold(p, short, base, neg, 0.5, budget=0.03, added=0.01) == 0.95  # one more negative
    assert _alone_threshold(p, short, base, neg, 0.5, budget=0.03, added=0.04) == 0.5  # all four: the plain threshold
    # Where the rules are within the budget, the budget itself still decides.
    assert _alone_threshold(p, short, np.zeros(100, dtype=bool), neg, 0.5, budget=0.03, added=0.0) == 0.95


def imminent_model(p_imm: float, thresholds: dict[str, float]) -> RiskModel:
    names = rule_feature_names()
    rules = np.zeros((2, len(names)), dtype=np.float32)
    rules[:, names.index("bias")] = (10.0, math.log(p_imm / (1 - p_imm)))  # P(risk) ~1: always flagged
    return RiskModel(np.zeros((2, NGRAM_DIM), dtype=np.float16), rules, names,
                     {lg: dict(thresholds) for lg in ("en", "zh")}, {"version": "test"})


def test_chat_length_text_has_its_own_imminent_threshold() -> None:
    """risk-1.3: a flagged short message is imminent at ``imminent_chat``; forum-length text keeps the plain one,
    and weights without the key (risk-1.2 and older) keep the plain one everywhere."""
    t = {"risk": 0.5, "imminent": 0.99, "alone": 0.5, "imminent_chat": 0.6}
    flagged = "i want to kill myself"  # the rules flag it (elevated)
    assert decide(imminent_model(0.7, t), flagged).level == "imminent"
    assert decide(imminent_model(0.7, t), LONG).level == "elevated"
    assert decide(imminent_model(0.5, t), flagged).level == "elevated"
    older = {k: v for k, v in t.items() if k != "imminent_chat"}
    assert decide(imminent_model(0.7, older), flagged).level == "elevated"
    # Chat-length text the rules saw nothing in: imminent from the scorer alone, unless the caller forbids it
    # (the guard does during the flow after a crisis: "I put them back in the cupboard").
    assert decide(imminent_model(0.7, t), SHORT).level == "imminent"
    assert decide(imminent_model(0.7, t), SHORT, alone_imminent=False).level == "elevated"
    # The caller's choice touches only that case: forum-length or rule-flagged text is imminent either way.
    assert decide(imminent_model(0.7, t), flagged, alone_imminent=False).level == "imminent"
    assert decide(imminent_model(0.995, t), LONG, alone_imminent=False).level == "imminent"


def _guard_with(model: RiskModel) -> SafetyGuard:
    scorer = RiskScorer(loader=lambda _path: model)  # the shipped length gates: SHORT is chat-length
    assert scorer.load_now()
    return SafetyGuard(scorer=scorer)


def test_the_scorer_alone_rates_chat_length_text_imminent_except_in_the_flow_after_a_crisis() -> None:
    """Outside a crisis the scorer's imminent head decides on chat-length text the rules do not flag (a plan
    or means in the person's own words); in the staying-present flow (an imminent message among the last
    ``CARRY_TURNS[IMMINENT]``) it says elevated at most, so answering the flow's questions does not restart
    the emergency script."""
    guard = _guard_with(imminent_model(0.7, {"risk": 0.5, "imminent": 0.99, "alone": 0.5, "imminent_chat": 0.6}))
    assert assess(SHORT).level == "none"
    window = CARRY_TURNS[Level.IMMINENT]
    outside = [RiskState(), RiskState(Level.ELEVATED, 1), RiskState(Level.IMMINENT, window + 1)]
    for prior in outside:
        verdict = guard.screen_in_context(SHORT, [], None, prior)
        assert verdict.level == "imminent" and verdict.scripted_reply, prior
        assert verdict.details["scorer_raised"]
    for prior in (RiskState(Level.IMMINENT, 1), RiskState(Level.IMMINENT, window)):
        assert in_crisis_flow(prior)
        verdict = guard.screen_in_context(SHORT, ["i am going to kill myself tonight"], None, prior)
        assert verdict.level == "elevated" and not verdict.scripted_reply, prior
    # In the flow the rules' imminent, and the scorer's raise of what the rules flag, still stand.
    during = RiskState(Level.IMMINENT, 1)
    assert guard.screen_in_context("i want to kill myself", [], None, during).level == "imminent"


@pytest.mark.parametrize("text", ["thanks", "thank you", "are you there", "yes", "谢谢你啊"[:2]])
def test_one_to_three_words_are_never_flagged_by_the_scorer_alone(text: str) -> None:
    """risk-1.3: under four words (or four Chinese characters) the scorer's probability rests on a gram or two."""
    model = model_at(0.99, {"risk": 0.5, "imminent": 0.99, "alone": 0.9})
    assert decide(model, text).level == "none"
    assert decide(model, "everything feels grey lately").level == "elevated"  # four words: the gate applies
