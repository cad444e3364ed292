"""The exercises page (Ctrl+2): the exercises and cards with a line on what each is for, an offer
to resume a run left half-way, the runner, and the completed history (open, read, delete).

After a completed exercise the page offers to talk it over with the companion (when a model is
available): a new conversation starts with a short summary, in the person's own words.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from companion import ModelState, Session, StorageError
from companion.practice.exercises import FLOW_IDS, get_flow
from companion.practice.service import Run, reflection_message
from ui.errors import explain_storage_error
from ui.exercise_runner import ExerciseRunner
from ui.practice_common import Card, content_lang, format_day, scroll_page, wrapped


class ExercisesPage(QWidget):
    runFinished = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ExercisesPage")
        self._session: Session | None = None
        self._reading: Run | None = None
        self.stack = QStackedWidget()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

        self.home_scroll = QScrollArea()
        self.home_scroll.setWidgetResizable(True)
        self.home_scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.stack.addWidget(self.home_scroll)

        self.runner = ExerciseRunner()
        self.runner.finished.connect(self._on_finished)
        self.runner.closed.connect(self.show_home)
        self.stack.addWidget(self.runner)

        self.reader = QWidget()
        self._build_reader()
        self.stack.addWidget(self.reader)
        self._rebuild_home()

    # -- page protocol ---------------------------------------------------------------------------
    def set_session(self, session: Session) -> None:
        self._session = session
        self.show_home()

    def clear(self) -> None:
        """Drop every decrypted word (on lock)."""
        self._session = None
        self._reading = None
        self.runner.clear()
        self._fill_reader(None)
        self._rebuild_home()
        self.stack.setCurrentWidget(self.home_scroll)

    # -- home ------------------------------------------------------------------------------------
    def show_home(self) -> None:
        self._reading = None
        self._fill_reader(None)
        self.runner.clear()
        self._rebuild_home()
        self.stack.setCurrentWidget(self.home_scroll)

    def _rebuild_home(self) -> None:
        lang = content_lang()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(wrapped(self.tr("Exercises"), "title"))
        layout.addWidget(wrapped(self.tr("Short, structured exercises you can do on your own, any time. "
                                         "They work without the AI, and everything you write stays "
                                         "encrypted on this computer."), "muted"))
        self.resume_cards: dict[str, Card] = {}
        self.start_buttons: dict[str, QPushButton] = {}
        session = self._session
        if session is not None:
            try:
                unfinished = session.practice.unfinished()
            except StorageError as exc:
                unfinished = []
                layout.addWidget(wrapped(explain_storage_error(exc), "error"))
            for run in unfinished:
                card = Card()
                card.body.addWidget(wrapped(self.tr("You have an unfinished exercise: %1 (last touched %2).")
                                            .replace("%1", run.flow.title.get(lang))
                                            .replace("%2", format_day(run.updated_at))))
                row = QHBoxLayout()
                row.addStretch(1)
                discard = QPushButton(self.tr("Discard…"))
                discard.clicked.connect(lambda _=False, r=run: self.delete_run(r))
                row.addWidget(discard)
                resume = QPushButton(self.tr("Continue where I stopped"))
                resume.setObjectName("primary")
                resume.clicked.connect(lambda _=False, r=run: self.resume(r.id))
                row.addWidget(resume)
                card.body.addLayout(row)
                layout.addWidget(card)
                self.resume_cards[run.id] = card
        for category, heading in (("exercise", self.tr("Exercises to try")),
                                  ("card", self.tr("Short reads: how it works"))):
            layout.addWidget(wrapped(heading, "sectionTitle"))
            for flow_id in FLOW_IDS:
                flow = get_flow(flow_id)
                if flow.category != category:
                    continue
                card = Card()
                row = QHBoxLayout()
                text = QVBoxLayout()
                title = wrapped(flow.title.get(lang))
                title.setStyleSheet("font-weight: 600;")
                text.addWidget(title)
                text.addWidget(wrapped(flow.description.get(lang), "muted"))
                row.addLayout(text, 1)
                button = QPushButton(self.tr("Start") if category == "exercise" else self.tr("Read"))
                button.setAccessibleName(f"{button.text()}: {flow.title.get(lang)}")
                button.setEnabled(session is not None)
                button.clicked.connect(lambda _=False, f=flow_id: self.start_flow(f))
                row.addWidget(button, 0, Qt.AlignmentFlag.AlignVCenter)
                card.body.addLayout(row)
                layout.addWidget(card)
                self.start_buttons[flow_id] = button
        layout.addWidget(wrapped(self.tr("Your completed exercises"), "sectionTitle"))
        self.history_rows: dict[str, QPushButton] = {}
        completed = []
        if session is not None:
            try:
                completed = session.practice.completed()
            except StorageError:
                completed = []
        if not completed:
            layout.addWidget(wrapped(self.tr("Nothing here yet. Exercises you finish are kept here, "
                                             "encrypted, so you can read them again or delete them."), "muted"))
        for run in completed:
            button = QPushButton(f"{run.flow.title.get(lang)} · {format_day(run.completed_at or run.updated_at)}")
            button.setStyleSheet("text-align: left;")
            button.setAccessibleDescription(self.tr("Open to read it again"))
            button.clicked.connect(lambda _=False, r=run: self.open_run(r.id))
            layout.addWidget(button)
            self.history_rows[run.id] = button
        layout.addStretch(1)
        old = self.home_scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.home_scroll.setWidget(body)

    # -- running ---------------------------------------------------------------------------------
    def start_flow(self, flow_id: str) -> None:
        """Start a new run of ``flow_id`` (also used by the offer under a reply)."""
        if self._session is None:
            return
        try:
            run = self._session.practice.start(flow_id)
        except StorageError as exc:
            QMessageBox.warning(self, self.tr("Exercises"), explain_storage_error(exc))
            return
        self.runner.open(self._session.practice, run)
        self.stack.setCurrentWidget(self.runner)

    def resume(self, run_id: str) -> None:
        if self._session is None:
            return
        self.runner.open(self._session.practice, self._session.practice.run(run_id))
        self.stack.setCurrentWidget(self.runner)

    def _on_finished(self, run_id: str) -> None:
        self.runFinished.emit(run_id)
        self.open_run(run_id, just_finished=True)

    # -- reading and deleting ------------------------------------------------------------------
    def _build_reader(self) -> None:
        frame = scroll_page(self.reader)
        self.reader_title, self.reader_note = frame.title, frame.note
        self.reader_scroll, self.reader_error = frame.scroll, frame.error
        buttons = frame.buttons
        back = QPushButton(self.tr("Back to exercises"))
        back.clicked.connect(self.show_home)
        buttons.addWidget(back)
        self.delete_button = QPushButton(self.tr("Delete…"))
        self.delete_button.clicked.connect(lambda: self._reading and self.delete_run(self._reading))
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        self.talk_button = QPushButton(self.tr("Talk it over with the companion"))
        self.talk_button.setObjectName("primary")
        self.talk_button.setToolTip(self.tr("Starts a new conversation with a short summary of this exercise."))
        self.talk_button.clicked.connect(self.talk_it_over)
        buttons.addWidget(self.talk_button)

    def _fill_reader(self, run: Run | None, just_finished: bool = False) -> None:
        body = QWidget()
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 8, 0)
        body_layout.setSpacing(8)
        self.reader_error.setVisible(False)
        if run is None:
            self.reader_title.clear()
            self.reader_note.clear()
        else:
            lang = content_lang()
            data = run.summary(lang) if run.readable else {"title": run.flow.title.get(lang), "items": []}
            self.reader_title.setText(data["title"])
            when = format_day(run.completed_at or run.updated_at)
            self.reader_note.setText(self.tr("Well done for taking the time. Saved %1.").replace("%1", when)
                                     if just_finished else self.tr("Completed %1").replace("%1", when))
            for item in data["items"]:
                card = Card()
                label = wrapped(item["label"], "muted")
                card.body.addWidget(label)
                answer = wrapped(item["answer"])
                answer.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                               | Qt.TextInteractionFlag.TextSelectableByKeyboard)
                card.body.addWidget(answer)
                body_layout.addWidget(card)
            if not data["items"]:
                body_layout.addWidget(wrapped(self.tr("This was a short read; there are no answers to show."),
                                              "muted"))
        body_layout.addStretch(1)
        old = self.reader_scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.reader_scroll.setWidget(body)
        self.talk_button.setVisible(run is not None and self._can_talk(run))

    def open_run(self, run_id: str, just_finished: bool = False) -> None:
        if self._session is None:
            return
        self._reading = self._session.practice.run(run_id)
        self._fill_reader(self._reading, just_finished)
        self.stack.setCurrentWidget(self.reader)

    def delete_run(self, run: Run) -> None:
        """Ask once, saying exactly what goes, then delete."""
        if self._session is None:
            return
        title = run.flow.title.get(content_lang())
        answer = QMessageBox.question(
            self, self.tr("Delete exercise"),
            self.tr("Delete “%1” from %2 and everything you wrote in it from this computer? "
                    "This cannot be undone.").replace("%1", title)
            .replace("%2", format_day(run.completed_at or run.updated_at)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._session.practice.delete(run.id)
        except StorageError as exc:
            self.reader_error.setText(explain_storage_error(exc))
            self.reader_error.setVisible(True)
            return
        self.show_home()

    # -- talking it over -------------------------------------------------------------------------
    def _model_available(self) -> bool:
        window = self.window()
        core = getattr(window, "core", None)
        if core is None:
            return False
        return core.worker.state.state not in (ModelState.FAILED, ModelState.CLOSED)

    def _can_talk(self, run: Run) -> bool:
        return (run.complete and run.readable and run.flow.category == "exercise"
                and bool(run.summary("en")["items"]) and self._model_available())

    def talk_it_over(self) -> None:
        """Open a new conversation that starts with a short summary of the exercise."""
        window = self.window()
        chat = getattr(window, "chat_view", None)
        if self._reading is None or chat is None:
            return
        if chat.is_replying:
            self.reader_error.setText(self.tr("The companion is still replying in another conversation. "
                                              "Try again in a moment."))
            self.reader_error.setVisible(True)
            return
        message = reflection_message(self._reading, content_lang())
        window.show_page("talk")
        chat.new_conversation()
        chat.input.setPlainText(message)
        chat.send()
