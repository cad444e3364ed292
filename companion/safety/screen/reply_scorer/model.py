"""The reply scorer's weights and their arithmetic: ``ReplyModel`` and ``read_model``.

Two heads ship in one file. The n-gram head (hashed n-grams and stance features, numpy only, well under a
millisecond a reply) and, since 2.7, the semantic head: the same features plus the reply's multilingual-e5-small
sentence vector (``companion.safety.shared_embedder``), which reads meaning the n-grams have no words for
(cross-validated on the training text, 0.854 -> 0.89 of harmful replies blocked at the same safe pass rate;
MODEL_CARD.md). Each head has its own thresholds, chosen the same way. ``with_embedding`` gives the model that
uses the semantic head; without an embedder (a platform without the package) the n-gram head decides alone.
Scores are deterministic. numpy is imported when the weights are read, never by whoever imports this module
(bench/startup.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .features import DIM, featurise

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    import numpy as np

    Embed = Callable[[Sequence[str]], np.ndarray]

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


@dataclass(frozen=True)
class ReplySemanticHead:
    """The head over n-grams and the sentence vector: its own n-gram weights, the vector's weights (the
    vector is multiplied by ``scale`` first, as in training), bias and thresholds. With it the n-gram head still
    votes: a reply is withheld when either head reaches its own threshold (``ngram_thresholds``; see
    ``joint_score``)."""
    weights: np.ndarray  # (DIM, classes)
    vector_weights: np.ndarray  # (vector dimensions, classes)
    bias: np.ndarray
    scale: float
    thresholds: tuple[float, float]  # (ordinary, strict) for the semantic head's probability
    ngram_thresholds: tuple[float, float]  # (ordinary, strict) for the n-gram head's, beside it


def joint_score(semantic: float | np.ndarray, ngram: float | np.ndarray, thresholds: tuple[float, float],
                ngram_thresholds: tuple[float, float]) -> np.ndarray:
    """One "not safe" figure for the two heads that is at or above ``thresholds[i]`` exactly when either head
    is at or above its own i-th threshold: the n-gram head's probability is mapped onto the semantic head's
    scale (piecewise linear through its thresholds), and the larger of the two is taken. Train and run time
    both use this, so the cross-validated figures are what the app does."""
    import numpy as np

    xs, ys = [0.0], [0.0]
    for x, y in sorted(zip(ngram_thresholds, thresholds)) + [(1.0, 1.0)]:
        if x > xs[-1] and y > ys[-1]:
            xs.append(x)
            ys.append(y)
    return np.maximum(np.asarray(semantic, dtype=np.float64), np.interp(ngram, xs, ys))


class ReplyModel:
    """Read-only once built: any number of threads may score with one model."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, classes: tuple[str, ...], version: str,
                 thresholds: tuple[float, float] = (THRESHOLD, STRICT_THRESHOLD),
                 semantic: ReplySemanticHead | None = None, embed: Embed | None = None) -> None:
        """``semantic``: the head that also reads the sentence vector, used only with ``embed``."""
        import numpy as np  # numpy loads with the weights, not at start-up (bench/startup.py)

        self._embed = embed if semantic is not None else None
        self.semantic = semantic
        head_thresholds = semantic.thresholds if self._embed is not None and semantic else thresholds
        self.threshold, self.strict_threshold = head_thresholds
        self.weights = weights.astype(np.float32)  # (DIM, classes)
        self.bias = bias.astype(np.float32)
        self._ngram = (self.weights, self.bias, tuple(thresholds))
        self.classes = classes
        self.version = version + ("+e5" if self._embed is not None else "")
        self._base_version = version
        self._safe = classes.index("safe")

    def with_embedding(self, embed: Embed) -> ReplyModel:
        """The same weights, scoring with the semantic head (when the file has one) through ``embed``."""
        if self.semantic is None:
            return self
        w, b, thresholds = self._ngram
        return ReplyModel(w, b, self.classes, self._base_version, thresholds, self.semantic, embed)

    @property
    def reads_meaning(self) -> bool:
        return self._embed is not None

    def score(self, text: str) -> ReplyScore:
        import numpy as np  # already loaded with the weights: a dictionary look-up

        idx, vals = featurise(text)
        if not idx:
            return ReplyScore(0.0, "")
        x = np.asarray(vals, dtype=np.float32)
        p = _softmax(x @ self.weights[idx] + self.bias)
        harmful = float(1.0 - p[self._safe])
        if self._embed is not None and self.semantic is not None:
            head = self.semantic
            # Blocking: one embedding, 20-60 ms for a reply on one core (the model thread, between sentences).
            vector = np.asarray(self._embed([text])[0], dtype=np.float32) * head.scale
            p_semantic = _softmax(x @ head.weights[idx] + vector @ head.vector_weights + head.bias)
            semantic_harm = float(1.0 - p_semantic[self._safe])
            joint = float(joint_score(semantic_harm, harmful, head.thresholds, head.ngram_thresholds))
            if semantic_harm >= joint:  # the category of whichever head decided
                p = p_semantic
            harmful = joint
        order = [i for i in np.argsort(-p) if i != self._safe]
        return ReplyScore(round(harmful, 6), self.classes[order[0]])


def _softmax(logits: np.ndarray) -> np.ndarray:
    import numpy as np

    z = np.exp(logits - logits.max())
    return z / z.sum()


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
        semantic = None
        if "semantic_weights" in data.files:  # 2.7 on
            semantic = ReplySemanticHead(data["semantic_weights"].astype(np.float32),
                                    data["semantic_vector_weights"].astype(np.float32),
                                    data["semantic_bias"].astype(np.float32), float(data["semantic_scale"]),
                                    tuple(float(t) for t in data["semantic_thresholds"]),  # type: ignore[arg-type]
                                    tuple(float(t) for t in data["semantic_ngram_thresholds"]))  # type: ignore[arg-type]
    if weights.shape != (DIM, len(classes)):
        raise ValueError("weights do not match the features")
    if semantic is not None and (semantic.weights.shape != weights.shape
                                 or semantic.vector_weights.shape[1] != len(classes)):
        raise ValueError("the semantic head does not match the features")
    return ReplyModel(weights, bias, classes, version, thresholds, semantic)  # type: ignore[arg-type]
