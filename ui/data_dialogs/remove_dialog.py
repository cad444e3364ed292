"""Remove a profile: asks once, names what goes (with counts), then destroys the vault and its keys."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from companion import Companion, Session
from companion.portability import actions
from ui.data_dialogs.common import Job, busy_bar, explain, message_label


class RemoveProfileDialog(QDialog):
    removed = Signal(str)  # the nickname that is gone

    def __init__(self, core: Companion, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Remove this profile"))
        self._core = core
        self._session = session
        self._job: Job | None = None
        c = actions.counts_of(session)
        layout = QVBoxLayout(self)
        head = QLabel("<b>" + html.escape(self.tr("Remove “%1” and everything in it from this computer?")
                                          .replace("%1", session.name)) + "</b>")
        head.setWordWrap(True)
        layout.addWidget(head)
        items = [
            (self.tr("Conversations"), c.conversations),
            (self.tr("Messages"), c.messages),
            (self.tr("Completed exercises"), c.exercises),
            (self.tr("Self-check results"), c.self_checks),
            (self.tr("Memories"), c.memories),
            (self.tr("Safety plan steps filled in"), c.safety_plan_steps),
        ]
        line = self.tr("%1: %2")
        self.items = [QLabel("• " + line.replace("%1", label).replace("%2", str(count))) for label, count in items]
        for label in self.items:
            layout.addWidget(label)
        note = QLabel(self.tr("This can't be undone. The profile's keys are destroyed, so its encrypted files can't "
                              "be opened again; a backup you made elsewhere is not touched."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.bar = busy_bar()
        layout.addWidget(self.bar)
        self.message = message_label()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.confirm = buttons.addButton(self.tr("Remove for good"), QDialogButtonBox.ButtonRole.DestructiveRole)
        self.confirm.setObjectName("danger")
        self.confirm.clicked.connect(self._remove)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setDefault(True)  # Enter never removes
        layout.addWidget(buttons)
        self.setMinimumWidth(620)  # the warning in two lines (a word-wrapped label under-reports its height)

    def _remove(self) -> None:
        self.confirm.setEnabled(False)
        self._job = Job(self, self.bar, lambda: actions.remove_profile(self._core.profiles, self._session),
                        self._done)

    def _done(self, _result: object, error: BaseException | None) -> None:
        if error is not None:
            self.confirm.setEnabled(True)
            self.message.setText(explain(error))
            return
        self.removed.emit(self._session.name)
        self.accept()
