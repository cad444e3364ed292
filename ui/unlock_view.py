"""The first screen: pick a profile and unlock it, or create one. Only nicknames are shown."""

from __future__ import annotations

import math

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

MIN_PASSPHRASE = 6


class UnlockView(QWidget):
    unlockRequested = Signal(str, str)  # nickname, passphrase
    createRequested = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("UnlockView")
        self.first_run = None  # the first-run set-up, added by the main window (add_first_run)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(48, 40, 48, 40)
        outer.addStretch(1)
        column = QVBoxLayout()
        column.setSpacing(14)
        title = QLabel(self.tr("Welcome back"))
        title.setObjectName("title")
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self._title = title
        column.addWidget(title)
        intro = QLabel(self.tr("Your conversations stay on this computer, locked with your passphrase."))
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        column.addWidget(intro)

        self._pages = QStackedWidget()
        self._pages.addWidget(self._build_unlock_page())
        self._pages.addWidget(self._build_create_page())
        column.addWidget(self._pages)
        self._column = column

        self.status = QLabel("")
        self.status.setObjectName("error")
        self.status.setWordWrap(True)
        self.status.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.status.setAccessibleName(self.tr("Message"))
        column.addWidget(self.status)
        # Argon2 is slow on purpose (seconds on an old laptop): show that something is happening.
        self.busy_bar = QProgressBar()
        self.busy_bar.setRange(0, 0)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.setMaximumHeight(6)
        self.busy_bar.setAccessibleName(self.tr("Working"))
        self.busy_bar.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # never a Tab stop; see set_busy
        self.busy_bar.setVisible(False)
        column.addWidget(self.busy_bar)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(column, 0)
        row.addStretch(1)
        column_holder = QWidget()
        column_holder.setMaximumWidth(520)
        column_holder.setLayout(row)
        outer.addWidget(column_holder, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(2)

        # The wait after repeated wrong passphrases (enforced by the core; shown here as a countdown).
        self._wait_left = 0
        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(1000)
        self._wait_timer.timeout.connect(self._tick_wait)

    # -- pages ---------------------------------------------------------------------------------
    def _build_unlock_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.profiles = QListWidget()
        self.profiles.setAccessibleName(self.tr("Profiles"))
        self.profiles.setMaximumHeight(160)
        self.profiles.itemActivated.connect(lambda _item: self.passphrase.setFocus())
        layout.addWidget(self.profiles)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setPlaceholderText(self.tr("Passphrase"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.passphrase.setAccessibleDescription(self.tr("The passphrase of the chosen profile. Enter unlocks."))
        self.passphrase.returnPressed.connect(self._unlock)
        layout.addWidget(self.passphrase)
        self.unlock_button = QPushButton(self.tr("Unlock"))
        self.unlock_button.setObjectName("primary")
        self.unlock_button.clicked.connect(self._unlock)
        layout.addWidget(self.unlock_button)
        new = QPushButton(self.tr("Create a new profile…"))
        new.clicked.connect(lambda: self.show_create(True))
        layout.addWidget(new)
        return page

    def _build_create_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        form = QFormLayout()
        self.new_name = QLineEdit()
        self.new_name.setMaxLength(40)
        self.new_name.setAccessibleName(self.tr("Nickname"))
        form.addRow(self.tr("Nickname"), self.new_name)
        self.new_pass = QLineEdit()
        self.new_pass.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pass.setAccessibleName(self.tr("Passphrase"))
        form.addRow(self.tr("Passphrase"), self.new_pass)
        self.new_pass2 = QLineEdit()
        self.new_pass2.setEchoMode(QLineEdit.EchoMode.Password)
        self.new_pass2.setAccessibleName(self.tr("Passphrase again"))
        self.new_pass2.returnPressed.connect(self._create)
        form.addRow(self.tr("Again"), self.new_pass2)
        layout.addLayout(form)
        hint = QLabel(self.tr(
            "On a shared computer, use a nickname rather than your name: nicknames are the only thing "
            "others can see here. A forgotten passphrase cannot be recovered; only the recovery code offered "
            "after creating the profile can stand in for it."))
        hint.setObjectName("muted")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.create_button = QPushButton(self.tr("Create profile"))
        self.create_button.setObjectName("primary")
        self.create_button.clicked.connect(self._create)
        layout.addWidget(self.create_button)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.clicked.connect(lambda: self.show_create(False))
        layout.addWidget(self.back_button)
        return page

    # -- behaviour -----------------------------------------------------------------------------
    def set_profiles(self, names: list[str]) -> None:
        self.profiles.clear()
        for name in names:
            self.profiles.addItem(QListWidgetItem(name))
        if names:
            self.profiles.setCurrentRow(0)
        self.back_button.setVisible(bool(names))
        self._title.setText(self.tr("Welcome back") if names else self.tr("Welcome"))
        if not names and self.first_run is not None:
            self.show_first_run()
        else:
            self.show_create(not names)

    def show_first_run(self) -> None:
        """Nobody has a profile here yet: the whole first-run set-up, not just the create form."""
        self.status.clear()
        self._pages.hide()
        self.first_run.show()
        self.first_run.go(0)

    def show_create(self, create: bool) -> None:
        self.status.clear()
        if self.first_run is not None:
            self.first_run.hide()
        self._pages.show()
        self._pages.setCurrentIndex(1 if create else 0)
        (self.new_name if create else self.passphrase).setFocus()

    def set_busy(self, busy: bool, text: str = "") -> None:
        """While a profile opens or is created nothing here takes typing. The whole page is disabled,
        and focus is parked on the busy bar first (it takes no typing): disabling a focused field would
        hand focus to the next control ("Create a new profile…"), where a passphrase typed again would
        press that button and then land, visible, in the new nickname field."""
        self.busy_bar.setVisible(busy)
        if busy:
            self.busy_bar.setFocus()
        self._pages.setEnabled(not busy)
        if self.first_run is not None:
            self.first_run.setEnabled(not busy)
        self.status.setObjectName("muted" if busy else "error")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(text)

    def show_error(self, text: str) -> None:
        self.set_busy(False)
        self.status.setText(text)

    def show_unlock_error(self, text: str) -> None:
        """A wrong passphrase (or a refused unlock): the field is cleared and has the focus again, so
        the next try is typed where it is hidden, never into a button or another field."""
        self.show_error(text)
        self.passphrase.clear()
        self.passphrase.setFocus()

    def show_create_error(self, text: str) -> None:
        self.show_error(text)
        if self.in_first_run:
            self.first_run.go(1)
            self.first_run.name.setFocus()
        else:
            self.new_name.setFocus()

    @property
    def creating(self) -> bool:
        return self.in_first_run or self._pages.currentIndex() != 0

    @property
    def in_first_run(self) -> bool:
        return self.first_run is not None and not self.first_run.isHidden()

    def add_first_run(self, setup: QWidget) -> None:
        """The first-run set-up (ui.first_run), shown instead of the create page when there is no profile."""
        self.first_run = setup
        setup.show_error = self._show_step_error
        setup.createRequested.connect(self.createRequested)
        # Beside the stack, not in it: a stack sizes itself by its pages' size hints, which cut the
        # set-up's wrapped text short; a plain layout gives it the height it needs at its width.
        self._column.insertWidget(self._column.indexOf(self._pages) + 1, setup)
        setup.hide()

    def _show_step_error(self, text: str) -> None:
        self.status.setObjectName("error")
        self.status.style().unpolish(self.status)
        self.status.style().polish(self.status)
        self.status.setText(text)

    def selected_name(self) -> str:
        item = self.profiles.currentItem()
        return item.text() if item is not None else ""

    def show_wait(self, seconds: float, reason: str = "") -> None:
        """Refuse unlocking for ``seconds``, counting down in the status line under ``reason``."""
        self._wait_left = max(1, math.ceil(seconds))
        self._wait_reason = reason
        self.set_busy(False)
        self.unlock_button.setEnabled(False)
        self._wait_timer.start()
        self._show_wait_text()

    @property
    def waiting(self) -> bool:
        return self._wait_timer.isActive()

    def _tick_wait(self) -> None:
        self._wait_left -= 1
        if self._wait_left <= 0:
            self._wait_timer.stop()
            self.unlock_button.setEnabled(True)
            self.status.setText(self.tr("You can try again now."))
            return
        self._show_wait_text()

    def _show_wait_text(self) -> None:
        if self._wait_left == 1:
            wait = self.tr("After several wrong passphrases, the next try has to wait: 1 second left.")
        else:
            wait = self.tr("After several wrong passphrases, the next try has to wait: %n seconds left.", "",
                           self._wait_left)
        self.status.setText(f"{self._wait_reason}\n{wait}" if self._wait_reason else wait)

    def clear_secrets(self) -> None:
        for field in (self.passphrase, self.new_pass, self.new_pass2):
            field.clear()
        if self.first_run is not None:
            self.first_run.clear_secrets()

    def _unlock(self) -> None:
        if self.waiting:
            return
        item = self.profiles.currentItem()
        if item is None:
            self.show_error(self.tr("Choose a profile first."))
            return
        if not self.passphrase.text():
            self.show_error(self.tr("Type your passphrase."))
            return
        self.unlockRequested.emit(item.text(), self.passphrase.text())

    def _create(self) -> None:
        name = self.new_name.text().strip()
        if not name:
            self.show_error(self.tr("Choose a nickname."))
            return
        if len(self.new_pass.text()) < MIN_PASSPHRASE:
            self.show_error(self.tr("Use a passphrase of at least %n characters.", "", MIN_PASSPHRASE))
            return
        if self.new_pass.text() != self.new_pass2.text():
            self.show_error(self.tr("The two passphrases are different."))
            return
        self.createRequested.emit(name, self.new_pass.text())
