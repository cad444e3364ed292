"""Back up a profile to one encrypted file, and restore one into a new profile."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Signal
from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QRadioButton, QVBoxLayout, QWidget)

from companion import Companion, Session
from companion.portability import actions
from companion.portability.actions import SUFFIX, suggested_name
from ui.data_dialogs.common import Job, busy_bar, explain, message_label, strength_hint


def _documents() -> Path:
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class _FileRow(QWidget):
    def __init__(self, choose, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.path = QLineEdit()
        row.addWidget(self.path, 1)
        self.choose = QPushButton()
        self.choose.clicked.connect(choose)
        row.addWidget(self.choose)


class BackupDialog(QDialog):
    def __init__(self, core: Companion, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Back up this profile"))
        self._core = core
        self._session = session
        self._job: Job | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("The backup is one encrypted file with everything in this profile. Keep it somewhere "
                               "safe, such as a USB stick; you can restore it on this computer or another one."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.file_row = _FileRow(self._choose)
        self.file_row.choose.setText(self.tr("Choose…"))
        self.file_row.path.setAccessibleName(self.tr("Backup file"))
        self.file_row.path.setText(str(_documents() / suggested_name(session.name)))
        form.addRow(self.tr("Save to"), self.file_row)
        self.same = QRadioButton(self.tr("Use my profile's passphrase"))
        self.separate = QRadioButton(self.tr("Use a separate passphrase for this backup"))
        self.same.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.same)
        group.addButton(self.separate)
        form.addRow(self.same)
        form.addRow(self.separate)
        self.passphrase = _password_field(self.tr("Passphrase"))
        self.passphrase.textChanged.connect(self._hint)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        self.again = _password_field(self.tr("Passphrase again"))
        self.again_label = QLabel(self.tr("Again"))
        form.addRow(self.again_label, self.again)
        layout.addLayout(form)
        self.hint = message_label("muted")
        layout.addWidget(self.hint)
        self.bar = busy_bar()
        layout.addWidget(self.bar)
        self.message = message_label()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.start = self.buttons.addButton(self.tr("Back up"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setObjectName("primary")
        self.buttons.accepted.connect(self._start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.separate.toggled.connect(self._mode)
        self._mode()

    def _mode(self) -> None:
        separate = self.separate.isChecked()
        self.again.setVisible(separate)
        self.again_label.setVisible(separate)
        self._hint()

    def _hint(self) -> None:
        self.hint.setText(strength_hint(self.passphrase.text()) if self.separate.isChecked() else self.tr(
            "Type your profile's passphrase to confirm it; the backup will open with the same one."))

    def _choose(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the backup"), self.file_row.path.text(),
                                              self.tr("Companion backups (*%1)").replace("%1", SUFFIX))
        if path:
            self.file_row.path.setText(path if path.endswith(SUFFIX) else path + SUFFIX)

    def _start(self) -> None:
        target = self.file_row.path.text().strip()
        passphrase = self.passphrase.text()
        if not target:
            self.message.setText(self.tr("Choose where to save the backup."))
            return
        if not passphrase:
            self.message.setText(self.tr("Type a passphrase for the backup."))
            return
        if self.separate.isChecked() and passphrase != self.again.text():
            self.message.setText(self.tr("The two passphrases are not the same."))
            return
        self.message.clear()
        self.start.setEnabled(False)
        same = self.same.isChecked()
        self._job = Job(self, self.bar, lambda: actions.backup(self._session, self._core.profiles, Path(target),
                                                                passphrase, same_as_profile=same), self._done)

    def _done(self, result: Path | None, error: BaseException | None) -> None:
        self.start.setEnabled(True)
        if error is not None:
            self.message.setText(explain(error))
            return
        self.passphrase.clear()
        self.again.clear()
        self.message.setObjectName("muted")
        self.message.setText(self.tr("Backup saved: %1").replace("%1", str(result)))
        self.start.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))


class RestoreDialog(QDialog):
    """Restore a backup as a new profile; the file is checked before the passphrase is asked for."""

    restored = Signal(str)  # the new profile's nickname

    def __init__(self, core: Companion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore from a backup"))
        self._core = core
        self._job: Job | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("A backup is restored as a new profile; no profile on this computer is replaced. "
                               "It opens with the passphrase the backup was made with."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.file_row = _FileRow(self._choose)
        self.file_row.choose.setText(self.tr("Choose…"))
        self.file_row.path.setAccessibleName(self.tr("Backup file"))
        form.addRow(self.tr("Backup file"), self.file_row)
        self.passphrase = _password_field(self.tr("Passphrase of the backup"))
        form.addRow(self.tr("Passphrase"), self.passphrase)
        self.nickname = QLineEdit()
        self.nickname.setMaxLength(40)
        self.nickname.setAccessibleName(self.tr("Nickname"))
        self.nickname.setPlaceholderText(self.tr("the nickname in the backup"))
        form.addRow(self.tr("Nickname"), self.nickname)
        layout.addLayout(form)
        self.bar = busy_bar()
        layout.addWidget(self.bar)
        self.message = message_label()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.start = self.buttons.addButton(self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setObjectName("primary")
        self.buttons.accepted.connect(self._start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a backup"), str(_documents()),
                                              self.tr("Companion backups (*%1)").replace("%1", SUFFIX))
        if path:
            self.file_row.path.setText(path)

    def _start(self) -> None:
        path = Path(self.file_row.path.text().strip())
        if not self.file_row.path.text().strip():
            self.message.setText(self.tr("Choose the backup file."))
            return
        passphrase = self.passphrase.text()
        nickname = self.nickname.text().strip() or None
        self.message.clear()
        self.start.setEnabled(False)
        self._job = Job(self, self.bar, lambda: actions.restore(self._core.profiles, path, passphrase, nickname),
                        self._done)

    def _done(self, info, error: BaseException | None) -> None:  # noqa: ANN001
        self.start.setEnabled(True)
        if error is not None:
            if getattr(error, "kind", "") == "profile_exists":
                self.message.setText(self.tr("A profile with this nickname is already here. Type another "
                                             "nickname for the restored one; nothing has been replaced."))
                self.nickname.setFocus()
            else:
                self.message.setText(explain(error))
            return
        self.passphrase.clear()
        self.restored.emit(info.nickname)
        self.accept()
