"""A scripted backend for tests of the worker protocol (after ``llm``'s MockModel with enqueue())."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator, Sequence

from models.backend import ChatMessage, GenerationOptions, ModelInfo, ModelLoadError


class FakeBackend:
    def __init__(self, replies: Sequence[str] = (), token_delay: float = 0.0, fail_load: str = "") -> None:
        self._replies = list(replies)
        self.token_delay = token_delay
        self.fail_load = fail_load
        self.prompts: list[list[ChatMessage]] = []
        self.cleared = 0
        self.closed = False
        self.thread_ids: set[int] = set()
        self.started = threading.Event()  # set when a reply starts streaming

    def enqueue(self, *replies: str) -> None:
        self._replies.extend(replies)

    def load(self) -> ModelInfo:
        self.thread_ids.add(threading.get_ident())
        if self.fail_load:
            raise ModelLoadError(self.fail_load)
        return ModelInfo("Fake model", "fake.gguf", 2048, 1, "gguf")

    def stream(self, messages: Sequence[ChatMessage], options: GenerationOptions,
               cancel: threading.Event) -> Iterator[str]:
        self.thread_ids.add(threading.get_ident())
        self.prompts.append(list(messages))
        reply = self._replies.pop(0) if self._replies else "I hear you."
        self.started.set()
        for word in reply.split(" "):
            if cancel.is_set():
                return
            if self.token_delay:
                time.sleep(self.token_delay)
            yield word + " "

    def warm_up(self, prefix: Sequence[ChatMessage]) -> int:
        self.thread_ids.add(threading.get_ident())
        self.warmed = list(prefix)
        return len(prefix)

    def clear_memory(self) -> None:
        self.thread_ids.add(threading.get_ident())
        self.cleared += 1

    def close(self) -> None:
        self.thread_ids.add(threading.get_ident())
        self.closed = True
