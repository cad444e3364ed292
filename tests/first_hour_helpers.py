"""Keyboard-only driving for the first-hour tests: keys go to whatever has the focus, as they would
for a person at the keyboard, never to a widget the test picked."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def type_text(qtbot, text: str) -> None:  # noqa: ANN001
    """Type ``text`` one key at a time into the focused widget (focus may move between keys).
    QTest only knows ASCII keys; a Chinese character arrives as a key event carrying its text, as
    an input method delivers it."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(focused(), char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(focused(), QKeyEvent(kind, Qt.Key.Key_unknown,
                                                            Qt.KeyboardModifier.NoModifier, char))


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:  # noqa: ANN001
    qtbot.keyClick(focused(), key, modifier)


def tab_to(qtbot, target: QWidget, backwards: bool = False, limit: int = 60) -> int:  # noqa: ANN001
    """Press Tab (or Shift+Tab) until ``target`` has the focus; the number of presses."""
    for presses in range(limit):
        if focused() is target:
            return presses
        if backwards:
            press(qtbot, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
        else:
            press(qtbot, Qt.Key.Key_Tab)
    raise AssertionError(f"Tab never reached {target!r} (stuck on {focused()!r})")


def visible_texts(widget: QWidget) -> list[tuple[QWidget, str]]:
    """Every text a widget tree holds, except what a password field hides."""
    found: list[tuple[QWidget, str]] = [(widget, widget.windowTitle())]
    for child in [widget, *widget.findChildren(QWidget)]:
        if isinstance(child, QLineEdit):
            if child.echoMode() == QLineEdit.EchoMode.Normal:
                found.append((child, child.text()))
        elif isinstance(child, (QPlainTextEdit, QTextEdit)):
            found.append((child, child.toPlainText()))
        elif isinstance(child, (QLabel, QAbstractButton)):
            found.append((child, child.text()))
        elif isinstance(child, QListWidget):
            found.extend((child, child.item(i).text()) for i in range(child.count()))
        elif isinstance(child, QComboBox):
            found.extend((child, child.itemText(i)) for i in range(child.count()))
        found.append((child, child.accessibleName()))
        found.append((child, child.toolTip()))
    return found


def leaks(secret: str) -> list[str]:
    """Where ``secret`` shows in any window of the app, outside a password field."""
    return [f"{type(w).__name__} {w.objectName()!r}: {text!r}" for top in QApplication.topLevelWidgets()
            for w, text in visible_texts(top) if secret in (text or "")]
