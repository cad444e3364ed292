"""The compact side bar of the unlocked window: one button per page (talk, exercises, self-checks...).

Pages are plain widgets registered with ``MainWindow.add_page``. A page that shows profile data
implements ``set_session(session)`` (called after unlock) and ``clear()`` (called on lock, which must
drop every decrypted word from its widgets).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QButtonGroup, QFrame, QSizePolicy, QToolButton, QVBoxLayout


class SideBar(QFrame):
    selected = Signal(str)  # the page key

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("sideBar")
        outer = QVBoxLayout(self)
        outer.setContentsMargins(8, 12, 8, 12)
        outer.setSpacing(4)
        self._pages = QVBoxLayout()
        self._pages.setSpacing(4)
        self._bottom = QVBoxLayout()
        self._bottom.setSpacing(6)
        outer.addLayout(self._pages)
        outer.addStretch(1)
        outer.addLayout(self._bottom)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        self.buttons: dict[str, QToolButton] = {}

    def add(self, key: str, text: str, shortcut: str = "", tooltip: str = "") -> QToolButton:
        button = QToolButton()
        button.setObjectName("navButton")
        button.setText(text)
        button.setCheckable(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        if shortcut:
            button.setShortcut(QKeySequence(shortcut))
            tooltip = f"{tooltip or text} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
        button.setToolTip(tooltip or text)
        button.clicked.connect(lambda _=False, k=key: self.selected.emit(k))
        self._group.addButton(button)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._pages.addWidget(button)
        self.buttons[key] = button
        return button

    def add_bottom(self, widget) -> None:  # noqa: ANN001
        """Widgets under the stretch (preferences, lock)."""
        self._bottom.addWidget(widget)

    def set_note(self, key: str, note: str) -> None:
        """A quiet dot on a page's button while ``note`` (its accessible description) is not empty."""
        button = self.buttons.get(key)
        if button is None:
            return
        base = button.property("plainTitle") or button.text()
        button.setProperty("plainTitle", base)
        shortcut = button.shortcut()  # QAbstractButton.setText resets the shortcut to the text's mnemonic
        button.setText(f"{base} •" if note else base)
        button.setShortcut(shortcut)
        button.setAccessibleDescription(note)

    def set_current(self, key: str) -> None:
        if key in self.buttons:
            self.buttons[key].setChecked(True)
