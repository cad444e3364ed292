"""Run a blocking call (Argon2 key derivation, opening a vault) off the GUI thread."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal


class BackgroundCall(QObject):
    """Calls ``fn`` on a short-lived thread; ``finished(result, error)`` arrives in the GUI thread."""

    finished = Signal(object, object)

    def __init__(self, fn: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fn = fn
        self._thread = threading.Thread(target=self._run, name="background-call", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def _run(self) -> None:
        try:
            result = self._fn()
        except Exception as exc:  # delivered to the GUI, which explains the known kinds
            self.finished.emit(None, exc)
        else:
            self.finished.emit(result, None)

    def wait(self, timeout: float | None = None) -> None:
        self._thread.join(timeout)
