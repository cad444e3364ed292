"""The learned half of the reply guard (issue 16): a small scorer for what the rules miss.

A multinomial logistic regression over hashed word and character n-grams and a few hand-made stance
features (``features.py``, ``stance.py``), trained on
hand-written harmful and safe replies in both languages and safe replies the embedded models wrote
(``bench/reply_guard/``, see MODEL_CARD.md) by
``python -m companion.safety.screen.reply_scorer.train``; the weights ship as ``weights.npz`` (float16, about
250 KB), the model card is ``MODEL_CARD.md``. Classes: ``safe`` and one per harm category of the rules
(claims, diagnosis, sexual, eating, medication, encouragement, secrecy, insult, method), so a block
also says what was found and the replacement can fit it.

Since 2.7 a semantic head also reads the reply's sentence vector (multilingual-e5-small, handed in by the
composition root), with the n-gram head keeping a vote; where the embedder cannot load, the n-gram head decides.
``model.py`` is the arithmetic (``ReplyModel``, numpy, deterministic; under a millisecond a reply for the n-gram
head, plus one embedding for the semantic one); ``runtime.py`` the owner of the loaded weights (``ReplyScorer``), built by the composition root
and passed to ``review_reply(..., scorer=...)``, which consults it on every reply, at a stricter
threshold after a flagged message (see MODEL_CARD.md, "Where it runs"). Nothing here is shared between
owners. The rules still decide alone if the weights cannot be read (logged, never on screen).
"""

from __future__ import annotations

from .model import STRICT_THRESHOLD, THRESHOLD, WEIGHTS_PATH, ReplyModel, ReplyScore, read_model
from .runtime import ReplyScorer

__all__ = ["STRICT_THRESHOLD", "THRESHOLD", "WEIGHTS_PATH", "ReplyModel", "ReplyScore", "ReplyScorer",
           "read_model"]
