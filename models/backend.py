"""The small streaming port every model backend implements (after Simon Willison's ``llm``)."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Protocol


class ModelLoadError(Exception):
    """The model file could not be loaded; ``str()`` is a plain sentence for the person."""


@dataclass(frozen=True)
class ChatMessage:
    role: str  # "system" | "user" | "assistant"
    content: str


@dataclass(frozen=True)
class GenerationOptions:
    temperature: float = 0.7
    top_p: float = 0.9
    repeat_penalty: float = 1.1
    max_tokens: int = 384
    seed: int | None = None


@dataclass(frozen=True)
class ModelInfo:
    name: str
    path: str
    n_ctx: int
    n_threads: int
    chat_template: str  # "gguf" when read from the file, else the name of the built-in fallback
    template_warning: str = ""  # non-empty when a fallback was used; shown to the person
    #: The weights' parameter count when the backend knows it (None: unknown). The safety screen's second
    #: opinion is only asked of a model of 1B parameters or more (issue 16).
    parameter_count: int | None = None


@dataclass(frozen=True)
class PromptStats:
    """What the last prompt cost: how many tokens it had and how many had to be evaluated."""

    prompt_tokens: int
    reused_tokens: int
    dropped_turns: int
    restored_state: bool = False  # a saved model state of this conversation was loaded back


class ChatBackend(Protocol):
    def load(self) -> ModelInfo: ...

    def stream(
        self, messages: Sequence[ChatMessage], options: GenerationOptions, cancel: threading.Event
    ) -> Iterator[str]: ...

    def warm_up(self, prefix: Sequence[ChatMessage]) -> int: ...

    def clear_memory(self) -> None: ...

    def close(self) -> None: ...
