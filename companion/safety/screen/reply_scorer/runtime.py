"""The reply scorer as the app uses it: ``ReplyScorer`` owns the loaded weights (the way ``RiskScorer``
owns the risk scorer's).

    scorer = ReplyScorer()       # nothing read yet
    scorer.start()               # a daemon thread reads the weights (about 300 KB, numpy with them)
    model = scorer.model()       # the ReplyModel, or None when the weights cannot be read
    review_reply(text, scorer=scorer)
    scorer.score(text)           # the model's score, remembered for the last few texts
    scorer.forget()              # ... until the session locks (SafetyGuard.forget_text)

The composition root (``companion.app.Companion``) builds one and hands it to the guard; there is no
shared instance. Since 2.7 the load also fetches the sentence embedder it is given (``embedder``: the
composition root's ``companion.safety.shared_embedder.SharedEmbedder``, shared with the risk screen's semantic
layer), so the semantic head decides. Without one, or when it cannot load (logged once), the n-gram head decides
alone. The embedder is handed in, never imported: the screen engine imports no model (import-linter). Unlike the risk scorer, a reply is never reviewed without it while it loads: ``model``
waits for a load under way, and loads on the calling thread when nobody started one, because the rules
alone let three in four harmful replies through (MODEL_CARD.md). A load that fails is said once in the
log (never on screen) and the rules decide alone from then on.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from pathlib import Path

from typing import Any, Protocol

from ..recent import RecentResults
from .model import WEIGHTS_PATH, ReplyModel, ReplyScore, read_model

log = logging.getLogger(__name__)

#: How many recent replies' scores ``ReplyScorer.score`` keeps. The finished reply is reviewed three times on
#: the model thread (at its last sentence end, by the reply checks, and at the final review), each an embedding
#: of 20-60 ms; the same text scores the same, so the later two are look-ups.
SCORE_MEMO_SIZE = 8


class EmbedderSource(Protocol):
    """What the scorer needs of ``SharedEmbedder``: ``get()`` returns ``texts -> vectors`` or raises."""

    def get(self) -> Callable[[Any], Any]: ...


class ReplyScorer:
    def __init__(self, path: Path = WEIGHTS_PATH, loader: Callable[[Path], ReplyModel] | None = None,
                 embedder: EmbedderSource | None = None) -> None:
        """``loader`` replaces ``read_model`` (tests). ``embedder``: the sentence embedder for the semantic
        head (None: the n-gram head alone)."""
        self._path = path
        self._loader = loader or read_model
        self._embedder = embedder
        self._model: ReplyModel | None = None
        self._lock = threading.Lock()  # held while loading: whoever asks meanwhile waits for the result
        self._start_lock = threading.Lock()  # never held while loading: ``start`` does not wait for a load
        self._done = False
        self._thread: threading.Thread | None = None
        self.failed = False
        # Recent replies and their scores: text the person's conversation holds, so ``forget`` empties it
        # (at every lock), and a score started before a ``forget`` is not kept after it.
        self._scores: RecentResults[ReplyScore] = RecentResults(SCORE_MEMO_SIZE)

    def start(self, after: Callable[[], object] | None = None) -> None:
        """Load on a daemon thread (it never holds up quitting). Once only. ``after``: called on that thread
        first, to wait for another load (the composition root passes the risk scorer's ``wait``)."""
        with self._start_lock:
            if self._thread is not None or self._done:
                return

            def load() -> None:
                if after is not None:
                    after()
                self.model()

            self._thread = threading.Thread(target=load, name="reply-scorer-load", daemon=True)
            self._thread.start()

    def load_now(self) -> bool:
        """Load on the calling thread (tools, tests, the bench). True when ready."""
        return self.model() is not None

    def model(self) -> ReplyModel | None:
        """The loaded model (loading it first if need be), or None when its weights cannot be read."""
        if self._done:  # the common case: no lock to take
            return self._model
        with self._lock:
            if not self._done:
                self._model = self._load()
                self._done = True
            return self._model

    def _load(self) -> ReplyModel | None:
        t0 = time.perf_counter()
        try:
            model = self._loader(self._path)
        except Exception as exc:  # noqa: BLE001 - any failure: the rules decide alone
            self.failed = True
            log.warning("the learned reply scorer could not be loaded (%s); the rules decide alone",
                        type(exc).__name__)
            return None
        if self._embedder is not None and getattr(model, "semantic", None) is not None:
            try:
                model = model.with_embedding(self._embedder.get())
            except Exception as exc:  # noqa: BLE001 - the n-gram head still decides
                log.warning("reply scorer: the semantic head is off (%s); the n-gram head decides",
                            type(exc).__name__)
        log.info("reply scorer %s ready in %.0f ms", model.version, (time.perf_counter() - t0) * 1000)
        return model

    def score(self, text: str) -> ReplyScore | None:
        """``model().score(text)``, remembered for the last ``SCORE_MEMO_SIZE`` texts; None without a model."""
        model = self.model()
        return self._scores.get(text, model.score) if model is not None else None

    def forget(self) -> None:
        """Drop every remembered reply (and so every word of them)."""
        self._scores.clear()

    def ready(self) -> bool:
        return self._model is not None

    @property
    def version(self) -> str | None:
        return self._model.version if self._model is not None else None
