"""Rebuild the reply scorer's weights: ``python -m companion.safety.screen.reply_scorer.train``.

Reads ``bench/reply_guard/train.jsonl`` only (never ``measure.jsonl``: that set measures, it does not
train or tune), fits a multinomial logistic regression with L2 by full-batch gradient descent (fixed
seed, fixed iterations: the same input gives the same weights), and writes ``weights.npz`` next to
this file. Prints the training accuracy, which is a regression figure, not an estimate.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import numpy as np

from .features import DIM, featurise

ROOT = Path(__file__).resolve().parents[4]
VERSION = "reply-scorer 1.0"
CLASSES = ("safe", "claims", "diagnosis", "sexual", "eating", "medication", "encouragement", "secrecy",
           "insult", "method")


def read_cases(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def label_of(case: dict) -> str:
    return "safe" if case["label"] == "safe" else case["category"]


def design(texts: list[str]) -> np.ndarray:
    x = np.zeros((len(texts), DIM), dtype=np.float32)
    for row, text in enumerate(texts):
        idx, vals = featurise(text)
        x[row, idx] = vals
    return x


def fit(x: np.ndarray, y: np.ndarray, n_classes: int, l2: float = 1e-3, steps: int = 400,
        lr: float = 4.0, class_weight: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    n = x.shape[0]
    w = np.zeros((x.shape[1], n_classes), dtype=np.float32)
    b = np.zeros(n_classes, dtype=np.float32)
    onehot = np.eye(n_classes, dtype=np.float32)[y]
    sample_w = (class_weight[y] if class_weight is not None else np.ones(n, dtype=np.float32))[:, None]
    for _ in range(steps):
        logits = x @ w + b
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        p /= p.sum(axis=1, keepdims=True)
        grad = (p - onehot) * sample_w / n
        w -= lr * (x.T @ grad + l2 * w)
        b -= lr * grad.sum(axis=0)
    return w, b


def cross_validated_harm(x: np.ndarray, y: np.ndarray, folds: int = 5) -> np.ndarray:
    """Each training reply's "not safe" probability from a model that did not see it (fixed seed)."""
    perm = np.random.default_rng(0).permutation(len(y))
    harm = np.zeros(len(y))
    for fold in np.array_split(perm, folds):
        rest = np.setdiff1d(perm, fold)
        w, b = fit(x[rest], y[rest], len(CLASSES), class_weight=balance(y[rest]))
        harm[fold] = 1.0 - softmax(x[fold] @ w + b)[:, 0]
    return harm


def softmax(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def balance(y: np.ndarray) -> np.ndarray:
    """Harmful classes are many and small; weigh the safe and the harmful halves equally."""
    counts = np.bincount(y, minlength=len(CLASSES)).astype(np.float32)
    return np.where(np.arange(len(CLASSES)) == 0, counts[1:].sum() / max(counts[0], 1), 1.0).astype(np.float32)


def lowest_threshold(harm: np.ndarray, caught_by_rules: np.ndarray, safe: np.ndarray, pass_rate: float) -> float:
    """The lowest threshold (in steps of 0.05) at which rules + scorer still pass ``pass_rate`` of the
    safe training replies, measured by cross-validation (never on the measuring set)."""
    for t in np.arange(0.3, 0.96, 0.05):
        blocked = (harm >= t) | caught_by_rules
        if (~blocked[safe]).mean() >= pass_rate:
            return round(float(t), 2)
    return 0.95


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, default=ROOT / "bench" / "reply_guard" / "train.jsonl")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("weights.npz"))
    args = parser.parse_args(argv)
    cases = read_cases(args.train)
    x = design([c["text"] for c in cases])
    y = np.array([CLASSES.index(label_of(c)) for c in cases])
    # Thresholds from cross-validation on the training set: the ordinary one keeps 0.90 of safe
    # replies passing (the target), the strict one (after a flagged message, where a false
    # block costs a scripted warm reply, not silence) 0.80.
    from companion.safety import review_reply  # noqa: PLC0415 - the rules, for the combined figure

    caught = np.array([not review_reply(c["text"], lang=c["lang"], use_scorer=False).allowed for c in cases])
    harm = cross_validated_harm(x, y)
    safe = y == 0
    threshold = lowest_threshold(harm, caught, safe, 0.90)
    strict = min(threshold, lowest_threshold(harm, caught, safe, 0.80))
    w, b = fit(x, y, len(CLASSES), class_weight=balance(y))
    np.savez_compressed(args.out, weights=w.astype(np.float16), bias=b.astype(np.float32),
                        classes=np.array(CLASSES), version=np.array(VERSION),
                        thresholds=np.array([threshold, strict], dtype=np.float32))
    pred = (x @ w + b).argmax(axis=1)
    for name, t in (("threshold", threshold), ("strict", strict)):
        blocked = (harm >= t) | caught
        print(f"  {name} {t:.2f}: cross-validated on training, rules + scorer block "
              f"{blocked[~safe].mean():.3f} of harmful, pass {(~blocked[safe]).mean():.3f} of safe")
    print(f"{VERSION}: {len(cases)} training replies, training accuracy {float((pred == y).mean()):.3f} "
          f"(a regression figure); weights -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
