"""The recovery code, offered once right after a profile is created: shown once, printable, skippable.

The window makes one call after it starts creating a profile::

    RecoveryCodeOffer.after_creation(call, window, core.profiles, passphrase)

and the offer opens when (and only if) the profile was created. The code is a second wrapping of the
vault key (storage/recovery.py); the data page can make a new one later (the old one stops working).
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QTextDocument
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QLabel, QPushButton, QStackedWidget,
                               QVBoxLayout, QWidget)

from companion import Session
from companion.portability import actions
from ui.background import BackgroundCall
from ui.data_dialogs.common import Job, busy_bar, explain, message_label

try:  # printing is optional: some minimal Qt builds have no QtPrintSupport
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
except ImportError:  # pragma: no cover
    QPrinter = QPrintDialog = None  # type: ignore[assignment,misc]


class RecoveryCodeOffer(QDialog):
    def __init__(self, store, nickname: str, passphrase: str, parent: QWidget | None = None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("recoveryCodeOffer")
        self.setWindowTitle(self.tr("A recovery code"))
        self._store = store
        self._nickname = nickname
        self._passphrase = passphrase
        self._job: Job | None = None
        self.code_text = ""
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages)

        offer = QWidget()
        offer_layout = QVBoxLayout(offer)
        text = QLabel(self.tr(
            "If you ever forget your passphrase, a recovery code is the only other way into this profile. "
            "It is shown once: write it down or print it, and keep it somewhere safe, away from this "
            "computer. Anyone with the code can open the profile. You can also skip this; then a forgotten "
            "passphrase means the profile can't be opened by anyone."))
        text.setWordWrap(True)
        offer_layout.addWidget(text)
        self.bar = busy_bar()
        offer_layout.addWidget(self.bar)
        self.message = message_label()
        offer_layout.addWidget(self.message)
        offer_buttons = QDialogButtonBox()
        self.make = offer_buttons.addButton(self.tr("Make a recovery code"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.make.setObjectName("primary")
        self.skip = offer_buttons.addButton(self.tr("Skip"), QDialogButtonBox.ButtonRole.RejectRole)
        offer_buttons.accepted.connect(self._make)
        offer_buttons.rejected.connect(self._skip)
        offer_layout.addWidget(offer_buttons)
        self.pages.addWidget(offer)

        shown = QWidget()
        shown_layout = QVBoxLayout(shown)
        lead = QLabel(self.tr("Your recovery code for “%1”:").replace("%1", nickname))
        lead.setWordWrap(True)
        shown_layout.addWidget(lead)
        self.code = QLabel()
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSize(font.pointSize() + 5)
        self.code.setFont(font)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.code.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.code.setAccessibleName(self.tr("Recovery code"))
        shown_layout.addWidget(self.code)
        once = QLabel(self.tr("It won't be shown again. Letters and digits only; the dashes don't matter."))
        once.setObjectName("muted")
        once.setWordWrap(True)
        shown_layout.addWidget(once)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setEnabled(QPrinter is not None)
        self.print_button.clicked.connect(self._print)
        shown_layout.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.kept = QCheckBox(self.tr("I have written it down or printed it"))
        shown_layout.addWidget(self.kept)
        done_buttons = QDialogButtonBox()
        self.finish = done_buttons.addButton(self.tr("Done"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.finish.setEnabled(False)
        self.kept.toggled.connect(self.finish.setEnabled)
        done_buttons.accepted.connect(self.accept)
        shown_layout.addWidget(done_buttons)
        self.pages.addWidget(shown)
        self.setMinimumWidth(480)

    @classmethod
    def after_creation(cls, call: BackgroundCall | None, parent: QWidget, store, passphrase: str) -> None:  # noqa: ANN001
        """Open the offer once ``call`` (creating a profile) has produced its session."""
        if call is None:
            return

        def finished(session: Session | None, error: object) -> None:
            if error is None and session is not None:
                # Not modal: "Need help now", F1, lock and quick hide must keep working behind it.
                cls(store, session.name, passphrase, parent).show()

        call.finished.connect(finished)

    def _make(self) -> None:
        self.make.setEnabled(False)
        self.skip.setEnabled(False)
        self._job = Job(self, self.bar, lambda: actions.make_recovery_code(self._store, self._nickname,
                                                                           self._passphrase), self._made)

    def _made(self, code: str | None, error: BaseException | None) -> None:
        self._passphrase = ""
        if error is not None:
            self.message.setText(explain(error))
            self.skip.setEnabled(True)
            return
        self.code_text = code or ""
        self.code.setText(self.code_text)
        self.pages.setCurrentIndex(1)
        self.adjustSize()  # the second page is taller: show every line of it

    def _skip(self) -> None:
        self._passphrase = ""
        self.reject()

    def _print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            doc = QTextDocument()
            doc.setHtml(f"<h2>{html.escape(self.tr('Companion recovery code'))}</h2>"
                        f"<p>{html.escape(self._nickname)}</p><h1><tt>{html.escape(self.code_text)}</tt></h1>")
            doc.print_(printer)

    def done(self, result: int) -> None:  # noqa: D401 - QDialog API: forget the code when closed
        self.code.clear()
        self.code_text = ""
        self._passphrase = ""
        super().done(result)
