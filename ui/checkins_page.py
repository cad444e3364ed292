"""The self-checks page (Ctrl+3): PHQ-9, GAD-7, SCOFF, the ASQ, the mood check-in and the alliance
check, one question at a time, presented as self-checks and never as diagnoses.

PHQ-9 item 9 above 0, or any ASQ "yes", opens crisis help AT ONCE through the one entry point
``MainWindow.open_help`` (CLINICAL.md section 5), before the remaining questions. The answers so
far are stored after each question, so a self-check left half-way resumes. Gentle reminders (a
mood check-in daily, a self-check every two weeks) are shown here and can be switched off.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion import Session, StorageError
from companion.practice.instruments import INSTRUMENT_IDS, InvalidAnswers, get_instrument, is_asked
from companion.practice.instruments.model import Instrument, Item
from companion.practice.service import SavedResult
from companion.safety import assess
from ui.errors import explain_storage_error
from ui.practice_common import Card, content_lang, scroll_page, wrapped

#: The reason passed to MainWindow.open_help for each self-check that can open it.
HELP_REASONS = {"phq9": "phq9_item9", "asq": "asq", "mood": "mood_word"}


class CheckinsPage(QWidget):
    resultSaved = Signal(object)  # SavedResult
    remindersChanged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("CheckinsPage")
        self._session: Session | None = None
        self._instrument: Instrument | None = None
        self._answers: list[object] = []
        self._index = 0
        self._help_opened = False
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)
        self.home_scroll = QScrollArea()
        self.home_scroll.setWidgetResizable(True)
        self.home_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.stack.addWidget(self.home_scroll)
        self.question_page = QWidget()
        self._build_question_page()
        self.stack.addWidget(self.question_page)
        self.result_page = QWidget()
        self._build_result_page()
        self.stack.addWidget(self.result_page)
        self._rebuild_home()

    # -- page protocol ---------------------------------------------------------------------------
    def set_session(self, session: Session) -> None:
        self._session = session
        self.show_home()

    def clear(self) -> None:
        self._session = None
        self._instrument = None
        self._answers = []
        self._set_scroll(self.question_scroll, QWidget())
        self.result_label.clear()
        self.result_message.clear()
        self.result_about.clear()
        self._rebuild_home()
        self.stack.setCurrentWidget(self.home_scroll)

    # -- home ------------------------------------------------------------------------------------
    def show_home(self) -> None:
        self._instrument = None
        self._rebuild_home()
        self.stack.setCurrentWidget(self.home_scroll)

    def due_reminders(self) -> list:
        if self._session is None:
            return []
        try:
            return self._session.practice.due_reminders()
        except StorageError:
            return []

    def _rebuild_home(self) -> None:
        lang = content_lang()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(wrapped(self.tr("Self-checks"), "title"))
        layout.addWidget(wrapped(self.tr("Short questionnaires that help you notice how you have been. They "
                                         "are self-checks, not a diagnosis: only a doctor or another "
                                         "qualified professional can assess what is going on."), "muted"))
        self.reminder_cards: dict[str, Card] = {}
        reminders = self.due_reminders()
        self._mark_side_bar(bool(reminders))
        for reminder in reminders:
            card = Card()
            card.body.addWidget(wrapped(reminder.text.get(lang)))
            row = QHBoxLayout()
            row.addStretch(1)
            later = QPushButton(self.tr("Not now"))
            later.clicked.connect(lambda _=False, k=reminder.kind: self._snooze(k))
            row.addWidget(later)
            go = QPushButton(self.tr("Start"))
            go.setObjectName("primary")
            go.clicked.connect(lambda _=False, i=reminder.instrument_id: self.start(i))
            row.addWidget(go)
            card.body.addLayout(row)
            layout.addWidget(card)
            self.reminder_cards[reminder.kind] = card
        self.start_buttons: dict[str, QPushButton] = {}
        for instrument_id in INSTRUMENT_IDS:
            instrument = get_instrument(instrument_id)
            card = Card()
            row = QHBoxLayout()
            text = QVBoxLayout()
            title = wrapped(instrument.title.get(lang))
            title.setStyleSheet("font-weight: 600;")
            text.addWidget(title)
            text.addWidget(wrapped(instrument.intro.get(lang), "muted"))
            row.addLayout(text, 1)
            has_draft = False
            if self._session is not None:
                try:
                    has_draft = bool(self._session.practice.draft(instrument_id))
                except StorageError:
                    has_draft = False
            button = QPushButton(self.tr("Continue") if has_draft else self.tr("Start"))
            button.setAccessibleName(f"{button.text()}: {instrument.title.get(lang)}")
            button.setEnabled(self._session is not None)
            button.clicked.connect(lambda _=False, i=instrument_id: self.start(i))
            row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
            card.body.addLayout(row)
            layout.addWidget(card)
            self.start_buttons[instrument_id] = button
        layout.addWidget(wrapped(self.tr("Gentle reminders (only inside this app)"), "sectionTitle"))
        settings = None
        if self._session is not None:
            try:
                settings = self._session.practice.reminder_settings()
            except StorageError:
                settings = None
        self.mood_reminder = QCheckBox(self.tr("Remind me of a mood check-in each day"))
        self.self_check_reminder = QCheckBox(self.tr("Remind me of a self-check every two weeks"))
        for box, kind, on in ((self.mood_reminder, "mood", settings.mood if settings else True),
                              (self.self_check_reminder, "self_check", settings.self_check if settings else True)):
            box.setChecked(on)
            box.setEnabled(settings is not None)
            box.toggled.connect(lambda checked, k=kind: self._set_reminder(k, checked))
            layout.addWidget(box)
        layout.addStretch(1)
        self._set_scroll(self.home_scroll, body)

    def _mark_side_bar(self, due: bool) -> None:
        """A quiet dot on this page's side-bar button while a reminder waits (inside the app only)."""
        bar = getattr(self.window(), "side_bar", None)
        button = bar.buttons.get("checkins") if bar is not None else None
        if button is None:
            return
        base = button.property("plainTitle") or button.text()
        button.setProperty("plainTitle", base)
        shortcut = button.shortcut()  # QAbstractButton.setText resets the shortcut to the text's mnemonic
        button.setText(f"{base} •" if due else base)
        button.setShortcut(shortcut)
        button.setAccessibleDescription(self.tr("A gentle reminder is waiting here.") if due else "")

    def _set_reminder(self, kind: str, enabled: bool) -> None:
        if self._session is None:
            return
        try:
            self._session.practice.set_reminder(kind, enabled)
        except StorageError:
            return
        self.remindersChanged.emit()
        QTimer.singleShot(0, self._rebuild_home)

    def _snooze(self, kind: str) -> None:
        if self._session is None:
            return
        try:
            self._session.practice.snooze(kind)
        except StorageError:
            return
        self.remindersChanged.emit()
        QTimer.singleShot(0, self._rebuild_home)

    # -- asking ----------------------------------------------------------------------------------
    def _build_question_page(self) -> None:
        frame = scroll_page(self.question_page)
        self.question_title, self.question_intro = frame.title, frame.note
        self.question_scroll, self.question_error = frame.scroll, frame.error
        buttons = frame.buttons
        close = QPushButton(self.tr("Save and close"))
        close.setToolTip(self.tr("Your answers so far are kept; you can carry on later."))
        close.clicked.connect(self.show_home)
        buttons.addWidget(close)
        self.restart_button = QPushButton(self.tr("Start over"))
        self.restart_button.clicked.connect(self._restart)
        buttons.addWidget(self.restart_button)
        buttons.addStretch(1)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.clicked.connect(self.go_back)
        buttons.addWidget(self.back_button)
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setObjectName("primary")
        self.next_button.clicked.connect(self.go_next)
        buttons.addWidget(self.next_button)

    def start(self, instrument_id: str) -> None:
        """Open a self-check, resuming its stored draft if there is one."""
        if self._session is None:
            return
        instrument = get_instrument(instrument_id)
        try:
            draft = self._session.practice.draft(instrument_id) or []
        except StorageError:
            draft = []
        self._instrument = instrument
        self._answers = list(draft)[: len(instrument.items)]
        self._help_opened = False
        lang = content_lang()
        self.question_title.setText(instrument.title.get(lang))
        self.question_intro.setText(instrument.intro.get(lang))
        self._index = self._next_asked(len(self._answers))
        if self._index >= len(instrument.items):
            self._index = self._previous_asked(len(instrument.items))
        self._show_question()
        self.stack.setCurrentWidget(self.question_page)

    def _next_asked(self, index: int) -> int:
        assert self._instrument is not None
        items = self._instrument.items
        while index < len(items) and not is_asked(items[index], self._padded(index)):
            index += 1
        return index

    def _previous_asked(self, index: int) -> int:
        assert self._instrument is not None
        index -= 1
        while index > 0 and not is_asked(self._instrument.items[index], self._padded(index)):
            index -= 1
        return max(index, 0)

    def _padded(self, upto: int) -> list:
        return (self._answers + [None] * upto)[:upto]

    def _show_question(self) -> None:
        instrument = self._instrument
        assert instrument is not None
        lang = content_lang()
        item = instrument.items[self._index]
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(8)
        asked = [i for i, it in enumerate(instrument.items) if it.ask_if is None]
        if self._index in asked:
            layout.addWidget(wrapped(self.tr("Question %1 of %2").replace("%1", str(asked.index(self._index) + 1))
                                     .replace("%2", str(len(asked))), "muted"))
        question = wrapped(item.text.get(lang))
        question.setStyleSheet("font-weight: 600;")
        layout.addWidget(question)
        previous = self._answers[self._index] if self._index < len(self._answers) else None
        self._input = self._make_input(instrument, item, previous, lang)
        layout.addWidget(self._input)
        layout.addStretch(1)
        self._set_scroll(self.question_scroll, body)
        self.question_error.setVisible(False)
        self.back_button.setEnabled(self._index > 0)
        self.restart_button.setVisible(bool(self._answers))
        last = self._next_asked_after(self._index) >= len(instrument.items)
        self.next_button.setText(self.tr("See my result") if last else self.tr("Next"))
        QTimer.singleShot(0, self._input.setFocus)

    def _next_asked_after(self, index: int) -> int:
        # Whether a later item could still be asked depends on this answer; assume the current one.
        assert self._instrument is not None
        items = self._instrument.items
        answers = self._padded(index) + [self._current_value()]
        index += 1
        while index < len(items) and not is_asked(items[index], (answers + [None] * index)[:index]):
            index += 1
        return index

    def _make_input(self, instrument: Instrument, item: Item, previous: object, lang: str) -> QWidget:
        widget = QWidget()
        layout = QVBoxLayout(widget)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.setSpacing(10)
        self._kind = item.kind
        if item.kind == "choice":
            self._group = QButtonGroup(widget)
            for option in instrument.options_for(item):
                button = QRadioButton(option.label.get(lang))
                button.setChecked(previous == option.value)
                self._group.addButton(button, option.value)
                layout.addWidget(button)
            self._group.idToggled.connect(lambda *_: self._update_next_text())
            widget.setFocusProxy(self._group.buttons()[0])
        elif item.kind == "scale":
            row = QHBoxLayout()
            self._slider = QSlider(Qt.Orientation.Horizontal)
            self._slider.setRange(item.low, item.high)
            self._spin = QSpinBox()
            self._spin.setRange(item.low, item.high)
            self._slider.valueChanged.connect(self._spin.setValue)
            self._spin.valueChanged.connect(self._slider.setValue)
            self._spin.setValue(previous if isinstance(previous, int) else (item.low + item.high) // 2)
            self._slider.setAccessibleName(item.text.get(lang))
            row.addWidget(self._slider, 1)
            row.addWidget(self._spin)
            layout.addLayout(row)
            anchors = QHBoxLayout()
            anchors.addWidget(wrapped(item.low_anchor.get(lang) if item.low_anchor else str(item.low), "muted"))
            high = wrapped(item.high_anchor.get(lang) if item.high_anchor else str(item.high), "muted")
            high.setAlignment(Qt.AlignmentFlag.AlignRight)
            anchors.addWidget(high)
            layout.addLayout(anchors)
            widget.setFocusProxy(self._slider)
        else:
            self._line = QLineEdit()
            self._line.setMaxLength(item.max_length)
            self._line.setAccessibleName(item.text.get(lang))
            if isinstance(previous, str):
                self._line.setText(previous)
            layout.addWidget(self._line)
            widget.setFocusProxy(self._line)
        return widget

    def _update_next_text(self) -> None:
        if self._instrument is None:
            return
        last = self._next_asked_after(self._index) >= len(self._instrument.items)
        self.next_button.setText(self.tr("See my result") if last else self.tr("Next"))

    def _current_value(self) -> object:
        if self._kind == "choice":
            chosen = self._group.checkedId()
            return None if chosen < 0 else chosen
        if self._kind == "scale":
            return self._spin.value()
        return self._line.text().strip() or None

    def choose(self, value: int) -> None:
        """Pick an answer option of the current question (keyboard and tests)."""
        button = self._group.button(value)
        if button is not None:
            button.setChecked(True)

    def go_next(self) -> None:
        instrument = self._instrument
        if instrument is None or self._session is None:
            return
        item = instrument.items[self._index]
        value = self._current_value()
        if value is None and item.kind != "word":
            self.question_error.setText(self.tr("Please choose the answer that fits best."))
            self.question_error.setVisible(True)
            return
        self._answers = self._padded(self._index) + [value]
        try:
            self._session.practice.save_draft(instrument.id, self._answers)
        except StorageError as exc:
            self.question_error.setText(explain_storage_error(exc))
            self.question_error.setVisible(True)
            return
        self._check_safety(instrument, self._index, value)
        following = self._next_asked(self._index + 1)
        if following >= len(instrument.items):
            self._finish()
            return
        self._index = following
        self._show_question()

    def go_back(self) -> None:
        if self._instrument is None or self._index == 0:
            return
        self._index = self._previous_asked(self._index)
        self._show_question()

    def _restart(self) -> None:
        if self._instrument is None or self._session is None:
            return
        try:
            self._session.practice.discard_draft(self._instrument.id)
        except StorageError:
            pass
        self.start(self._instrument.id)

    def _check_safety(self, instrument: Instrument, index: int, value: object) -> None:
        """PHQ-9 item 9 above 0, or any ASQ yes: crisis help opens now, not after the last question.
        A free word (the mood check-in) goes through the same crisis screen as a message."""
        if isinstance(value, str):
            if assess(value).level != "none" and instrument.id in HELP_REASONS:
                window = self.window()
                if hasattr(window, "open_help"):
                    window.open_help(HELP_REASONS[instrument.id])
            return
        if not isinstance(value, int) or isinstance(value, bool):
            return
        opens = any(rule.item == index and value >= rule.at_least and rule.flag in instrument.safety_flags
                    for rule in instrument.item_flags)
        if instrument.id == "asq" and value >= 1:
            # Any yes is positive; the acuity question's yes is imminent, so help opens again for it.
            opens = opens or not self._help_opened or instrument.items[index].ask_if is not None
        if opens and instrument.id in HELP_REASONS:
            self._help_opened = True
            window = self.window()
            if hasattr(window, "open_help"):
                window.open_help(HELP_REASONS[instrument.id])

    def _finish(self) -> None:
        instrument = self._instrument
        assert instrument is not None and self._session is not None
        try:
            saved = self._session.practice.submit(instrument.id, self._answers)
        except InvalidAnswers:
            self.question_error.setText(self.tr("Some answers are missing; please go back and check them."))
            self.question_error.setVisible(True)
            return
        except StorageError as exc:
            self.question_error.setText(explain_storage_error(exc))
            self.question_error.setVisible(True)
            return
        self._show_result(saved)
        self.resultSaved.emit(saved)

    # -- result ----------------------------------------------------------------------------------
    def _build_result_page(self) -> None:
        layout = QVBoxLayout(self.result_page)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        self.result_title = wrapped("", "title")
        layout.addWidget(self.result_title)
        self.result_label = wrapped("")
        self.result_label.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.result_label)
        self.result_message = wrapped("")
        layout.addWidget(self.result_message)
        self.result_about = wrapped("", "muted")
        layout.addWidget(self.result_about)
        self.help_button = QPushButton(self.tr("Open help now"))
        self.help_button.setObjectName("primary")
        self.help_button.clicked.connect(self._open_help_again)
        layout.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        done = QPushButton(self.tr("Back to self-checks"))
        done.clicked.connect(self.show_home)
        buttons.addWidget(done)
        buttons.addStretch(1)
        self.progress_button = QPushButton(self.tr("See progress over time"))
        self.progress_button.clicked.connect(self._show_progress)
        buttons.addWidget(self.progress_button)
        layout.addLayout(buttons)

    def _show_result(self, saved: SavedResult) -> None:
        lang = content_lang()
        result = saved.result
        instrument = get_instrument(result.instrument_id)
        band = instrument.band(result.severity)
        self.result_title.setText(instrument.title.get(lang))
        if band is not None:
            self.result_label.setText(self.tr("Your self-check result: %1 (%2 of %3)")
                                      .replace("%1", band.label.get(lang)).replace("%2", str(result.total))
                                      .replace("%3", str(result.max_total)))
            self.result_message.setText(band.message.get(lang))
        else:
            self.result_label.setText(self.tr("Saved. Thank you."))
            self.result_message.setText(self.tr("Your answers are kept, so you can see how things change over time."))
        self.result_about.setText(instrument.about.get(lang))
        self.help_button.setVisible(result.opens_safety_flow)
        self.progress_button.setVisible(result.instrument_id in ("phq9", "gad7", "mood"))
        self.stack.setCurrentWidget(self.result_page)
        self._instrument = None

    def _open_help_again(self) -> None:
        window = self.window()
        if hasattr(window, "open_help"):
            window.open_help("self_check_result")

    def _show_progress(self) -> None:
        window = self.window()
        if hasattr(window, "show_page"):
            window.show_page("progress")

    @staticmethod
    def _set_scroll(scroll: QScrollArea, body: QWidget) -> None:
        old = scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        scroll.setWidget(body)
