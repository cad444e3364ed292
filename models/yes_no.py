"""A constrained yes/no question to the loaded chat model (the safety screen's second opinion, issue 16).

Greedy decoding (temperature 0, fixed seed) of at most three tokens; the caller accepts only an answer that
starts with yes/no (是/否) and treats anything else as no opinion. Runs on the thread that owns the backend.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from models.backend import ChatBackend, ChatMessage, GenerationOptions

YES_NO_OPTIONS = GenerationOptions(temperature=0.0, top_p=1.0, repeat_penalty=1.0, max_tokens=3, seed=0)


def yes_no_asker(backend: ChatBackend, cancel: Callable[[], threading.Event] | None = None
                 ) -> Callable[[Sequence[ChatMessage]], str]:
    """``ask(messages) -> the model's first few characters``, for ``SecondOpinion``.

    ``cancel`` gives the cancel event of the job asking (the model thread's job running now): once it is
    set the model stops between tokens and the answer is "", so a cancelled question counts for nothing
    (a "yes" half-read before a lock must not raise anything)."""

    def ask(messages: Sequence[ChatMessage]) -> str:
        event = cancel() if cancel is not None else threading.Event()
        answer = "".join(backend.stream(messages, YES_NO_OPTIONS, event))[:16]
        return "" if event.is_set() else answer

    return ask
