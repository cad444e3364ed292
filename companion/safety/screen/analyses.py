"""``AnalysisMemo``: the recent messages' analyses, kept by an owner instead of by the module.

Within one turn the same message is analysed by the screen (as the current message), by the frame and
means checks, by the risk scorer's features and by the reply guard's look at the user's message; across
turns it comes back as history. ``analyse`` is pure, so each of those would redo the work (tens of ms on
a 2,000-character post). The memo keeps it once, but an analysis holds the person's words (``norm``), so
whoever owns the memo (the app's ``SafetyGuard``) clears it when a session locks or closes, and the
memo is bounded. Nothing here is shared between two owners.
"""

from __future__ import annotations

from .message import Analysis, analyse
from .recent import RecentResults

# A conversation's screened history (12 messages in common.json) plus the current message, for a few
# conversations; a 2,000-character analysis is a few kilobytes.
DEFAULT_SIZE = 256


class AnalysisMemo:
    """A bounded, thread-safe, least-recently-used memo of ``analyse``. The GUI thread screens messages
    while the model thread reviews replies and a worker raises verdicts with the scorer."""

    def __init__(self, size: int = DEFAULT_SIZE) -> None:
        if size < 1:
            raise ValueError("an analysis memo holds at least one message")
        self._results: RecentResults[Analysis] = RecentResults(size)

    def analyse(self, text: str) -> Analysis:
        return self._results.get(text, analyse)

    def clear(self) -> None:
        """Forget every analysis (and so every word of them)."""
        self._results.clear()

    def __len__(self) -> int:
        return len(self._results)
