"""A constrained yes/no question to the loaded chat model (the safety screen's second opinion, issue 16).

Greedy decoding (temperature 0, fixed seed) of at most three tokens; the caller accepts only an answer that
starts with yes/no (是/否) and treats anything else as no opinion. Runs on the thread that owns the backend.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from models.backend import ChatBackend, ChatMessage, GenerationOptions

YES_NO_OPTIONS = GenerationOptions(temperature=0.0, top_p=1.0, repeat_penalty=1.0, max_tokens=3, seed=0)


def yes_no_asker(backend: ChatBackend) -> Callable[[Sequence[ChatMessage]], str]:
    """``ask(messages) -> the model's first few characters``, for ``SecondOpinion``."""

    def ask(messages: Sequence[ChatMessage]) -> str:
        return "".join(backend.stream(messages, YES_NO_OPTIONS, threading.Event()))[:16]

    return ask
