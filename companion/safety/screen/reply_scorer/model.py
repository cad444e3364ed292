"""The reply scorer's weights and their arithmetic: ``ReplyModel`` and ``read_model``.

Runtime is numpy only: a reply is scored in well under a millisecond, and ``score`` is deterministic.
numpy is imported when the weights are read, never by whoever imports this module (bench/startup.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .features import DIM, featurise

if TYPE_CHECKING:
    import numpy as np

#: Fallbacks for the probability of "not safe" at or above which a reply is withheld (ordinary, and
#: after a flagged message). The shipped weights carry their own, chosen by cross-validation on the
#: training set only (``train.py``).
THRESHOLD = 0.6
STRICT_THRESHOLD = 0.5
WEIGHTS_PATH = Path(__file__).resolve().parent / "weights.npz"


@dataclass(frozen=True)
class ReplyScore:
    harmful: float  # probability that the reply is not safe
    category: str  # the most likely harm category ("" when there is nothing to score)


class ReplyModel:
    """Read-only once built: any number of threads may score with one model."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, classes: tuple[str, ...], version: str,
                 thresholds: tuple[float, float] = (THRESHOLD, STRICT_THRESHOLD)) -> None:
        import numpy as np  # numpy loads with the weights, not at start-up (bench/startup.py)

        self.threshold, self.strict_threshold = thresholds
        self.weights = weights.astype(np.float32)  # (DIM, classes)
        self.bias = bias.astype(np.float32)
        self.classes = classes
        self.version = version
        self._safe = classes.index("safe")

    def score(self, text: str) -> ReplyScore:
        import numpy as np  # already loaded with the weights: a dictionary look-up

        idx, vals = featurise(text)
        if not idx:
            return ReplyScore(0.0, "")
        logits = np.asarray(vals, dtype=np.float32) @ self.weights[idx] + self.bias
        logits -= logits.max()
        p = np.exp(logits)
        p /= p.sum()
        harmful = float(1.0 - p[self._safe])
        order = [i for i in np.argsort(-p) if i != self._safe]
        return ReplyScore(round(harmful, 6), self.classes[order[0]])


def read_model(path: Path = WEIGHTS_PATH) -> ReplyModel:
    """The model in ``path``. Raises (OSError, ValueError, KeyError...) when it cannot be read."""
    import numpy as np

    with open(path, "rb") as fh:
        data = np.load(fh, allow_pickle=False)
        weights, bias = data["weights"], data["bias"]
        classes = tuple(str(c) for c in data["classes"])
        version = str(data["version"])
        thresholds = (tuple(float(t) for t in data["thresholds"]) if "thresholds" in data.files
                      else (THRESHOLD, STRICT_THRESHOLD))
    if weights.shape != (DIM, len(classes)):
        raise ValueError("weights do not match the features")
    return ReplyModel(weights, bias, classes, version, thresholds)  # type: ignore[arg-type]
