"""Two quiet links under the unlock screen: restore a backup (a new laptop, nothing here yet), and
the honest "forgot your passphrase" page. Added to the screen from outside, so the unlock screen's own
layout can change freely."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from companion import Companion
from ui.data_dialogs.backup_dialog import RestoreDialog
from ui.data_dialogs.passphrase_dialog import ForgotPassphraseDialog


class UnlockExtras(QWidget):
    def __init__(self, core: Companion, selected_name: Callable[[], str], profiles_changed: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._core = core
        self._selected_name = selected_name
        self._profiles_changed = profiles_changed
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        self.restore_button = QPushButton(self.tr("Restore from a backup…"))
        self.restore_button.setFlat(True)
        self.restore_button.clicked.connect(self.open_restore)
        row.addWidget(self.restore_button)
        self.forgot_button = QPushButton(self.tr("Forgot your passphrase?"))
        self.forgot_button.setFlat(True)
        self.forgot_button.clicked.connect(self.open_forgot)
        row.addWidget(self.forgot_button)
        row.addStretch(1)

    @classmethod
    def install(cls, window) -> "UnlockExtras":  # noqa: ANN001 - ui.main_window.MainWindow
        view = window.unlock_view
        extras = cls(window.core, view.selected_name,
                     lambda: view.set_profiles(window.core.profile_names()), view)
        view.layout().addWidget(extras, 0, Qt.AlignmentFlag.AlignHCenter)
        return extras

    def open_restore(self) -> RestoreDialog:
        dialog = RestoreDialog(self._core, self)
        dialog.restored.connect(lambda _name: self._profiles_changed())
        dialog.open()
        return dialog

    def open_forgot(self) -> ForgotPassphraseDialog:
        dialog = ForgotPassphraseDialog(self._core, self._selected_name(), self)
        dialog.open()
        return dialog
