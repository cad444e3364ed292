"""Work-arounds for bugs in the Qt binding this app pins, each detected before it is applied.

PySide6 6.12.0: ``SignalInstance.emit()`` returns ``True`` without taking a reference to it, so
every signal emitted from Python releases one reference to ``True`` that was never taken. On
Python 3.11 (where ``True`` is an ordinary, reference-counted object) the count reaches zero after
a few thousand emits — a few dozen streamed replies, or the progress charts repainting — and the
interpreter aborts ("Fatal Python error: bool_dealloc"). Python 3.12 made ``True`` immortal for the
same kind of reason; here the same effect is had by giving ``True`` a reference count so large that
no session can spend it (2**40 emits: decades of streaming). Nothing is patched when the bug is
absent (a fixed PySide6, or Python >= 3.12).
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import QObject, Signal

_HEADROOM = 1 << 40


class _Probe(QObject):
    fired = Signal()


def emit_releases_true() -> bool:
    """Whether emitting a signal from Python drops a reference to ``True`` (the PySide6 6.12.0 bug)."""
    probe = _Probe()
    before = sys.getrefcount(True)
    for _ in range(8):
        probe.fired.emit()
    return sys.getrefcount(True) < before


def keep_true_alive() -> bool:
    """Apply the work-around when needed; returns whether it was applied."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython" or not emit_releases_true():
        return False
    # ob_refcnt is the first field of every CPython object, and id() is the object's address.
    ctypes.c_ssize_t.from_address(id(True)).value += _HEADROOM
    return True
