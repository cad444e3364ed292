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


def measure(model: Path, settings: dict | None, prompt_tokens: int = 256, decode_tokens: int = 64) -> dict:
    """Load time, prompt-processing and decode tokens/s, and peak resident memory, for bench/models.py.

    ``settings`` None means llama-cpp-python's own defaults (``Llama(path)``); otherwise the keyword
    arguments the app would pass. Run it in a fresh process: the peak resident size is the process's.
    """
    import resource
    import time

    text = ("I keep thinking about what happened at work today and I can't let it go. "
            "My manager said the report was late again, and I felt my face go hot. ") * 40
    started = time.perf_counter()
    llm = llama_cpp.Llama(str(model), verbose=False, **(settings or {}))
    load = time.perf_counter() - started
    tokens = llm.tokenize(text.encode(), add_bos=True)[:prompt_tokens]
    started = time.perf_counter()
    llm.eval(tokens)
    prompt = time.perf_counter() - started
    started = time.perf_counter()
    for _ in range(decode_tokens):
        token = llm.sample(top_k=1, temp=0.0)
        llm.eval([token])
    decode = time.perf_counter() - started
    result = {"load_s": load, "prompt_tps": len(tokens) / prompt, "decode_tps": decode_tokens / decode,
              "n_ctx": llm.n_ctx(), "n_threads": llm.n_threads, "n_batch": llm.n_batch,
              "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}
    llm.close()
    return result
