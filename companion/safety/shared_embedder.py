"""One sentence embedder for the safety layers that read meaning: ``SharedEmbedder``.

The risk screen's semantic layer and the reply scorer both read multilingual-e5-small vectors
(``models.sentence_embedding``). The model is about 72 MB in memory and takes a few hundred milliseconds to
load, so the composition root builds one ``SharedEmbedder`` and hands it to both scorers; whichever loads
first loads it (on its own background thread), the other gets the same one. A scorer built on its own (a
test, the bench) gets its own. Nothing here is module-level: no owner, no embedder.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np

Embed = Callable[[Sequence[str]], "np.ndarray"]


class EmbedderMissing(RuntimeError):
    """The embedder could not be loaded on this machine (its package missing, its engine failing)."""


def _load_e5() -> Embed:
    from models.sentence_embedding import SentenceEmbedder

    embedder = SentenceEmbedder(threads=1)
    embedder.embed_one("warm-up")  # pages the model in now, on the loading thread, not at the first message
    return embedder.embed


class SharedEmbedder:
    """``get()`` returns the embedding function (``texts -> (n, 384) float32``), loading it on the first call;
    raises ``EmbedderMissing`` (every time, without retrying) when it cannot be loaded. Any thread."""

    def __init__(self, factory: Callable[[], Embed] = _load_e5) -> None:
        self._factory = factory
        self._lock = threading.Lock()  # held while loading: a second caller waits for the same embedder
        self._embed: Embed | None = None
        self._error: str | None = None

    def get(self) -> Embed:
        with self._lock:
            if self._embed is None and self._error is None:
                try:
                    self._embed = self._factory()
                except Exception as exc:  # noqa: BLE001 - any failure: the layers that need it stay off
                    self._error = type(exc).__name__
        if self._embed is None:
            raise EmbedderMissing(f"the sentence embedder did not load ({self._error})")
        return self._embed
