"""Rebuild the reply scorer's weights: ``python -m companion.safety.screen.reply_scorer.train``.

Reads the training files of ``bench/reply_guard/`` (``TRAINING_GLOBS``: every hand-written
``train*.jsonl``, the safe replies harvested from the embedded models, and the retired measuring sets
``RETIRED_MEASURES``, the first seven since 2.8) and never ``measure_v8.jsonl`` or ``measure_v9.jsonl`` (those
sets measure, they do not train or tune) nor ``model_replies_heldout.jsonl`` (model replies kept back to check false blocks on replies nobody
trained on: reported, never used for a choice). Fits a multinomial logistic regression with L2 by full-batch gradient descent (fixed
seed, fixed iterations: the same input gives the same weights), and writes ``weights.npz`` next to
this file. Prints the training accuracy, which is a regression figure, not an estimate.

Since 2.7 two heads are fitted the same way: the n-gram head, and the semantic head, whose rows also carry
each reply's multilingual-e5-small vector times ``VECTOR_SCALE`` (embedded once, cached in the temporary
folder). Each gets its own cross-validated thresholds; the app uses the semantic head when the embedder loads.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import numpy as np

from .features import DIM, featurise
from .model import joint_score

# Rows are [n-gram features, VECTOR_SCALE * e5 vector]; e5 vectors are unit length. Chosen by cross-validation
# on the training text only: harmful replies blocked at the ordinary safe pass rate (0.95) were 0.854 without the
# vector, 0.890 at 1.0, 0.902 at 2.0 and 0.891 at 3.0 (where the threshold sat at 0.98, the edge of the search).
VECTOR_SCALE = 2.0

ROOT = Path(__file__).resolve().parents[4]
VERSION = "reply-scorer 2.9"
DATA = ROOT / "bench" / "reply_guard"
#: Every hand-written ``train*.jsonl`` (in name order), then the harvested model replies: new training
#: text is a new file, and no measuring set (``measure*.jsonl``, ``model_replies_heldout.jsonl``) matches.
TRAINING_GLOBS = ("train*.jsonl", "model_replies_train*.jsonl")
#: The first four measuring sets, retired into training text (2.5, issue 16): each had been run many times and
#: its misses read, so its figures were regression figures already, while its replies were written apart from
#: the guard by four more writers. Decided before the fifth set (``measure_v5.jsonl``, sealed) was first run.
#: 2.6: the fifth set joined them once the sixth was written (it had been run twice, with no choice made on it);
#: 2.7: the sixth joined them once the seventh was written (its first-pass figures were recorded, then its misses
#: read). 2.8: the seventh joined them the same way once the eighth was written; 2.9: the eighth once the ninth was
#: written and first run. The ninth (``measure_v9.jsonl``) is sealed: not listed here, matched by no training glob.
#: Their "contact" rows are left out: invented contact details are the contact gate's, not a scorer class.
RETIRED_MEASURES = ("measure.jsonl", "measure_v2.jsonl", "measure_v3.jsonl", "measure_v4.jsonl", "measure_v5.jsonl",
                    "measure_v6.jsonl", "measure_v7.jsonl", "measure_v8.jsonl")
HELD_OUT = "model_replies_heldout.jsonl"
#: The safe class's share of the total training weight. 2.0 runs on every reply, and most replies are
#: ordinary: a prior towards "safe" keeps short replies it has few words for from scoring as doubtful.
SAFE_SHARE = 0.7
#: Safe replies that must pass, cross-validated: ordinary replies (every turn), and after a flagged
#: message (where a false block costs a scripted warm reply that fits what was said, not silence).
#: 2.2 raised the strict pass rate from 0.90 to 0.93: cross-validated, 0.90 -> 0.93 cost 0.002 of the
#: harmful replies blocked (0.961 -> 0.959) and passed 0.03 more safe ones (Chinese 0.897 -> 0.921).
PASS_ORDINARY, PASS_STRICT = 0.95, 0.93
#: L2 strength, descent steps and step size, chosen by the cross-validated figures on the training set
#: (1.0's 1e-3 and step 4 left the model at 0.62 training accuracy: too little fit, not too much; 2.1's
#: harder training text and stance features gained from 800 steps: 0.824 -> 0.839 harmful blocked).
L2, STEPS, LR = 1e-5, 800, 12.0
#: Fold assignments the cross-validated figures average over. 2.3: with one assignment the ordinary
#: threshold moved 0.46 -> 0.49 when five rows were added (the safe pass rate is flat around 0.95 there,
#: so one fold draw decided it, and method / sexual replies blocked moved by 0.03); three average it out.
CV_REPEATS = 3
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


def fit(x: np.ndarray, y: np.ndarray, n_classes: int, l2: float = L2, steps: int = STEPS,
        lr: float = LR, class_weight: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Multinomial logistic regression with L2, full-batch gradient descent from zero."""
    a, b = fit_dual(x @ x.T, y, n_classes, l2, steps, lr, class_weight)
    return x.T @ a, b


def fit_dual(gram: np.ndarray, y: np.ndarray, n_classes: int, l2: float = L2, steps: int = STEPS,
             lr: float = LR, class_weight: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """The same descent, written on the replies' Gram matrix (``x @ x.T``): started from zero, the
    weights stay ``x.T @ a``, so each step costs n*n instead of n*DIM and cross-validation is cheap
    (the primal form took minutes per fold on this shared machine). Same result up to rounding."""
    n = gram.shape[0]
    a = np.zeros((n, n_classes), dtype=np.float32)
    b = np.zeros(n_classes, dtype=np.float32)
    onehot = np.eye(n_classes, dtype=np.float32)[y]
    sample_w = (class_weight[y] if class_weight is not None else np.ones(n, dtype=np.float32))[:, None]
    for _ in range(steps):
        p = softmax(gram @ a + b)
        grad = (p - onehot) * sample_w / n
        a -= lr * (grad + l2 * a)
        b -= lr * grad.sum(axis=0)
    return a, b


def cross_validated_harm(gram: np.ndarray, y: np.ndarray, groups: list[str], folds: int = 5,
                         l2: float = L2, steps: int = STEPS, safe_share: float = SAFE_SHARE,
                         repeats: int = CV_REPEATS) -> np.ndarray:
    """Each training reply's "not safe" probability from models that did not see it (fixed seeds),
    averaged over ``repeats`` different fold assignments. Replies of one group (a harvested reply and
    its own first sentence) stay in the same fold. ``gram``: the rows' Gram matrix (``x @ x.T``)."""
    names = sorted(set(groups))
    harm = np.zeros(len(y))
    for seed in range(repeats):
        order = np.random.default_rng(seed).permutation(len(names))
        fold_of = {names[i]: k % folds for k, i in enumerate(order)}
        assignment = np.array([fold_of[g] for g in groups])
        for k in range(folds):
            fold = np.flatnonzero(assignment == k)
            rest = np.flatnonzero(assignment != k)
            a, b = fit_dual(gram[np.ix_(rest, rest)], y[rest], len(CLASSES), l2, steps,
                            class_weight=balance(y[rest], safe_share))
            harm[fold] += (1.0 - softmax(gram[np.ix_(fold, rest)] @ a + b)[:, 0]) / repeats
    return harm


def softmax(logits: np.ndarray) -> np.ndarray:
    logits = logits - logits.max(axis=1, keepdims=True)
    p = np.exp(logits)
    return p / p.sum(axis=1, keepdims=True)


def balance(y: np.ndarray, safe_share: float = SAFE_SHARE) -> np.ndarray:
    """Class weights: the safe class gets ``safe_share`` of the total weight, the harm classes the rest
    (each harmful reply weighs the same, whatever its class)."""
    counts = np.bincount(y, minlength=len(CLASSES)).astype(np.float32)
    harmful = counts[1:].sum()
    safe_weight = safe_share / (1 - safe_share) * harmful / max(counts[0], 1)
    return np.where(np.arange(len(CLASSES)) == 0, safe_weight, 1.0).astype(np.float32)


def lowest_threshold(harm: np.ndarray, caught_by_rules: np.ndarray, safe: np.ndarray, pass_rate: float) -> float:
    """The lowest threshold (in steps of 0.01) at which rules + scorer still pass ``pass_rate`` of the
    safe training replies, measured by cross-validation (never on the measuring set)."""
    for t in np.arange(0.3, 0.991, 0.01):
        blocked = (harm >= t) | caught_by_rules
        if (~blocked[safe]).mean() >= pass_rate:
            return round(float(t), 2)
    return 0.99


def embed_replies(texts: list[str]) -> np.ndarray:
    """Each reply's e5 vector (the embedder the app uses), cached in the temporary folder by text."""
    from companion.safety.train.semantic_fit import embed_all  # noqa: PLC0415
    from models.sentence_embedding import SentenceEmbedder, embedding_version  # noqa: PLC0415

    cache = Path(tempfile.gettempdir()) / f"companion-reply-embeddings-{embedding_version() or 'unknown'}.npz"
    return embed_all(texts, SentenceEmbedder(threads=2).embed, print, cache=cache)


def thresholds_of(harm: np.ndarray, caught: np.ndarray, safe: np.ndarray) -> tuple[float, float]:
    threshold = lowest_threshold(harm, caught, safe, PASS_ORDINARY)
    return threshold, min(threshold, lowest_threshold(harm, caught, safe, PASS_STRICT))


def joint_thresholds(semantic: np.ndarray, ngram: np.ndarray, caught: np.ndarray, safe: np.ndarray,
                     pass_rate: float, ceiling: tuple[float, float] = (0.99, 0.99)) -> tuple[float, float]:
    """(semantic, n-gram) thresholds where a reply is withheld when either head reaches its own: of the pairs
    that pass ``pass_rate`` of the safe training replies (cross-validated), the one that blocks the most harmful
    ones. ``ceiling``: the strict pair stays at or below the ordinary one (``model.joint_score`` needs it)."""
    best = (-1.0, ceiling[0], ceiling[1])
    for t_ngram in np.arange(0.5, ceiling[1] + 1e-9, 0.01):
        base = caught | (ngram >= t_ngram)
        if (~base[safe]).mean() < pass_rate:
            continue
        for t in np.arange(0.3, ceiling[0] + 1e-9, 0.01):
            blocked = base | (semantic >= t)
            if (~blocked[safe]).mean() >= pass_rate:
                if blocked[~safe].mean() > best[0]:
                    best = (float(blocked[~safe].mean()), round(float(t), 2), round(float(t_ngram), 2))
                break
    return best[1], best[2]


def training_files() -> list[Path]:
    return [path for pattern in TRAINING_GLOBS for path in sorted(DATA.glob(pattern))] + [
        DATA / name for name in RETIRED_MEASURES]


def read_training(paths: list[Path]) -> list[dict]:
    """Every training reply; a file that is not there yet (no harvest run) is skipped, said aloud."""
    cases = []
    for path in paths:
        if path.exists():
            cases += [case for case in read_cases(path) if label_of(case) in CLASSES]
        else:
            print(f"  (no {path.name}: skipped)")
    return cases


def rules_block(cases: list[dict]) -> np.ndarray:
    from companion.safety import review_reply  # noqa: PLC0415 - the rules, for the combined figure

    return np.array([not review_reply(c["text"], lang=c["lang"]).allowed for c in cases])


def scored(cases: list[dict]) -> np.ndarray:
    """1 for the replies the guard would hand to the scorer, 0 for fragments it leaves to the rules
    (``review_reply``: fewer than three words). 2.3: the cross-validated figures and the thresholds
    count what the guard does; until 2.2 "I see." or "嗯。" scored 0.7-0.9 in cross-validation and
    pushed the threshold up although the guard never asks the scorer about them."""
    from companion.safety.screen.normalise import normalise  # noqa: PLC0415
    from companion.safety.screen.reply import enough_words  # noqa: PLC0415

    return np.array([1.0 if enough_words(normalise(c["text"])) else 0.0 for c in cases])


def report(cases: list[dict], harm: np.ndarray, caught: np.ndarray, threshold: float) -> None:
    """The cross-validated figures at the ordinary threshold per category and per language (what to
    write next, and where the rules or the model are weakest)."""
    blocked = (harm >= threshold) | caught
    groups: dict[str, list[int]] = {}
    for i, case in enumerate(cases):
        key = label_of(case)
        groups.setdefault(f"{key} {case['lang']}", []).append(i)
        groups.setdefault(f"{key} all", []).append(i)
    for key in sorted(groups):
        rows = groups[key]
        rate = blocked[rows].mean() if not key.startswith("safe") else 1 - blocked[rows].mean()
        print(f"    {key:<20} {'passed' if key.startswith('safe') else 'blocked'} {rate:.3f} of {len(rows)}"
              f" (rules alone {caught[rows].mean():.3f} blocked)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, action="append", help="training files (repeatable); default: "
                        + ", ".join(f"bench/reply_guard/{name}" for name in TRAINING_GLOBS))
    parser.add_argument("--skip-held-out", action="store_true",
                        help=f"do not read {HELD_OUT} (for work that must not see it)")
    parser.add_argument("--show-misses", action="store_true",
                        help="print the training replies the cross-validated rules + scorer get wrong "
                             "(training text only: what to write or which rule to add next)")
    parser.add_argument("--out", type=Path, default=Path(__file__).with_name("weights.npz"))
    args = parser.parse_args(argv)
    cases = read_training(args.train or training_files())
    x = design([c["text"] for c in cases])
    y = np.array([CLASSES.index(label_of(c)) for c in cases])
    groups = [c["source"] if c.get("source") else c["text"] for c in cases]
    vectors = embed_replies([c["text"] for c in cases]) * VECTOR_SCALE
    # Thresholds from cross-validation on the training set only (see PASS_ORDINARY, PASS_STRICT).
    caught = rules_block(cases)
    safe = y == 0
    gram = x @ x.T
    ngram_harm = cross_validated_harm(gram, y, groups) * scored(cases)
    ngram_thresholds = thresholds_of(ngram_harm, caught, safe)
    semantic_gram = gram + vectors @ vectors.T
    semantic_harm = cross_validated_harm(semantic_gram, y, groups) * scored(cases)
    # The n-gram head keeps a vote beside the semantic one (2.7: alone, the semantic head let through short
    # replies the n-gram head had words for); both thresholds are chosen together.
    ordinary_pair = joint_thresholds(semantic_harm, ngram_harm, caught, safe, PASS_ORDINARY)
    strict_pair = joint_thresholds(semantic_harm, ngram_harm, caught, safe, PASS_STRICT, ordinary_pair)
    threshold, strict = ordinary_pair[0], strict_pair[0]
    pair_ngram = (ordinary_pair[1], strict_pair[1])
    harm = joint_score(semantic_harm, ngram_harm, (threshold, strict), pair_ngram) * scored(cases)
    weights = balance(y)
    w, b = fit(x, y, len(CLASSES), class_weight=weights)
    a, sb = fit_dual(semantic_gram, y, len(CLASSES), class_weight=weights)
    sw, sv = x.T @ a, vectors.T @ a
    np.savez_compressed(args.out, weights=w.astype(np.float16), bias=b.astype(np.float32),
                        classes=np.array(CLASSES), version=np.array(VERSION),
                        thresholds=np.array(ngram_thresholds, dtype=np.float32),
                        semantic_weights=sw.astype(np.float16), semantic_vector_weights=sv.astype(np.float32),
                        semantic_bias=sb.astype(np.float32), semantic_scale=np.array(VECTOR_SCALE),
                        semantic_thresholds=np.array([threshold, strict], dtype=np.float32),
                        semantic_ngram_thresholds=np.array(pair_ngram, dtype=np.float32))
    for name, t in zip(("ordinary", "strict"), ngram_thresholds):
        blocked = (ngram_harm >= t) | caught
        print(f"  n-gram head alone (no embedder), {name} {t:.2f}: cross-validated on training, rules + "
              f"scorer block {blocked[~safe].mean():.3f} of harmful, pass {(~blocked[safe]).mean():.3f} of safe")
    print(f"  the semantic head with the n-gram head's vote (what the app uses; n-gram thresholds {pair_ngram[0]:.2f}"
          f" / strict {pair_ngram[1]:.2f}):")
    pred = (x @ sw + vectors @ sv + sb).argmax(axis=1)
    for name, t in (("ordinary", threshold), ("strict", strict)):
        print(f"  per category and language, {name} threshold {t:.2f} (cross-validated on training):")
        report(cases, harm, caught, t)
    langs = np.array([c["lang"] for c in cases])
    for name, t in (("threshold", threshold), ("strict", strict)):
        blocked = (harm >= t) | caught
        by_lang = ", ".join(f"{lang} {blocked[~safe & (langs == lang)].mean():.3f} / "
                            f"{(~blocked[safe & (langs == lang)]).mean():.3f}" for lang in ("en", "zh"))
        print(f"  {name} {t:.2f}: cross-validated on training, rules + scorer block "
              f"{blocked[~safe].mean():.3f} of harmful, pass {(~blocked[safe]).mean():.3f} of safe "
              f"({by_lang})")
    if args.show_misses:
        for i, case in enumerate(cases):
            wrong = (harm[i] >= threshold or caught[i]) == safe[i]
            if wrong:
                print(f"  miss {label_of(case):<13} {case['lang']} {harm[i]:.2f} {case['text'][:90]!r}")
    held = DATA / HELD_OUT
    if held.exists() and not args.skip_held_out:
        kept = read_cases(held)
        x_held = design([c["text"] for c in kept])
        v_held = embed_replies([c["text"] for c in kept]) * VECTOR_SCALE
        ngram_held = 1.0 - softmax(x_held @ w.astype(np.float16).astype(np.float32) + b)[:, 0]
        semantic_held = 1.0 - softmax(x_held @ sw.astype(np.float16).astype(np.float32) + v_held @ sv + sb)[:, 0]
        heads = (("semantic head with the n-gram vote",
                  joint_score(semantic_held, ngram_held, (threshold, strict), pair_ngram), (threshold, strict)),
                 ("n-gram head alone", ngram_held, ngram_thresholds))
        by_rules = rules_block(kept)
        for head, harm_held, pair in heads:
            for name, t in zip(("threshold", "strict"), pair):
                print(f"  {head}, {name} {t:.2f}: held-out model replies ({HELD_OUT}, never trained on): rules"
                      f" + scorer pass {(~((harm_held >= t) | by_rules)).mean():.3f} of {len(kept)}")
    print(f"{VERSION}: {len(cases)} training replies ({int(safe.sum())} safe), training accuracy "
          f"{float((pred == y).mean()):.3f} (a regression figure); weights -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
