"""The self-checks page (Ctrl+3): PHQ-9, GAD-7, SCOFF, the ASQ, the mood check-in and the alliance
check, one question at a time, presented as self-checks and never as diagnoses.

Three pieces in a stack: the list with its gentle reminders (checkins_home.py), the questions
(checkins_wizard.py; PHQ-9 item 9 above 0, or any ASQ "yes", opens crisis help at once through
``helpRequested``, before the remaining questions), and the result (checkins_result.py). This page only
switches between them and passes their requests on; the main window connects its signals.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QScrollArea, QStackedWidget, QVBoxLayout, QWidget

from companion import Session
from ui.checkins_home import SelfChecksHome
from ui.checkins_result import SelfCheckResult
from ui.checkins_wizard import SelfCheckWizard


class CheckinsPage(QWidget):
    resultSaved = Signal(object)  # SavedResult
    remindersChanged = Signal()
    helpRequested = Signal(str)  # open crisis help now, for this reason (the main window connects it)
    pageRequested = Signal(str)  # show another page ("progress")
    reminderNote = Signal(str)  # what the side bar says about waiting reminders ("" when none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CheckinsPage")
        self._session: Session | None = None
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.home = SelfChecksHome()
        self.home.startRequested.connect(self.start)
        self.home.remindersChanged.connect(self.remindersChanged)
        self.home.reminderNote.connect(self.reminderNote)
        self.stack.addWidget(self.home)
        self.wizard = SelfCheckWizard()
        self.wizard.helpRequested.connect(self.helpRequested)
        self.wizard.finished.connect(self._finished)
        self.wizard.closed.connect(self.show_home)
        self.stack.addWidget(self.wizard)
        self.result = SelfCheckResult()
        self.result.helpRequested.connect(self.helpRequested)
        self.result.pageRequested.connect(self.pageRequested)
        self.result.closed.connect(self.show_home)
        self.stack.addWidget(self.result)
        self.home.rebuild()

    # -- page protocol ---------------------------------------------------------------------------
    def set_session(self, session: Session) -> None:
        self._session = session
        self.wizard.set_session(session)
        self.home.set_session(session)
        self.show_home()

    def clear(self) -> None:
        self._session = None
        self.wizard.set_session(None)
        self.wizard.clear()
        self.result.clear()
        self.home.set_session(None)
        self.stack.setCurrentWidget(self.home)

    # -- moving between the pieces ---------------------------------------------------------------
    def show_home(self) -> None:
        self.wizard.end()
        self.home.rebuild()
        self.stack.setCurrentWidget(self.home)

    def due_reminders(self) -> list:
        return self.home.due_reminders()

    def start(self, instrument_id: str) -> None:
        """Open a self-check, resuming its stored draft if there is one."""
        if self._session is None:
            return
        self.wizard.start(instrument_id)
        self.stack.setCurrentWidget(self.wizard)

    def _finished(self, saved: object) -> None:
        self.result.show_result(saved)
        self.stack.setCurrentWidget(self.result)
        self.resultSaved.emit(saved)

    # -- the pieces' widgets, by the names tests and screenshots drive the page with -------------
    def choose(self, value: int) -> None:
        self.wizard.choose(value)

    def go_next(self) -> None:
        self.wizard.go_next()

    def go_back(self) -> None:
        self.wizard.go_back()

    @property
    def home_scroll(self) -> QScrollArea:
        return self.home

    @property
    def question_page(self) -> QWidget:
        return self.wizard

    @property
    def result_page(self) -> QWidget:
        return self.result

    @property
    def start_buttons(self) -> dict[str, QPushButton]:
        return self.home.start_buttons

    @property
    def reminder_cards(self) -> dict:
        return self.home.reminder_cards

    @property
    def mood_reminder(self) -> QWidget:
        return self.home.mood_reminder

    @property
    def self_check_reminder(self) -> QWidget:
        return self.home.self_check_reminder

    @property
    def next_button(self) -> QPushButton:
        return self.wizard.next_button

    @property
    def back_button(self) -> QPushButton:
        return self.wizard.back_button

    @property
    def question_error(self) -> QWidget:
        return self.wizard.question_error

    @property
    def question_scroll(self) -> QScrollArea:
        return self.wizard.question_scroll

    @property
    def _index(self) -> int:
        return self.wizard._index  # noqa: SLF001 - which question is shown (tests)

    @property
    def _line(self) -> QWidget:
        return self.wizard._line  # noqa: SLF001 - the free-word input (tests)

    @property
    def result_label(self) -> QWidget:
        return self.result.result_label

    @property
    def result_about(self) -> QWidget:
        return self.result.result_about

    @property
    def help_button(self) -> QPushButton:
        return self.result.help_button

    @property
    def progress_button(self) -> QPushButton:
        return self.result.progress_button
