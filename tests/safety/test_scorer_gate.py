"""The chat-length gate of the risk scorer (risk-1.1): on short text the rules did not flag, the scorer flags
only at its cross-validated "alone" threshold; forum-length text and rule-flagged text use the plain one."""

from __future__ import annotations

import math

import numpy as np
import pytest

from companion.safety.scorer.features import NGRAM_DIM, rule_feature_names
from companion.safety.scorer.model import RiskModel
from companion.safety.scorer.runtime import decide

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
    # Chat-length text the rules saw nothing in: elevated at most ("I put them back in the cupboard").
    assert decide(imminent_model(0.7, t), SHORT).level == "elevated"


@pytest.mark.parametrize("text", ["thanks", "thank you", "are you there", "yes", "谢谢你啊"[:2]])
def test_one_to_three_words_are_never_flagged_by_the_scorer_alone(text: str) -> None:
    """risk-1.3: under four words (or four Chinese characters) the scorer's probability rests on a gram or two."""
    model = model_at(0.99, {"risk": 0.5, "imminent": 0.99, "alone": 0.9})
    assert decide(model, text).level == "none"
    assert decide(model, "everything feels grey lately").level == "elevated"  # four words: the gate applies
