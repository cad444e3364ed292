"""One self-check, one question at a time: the answers so far are stored after each question (a
self-check left half-way resumes), and crisis help opens at once when the instruments' rule says so
(``help_now``: PHQ-9 item 9, the ASQ; docs/clinical.md section 5). Part of ui/checkins_page.py."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion import Session, StorageError
from companion.practice.instruments import InvalidAnswers, get_instrument, help_now, is_asked
from companion.practice.instruments.model import Instrument, Item
from ui.errors import explain_storage_error
from ui.practice_common import content_lang, scroll_page, set_scroll_body, wrapped


class SelfCheckWizard(QWidget):
    helpRequested = Signal(str)  # open crisis help now, for this reason
    finished = Signal(object)  # the SavedResult, once the last answer is stored and scored
    closed = Signal()  # "Save and close": the answers so far are kept as a draft

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session: Session | None = None
        self._instrument: Instrument | None = None
        self._answers: list[object] = []
        self._index = 0
        self._help_opened = False
        self._build()

    def set_session(self, session: Session | None) -> None:
        self._session = session

    def clear(self) -> None:
        self._instrument = None
        self._answers = []
        set_scroll_body(self.question_scroll, QWidget())

    @property
    def instrument(self) -> Instrument | None:
        """The self-check being answered (None once it is finished or closed)."""
        return self._instrument

    def _build(self) -> None:
        frame = scroll_page(self)
        self.question_title, self.question_intro = frame.title, frame.note
        self.question_scroll, self.question_error = frame.scroll, frame.error
        buttons = frame.buttons
        close = QPushButton(self.tr("Save and close"))
        close.setToolTip(self.tr("Your answers so far are kept; you can carry on later."))
        close.clicked.connect(self.closed)
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
        set_scroll_body(self.question_scroll, body)
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
        """Crisis help opens now, not after the last question, when the instruments' rule says so."""
        reason = help_now(instrument, index, value, self._help_opened)
        if reason is None:
            return
        self._help_opened = True
        self.helpRequested.emit(reason)

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
        self._instrument = None
        self.finished.emit(saved)

    def end(self) -> None:
        """Leave the self-check (its answers so far stay stored as a draft)."""
        self._instrument = None
