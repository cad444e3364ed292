"""The learned half of the reply guard (issue 16): a small scorer for what the rules miss.

A multinomial logistic regression over hashed word and character n-grams and a few hand-made stance
features (``features.py``, ``stance.py``), trained on
hand-written harmful and safe replies in both languages and safe replies the embedded models wrote
(``bench/reply_guard/``, see MODEL_CARD.md) by
``python -m companion.safety.screen.reply_scorer.train``; the weights ship as ``weights.npz`` (float16, about
250 KB), the model card is ``MODEL_CARD.md``. Classes: ``safe`` and one per harm category of the rules
(claims, diagnosis, sexual, eating, medication, encouragement, secrecy, insult, method), so a block
also says what was found and the replacement can fit it.

Runtime is numpy only: a reply is scored in well under a millisecond. ``score`` is deterministic.
``review_reply`` consults it on every reply, at a stricter threshold after a flagged message (see
MODEL_CARD.md, "Where it runs").
The rules still decide alone if the weights cannot be read (logged, never on screen).
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

from .features import DIM, featurise

if TYPE_CHECKING:
    import numpy as np

log = logging.getLogger(__name__)

#: Fallbacks for the probability of "not safe" at or above which a reply is withheld (ordinary, and
#: after a flagged message). The shipped weights carry their own, chosen by cross-validation on the
#: training set only (``train.py``).
THRESHOLD = 0.6
STRICT_THRESHOLD = 0.5


@dataclass(frozen=True)
class ReplyScore:
    harmful: float  # probability that the reply is not safe
    category: str  # the most likely harm category ("" when the scorer is not loaded)


class ReplyScorer:
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


_lock = threading.Lock()
_loaded: list[ReplyScorer | None] = []


def load_scorer() -> ReplyScorer | None:
    """The shipped scorer (loaded once, thread-safe), or None when its weights cannot be read."""
    with _lock:
        if not _loaded:
            _loaded.append(_read())
        return _loaded[0]


def _read() -> ReplyScorer | None:
    try:
        import numpy as np

        with resources.files(__package__).joinpath("weights.npz").open("rb") as fh:
            data = np.load(fh, allow_pickle=False)
            weights, bias = data["weights"], data["bias"]
            classes = tuple(str(c) for c in data["classes"])
            version = str(data["version"])
            thresholds = (tuple(float(t) for t in data["thresholds"]) if "thresholds" in data.files
                          else (THRESHOLD, STRICT_THRESHOLD))
        if weights.shape != (DIM, len(classes)):
            raise ValueError("weights do not match the features")
        return ReplyScorer(weights, bias, classes, version, thresholds)  # type: ignore[arg-type]
    except Exception as exc:  # noqa: BLE001 - any failure: the rules decide alone
        log.warning("the learned reply scorer could not be loaded (%s); the rules decide alone",
                    type(exc).__name__)
        return None
