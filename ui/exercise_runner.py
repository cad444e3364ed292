"""Runs one exercise step by step: every input kind (free text, 0-100 rating, single and multiple
choice, timer), Back and Next, and the engine's validation in plain words. Each step is stored in
the vault (``session.practice``) before the next one is shown."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSlider,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from companion import StorageError
from companion.practice.exercises import InvalidAnswer, Step, can_go_back, timer_settings
from companion.practice.service import Practice, Run
from ui.breathing_pacer import BreathingPacer
from ui.errors import explain_storage_error
from ui.practice_common import content_lang, wrapped


def steps_left(flow, step) -> int:  # noqa: ANN001 - companion.exercises Flow and Step
    """Steps from ``step`` (included) to the end along the usual path (``next``, else the following
    step). A branch taken later can change the count; it is the honest estimate at this point."""
    count, seen = 0, set()
    current = step
    while current is not None and current.id not in seen:
        seen.add(current.id)
        count += 1
        target = current.next if current.next is not None else flow.following(current.id)
        current = flow.step(target)
    return count


class RatingInput(QWidget):
    """A 0-100 slider with a number box, and words for both ends."""

    def __init__(self, step: Step, value: int | None, lang: str) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setRange(step.min_value, step.max_value)
        self.slider.setPageStep(10)
        self.spin = QSpinBox()
        self.spin.setRange(step.min_value, step.max_value)
        self.slider.valueChanged.connect(self.spin.setValue)
        self.spin.valueChanged.connect(self.slider.setValue)
        start = value if isinstance(value, int) else (step.min_value + step.max_value) // 2
        self.spin.setValue(start)
        self.slider.setAccessibleName(step.label.get(lang))
        self.spin.setAccessibleName(step.label.get(lang))
        row.addWidget(self.slider, 1)
        row.addWidget(self.spin)
        layout.addLayout(row)
        anchors = QHBoxLayout()
        low = wrapped(step.low_anchor.get(lang) if step.low_anchor else str(step.min_value), "muted")
        high = wrapped(step.high_anchor.get(lang) if step.high_anchor else str(step.max_value), "muted")
        high.setAlignment(Qt.AlignmentFlag.AlignRight)
        anchors.addWidget(low)
        anchors.addWidget(high)
        layout.addLayout(anchors)

    def value(self) -> int:
        return self.spin.value()


class ChoiceInput(QWidget):
    """Radio buttons (single choice) or check boxes (multiple choice), each option with its plain
    explanation underneath when it has one (the thinking traps)."""

    def __init__(self, step: Step, value: object, lang: str) -> None:
        super().__init__()
        self.step = step
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self.multi = step.kind == "multi_choice"
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multi)
        chosen = value if isinstance(value, list) else ([value] if value is not None else [])
        if not chosen and step.default is not None:
            chosen = [step.default]
        self.buttons: dict[str, QCheckBox | QRadioButton] = {}
        for option in step.options:
            button = QCheckBox(option.label.get(lang)) if self.multi else QRadioButton(option.label.get(lang))
            button.setChecked(option.value in chosen)
            self.group.addButton(button)
            self.buttons[option.value] = button
            layout.addWidget(button)
            if option.description is not None:
                description = wrapped(option.description.get(lang), "muted")
                description.setContentsMargins(26, 0, 0, 6)
                button.setAccessibleDescription(option.description.get(lang))
                button.setToolTip(option.description.get(lang))
                layout.addWidget(description)

    def value(self) -> object:
        picked = [value for value, button in self.buttons.items() if button.isChecked()]
        if self.multi:
            return picked
        return picked[0] if picked else None


class ExerciseRunner(QWidget):
    finished = Signal(str)  # the run id, once its last step is stored
    closed = Signal()  # "Save and close": the run stays unfinished and can be resumed
    stillHere = Signal()  # every 30 s of breathing with the pacer: the person is active (idle lock)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice: Practice | None = None
        self._run: Run | None = None
        self._input: QWidget | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.setSpacing(10)
        self.title = wrapped("", "title")
        outer.addWidget(self.title)
        self.step_label = wrapped("", "muted")
        outer.addWidget(self.step_label)
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer.addWidget(self.scroll, 1)
        self.error = wrapped("", "error")
        self.error.setVisible(False)
        outer.addWidget(self.error)
        buttons = QHBoxLayout()
        self.close_button = QPushButton(self.tr("Save and close"))
        self.close_button.setToolTip(self.tr("Your answers so far are kept; you can carry on later."))
        self.close_button.clicked.connect(self._close)
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        self.skip_button = QPushButton(self.tr("Skip"))
        self.skip_button.clicked.connect(lambda: self._submit(None))
        buttons.addWidget(self.skip_button)
        self.back_button = QPushButton(self.tr("Back"))
        self.back_button.clicked.connect(self.go_back)
        buttons.addWidget(self.back_button)
        self.next_button = QPushButton(self.tr("Next"))
        self.next_button.setObjectName("primary")
        self.next_button.clicked.connect(self.go_next)
        buttons.addWidget(self.next_button)
        outer.addLayout(buttons)

    # -- public --------------------------------------------------------------------------------
    def open(self, practice: Practice, run: Run) -> None:
        self._practice = practice
        self._run = run
        self._show_step()

    @property
    def run(self) -> Run | None:
        return self._run

    @property
    def input_widget(self) -> QWidget | None:
        return self._input

    def clear(self) -> None:
        self._stop_timer()
        self._practice = None
        self._run = None
        self._set_body(QWidget())
        self._input = None
        self.title.clear()
        self.step_label.clear()
        self._show_error("")

    def go_next(self) -> None:
        if self._run is None or self._input is None and self._run.step is None:
            return
        self._submit(self._read_value())

    def go_back(self) -> None:
        if self._practice is None or self._run is None or not can_go_back(self._run.state):
            return
        self._stop_timer()
        try:
            self._run = self._practice.back(self._run.id)
        except StorageError as exc:
            self._show_error(explain_storage_error(exc))
            return
        self._show_step()

    # -- steps ---------------------------------------------------------------------------------
    def _show_step(self) -> None:
        run = self._run
        assert run is not None
        lang = content_lang()
        self._stop_timer()
        self._show_error("")
        flow = run.flow
        self.title.setText(flow.title.get(lang))
        step = run.step
        if step is None:
            return
        answered = len(run.state["history"])
        self.step_label.setText(self.tr("Step %1 of %2").replace("%1", str(answered + 1))
                                .replace("%2", str(answered + steps_left(flow, step))))
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 8, 0)
        layout.setSpacing(10)
        prompt = wrapped(step.prompt.get(lang))
        prompt.setObjectName("prompt")
        prompt.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                       | Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(prompt)
        if step.help is not None:
            layout.addWidget(wrapped(step.help.get(lang), "muted"))
        previous = run.state["answers"].get(step.id)
        self._input = self._make_input(step, previous, lang)
        if self._input is not None:
            layout.addWidget(self._input, 1 if step.kind == "timer" else 0)
        layout.addStretch(1)
        self._set_body(body)
        self.back_button.setEnabled(can_go_back(run.state))
        self.skip_button.setVisible(not step.required and step.kind not in ("info", "multi_choice", "single_choice"))
        last = step.next == "end" or (step.next is None and not step.branches
                                      and flow.steps[-1].id == step.id)
        self.next_button.setText(self.tr("Finish") if last else self.tr("Next"))
        focus = self._input if self._input is not None else self.next_button
        QTimer.singleShot(0, focus.setFocus)

    def _make_input(self, step: Step, previous: object, lang: str) -> QWidget | None:
        if step.kind == "text":
            edit = QPlainTextEdit()
            edit.setAccessibleName(step.label.get(lang))
            edit.setTabChangesFocus(True)
            edit.setMinimumHeight(110)
            if isinstance(previous, str):
                edit.setPlainText(previous)
            return edit
        if step.kind == "rating":
            return RatingInput(step, previous if isinstance(previous, int) else None, lang)
        if step.kind in ("single_choice", "multi_choice"):
            return ChoiceInput(step, previous, lang)
        if step.kind == "timer":
            assert self._run is not None
            settings = timer_settings(self._run.state)
            if settings["inhale_seconds"] and settings["exhale_seconds"]:
                pacer = BreathingPacer()
                pacer.configure(settings["seconds"] or 300, settings["inhale_seconds"], settings["exhale_seconds"])
                pacer.finished.connect(self._submit)
                pacer.ticked.connect(self._keep_awake)
                return pacer
            return _Countdown(int(settings["seconds"] or 300), self._submit)
        return None  # info: the prompt is the content

    def _read_value(self) -> object:
        widget = self._input
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, (RatingInput, ChoiceInput)):
            return widget.value()
        if isinstance(widget, BreathingPacer):
            return widget.elapsed
        if isinstance(widget, _Countdown):
            return widget.elapsed
        return None

    def _submit(self, value: object) -> None:
        if self._practice is None or self._run is None:
            return
        try:
            run = self._practice.answer(self._run.id, value)
        except InvalidAnswer as exc:
            self._show_error(self._explain(exc))
            return
        except StorageError as exc:
            self._show_error(explain_storage_error(exc) + " " + self.tr("Your answer is still here."))
            return
        self._stop_timer()
        self._run = run
        if run.complete:
            self.finished.emit(run.id)
        else:
            self._show_step()

    def _explain(self, error: InvalidAnswer) -> str:
        step = self._run.step if self._run else None
        text = str(error)
        if step is not None and step.kind == "text" and "under" in text:
            return self.tr("That is a bit long for this step; please keep it under %1 characters.").replace(
                "%1", str(step.max_length))
        if step is not None and step.kind == "multi_choice":
            return self.tr("Please pick at least one.")
        if step is not None and step.kind == "single_choice":
            return self.tr("Please pick one.")
        return self.tr("This step needs an answer before you go on.")

    def _keep_awake(self, elapsed: int) -> None:
        """Breathing with the pacer counts as activity: a 15-minute session must not be cut short by
        the idle auto-lock (which only sees keys and the mouse)."""
        if elapsed % 30 == 0:
            self.stillHere.emit()

    def _close(self) -> None:
        self._stop_timer()
        self.closed.emit()

    def _stop_timer(self) -> None:
        if isinstance(self._input, (BreathingPacer, _Countdown)):
            self._input.stop()

    def _set_body(self, body: QWidget) -> None:
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(body)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))


class _Countdown(QWidget):
    """A plain timer for timer steps without a breathing pace."""

    def __init__(self, seconds: int, on_done) -> None:  # noqa: ANN001
        super().__init__()
        self._seconds = seconds
        self.elapsed = 0
        self._on_done = on_done
        layout = QVBoxLayout(self)
        self.label = QLabel()
        self.label.setObjectName("title")
        self.label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.label)
        self.button = QPushButton(self.tr("Start"))
        self.button.clicked.connect(self._toggle)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignCenter)
        self._timer = QTimer(self)
        self._timer.setInterval(1000)
        self._timer.timeout.connect(self._tick)
        self._show()

    def _toggle(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.button.setText(self.tr("Continue"))
        else:
            self._timer.start()
            self.button.setText(self.tr("Pause"))

    def stop(self) -> None:
        self._timer.stop()

    def _tick(self) -> None:
        self.elapsed += 1
        self._show()
        if self.elapsed >= self._seconds:
            self._timer.stop()
            self._on_done(self.elapsed)

    def _show(self) -> None:
        left = max(0, self._seconds - self.elapsed)
        self.label.setText(f"{left // 60}:{left % 60:02d}")
