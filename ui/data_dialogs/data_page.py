"""The "Your data" page: export, backup, a report to share, passphrase and recovery code, retention,
and removing the profile. Each action opens its own dialog; this page holds no decrypted words
except the counts of the retention line."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QGroupBox, QHBoxLayout, QInputDialog, QLabel, QLineEdit,
                               QPushButton, QVBoxLayout, QWidget)

from companion import Companion, Session
from companion.portability import actions
from companion.portability.retention import CHOICES, count_older_than, retention_days, set_retention_days
from ui.data_dialogs.backup_dialog import BackupDialog
from ui.data_dialogs.export_dialog import ExportDialog
from ui.data_dialogs.passphrase_dialog import ChangePassphraseDialog
from ui.data_dialogs.recovery_dialog import RecoveryCodeOffer
from ui.data_dialogs.remove_dialog import RemoveProfileDialog
from ui.data_dialogs.report_dialog import ReportDialog


class DataPage(QWidget):
    def __init__(self, core: Companion, on_removed: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._core = core
        self._on_removed = on_removed
        self.session: Session | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        title = QLabel(self.tr("Your data"))
        title.setObjectName("title")
        layout.addWidget(title)
        intro = QLabel(self.tr("Everything here is yours: take it with you, back it up, share a summary, or "
                               "remove it."))
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        def button(text: str, slot: Callable[[], None]) -> QPushButton:
            b = QPushButton(text)
            b.clicked.connect(slot)
            return b

        take = QGroupBox(self.tr("Take it with you"))
        row = QHBoxLayout(take)
        self.export_button = button(self.tr("Export…"), self.open_export)
        self.backup_button = button(self.tr("Back up…"), self.open_backup)
        self.report_button = button(self.tr("Report for a clinician…"), self.open_report)
        for b in (self.export_button, self.backup_button, self.report_button):
            row.addWidget(b)
        row.addStretch(1)
        layout.addWidget(take)

        keys = QGroupBox(self.tr("Passphrase"))
        keys_layout = QVBoxLayout(keys)
        row = QHBoxLayout()
        self.passphrase_button = button(self.tr("Change passphrase…"), self.open_passphrase)
        self.recovery_button = button(self.tr("Make a new recovery code…"), self.open_recovery)
        row.addWidget(self.passphrase_button)
        row.addWidget(self.recovery_button)
        row.addStretch(1)
        keys_layout.addLayout(row)
        self.recovery_state = QLabel()
        self.recovery_state.setObjectName("muted")
        self.recovery_state.setWordWrap(True)
        keys_layout.addWidget(self.recovery_state)
        layout.addWidget(keys)

        keep = QGroupBox(self.tr("On a shared computer"))
        keep_layout = QVBoxLayout(keep)
        row = QHBoxLayout()
        self.retention = QCheckBox(self.tr("Delete conversations older than"))
        self.retention_days = QComboBox()
        for days in CHOICES:
            self.retention_days.addItem(self.tr("%1 days").replace("%1", str(days)), days)
        self.retention_days.setCurrentIndex(1)
        row.addWidget(self.retention)
        row.addWidget(self.retention_days)
        row.addStretch(1)
        keep_layout.addLayout(row)
        self.retention_note = QLabel()
        self.retention_note.setObjectName("muted")
        self.retention_note.setWordWrap(True)
        keep_layout.addWidget(self.retention_note)
        self.retention.toggled.connect(self._retention_changed)
        self.retention_days.currentIndexChanged.connect(self._retention_changed)
        layout.addWidget(keep)

        self.remove_button = button(self.tr("Remove this profile…"), self.open_remove)
        self.remove_button.setObjectName("danger")
        layout.addWidget(self.remove_button)
        layout.addStretch(1)
        self._loading = False

    # -- page protocol -------------------------------------------------------------------------
    def set_session(self, session: Session) -> None:
        self.session = session
        self._loading = True
        days = retention_days(session.vault)
        self.retention.setChecked(days is not None)
        if days is not None:
            index = self.retention_days.findData(days)
            if index < 0:
                self.retention_days.addItem(self.tr("%1 days").replace("%1", str(days)), days)
                index = self.retention_days.count() - 1
            self.retention_days.setCurrentIndex(index)
        self._loading = False
        self._show_retention()
        self._show_recovery()

    def clear(self) -> None:
        self.session = None
        self.retention_note.clear()
        self.recovery_state.clear()

    # -- actions -------------------------------------------------------------------------------
    def open_export(self) -> ExportDialog:
        return self._open(ExportDialog(self._require(), self))

    def open_backup(self) -> BackupDialog:
        return self._open(BackupDialog(self._core, self._require(), self))

    def open_report(self) -> ReportDialog:
        return self._open(ReportDialog(self._require(), self))

    def open_passphrase(self) -> ChangePassphraseDialog:
        return self._open(ChangePassphraseDialog(self._require(), self))

    def open_recovery(self, passphrase: str | None = None) -> RecoveryCodeOffer | None:
        session = self._require()
        if passphrase is None:
            passphrase, ok = QInputDialog.getText(self, self.tr("Make a new recovery code"), self.tr(
                "Type your passphrase. A new code replaces the old one, which stops working."),
                QLineEdit.EchoMode.Password)
            if not ok or not passphrase:
                return None
        dialog = RecoveryCodeOffer(self._core.profiles, session.name, passphrase, self)
        dialog.finished.connect(lambda _r: self._show_recovery())
        return self._open(dialog)

    def open_remove(self) -> RemoveProfileDialog:
        dialog = RemoveProfileDialog(self._core, self._require(), self)
        dialog.removed.connect(lambda _name: self._on_removed())
        return self._open(dialog)

    def _open(self, dialog):  # noqa: ANN001, ANN202
        dialog.open()
        return dialog

    def _require(self) -> Session:
        assert self.session is not None, "the data page is only reachable while a profile is unlocked"
        return self.session

    # -- retention -----------------------------------------------------------------------------
    def _retention_changed(self) -> None:
        if self._loading or self.session is None:
            return
        set_retention_days(self.session.vault, self.retention_days.currentData() if self.retention.isChecked()
                           else None)
        self._show_retention()

    def _show_retention(self) -> None:
        if self.session is None:
            return
        days = self.retention_days.currentData()
        n = count_older_than(self.session.vault, days)
        if self.retention.isChecked():
            text = self.tr("Each time this profile is unlocked, conversations with no new message in the last %1 "
                           "days are deleted. Conversations that old right now: %2.")
        else:
            text = self.tr("If you switch this on, conversations with no new message in the last %1 days are "
                           "deleted each time this profile is unlocked. Conversations that old right now: %2.")
        self.retention_note.setText(text.replace("%1", str(days)).replace("%2", str(n)))

    def _show_recovery(self) -> None:
        if self.session is None:
            return
        has = actions.has_recovery_code_for(self._core.profiles, self.session.name)
        self.recovery_state.setText(self.tr("This profile has a recovery code.") if has else self.tr(
            "This profile has no recovery code: if you forget your passphrase, nobody can open it."))


def data_dialogs(window: QWidget) -> list[QDialog]:
    """The open dialogs that may show a profile's words or keys; the window closes them when it locks."""
    kinds = (ExportDialog, BackupDialog, ReportDialog, ChangePassphraseDialog, RecoveryCodeOffer, RemoveProfileDialog)
    return [d for d in window.findChildren(QDialog) if isinstance(d, kinds)]
