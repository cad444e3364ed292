"""The leave-one-source-out evaluation scores held-out text exactly as the app would: its vectorised layered
level must agree with ``runtime.decide`` + ``runtime.layer`` on every gate and threshold."""

from __future__ import annotations

import math

import numpy as np
import pytest

from companion.safety.scorer.features import NGRAM_DIM, rule_feature_names
from companion.safety.scorer.model import RiskModel
from companion.safety.scorer.runtime import LEVELS, decide, enough_for_alone, enough_text, layer
from companion.safety.screen.message import assess
from companion.safety.train.source_cv import figures, layered

SHORT = "everything feels grey lately"  # the rules see nothing here
TINY = "grey again"  # under the alone gate's minimum
LONG = " ".join(["everything feels grey and slow lately, the days run together"] * 5)
FLAGGED = "i want to kill myself"


def _logit(p: float) -> float:
    return math.log(p / (1 - p))


def model_at(p_risk: float, p_imm: float, thresholds: dict[str, float]) -> RiskModel:
    names = rule_feature_names()
    rules = np.zeros((2, len(names)), dtype=np.float32)
    rules[:, names.index("bias")] = (_logit(p_risk), _logit(p_imm))
    return RiskModel(np.zeros((2, NGRAM_DIM), dtype=np.float16), rules, names,
                     {lg: dict(thresholds) for lg in ("en", "zh")}, {"version": "test"})


@pytest.mark.parametrize("thresholds", [
    {"risk": 0.5, "imminent": 0.6},
    {"risk": 0.5, "imminent": 0.6, "alone": 0.8},
])
def test_layered_level_matches_the_runtime(thresholds: dict[str, float]) -> None:
    assert assess(FLAGGED).level != "none" and assess(SHORT).level == "none" == assess(LONG).level
    checked = 0
    for text in (SHORT, LONG, FLAGGED, TINY):
        for p_risk in (0.3, 0.55, 0.9):
            for p_imm in (0.3, 0.7, 0.9):
                expected, _reasons, _raised = layer(assess(text).level, (), decide(model_at(p_risk, p_imm, thresholds), text))
                got = layered(np.array([[p_risk, p_imm]]), np.array([assess(text).level]),
                              np.array([not enough_text(text)]), thresholds,
                              np.array([not enough_for_alone(text)]))[0]
                assert LEVELS[got] == expected, (text, p_risk, p_imm)
                checked += 1
    assert checked == 36


def test_figures_count_recall_imminent_recall_and_false_positives() -> None:
    truth = np.array(["none", "none", "elevated", "imminent", "imminent"])
    level = np.array([1, 0, 1, 1, 2])
    assert figures(truth, level) == {"n": 5, "pos": 3, "imm": 2, "neg": 2, "recall": 1.0, "imminent": 0.5,
                                     "fp": 0.5, "fp_imminent": 0.0}


def test_added_budget_opens_the_gate_where_the_strict_budget_cannot() -> None:
    from companion.safety.train.fit import _alone_threshold
    from companion.safety.train.source_cv import _alone_added

    # 10 short negatives; the rules already flag 2 (0.2, over any strict budget); one more scores 0.9.
    p = np.array([0.1] * 7 + [0.9, 0.95, 0.95])
    short = np.ones(10, dtype=bool)
    base = np.array([False] * 8 + [True, True])
    neg = np.ones(10, dtype=bool)
    # The training command's rule (risk-1.3) is the same as "added" where the rules exceed the budget: with
    # nothing to add it opens only as far as what the rules already flag (it was shut before risk-1.3).
    for added in (0.0, 0.1):
        assert _alone_threshold(p, short, base, neg, 0.5, 0.05, added) == _alone_added(p, short, base, neg, 0.5, added)
    assert _alone_added(p, short, base, neg, 0.5, 0.05) == 0.95  # only what the rules flag already
    assert _alone_added(p, short, base, neg, 0.5, 0.1) == 0.5  # one more negative (0.1) is allowed
