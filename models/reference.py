"""Plain llama-cpp-python, used the way its README shows, as the yardstick for bench/ scripts.

It lives here because ``models`` is the only package that may import ``llama_cpp``; the app never
uses it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import llama_cpp


class RawLlama:
    """One reused ``Llama`` object with create_chat_completion: its prefix cache is the ideal."""

    def __init__(self, model: Path, n_ctx: int, threads: int) -> None:
        self._llm = llama_cpp.Llama(str(model), n_ctx=n_ctx, n_threads=threads, n_threads_batch=threads,
                                    n_batch=min(512, n_ctx), n_gpu_layers=0, verbose=False)

    def stream(self, messages: list[dict], *, max_tokens: int, repeat_penalty: float, seed: int) -> Iterator[str]:
        """Greedy decoding, yielding each non-empty content delta."""
        for chunk in self._llm.create_chat_completion(messages, stream=True, max_tokens=max_tokens,
                                                      temperature=0.0, top_p=1.0,
                                                      repeat_penalty=repeat_penalty, seed=seed):
            content = chunk["choices"][0]["delta"].get("content")
            if content:
                yield content

    def close(self) -> None:
        self._llm.close()
