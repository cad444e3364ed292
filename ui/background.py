"""The UI's one helper for background work: run a blocking call (Argon2 key derivation, opening a
vault, a search, importing or checking a model file) off the GUI thread and get the outcome back on it."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

#: ``report(stage, done, total)``: progress from the worker thread (delivered as ``progress``).
Report = Callable[[str, int, int], None]


class BackgroundCall(QObject):
    """Calls ``fn`` on a short-lived thread; ``finished(result, error)`` arrives in the GUI thread.

    ``BackgroundCall.reporting(work)`` runs ``work(report, cancel)`` instead: ``progress(stage, done,
    total)`` signals arrive in the GUI thread, and ``cancel()`` sets the event the work checks."""

    finished = Signal(object, object)
    progress = Signal(str, int, int)

    def __init__(self, fn: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self.cancelled = threading.Event()
        self._thread = threading.Thread(target=self._run, name="background-call", daemon=True)

    @classmethod
    def reporting(cls, work: Callable[[Report, threading.Event], Any], parent: QObject | None = None) -> BackgroundCall:
        call = cls(lambda: None, parent)
        call._fn = lambda: work(call._report, call.cancelled)
        return call

    def _report(self, *values: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the owner was deleted (the window quit): nobody to tell
            self.progress.emit(*values)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self.cancelled.set()

    def _run(self) -> None:
        try:
            result, error = self._fn(), None
        except Exception as exc:  # delivered to the GUI, which explains the known kinds
            result, error = None, exc
        with contextlib.suppress(RuntimeError):  # the owner was deleted (the window quit): nobody to tell
            self.finished.emit(result, error)

    def wait(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)
