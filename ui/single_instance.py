"""One running Companion per data folder, so that quick hide can take the window off the taskbar.

Quick hide (Ctrl+Shift+H) hides the window completely: a minimised window still sits in the taskbar
with its title, which is exactly what someone walking in must not see. The way back is to start
Companion again, as one would anyway: the new process finds the hidden one by its lock file, leaves
a "show" request file next to it in the data folder (both hold nothing personal: a process id and
nothing at all), and exits; the hidden one sees the request and shows its lock screen.
Only files, no sockets: the app opens none (tests/test_architecture.py).
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QLockFile, QObject, Signal

LOCK_FILE = "running.lock"
SHOW_REQUEST = "show-request"


class SingleInstance(QObject):
    showRequested = Signal()

    def __init__(self, home: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._home = Path(home)
        self._lock = QLockFile(str(self._home / LOCK_FILE))
        self._lock.setStaleLockTime(0)  # never stale by age; a lock whose process is gone is taken over
        self._watcher: QFileSystemWatcher | None = None

    def acquire(self) -> bool:
        """True when this is the only Companion on the data folder (it then watches for requests)."""
        self._home.mkdir(parents=True, exist_ok=True)
        if not self._lock.tryLock(0):
            return False
        with contextlib.suppress(OSError):
            (self._home / SHOW_REQUEST).unlink()
        self._watcher = QFileSystemWatcher([str(self._home)], self)
        self._watcher.directoryChanged.connect(self._check)
        return True

    def ask_running_to_show(self) -> None:
        with contextlib.suppress(OSError):
            (self._home / SHOW_REQUEST).touch()

    def _check(self, _path: str = "") -> None:
        request = self._home / SHOW_REQUEST
        if request.exists():
            with contextlib.suppress(OSError):
                request.unlink()
            self.showRequested.emit()

    def close(self) -> None:
        if self._watcher is not None:
            self._watcher.deleteLater()
            self._watcher = None
        self._lock.unlock()
