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


class CapableFakeBackend(FakeBackend):
    """A scripted "capable" model (issue 16): it reports a parameter count and answers the safety second
    opinion's yes/no questions, the built-in check right (or not, ``check_right=False``) and ``opinion``
    for any other message. Every question it is asked is kept in ``questions`` (never in ``prompts``);
    ``on_question(text, cancel)``, if set, runs when a question about a non-check message arrives."""

    def __init__(self, replies: Sequence[str] = (), parameter_count: int | None = 3_000_000_000,
                 opinion: str = "no", check_right: bool = True) -> None:
        super().__init__(replies)
        self.parameter_count = parameter_count
        self.opinion = opinion
        self.check_right = check_right
        self.questions: list[str] = []
        self.on_question = None

    def load(self) -> ModelInfo:
        info = super().load()
        return ModelInfo(info.name, info.path, info.n_ctx, info.n_threads, info.chat_template,
                         parameter_count=self.parameter_count)

    def stream(self, messages: Sequence[ChatMessage], options: GenerationOptions,
               cancel: threading.Event) -> Iterator[str]:
        from companion.safety.scorer.second_opinion import CHECK, question

        if messages[0].content != question("")[0].content:
            yield from super().stream(messages, options, cancel)
            return
        self.thread_ids.add(threading.get_ident())
        text = messages[-1].content.split("<<<\n", 1)[1].split("\n>>>", 1)[0]
        self.questions.append(text)
        labels = dict(CHECK)
        if text in labels:
            yield "yes" if labels[text] == self.check_right else "no"
            return
        if self.on_question is not None:
            self.on_question(text, cancel)
        yield self.opinion  # a real model too yields the token it has before it looks at ``cancel``
