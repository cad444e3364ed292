"""``RecentResults``: a bounded, thread-safe, least-recently-used memo of a pure function of a text, owned by
whoever uses it (never by a module).

The memos built on it (``AnalysisMemo``, ``ReplyScorer.score``) hold a person's words, so their owners ``clear``
them when a session locks; a result computed across a ``clear`` is not kept after it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class RecentResults(Generic[T]):
    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("a memo holds at least one result")
        self._size = size
        self._items: OrderedDict[str, T] = OrderedDict()
        self._lock = threading.Lock()  # never held while computing: two threads may both do the work once
        self._generation = 0  # bumped by ``clear``

    def get(self, text: str, compute: Callable[[str], T]) -> T:
        """The remembered result for ``text``, or ``compute(text)``, remembered."""
        with self._lock:
            found = self._items.get(text)
            if found is not None:
                self._items.move_to_end(text)
                return found
            generation = self._generation
        result = compute(text)
        with self._lock:
            if generation == self._generation:
                self._items[text] = result
                self._items.move_to_end(text)
                while len(self._items) > self._size:
                    self._items.popitem(last=False)
        return result

    def clear(self) -> None:
        """Forget every result (and so every word of them)."""
        with self._lock:
            self._items.clear()
            self._generation += 1

    def __len__(self) -> int:
        return len(self._items)
