"""Change the passphrase (old, new twice, a strength hint; Argon2 runs off the GUI thread), and the
honest "forgot your passphrase" page, which takes a recovery code when the profile has one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout,
                               QWidget)

from companion import Companion, Session
from companion.portability import actions
from ui.data_dialogs.common import Job, busy_bar, explain, message_label, strength_hint


def _password_field(name: str) -> QLineEdit:
    field = QLineEdit()
    field.setEchoMode(QLineEdit.EchoMode.Password)
    field.setAccessibleName(name)
    return field


class ChangePassphraseDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change passphrase"))
        self._session = session
        self._job: Job | None = None
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.old = _password_field(self.tr("Current passphrase"))
        form.addRow(self.tr("Current passphrase"), self.old)
        self.new = _password_field(self.tr("New passphrase"))
        self.new.textChanged.connect(lambda text: self.hint.setText(strength_hint(text)))
        form.addRow(self.tr("New passphrase"), self.new)
        self.again = _password_field(self.tr("New passphrase again"))
        self.again.returnPressed.connect(self._start)
        form.addRow(self.tr("Again"), self.again)
        layout.addLayout(form)
        self.hint = message_label("muted")
        layout.addWidget(self.hint)
        note = QLabel(self.tr("Your conversations stay as they are; only the lock on them changes. A recovery "
                              "code, if you made one, keeps working."))
        note.setObjectName("muted")
        note.setWordWrap(True)
        layout.addWidget(note)
        self.bar = busy_bar()
        layout.addWidget(self.bar)
        self.message = message_label()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.start = buttons.addButton(self.tr("Change passphrase"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setObjectName("primary")
        buttons.accepted.connect(self._start)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _start(self) -> None:
        old, new = self.old.text(), self.new.text()
        if not old or not new:
            self.message.setText(self.tr("Type your current passphrase and a new one."))
            return
        if new != self.again.text():
            self.message.setText(self.tr("The two new passphrases are not the same."))
            return
        self.message.clear()
        self.start.setEnabled(False)
        self.message.setObjectName("muted")
        self.message.setText(self.tr("Changing the passphrase… this takes a few seconds."))
        self._job = Job(self, self.bar, lambda: actions.change_passphrase(self._session, old, new), self._done)

    def _done(self, _result: object, error: BaseException | None) -> None:
        self.start.setEnabled(True)
        self.message.setObjectName("error")
        if error is not None:
            self.message.setText(explain(error))
            self.old.selectAll()
            self.old.setFocus()
            return
        for field in (self.old, self.new, self.again):
            field.clear()
        self.accept()


class ForgotPassphraseDialog(QDialog):
    """Without the passphrase or the recovery code nothing can be recovered, by design; say so plainly."""

    def __init__(self, core: Companion, nickname: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Forgot your passphrase?"))
        self._core = core
        self._nickname = nickname
        self._job: Job | None = None
        layout = QVBoxLayout(self)
        has_code = bool(nickname) and actions.has_recovery_code_for(core.profiles, nickname)
        text = QLabel(self.tr(
            "Your profile is encrypted with your passphrase, and nobody else has a copy of it: not us, not "
            "anyone. That is what keeps your words private, and it also means that without the passphrase "
            "or a recovery code, nothing in the profile can be opened again. We're sorry; this is by design."))
        text.setWordWrap(True)
        layout.addWidget(text)
        self.with_code = QWidget()
        form = QFormLayout(self.with_code)
        form.setContentsMargins(0, 0, 0, 0)
        lead = QLabel(self.tr("This profile has a recovery code. Type it to choose a new passphrase."))
        lead.setWordWrap(True)
        form.addRow(lead)
        self.code = QLineEdit()
        self.code.setAccessibleName(self.tr("Recovery code"))
        self.code.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        form.addRow(self.tr("Recovery code"), self.code)
        self.new = _password_field(self.tr("New passphrase"))
        self.new.textChanged.connect(lambda t: self.hint.setText(strength_hint(t)))
        form.addRow(self.tr("New passphrase"), self.new)
        self.again = _password_field(self.tr("New passphrase again"))
        form.addRow(self.tr("Again"), self.again)
        self.hint = message_label("muted")
        form.addRow(self.hint)
        layout.addWidget(self.with_code)
        self.with_code.setVisible(has_code)
        self.no_code = QLabel(self.tr("This profile has no recovery code. If it holds nothing you need, you can "
                                      "make a new profile; a backup you made can be restored with the passphrase "
                                      "you gave it."))
        self.no_code.setWordWrap(True)
        self.no_code.setVisible(not has_code)
        layout.addWidget(self.no_code)
        self.bar = busy_bar()
        layout.addWidget(self.bar)
        self.message = message_label()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        buttons.rejected.connect(self.reject)
        self.start = buttons.addButton(self.tr("Set new passphrase"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setVisible(has_code)
        buttons.accepted.connect(self._start)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)

    def _start(self) -> None:
        code, new = self.code.text(), self.new.text()
        if not code.strip() or not new:
            self.message.setText(self.tr("Type the recovery code and a new passphrase."))
            return
        if new != self.again.text():
            self.message.setText(self.tr("The two new passphrases are not the same."))
            return
        self.message.clear()
        self.start.setEnabled(False)
        self._job = Job(self, self.bar, lambda: actions.reset_with_recovery_code(
            self._core.profiles, self._nickname, code, new), self._done)

    def _done(self, _result: object, error: BaseException | None) -> None:
        self.start.setEnabled(True)
        if error is not None:
            self.message.setText(explain(error))
            return
        for field in (self.code, self.new, self.again):
            field.clear()
        self.accept()


def passphrase_button(session: Session | None, parent: QWidget) -> QPushButton:
    """The "Change passphrase…" row of Preferences (disabled while locked)."""
    button = QPushButton(QCoreApplication.translate("ChangePassphraseDialog", "Change passphrase…"))
    button.setEnabled(session is not None)
    if session is not None:
        button.clicked.connect(lambda: ChangePassphraseDialog(session, parent).open())
    return button
