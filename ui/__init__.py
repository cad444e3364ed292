"""The desktop interface (PySide6 lives only here). It renders what the core decides."""

from ui.qt_workarounds import keep_true_alive

# Before any widget exists or any signal is emitted (see ui/qt_workarounds.py).
keep_true_alive()
