"""Training of the risk screen's semantic layer (``scorer/semantic.py``): the heads over the rule block and the
sentence embedding, and their thresholds. Run by ``python -m companion.safety.train`` after the n-gram scorer,
or alone with ``--only semantic``.

Rows: every chat-like training row (the team's cases and ``chat_train*.jsonl``) and one forum post in
``FORUM_SHARE`` (keyed hash of the text): the layer is for chat, and embedding all 20,000 training posts would
add half an hour to the command for text the n-gram scorer already reads well. Rows with a history are left
out (their label depends on it), as for the n-gram scorer, and so are rows under the runtime's four-word floor
(``runtime.enough_for_alone``): the layer never reads such a message, and most of them are replies whose label
came from the turn before ("yes", "same").

Thresholds are chosen on held-out sources, not random folds: each chat-like source (``source_cv.source_folds``)
is scored by heads fitted without it, so every chat-like row gets a score from heads that never saw its writer.
The thresholds apply to the layer's probabilities combined with the n-gram scorer's (``semantic.combined``), so
the n-gram scorer's held-out scores are needed too: ``ngram_held_out`` fits it once per source fold exactly as
``source_cv`` does (the shipped fit settings; a few minutes per fold) and keeps the scores in the temporary
folder, keyed by the feature cache and the texts. Rows it has no held-out score for are left out of the choice
(they still train the heads). Per language, "risk" is the lowest threshold at which the layer flags at most ``ADDED_FP`` of that language's
chat-like negatives that the rules pass; "imminent" the lowest at which it rates imminent at most
``IMMINENT_ADDED`` of the rows that are not imminent, among those flagged (rules or this layer) that the rules
did not already rate imminent. Then the heads are fitted once more on all rows and saved.
"""

from __future__ import annotations

import hashlib
import tempfile
import time
from collections.abc import Callable, Sequence
from multiprocessing import get_context
from pathlib import Path

import numpy as np

from ..scorer.features import rule_feature_names, rule_vector
from ..scorer.runtime import enough_for_alone, enough_text
from ..scorer.semantic import EMBEDDING_NAME, EMBEDDING_SCALE, SEMANTIC_PATH, SEMANTIC_VERSION, SemanticHead, combine
from ..screen.analyses import AnalysisMemo
from ..screen.message import assess
from . import fit, source_cv
from .data import FORUM_SOURCE, Row, training_sources

MAX_CHARS = 500  # as models.sentence_embedding cuts (the cache key must match what is embedded)

FORUM_SHARE = 4
CHAT_WEIGHT = 4.0  # as the n-gram scorer: a chat row counts as much as four forum posts
STEPS = 300
LEARNING_RATE = 0.05
L2 = 1e-4
# Chosen on held-out sources (MODEL_CARD.md, "Semantic layer"), thresholds picked without the source they are
# applied to: over the rules, 0.01 / 0.015 / 0.02 gave recall EN 0.774 / 0.803 / 0.820 at FP 0.068 / 0.073 /
# 0.081, ZH 0.716 / 0.747 / 0.776 at 0.060 / 0.066 / 0.071. 0.02 flagged "are you still there, I was away for a
# bit" (tests/safety/test_risk_scorer.py); 0.015 does not.
ADDED_FP = {"en": 0.015, "zh": 0.015}
IMMINENT_ADDED = 0.02


def selected(folder: Path | None) -> list[tuple[str, Row]]:
    def keep(source: str, row: Row) -> bool:
        if row.history or row.level is None or not enough_for_alone(row.text):
            return False
        return source != FORUM_SOURCE or hashlib.sha256(row.text.encode("utf-8")).digest()[0] % FORUM_SHARE == 0
    return [(s, r) for s, r in training_sources(folder) if keep(s, r)]


def _rules_of(text: str) -> tuple[list[float], str]:
    memo = AnalysisMemo(4)
    return rule_vector(text, memo), assess(text, memo=memo).level


def rule_block(texts: Sequence[str], workers: int) -> tuple[np.ndarray, np.ndarray]:
    if workers <= 1:
        out = [_rules_of(t) for t in texts]
    else:
        with get_context("fork").Pool(workers) as pool:
            out = pool.map(_rules_of, texts, chunksize=64)
    return np.array([v for v, _ in out], dtype=np.float32), np.array([lv for _, lv in out])


def cache_path(version: str | None) -> Path:
    """Embeddings of training text, kept in the temporary folder (never in the repository: they derive from
    the shared posts), keyed by the embedding package's version: a rerun embeds only what is new."""
    return Path(tempfile.gettempdir()) / f"companion-semantic-embeddings-{version or 'unknown'}.npz"


def _key(text: str) -> str:
    return hashlib.sha256(text[:MAX_CHARS].encode("utf-8")).hexdigest()


def embed_all(texts: Sequence[str], embed: Callable[[Sequence[str]], np.ndarray], log: Callable[[str], None],
              cache: Path | None = None, batch: int = 32) -> np.ndarray:
    known: dict[str, np.ndarray] = {}
    if cache is not None and cache.exists():
        with np.load(cache, allow_pickle=False) as d:
            known = dict(zip((str(k) for k in d["keys"]), d["vectors"]))
    missing = sorted({_key(t): t for t in texts if _key(t) not in known}.items())
    t0 = time.monotonic()
    log(f"  embedding {len(missing)} texts ({len(known)} cached)")
    for i in range(0, len(missing), batch):
        part = missing[i:i + batch]
        for (k, _t), v in zip(part, embed([t for _k, t in part])):
            known[k] = v
        if i and i % (batch * 64) == 0:
            log(f"  embedded {i} of {len(missing)} in {time.monotonic() - t0:.0f} s")
    if cache is not None and missing:
        keys = sorted(known)
        tmp = cache.with_suffix(".tmp.npz")
        np.savez(tmp, keys=np.array(keys), vectors=np.array([known[k] for k in keys], dtype=np.float32))
        tmp.replace(cache)
    return np.array([known[_key(t)] for t in texts], dtype=np.float32)


def fit_heads(x: np.ndarray, y: np.ndarray, weight: np.ndarray) -> np.ndarray:
    """Both heads, as the n-gram scorer's are fitted (``fit.fit_heads``) but dense and with this layer's
    constants; returns (heads, dim) float32."""
    return fit.fit_heads(fit.Dense(x), y, weight, lambda _m: None, steps=STEPS, l2=L2,
                         learning_rate=LEARNING_RATE).T.astype(np.float32)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))


def _lowest(scores: np.ndarray, extra_ok: Callable[[np.ndarray], float], budget: float) -> float:
    """The lowest threshold at which ``extra_ok(scores >= t)`` (a share) stays within ``budget``."""
    for t in np.linspace(0.30, 0.995, 140):
        if extra_ok(scores >= t) <= budget + 1e-9:
            return round(float(t), 4)
    return 1.0


def choose_thresholds(p: np.ndarray, truth: np.ndarray, rules: np.ndarray, lang: np.ndarray, tiny: np.ndarray
                      ) -> dict[str, dict[str, float]]:
    """On held-out scores ``p`` (n, 2) of chat-like rows."""
    out = {}
    for lg in ("en", "zh"):
        in_lang = lang == lg
        neg = in_lang & (truth == "none")
        passed = neg & (rules == "none") & ~tiny
        t_risk = _lowest(p[:, 0], lambda hit: (hit & passed).sum() / max(1, neg.sum()), ADDED_FP[lg])
        flagged = (rules != "none") | ((p[:, 0] >= t_risk) & ~tiny)
        not_imm = in_lang & (truth != "imminent")
        cand = not_imm & flagged & (rules != "imminent")
        t_imm = _lowest(p[:, 1], lambda hit: (hit & cand).sum() / max(1, not_imm.sum()), IMMINENT_ADDED)
        out[lg] = {"risk": t_risk, "imminent": t_imm}
    return out


def ngram_held_out(folder: Path | None, texts: Sequence[str], workers: int, log: Callable[[str], None]
                   ) -> np.ndarray:
    """(len(texts), 2): the n-gram scorer's P(risk), P(imminent) for each text from heads fitted without the
    text's source (``source_cv.fit_folds``); NaN for texts of no chat-like source."""
    pairs = [(s, r) for s, r in training_sources(folder) if not r.history]
    chat_texts = sorted({r.text for s, r in pairs if s != FORUM_SOURCE})
    h = hashlib.sha256(source_cv.cache_path().name.encode())
    for t in chat_texts:
        h.update(t.encode("utf-8") + b"\0")
    cache = Path(tempfile.gettempdir()) / f"companion-ngram-held-out-{h.hexdigest()[:16]}.npz"
    if cache.exists():
        with np.load(cache, allow_pickle=False) as d:
            known = dict(zip((str(k) for k in d["keys"]), d["probs"]))
        log(f"  n-gram held-out scores from {cache}")
    else:
        sources = [s for s, _ in pairs]
        rows = [r for _, r in pairs]
        feats = source_cv.cached_features([r.text for r in rows], source_cv.cache_path(), workers, log)
        known = {}
        for fold in source_cv.fit_folds(rows, sources, feats, source_cv.BASE, log):
            for i, p in zip(fold.held, fold.probs):
                known[_key(rows[i].text)] = p
        keys = sorted(known)
        np.savez(cache, keys=np.array(keys), probs=np.array([known[k] for k in keys], dtype=np.float64))
    nan = np.array([np.nan, np.nan])
    return np.array([known.get(_key(t), nan) for t in texts], dtype=np.float64)


def build(folder: Path | None, out: Path = SEMANTIC_PATH, workers: int = 2,
          embedder_factory: Callable[[], object] | None = None, log: Callable[[str], None] = print) -> dict:
    if embedder_factory is None:
        from models.sentence_embedding import SentenceEmbedder

        def embedder_factory() -> object:
            return SentenceEmbedder(threads=workers)
    pairs = selected(folder)
    sources = np.array([s for s, _ in pairs])
    rows = [r for _, r in pairs]
    texts = [r.text for r in rows]
    log(f"semantic layer: {len(rows)} rows ({int((sources != FORUM_SOURCE).sum())} chat-like); rule block")
    rb, rules = rule_block(texts, workers)
    log("embedding")
    embedder = embedder_factory()
    emb = embed_all(texts, embedder.embed, log, cache_path(getattr(embedder, "version", None)))
    x = np.hstack([rb, emb * EMBEDDING_SCALE]).astype(np.float64)
    truth = np.array([r.level for r in rows])
    lang = np.array([r.lang for r in rows])
    y = np.stack([truth != "none", truth == "imminent"], axis=1).astype(float)
    chat = sources != FORUM_SOURCE
    weight = np.where(chat, CHAT_WEIGHT, 1.0)
    # Rows the layer never reads at run time: under four words, or of forum length (the n-gram scorer's part).
    tiny = np.array([not enough_for_alone(t) or enough_text(t) for t in texts])
    oof = np.full((len(rows), 2), np.nan)
    for names in source_cv.source_folds(sources):
        held = np.isin(sources, names)
        w = fit_heads(x[~held], y[~held], weight[~held])
        oof[held] = _sigmoid(x[held] @ w.T.astype(np.float64))
        log(f"  held out {', '.join(names)}")
    ngram = ngram_held_out(folder, texts, workers, log)
    both = combine(oof, ngram)
    c = np.flatnonzero(chat & ~np.isnan(both[:, 0]))
    log(f"  choosing thresholds on {len(c)} chat-like rows with both held-out scores")
    thresholds = choose_thresholds(both[c], truth[c], rules[c], lang[c], tiny[c])
    head = SemanticHead(fit_heads(x, y, weight), rule_feature_names(), emb.shape[1], thresholds, {})
    report = {"thresholds": thresholds}
    for lg in ("en", "zh"):
        m = c[lang[c] == lg]
        base = np.array([("none", "elevated", "imminent").index(v) for v in rules[m]])
        layered = np.array([("none", "elevated", "imminent").index(
            head.level(lg, float(a), float(b), rules[i], True) if not tiny[i] else rules[i])
            for i, (a, b) in zip(m, both[m])])
        report[f"held-out sources, {lg}"] = {"rules": source_cv.figures(truth[m], base),
                                             "rules+semantic (alone, without the n-gram gate)": source_cv.figures(truth[m], layered)}
    meta = {"version": SEMANTIC_VERSION, "embedding": EMBEDDING_NAME,
            "embedding_version": getattr(embedder, "version", None), "rows": len(rows),
            "chat_rows": int(chat.sum()), "forum_share": f"1 in {FORUM_SHARE}", "added_fp": ADDED_FP,
            "imminent_added": IMMINENT_ADDED, "tuning": report}
    head = SemanticHead(head.weights, head.rule_names, head.dim, thresholds, meta)
    head.save(out)
    return report
