"""Keyboard-first behaviour that holds in every window of the app (issue 15).

Qt presses a focused button with Space only; in a dialog, Enter presses the *default* button, not
the focused one. People expect Enter to press the button they are on, so this app-wide filter
makes it so. Check boxes and radio buttons toggle with Space as usual; Enter on them is left alone,
so that Enter in a dialog still confirms it.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QPushButton, QRadioButton, QToolButton

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class EnterPressesFocusedButton(QObject):
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt API
        if (event.type() == QEvent.Type.KeyPress and isinstance(watched, (QPushButton, QToolButton))
                and not isinstance(watched, (QCheckBox, QRadioButton))):
            key_event: QKeyEvent = event  # type: ignore[assignment]
            if (key_event.key() in _ENTER and not key_event.isAutoRepeat()
                    and not key_event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                    and watched.hasFocus() and watched.isEnabled()):
                watched.click()
                return True
        return False
