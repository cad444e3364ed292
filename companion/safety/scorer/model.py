"""The learned risk scorer's weights and arithmetic: two logistic heads over ``features``, numpy only.

The weights file (``weights/risk.npz``, about 1 MB) holds, per head, a float16 weight per hashed n-gram bucket
and a float32 weight per rule feature (the bias is the rule feature "bias"), the rule-feature names (checked
against the rules in use, so stale weights are refused rather than misread), the per-language thresholds and
the training metadata. Loading reads that one file; scoring keeps nothing.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..screen.analyses import AnalysisMemo
from . import weights_file
from .features import NGRAM_DIM, ngram_features, rule_feature_names, rule_vector

MODEL_VERSION = "risk-1.6"
from .runtime import WEIGHTS_PATH  # noqa: E402  (one definition, where the app looks for it)


class ModelError(ValueError):
    """The weights file is missing, damaged or built for other rules."""


@dataclass(frozen=True)
class RiskModel:
    ngram: np.ndarray  # (2, NGRAM_DIM) float16: risk head, imminent head
    rules: np.ndarray  # (2, len(rule_names)) float32
    rule_names: tuple[str, ...]
    thresholds: dict[str, dict[str, float]]  # {"en": {"risk": t, "imminent": t}, "zh": ...}
    meta: dict

    @property
    def version(self) -> str:
        return str(self.meta.get("version", MODEL_VERSION))

    def save(self, path: Path) -> None:
        weights_file.write(path, {"rule_names": list(self.rule_names), "thresholds": self.thresholds,
                                  "meta": self.meta}, ngram=self.ngram, rules=self.rules)

    @classmethod
    def load(cls, path: Path = WEIGHTS_PATH) -> RiskModel:
        try:
            (ngram, rules), header = weights_file.read(path, "ngram", "rules")
        except (OSError, KeyError, ValueError) as exc:
            raise ModelError(f"cannot read the risk-scorer weights ({type(exc).__name__})") from exc
        names = tuple(header["rule_names"])
        if names != rule_feature_names():
            raise ModelError("the risk-scorer weights were built for other rules; rebuild them")
        if ngram.shape != (2, NGRAM_DIM) or rules.shape != (2, len(names)):
            raise ModelError("the risk-scorer weights have the wrong shape")
        return cls(ngram, rules, names, header["thresholds"], header["meta"])

    def probabilities_from(self, rules: Sequence[float], keys: Sequence[int], values: Sequence[float]
                           ) -> tuple[float, float]:
        z = self.rules @ np.asarray(rules, dtype=np.float32)
        if len(keys):
            z = z + self.ngram[:, np.asarray(keys, dtype=np.int64)].astype(np.float32) @ np.asarray(
                values, dtype=np.float32)
        return _sigmoid(float(z[0])), _sigmoid(float(z[1]))

    def probabilities(self, text: str, memo: AnalysisMemo | None = None) -> tuple[float, float]:
        """(P(elevated or imminent), P(imminent)) for one message. ``memo``: the guard's memo of analyses
        (both blocks of features read the rules' one analysis of the message)."""
        memo = memo if memo is not None else AnalysisMemo(size=1)
        grams = ngram_features(text, memo)
        keys = sorted(grams)
        return self.probabilities_from(rule_vector(text, memo), keys, [grams[k] for k in keys])


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
