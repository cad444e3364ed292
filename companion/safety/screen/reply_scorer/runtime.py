"""The reply scorer as the app uses it: ``ReplyScorer`` owns the loaded weights (the way ``RiskScorer``
owns the risk scorer's).

    scorer = ReplyScorer()       # nothing read yet
    scorer.start()               # a daemon thread reads the weights (about 300 KB, numpy with them)
    model = scorer.model()       # the ReplyModel, or None when the weights cannot be read
    review_reply(text, scorer=scorer)

The composition root (``companion.app.Companion``) builds one and hands it to the guard; there is no
shared instance. Unlike the risk scorer, a reply is never reviewed without it while it loads: ``model``
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

from .model import WEIGHTS_PATH, ReplyModel, read_model

log = logging.getLogger(__name__)


class ReplyScorer:
    def __init__(self, path: Path = WEIGHTS_PATH, loader: Callable[[Path], ReplyModel] | None = None) -> None:
        """``loader`` replaces ``read_model`` (tests)."""
        self._path = path
        self._loader = loader or read_model
        self._model: ReplyModel | None = None
        self._lock = threading.Lock()  # held while loading: whoever asks meanwhile waits for the result
        self._start_lock = threading.Lock()  # never held while loading: ``start`` does not wait for a load
        self._done = False
        self._thread: threading.Thread | None = None
        self.failed = False

    def start(self) -> None:
        """Load on a daemon thread (it never holds up quitting). Once only."""
        with self._start_lock:
            if self._thread is not None or self._done:
                return
            self._thread = threading.Thread(target=self.model, name="reply-scorer-load", daemon=True)
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
        log.info("reply scorer %s ready in %.0f ms", model.version, (time.perf_counter() - t0) * 1000)
        return model

    def ready(self) -> bool:
        return self._model is not None

    @property
    def version(self) -> str | None:
        return self._model.version if self._model is not None else None
