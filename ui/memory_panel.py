""""What I remember about you": every memory and summary, editable, and search across conversations."""

from __future__ import annotations

import datetime
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from companion import Session, StorageError
from ui.background import BackgroundCall
from ui.practice_common import content_lang
from ui.errors import explain_storage_error

_ID = Qt.ItemDataRole.UserRole


def _date(timestamp: float) -> str:
    return datetime.datetime.fromtimestamp(timestamp).strftime("%Y-%m-%d")


class MemoryPanel(QWidget):
    """``open_at(conversation_id, message_id)`` opens a conversation at a search hit."""

    openRequested = Signal(str, int)
    openExerciseRequested = Signal(str)  # a completed exercise found by search (its run id)

    def __init__(self, open_at: Callable[[str, int], None] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("MemoryPanel")
        self._session: Session | None = None
        self._search_call: BackgroundCall | None = None
        self._queued_query: str | None = None
        if open_at is not None:
            self.openRequested.connect(open_at)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName(self.tr("Memory"))
        # In a scroll area: the page's lists and button rows need more height than a small window has,
        # and squeezed they overlapped (buttons over the list frame) or pushed the window taller.
        memories = QScrollArea()
        memories.setWidgetResizable(True)
        memories.setFrameShape(QFrame.Shape.NoFrame)
        memories.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        memories.setWidget(self._build_memories())
        self.tabs.addTab(memories, self.tr("What I remember about you"))
        self.tabs.addTab(self._build_search(), self.tr("Search conversations and exercises"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.addWidget(self.tabs)

    # -- building ------------------------------------------------------------------------------
    def _build_memories(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 10, 8, 6)
        layout.setSpacing(6)
        intro = QLabel(self.tr("Only on this computer, encrypted with your passphrase. The companion uses these "
                               "to understand you better; change or delete anything. Pinned memories are used "
                               "in every conversation."))
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.proposals_label = QLabel(self.tr("Suggested from your conversations - keep only what is right:"))
        layout.addWidget(self.proposals_label)
        self.proposal_list = QListWidget()
        self.proposal_list.setAccessibleName(self.tr("Suggested memories"))
        self.proposal_list.setWordWrap(True)
        layout.addWidget(self.proposal_list)
        row = QHBoxLayout()
        self.keep_button = QPushButton(self.tr("Keep"))
        self.keep_button.clicked.connect(self.keep_proposal)
        self.dismiss_button = QPushButton(self.tr("Dismiss"))
        self.dismiss_button.clicked.connect(self.dismiss_proposal)
        row.addWidget(self.keep_button)
        row.addWidget(self.dismiss_button)
        row.addStretch(1)
        self.proposal_buttons = row
        layout.addLayout(row)

        layout.addWidget(QLabel(self.tr("Memories")))
        self.memory_list = QListWidget()
        self.memory_list.setAccessibleName(self.tr("Memories"))
        self.memory_list.setWordWrap(True)
        self.memory_list.setMinimumHeight(150)
        self.memory_list.currentItemChanged.connect(lambda *_: self._update_buttons())
        layout.addWidget(self.memory_list, 3)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.clicked.connect(lambda: self.add_memory())
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(lambda: self.edit_memory())
        self.pin_button = QPushButton(self.tr("Pin"))
        self.pin_button.clicked.connect(self.toggle_pin)
        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.clicked.connect(self.delete_memory)
        for button in (self.add_button, self.edit_button, self.pin_button, self.delete_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)

        layout.addWidget(QLabel(self.tr("Summaries of past conversations")))
        self.summary_list = QListWidget()
        self.summary_list.setAccessibleName(self.tr("Summaries of past conversations"))
        self.summary_list.setWordWrap(True)
        self.summary_list.currentItemChanged.connect(lambda *_: self._update_buttons())
        self.summary_list.setMaximumHeight(120)
        layout.addWidget(self.summary_list, 1)
        row = QHBoxLayout()
        self.edit_summary_button = QPushButton(self.tr("Edit summary…"))
        self.edit_summary_button.clicked.connect(lambda: self.edit_summary())
        self.delete_summary_button = QPushButton(self.tr("Delete summary"))
        self.delete_summary_button.clicked.connect(self.delete_summary)
        row.addWidget(self.edit_summary_button)
        row.addWidget(self.delete_summary_button)
        row.addStretch(1)
        self.forget_button = QPushButton(self.tr("Forget everything…"))
        self.forget_button.clicked.connect(lambda: self.forget_everything())
        row.addWidget(self.forget_button)
        layout.addLayout(row)
        self.status = QLabel("")
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)
        self.status.setVisible(False)
        layout.addWidget(self.status)
        return page

    def _build_search(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(8, 12, 8, 8)
        self.search_box = QLineEdit()
        self.search_box.setPlaceholderText(self.tr("Search everything you have written here"))
        self.search_box.setAccessibleName(self.tr("Search"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.returnPressed.connect(self.run_search)
        layout.addWidget(self.search_box)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(250)
        self._debounce.timeout.connect(self.run_search)
        self.search_box.textChanged.connect(lambda _t: self._debounce.start())
        self.results = QListWidget()
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setWordWrap(True)
        self.results.itemActivated.connect(self.open_result)
        self.results.itemDoubleClicked.connect(self.open_result)
        layout.addWidget(self.results, 1)
        self.search_status = QLabel(self.tr("Results open the conversation at that message."))
        self.search_status.setObjectName("muted")
        layout.addWidget(self.search_status)
        return page

    # -- session -------------------------------------------------------------------------------
    def set_session(self, session: Session) -> None:
        self._session = session
        self.reload()

    def clear(self) -> None:
        """Drop every decrypted word (on lock)."""
        self._session = None
        self._debounce.stop()
        for widget in (self.memory_list, self.proposal_list, self.summary_list, self.results):
            widget.clear()
        self.search_box.clear()
        self._say("")
        self._update_buttons()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        super().showEvent(event)
        self.reload()  # proposals and summaries are written in the background

    def reload(self) -> None:
        if self._session is None:
            return
        memory = self._session.memory
        try:
            memories, proposals, summaries = memory.memories(), memory.proposals(), memory.summaries()
        except StorageError as exc:
            self._say(explain_storage_error(exc))
            return
        self.memory_list.clear()
        for record in memories:
            text = (self.tr("Pinned") + " · " if record.pinned else "") + record.text
            item = QListWidgetItem(text)
            item.setData(_ID, record.id)
            item.setData(Qt.ItemDataRole.UserRole + 1, record.pinned)
            item.setToolTip(self._source(record))
            self.memory_list.addItem(item)
        self.proposal_list.clear()
        for record in proposals:
            item = QListWidgetItem(record.text)
            item.setData(_ID, record.id)
            item.setToolTip(self._source(record))
            self.proposal_list.addItem(item)
        if self.proposal_list.count():
            self.proposal_list.setCurrentRow(0)
            rows = min(3, self.proposal_list.count())
            self.proposal_list.setFixedHeight(rows * max(28, self.proposal_list.sizeHintForRow(0)) + 12)
        self.summary_list.clear()
        for summary in summaries:
            title = summary.conversation_title or self.tr("A conversation")
            item = QListWidgetItem(f"{_date(summary.updated_at)} · {title}\n{summary.text}")
            item.setData(_ID, summary.id)
            self.summary_list.addItem(item)
        for widget in (self.proposals_label, self.proposal_list, self.keep_button, self.dismiss_button):
            widget.setVisible(bool(proposals))
        self._update_buttons()

    def _source(self, record) -> str:  # noqa: ANN001
        if record.origin == "person":
            return self.tr("Added by you on %1").replace("%1", _date(record.created_at))
        if record.conversation_id is None:
            return self.tr("From a conversation you have since deleted")
        return self.tr("From a conversation on %1").replace("%1", _date(record.created_at))

    def _update_buttons(self) -> None:
        has = self._session is not None
        memory = self.memory_list.currentItem()
        for button in (self.edit_button, self.pin_button, self.delete_button):
            button.setEnabled(has and memory is not None)
        if memory is not None:
            self.pin_button.setText(self.tr("Unpin") if memory.data(Qt.ItemDataRole.UserRole + 1) else self.tr("Pin"))
        summary = self.summary_list.currentItem() is not None
        self.edit_summary_button.setEnabled(has and summary)
        self.delete_summary_button.setEnabled(has and summary)
        self.add_button.setEnabled(has)
        self.forget_button.setEnabled(has)

    # -- actions -------------------------------------------------------------------------------
    def _do(self, action: Callable[[], object], done: str = "") -> bool:
        try:
            action()
        except StorageError as exc:
            self._say(explain_storage_error(exc))
            return False
        self.reload()
        self._say(done)
        return True

    def _say(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    def _ask_text(self, title: str, label: str, text: str = "") -> str | None:
        value, ok = QInputDialog.getMultiLineText(self, title, label, text)
        return value.strip() if ok and value.strip() else None

    def _selected(self, widget: QListWidget) -> int | None:
        item = widget.currentItem()
        return int(item.data(_ID)) if item is not None else None

    def add_memory(self, text: str | None = None) -> None:
        if self._session is None:
            return
        if text is None:
            text = self._ask_text(self.tr("Add a memory"), self.tr("Something the companion should remember:"))
        if text:
            self._do(lambda: self._session.memory.add(text), self.tr("Added."))

    def edit_memory(self, text: str | None = None) -> None:
        memory_id = self._selected(self.memory_list)
        if self._session is None or memory_id is None:
            return
        if text is None:
            current = next((m.text for m in self._session.memory.memories() if m.id == memory_id), "")
            text = self._ask_text(self.tr("Edit memory"), self.tr("Memory:"), current)
        if text:
            self._do(lambda: self._session.memory.edit(memory_id, text), self.tr("Saved."))

    def toggle_pin(self) -> None:
        item = self.memory_list.currentItem()
        if self._session is None or item is None:
            return
        memory_id, pinned = int(item.data(_ID)), bool(item.data(Qt.ItemDataRole.UserRole + 1))
        self._do(lambda: self._session.memory.set_pinned(memory_id, not pinned))

    def delete_memory(self) -> None:
        memory_id = self._selected(self.memory_list)
        if self._session is not None and memory_id is not None:
            self._do(lambda: self._session.memory.delete(memory_id), self.tr("Deleted."))

    def keep_proposal(self) -> None:
        memory_id = self._selected(self.proposal_list)
        if self._session is not None and memory_id is not None:
            self._do(lambda: self._session.memory.accept(memory_id), self.tr("Kept."))

    def dismiss_proposal(self) -> None:
        memory_id = self._selected(self.proposal_list)
        if self._session is not None and memory_id is not None:
            self._do(lambda: self._session.memory.delete(memory_id))

    def edit_summary(self, text: str | None = None) -> None:
        summary_id = self._selected(self.summary_list)
        if self._session is None or summary_id is None:
            return
        if text is None:
            current = next((s.text for s in self._session.memory.summaries() if s.id == summary_id), "")
            text = self._ask_text(self.tr("Edit summary"), self.tr("Summary:"), current)
        if text:
            self._do(lambda: self._session.memory.edit_summary(summary_id, text), self.tr("Saved."))

    def delete_summary(self) -> None:
        summary_id = self._selected(self.summary_list)
        if self._session is not None and summary_id is not None:
            self._do(lambda: self._session.memory.delete_summary(summary_id), self.tr("Deleted."))

    def forget_message(self) -> str:
        """Exactly what "forget everything" deletes, in numbers."""
        counts = self._session.memory.counts() if self._session else None
        if counts is None:
            return ""
        return (self.tr("This deletes, from this computer: %1 memories, %2 suggestions, %3 conversation summaries "
                        "and %4 summaries of long conversations, and the record of which memories each reply "
                        "used. Your conversations themselves stay (you can delete them in Talk). "
                        "This cannot be undone.")
                .replace("%1", str(counts.memories)).replace("%2", str(counts.proposals))
                .replace("%3", str(counts.summaries)).replace("%4", str(counts.folds)))

    def confirm_forget(self, message: str) -> bool:
        answer = QMessageBox.question(self, self.tr("Forget everything"), message,
                                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                                      QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes

    def forget_everything(self, confirmed: bool | None = None) -> None:
        if self._session is None:
            return
        if confirmed is None:
            confirmed = self.confirm_forget(self.forget_message())
        if confirmed:
            self._do(self._session.memory.forget_everything, self.tr("Everything the companion remembered is gone."))

    # -- search --------------------------------------------------------------------------------
    def run_search(self) -> None:
        """Search off the GUI thread; a query typed meanwhile runs when the last one is back."""
        if self._session is None:
            return
        query = self.search_box.text().strip()
        if self._search_call is not None:
            self._queued_query = query
            return
        if not query:
            self.results.clear()
            return
        memory = self._session.memory
        self._search_call = BackgroundCall(lambda: memory.search(query), self)
        self._search_call.finished.connect(lambda hits, error, q=query: self._show_results(q, hits, error))
        self._search_call.start()

    def _show_results(self, query: str, hits, error) -> None:  # noqa: ANN001
        self._search_call = None
        if self._queued_query is not None:
            queued, self._queued_query = self._queued_query, None
            if queued != query:
                self.run_search()
                return
        if self._session is None:
            return
        self.results.clear()
        if error is not None:
            self.search_status.setText(explain_storage_error(error) if isinstance(error, StorageError) else
                                       self.tr("Search failed."))
            return
        for hit in hits:
            who = self.tr("You") if hit.role == "user" else self.tr("Companion") if hit.role else hit.source
            text = " ".join(hit.text.split())
            if hit.source == "exercise_run":
                who, text = self.tr("Exercise"), self._exercise_excerpt(hit.ref)
            item = QListWidgetItem(f"{_date(hit.created_at)} · {who}\n{text[:240]}")
            item.setData(_ID, (hit.source, hit.ref, hit.conversation_id))
            self.results.addItem(item)
        self.search_status.setText(self.tr("%1 results. Results open the conversation at that message.")
                                   .replace("%1", str(len(hits))))

    def _exercise_excerpt(self, run_id: str) -> str:
        practice = getattr(self._session, "practice", None)
        try:
            data = practice.run(run_id).summary(content_lang()) if practice is not None else None
        except (KeyError, StorageError):
            data = None
        if not data:
            return ""
        answers = " · ".join(str(item["answer"]) for item in data["items"] if item["answer"])
        return " ".join(f"{data['title']}: {answers}".split())

    def open_result(self, item: QListWidgetItem | None = None) -> None:
        item = item or self.results.currentItem()
        if item is None:
            return
        source, ref, conversation_id = item.data(_ID)
        if source == "exercise_run":
            self.openExerciseRequested.emit(ref)
        if source == "message" and conversation_id:
            self.openRequested.emit(conversation_id, int(ref))
