"""Leave-one-source-out evaluation of the risk scorer's training procedure: a forecast for chat text written by
other people. ``python -m companion.safety.train.source_cv [--data DIR] [--variant NAME ...]``

Random folds over the chat-like rows are optimistic: rows one writer wrote in one sitting share phrasing, so a
fold's held-out rows have near-twins in the fit. Here each chat-like source (``bench/safety_cases.json`` and
every ``chat_train*.jsonl``: ``data.training_sources``) is held out in turn: the heads are fitted as the
training command fits them (the fitting rows, i.e. forum posts and the other chat sources, never the tuning
portion), the risk and imminent thresholds are chosen as ``fit.finish`` chooses them (on the tuning portion,
without the held-out source's rows), the chat-length gate ("alone") and the chat-length imminent threshold as
the variant says, and the whole held-out source is scored. Reported per held-out source and language: recall,
imminent recall and false positives of the rules alone and of the layered screen (``runtime.decide``'s logic).
Training-side figures: the held-out sources are still the team's text, and the rules' cues were written from
some of them (the rules' own figures here are regression figures).

Features are extracted once and cached in the temporary folder (never in the repository: they derive from the
shared posts), keyed by the rule files and the feature code, so a run costs only the fits (one per source and
fit setting). New ``chat_train*.jsonl`` files are picked up as new sources; their features are added to the cache.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from ..scorer import features as features_module
from ..scorer.features import NGRAM_BITS, rule_feature_names
from ..scorer.model import RiskModel
from ..scorer.runtime import enough_for_alone, enough_text
from ..screen.ruleset import LANGS
from . import fit
from .data import FORUM_SOURCE, Row, training_sources

Feat = tuple[list[float], list[int], list[float], str]
MAX_SOURCE_FOLDS = 5  # fits per variant: ~5 minutes each on this shared machine
LEVELS = ("none", "elevated", "imminent")


@dataclass(frozen=True)
class Variant:
    """One way of training: the fit settings, and how the chat-length thresholds are chosen.
    ``alone``: "shipped" (the gate as the random-fold procedure left it in risk-1.1: shut in English, at the
    plain threshold in Chinese), "source" (per language, on the held-out scores of the OTHER chat sources, within
    ``alone_budget``), "added" (the same, but ``alone_budget`` bounds the false positives the gate ADDS), or
    "shut". ``imminent_chat``: "shared" (one imminent threshold for all lengths) or
    "source" (chat-length text gets its own, chosen like "alone" on the other sources, within ``fit.IMMINENT_BUDGET``)."""
    name: str
    chat_weight: float = fit.CHAT_WEIGHT
    steps: int = fit.STEPS
    l2: float = fit.L2
    alone: str = "shipped"
    alone_budget: tuple[tuple[str, float], ...] = tuple(fit.ALONE_FP_BUDGET.items())
    imminent_chat: str = "shared"
    #: Weight of the mid-conversation sources' rows under the four-word floor (``fit.is_short_reply``) in the
    #: fit: 1.0 as shipped, 0.0 leaves them out. Their held-out figures still count them.
    short_reply_weight: float = 1.0

    def fit_key(self) -> tuple:
        return (self.chat_weight, self.steps, self.l2, self.short_reply_weight)


BASE = Variant("current")
VARIANTS = {v.name: v for v in (
    BASE,
    replace(BASE, name="alone-by-source", alone="source"),
    replace(BASE, name="alone+imminent-by-source", alone="source", imminent_chat="source"),
    replace(BASE, name="alone-by-source-0.05", alone="source", alone_budget=(("en", 0.05), ("zh", 0.05))),
    replace(BASE, name="alone-added-0.01", alone="added", alone_budget=(("en", 0.01), ("zh", 0.01))),
    replace(BASE, name="alone-added-0.01+imminent-by-source", alone="added", imminent_chat="source",
            alone_budget=(("en", 0.01), ("zh", 0.01))),
    replace(BASE, name="chat-x8", chat_weight=8.0),
    replace(BASE, name="chat-x8+alone-by-source", chat_weight=8.0, alone="source"),
    replace(BASE, name="steps-320", steps=320),
    replace(BASE, name="l2-x10", l2=fit.L2 * 10),
    # The training command's own choice of the chat-length thresholds ("added" gate, chat imminent threshold),
    # with the mid-conversation sources' shortest rows left out of the fit or down-weighted (rk20).
    replace(BASE, name="short-replies-dropped", alone="added", imminent_chat="source",
            alone_budget=(("en", 0.01), ("zh", 0.01)), short_reply_weight=0.0),
    replace(BASE, name="short-replies-x0.25", alone="added", imminent_chat="source",
            alone_budget=(("en", 0.01), ("zh", 0.01)), short_reply_weight=0.25),
)}
DEFAULT_VARIANTS = ("current", "alone-by-source", "alone+imminent-by-source", "alone-by-source-0.05")


def cache_path() -> Path:
    """Keyed by everything a row's features depend on: the rule files and the feature code."""
    h = hashlib.sha256()
    rules_dir = Path(features_module.__file__).resolve().parents[1] / "screen" / "rules"
    for p in sorted(rules_dir.glob("*.json")) + [Path(features_module.__file__)]:
        h.update(p.name.encode() + p.read_bytes())
    return Path(tempfile.gettempdir()) / f"companion-risk-features-{NGRAM_BITS}-{h.hexdigest()[:16]}.npz"


def _text_key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def cached_features(texts: Sequence[str], path: Path, workers: int, log: Callable[[str], None]) -> list[Feat]:
    """``fit.featurise`` for every text, reading what ``path`` already holds and adding what it lacks.
    Plain arrays (no pickle): the file sits in a shared temporary folder."""
    known: dict[str, Feat] = {}
    if path.exists():
        with np.load(path, allow_pickle=False) as d:
            keys, rules, offsets = d["keys"], d["rules"], d["offsets"]
            idx, val, lev = d["indices"], d["values"], d["levels"]
            for i, k in enumerate(keys):
                a, b = offsets[i], offsets[i + 1]
                known[str(k)] = (rules[i].tolist(), idx[a:b].tolist(), val[a:b].tolist(), str(lev[i]))
    missing = sorted({t for t in texts if _text_key(t) not in known})
    if missing:
        log(f"extracting features of {len(missing)} texts ({len(known)} cached in {path})")
        for t, f in zip(missing, fit.featurise(missing, workers)):
            known[_text_key(t)] = f
        order = sorted(known)
        lens = [len(known[k][1]) for k in order]
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=np.array(order), rules=np.array([known[k][0] for k in order], dtype=np.float64),
                 offsets=np.concatenate([[0], np.cumsum(lens)]).astype(np.int64),
                 indices=np.array([i for k in order for i in known[k][1]], dtype=np.int64),
                 values=np.array([v for k in order for v in known[k][2]], dtype=np.float64),
                 levels=np.array([known[k][3] for k in order]))
        tmp.replace(path)
    return [known[_text_key(t)] for t in texts]


def _probs(model: RiskModel, feats: Sequence[Feat]) -> np.ndarray:
    """(n, 2) P(risk), P(imminent) with the quantised weights, as the app computes them."""
    return np.array([model.probabilities_from(f[0], f[1], f[2]) for f in feats]).reshape(-1, 2)


def _model(w: np.ndarray) -> RiskModel:
    r = len(rule_feature_names())
    return RiskModel(ngram=w[r:].T.astype(np.float16), rules=w[:r].T.astype(np.float32),
                     rule_names=rule_feature_names(), thresholds={}, meta={})


@dataclass
class Fold:
    names: tuple[str, ...]  # the held-out sources (``fit.source_folds``: one each while there are few)
    held: np.ndarray  # row indices of the held-out sources
    probs: np.ndarray  # (len(held), 2)
    thresholds: dict[str, dict[str, float]]  # as fit.finish chooses them without the source


def source_folds(sources: Sequence[str]) -> list[tuple[str, ...]]:
    """The chat-like sources, grouped into at most ``MAX_SOURCE_FOLDS`` folds: one source each while they are
    few, then dealt round the folds in name order, so a run's time stays bounded as files arrive."""
    names = sorted(set(sources) - {FORUM_SOURCE})
    k = min(len(names), MAX_SOURCE_FOLDS)
    return [tuple(names[i::k]) for i in range(k)]


def fit_folds(rows: Sequence[Row], sources: Sequence[str], feats: Sequence[Feat], variant: Variant,
              log: Callable[[str], None]) -> list[Fold]:
    tune = np.array([fit._tune(r) for r in rows])
    src = np.array(sources)
    level = np.array([r.level for r in rows])
    chat = np.array([fit._is_chat(r) for r in rows])
    weight = np.where(chat, variant.chat_weight, 1.0)
    weight = weight * np.array([variant.short_reply_weight if fit.is_short_reply(s, r) else 1.0
                                for s, r in zip(sources, rows)])
    y = np.stack([level != "none", level == "imminent"], axis=1).astype(float)
    folds = []
    for names in source_folds(sources):
        out = np.isin(src, names)
        held = np.flatnonzero(out)
        fit_idx = np.flatnonzero(~tune & ~out)
        log(f"[{variant.name}] holding out {', '.join(names)} ({len(held)} rows): fitting {len(fit_idx)} rows")
        t0 = time.monotonic()
        w = fit.fit_heads(fit.Sparse([feats[i] for i in fit_idx]), y[fit_idx], weight[fit_idx], lambda _m: None,
                          steps=variant.steps, l2=variant.l2)
        model = _model(w)
        t_idx = np.flatnonzero(tune & ~out)
        tuned = fit.finish(model, [rows[i] for i in t_idx], [feats[i] for i in t_idx], len(fit_idx))
        folds.append(Fold(names, held, _probs(model, [feats[i] for i in held]), tuned.thresholds))
        log(f"  {time.monotonic() - t0:.0f} s; thresholds {tuned.thresholds}")
    return folds


def layered(p: np.ndarray, rules_level: np.ndarray, short: np.ndarray, t: dict[str, float],
            tiny: np.ndarray | None = None) -> np.ndarray:
    """``runtime.decide`` then ``runtime.layer``, vectorised: the level index (0 none, 1 elevated, 2 imminent).
    ``t["imminent_chat"]``, when present, is the imminent threshold for chat-length text. Each row is one
    message with no conversation (no crisis before it), so ``decide``'s default applies: the scorer alone may
    rate chat-length text imminent (the guard caps that only in the flow after a crisis)."""
    rules = np.array([LEVELS.index(x) for x in rules_level])
    alone = t.get("alone", 1.0)
    alone_ok = np.ones(len(p), dtype=bool) if tiny is None else ~tiny  # ``runtime.enough_for_alone``
    risky = (p[:, 0] >= t["risk"]) & ((rules > 0) | ~short | ((p[:, 0] >= alone) & alone_ok))
    flagged = (rules > 0) | risky
    t_imm = np.where(short, t.get("imminent_chat", t["imminent"]), t["imminent"])
    verdict = np.where(flagged & (p[:, 1] >= t_imm), 2, np.where(risky, 1, 0))
    return np.maximum(rules, verdict)


def _chat_thresholds(folds: list[Fold], k: int, rows: Sequence[Row], feats: Sequence[Feat], short: np.ndarray,
                     variant: Variant) -> dict[str, dict[str, float]]:
    """Fold k's thresholds, with "alone" / "imminent_chat" chosen as the variant says on the held-out scores of
    the other folds' sources (as the training command chooses them on every source's held-out scores)."""
    t = {lg: dict(v) for lg, v in folds[k].thresholds.items()}
    others = [f for j, f in enumerate(folds) if j != k]
    if not others:
        return t
    idx = np.concatenate([f.held for f in others])
    p = np.concatenate([f.probs for f in others])
    for lg in LANGS:
        t_risk = t[lg]["risk"]
        if variant.alone == "shut" or (variant.alone == "shipped" and lg == "en"):
            t[lg]["alone"] = 1.0
        elif variant.alone == "shipped":
            t[lg]["alone"] = t_risk
        alone = None if variant.alone in ("source", "added") else t[lg]["alone"]
        chosen = choose_chat_thresholds(p, [rows[i] for i in idx], [feats[i] for i in idx], short[idx], lg, t_risk,
                                        dict(variant.alone_budget)[lg], variant.imminent_chat == "source", alone,
                                        marginal=variant.alone == "added")
        t[lg].update(chosen)
    return t


def _alone_added(p: np.ndarray, short: np.ndarray, base: np.ndarray, neg: np.ndarray, t_risk: float,
                 added: float) -> float:
    """The "added" rule alone: the lowest threshold (never below ``t_risk``) at which the negatives flagged exceed
    those flagged without the gate by at most ``added`` (``fit._alone_threshold`` with no total budget)."""
    return fit._alone_threshold(p, short, base, neg, t_risk, 0.0, added)


def choose_chat_thresholds(p: np.ndarray, rows: Sequence[Row], feats: Sequence[Feat], short: np.ndarray, lg: str,
                           t_risk: float, budget: float, imminent: bool, alone: float | None = None,
                           marginal: bool = False) -> dict[str, float]:
    """On held-out scores of chat-like rows of language ``lg``: "alone" (``fit._alone_threshold``) and, when
    ``imminent``, the chat-length imminent threshold (``fit._lowest_within`` on the layered screen's flags,
    within the chat imminent budget)."""
    lang = np.array([r.lang for r in rows])
    truth = np.array([r.level for r in rows])
    rules_level = np.array([f[3] for f in feats])
    in_lang = lang == lg
    base = (rules_level != "none") | (~short & (p[:, 0] >= t_risk))
    neg = in_lang & (truth == "none")
    if alone is None and marginal:
        alone = _alone_added(p[:, 0], short, base, neg, t_risk, budget)
    elif alone is None:
        alone = fit._alone_threshold(p[:, 0], short, base, neg, t_risk, budget)
    out: dict[str, float] = {"alone": alone}
    if imminent:
        lv = layered(p, rules_level, short, {"risk": t_risk, "imminent": 1.01, "alone": alone})
        mask = in_lang & short & (truth != "imminent")
        scores = np.where(lv > 0, p[:, 1], 0.0)
        t_chat = fit._lowest_within(scores[short], (rules_level == "imminent")[short],
                                    [(mask[short], fit.IMMINENT_BUDGET["chat"])])
        out["imminent_chat"] = t_chat
    return out


def figures(truth: np.ndarray, level: np.ndarray) -> dict[str, float | int | None]:
    pos, imm, neg = truth != "none", truth == "imminent", truth == "none"

    def share(m: np.ndarray, hit: np.ndarray) -> float | None:
        return round(float(hit[m].mean()), 3) if m.any() else None
    return {"n": int(len(truth)), "pos": int(pos.sum()), "imm": int(imm.sum()), "neg": int(neg.sum()),
            "recall": share(pos, level > 0), "imminent": share(imm, level == 2), "fp": share(neg, level > 0),
            "fp_imminent": share(~imm, level == 2)}


def evaluate(data: Path | None, variants: Sequence[Variant], workers: int = 2,
             log: Callable[[str], None] = print) -> dict:
    pairs = [(s, r) for s, r in training_sources(data) if not r.history]
    sources = [s for s, _ in pairs]
    rows = [r for _, r in pairs]
    feats = cached_features([r.text for r in rows], cache_path(), workers, log)
    short = np.array([not enough_text(r.text) for r in rows])
    tiny = np.array([not enough_for_alone(r.text) for r in rows])
    truth_all = np.array([r.level for r in rows])
    rules_all = np.array([f[3] for f in feats])
    report: dict = {}
    by_fit: dict[tuple, list[Fold]] = {}
    for v in variants:
        if v.fit_key() not in by_fit:
            by_fit[v.fit_key()] = fit_folds(rows, sources, feats, v, log)
        folds = by_fit[v.fit_key()]
        out: dict = {}
        pooled: dict[str, list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = {lg: [] for lg in LANGS}
        for k, f in enumerate(folds):
            t = _chat_thresholds(folds, k, rows, feats, short, v)
            lang = np.array([rows[i].lang for i in f.held])
            src = np.array([sources[i] for i in f.held])
            for name in f.names:
                for lg in LANGS:
                    m = (lang == lg) & (src == name)
                    if not m.any():
                        continue
                    idx = f.held[m]
                    lv = layered(f.probs[m], rules_all[idx], short[idx], t[lg], tiny[idx])
                    rl = np.array([LEVELS.index(x) for x in rules_all[idx]])
                    out[f"{name}/{lg}"] = {"rules": figures(truth_all[idx], rl),
                                           "layered": figures(truth_all[idx], lv),
                                           "thresholds": {a: round(b, 3) for a, b in t[lg].items()}}
                    pooled[lg].append((truth_all[idx], rl, lv))
        for lg, parts in pooled.items():
            if parts:
                tr = np.concatenate([x[0] for x in parts])
                out[f"ALL/{lg}"] = {"rules": figures(tr, np.concatenate([x[1] for x in parts])),
                                    "layered": figures(tr, np.concatenate([x[2] for x in parts]))}
        report[v.name] = out
    return report


def render(report: dict) -> str:
    lines = []
    for name, out in report.items():
        lines.append(f"== {name}: held-out source/lang  n(pos/imm/neg)  rules R / I / FP / FP-imm  ->  "
                     "layered R / I / FP / FP-imm  [thresholds]")
        for key, r in out.items():
            a, b = r["rules"], r["layered"]
            fmt = lambda x: "  -  " if x is None else f"{x:.3f}"  # noqa: E731
            lines.append(f"  {key:32s} {a['n']:5d} ({a['pos']}/{a['imm']}/{a['neg']})  "
                         f"{fmt(a['recall'])} / {fmt(a['imminent'])} / {fmt(a['fp'])} / {fmt(a['fp_imminent'])}  ->  "
                         f"{fmt(b['recall'])} / {fmt(b['imminent'])} / {fmt(b['fp'])} / {fmt(b['fp_imminent'])}  "
                         f"{r.get('thresholds', '')}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m companion.safety.train.source_cv",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="folder with en.jsonl and zh.jsonl")
    parser.add_argument("--variant", action="append", choices=sorted(VARIANTS),
                        help=f"training variants to compare (default: {', '.join(DEFAULT_VARIANTS)})")
    parser.add_argument("--workers", type=int, default=2, help="processes for feature extraction")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    args = parser.parse_args(argv)
    variants = [VARIANTS[n] for n in (args.variant or DEFAULT_VARIANTS)]
    try:
        report = evaluate(args.data, variants, args.workers, log=lambda s: print(s, file=sys.stderr, flush=True))
    except FileNotFoundError as exc:
        print(f"The shared risk data was not found ({exc.filename}); pass --data DIR.", file=sys.stderr)
        return 2
    print(render(report))
    if args.json:
        args.json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
