"""Conversations on the left, the conversation in the middle, the input box at the bottom."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from companion import (
    EmptyMessage,
    MessageTooLong,
    ReplyDone,
    ReplyEvent,
    ReplyToken,
    ReplyWithdrawn,
    Session,
    StorageError,
)
from companion.safety.monitor import SafetyNotice
from ui.bridge import ModelBridge
from ui.errors import explain_storage_error
from ui.memory_marks import MemoryMarks
from ui.message_view import Bubble, MessageView
from ui.safety_card import CardData, SafetyCards

#: Streamed text is repainted at most this often; generation itself is never throttled.
REPAINT_MS = 40


@dataclass
class LiveReply:
    request_id: int
    conversation_id: str
    text: str = ""
    regenerating: bool = False
    bubble: Bubble | None = None


class MessageInput(QPlainTextEdit):
    """Enter sends, Shift+Enter breaks the line, Esc stops the reply."""

    submitted = Signal()
    stopRequested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt API
        if event.key() == Qt.Key.Key_Escape:
            self.stopRequested.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.submitted.emit()
            return
        super().keyPressEvent(event)


class ChatView(QWidget):
    conversationsChanged = Signal()
    replyShown = Signal(object, str)  # the finished reply's Bubble and its conversation id
    helpRequested = Signal(str)  # a safety card asks for the crisis panel (the main window connects it)
    pageRequested = Signal(str)  # a safety card asks for a page ("safety_plan")
    betterModelRequested = Signal()  # "Get a better model" (the main window opens the page)

    def __init__(self, bridge: ModelBridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ChatView")
        self._bridge = bridge
        self._session: Session | None = None
        self._current: str | None = None
        self._live: LiveReply | None = None
        self._chat_available = True
        self._unavailable_reason = ""
        self._bubble_by_id: dict[int, Bubble] = {}
        self.memory_marks = MemoryMarks(self)
        self.safety_cards = SafetyCards(self, self.helpRequested.emit, self.pageRequested.emit)
        bridge.replyEvent.connect(self._on_reply_event)

        self._repaint = QTimer(self)
        self._repaint.setSingleShot(True)
        self._repaint.setInterval(REPAINT_MS)
        self._repaint.timeout.connect(self._paint_live)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self._build_sidebar())
        splitter.addWidget(self._build_conversation())
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([240, 760])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        QShortcut(QKeySequence("Esc"), self, activated=self.stop)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.new_conversation)

    # -- building ------------------------------------------------------------------------------
    def _build_sidebar(self) -> QWidget:
        side = QWidget()
        layout = QVBoxLayout(side)
        layout.setContentsMargins(12, 12, 6, 12)
        self.new_button = QPushButton(self.tr("New conversation"))
        self.new_button.setToolTip(self.tr("Start a new conversation (Ctrl+N)"))
        self.new_button.clicked.connect(self.new_conversation)
        layout.addWidget(self.new_button)
        self.conversation_list = QListWidget()
        self.conversation_list.setAccessibleName(self.tr("Conversations"))
        self.conversation_list.currentItemChanged.connect(self._on_conversation_chosen)
        self.conversation_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.conversation_list.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout.addWidget(self.conversation_list, 1)
        self.delete_button = QPushButton(self.tr("Delete conversation…"))
        self.delete_button.clicked.connect(self.delete_current)
        layout.addWidget(self.delete_button)
        QShortcut(QKeySequence.StandardKey.Delete, self.conversation_list, activated=self.delete_current)
        return side

    def _build_conversation(self) -> QWidget:
        main = QWidget()
        layout = QVBoxLayout(main)
        layout.setContentsMargins(6, 12, 12, 12)
        self.messages = MessageView()
        self.messages.set_empty_text(self.tr("Say anything - how are you, really?"))
        layout.addWidget(self.messages, 1)
        self.input_error = QLabel("")
        self.input_error.setObjectName("error")
        self.input_error.setWordWrap(True)
        self.input_error.setVisible(False)
        layout.addWidget(self.input_error)
        # Issue 14: one calm line saying how the companion talks now (freely, or guided).
        mode_row = QHBoxLayout()
        self.mode_line = QLabel("")
        self.mode_line.setObjectName("muted")
        self.mode_line.setWordWrap(True)
        mode_row.addWidget(self.mode_line, 1)
        self.better_button = QPushButton(self.tr("Get a better model"))
        self.better_button.setObjectName("link")
        self.better_button.clicked.connect(self.betterModelRequested)
        mode_row.addWidget(self.better_button)
        layout.addLayout(mode_row)
        self.input = MessageInput()
        self.input.setPlaceholderText(self.tr("Write here. Enter sends, Shift+Enter starts a new line."))
        self.input.setAccessibleName(self.tr("Your message"))
        self.input.setAccessibleDescription(self.tr("Enter sends, Shift+Enter starts a new line, Esc stops "
                                                    "the reply, Tab moves on."))
        self.input.setMaximumHeight(120)
        self.input.setTabChangesFocus(True)  # Tab leaves the box (keyboard first); a tab character is never needed
        self.input.submitted.connect(self.send)
        self.input.stopRequested.connect(self.stop)
        layout.addWidget(self.input)
        buttons = QHBoxLayout()
        self.regenerate_button = QPushButton(self.tr("Try another reply"))
        self.regenerate_button.clicked.connect(self.regenerate)
        buttons.addWidget(self.regenerate_button)
        buttons.addWidget(self.memory_marks.switch)
        buttons.addStretch(1)
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setToolTip(self.tr("Stop the reply (Esc)"))
        self.stop_button.clicked.connect(self.stop)
        buttons.addWidget(self.stop_button)
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setObjectName("primary")
        self.send_button.clicked.connect(self.send)
        buttons.addWidget(self.send_button)
        layout.addLayout(buttons)
        self._update_buttons()
        return main

    # -- session -------------------------------------------------------------------------------
    def set_session(self, session: Session) -> None:
        self._session = session
        self._live = None
        self.safety_cards.set_session(session)
        self.reload_conversations(select_first=True)
        self.refresh_mode()

    def clear(self) -> None:
        """Forget every decrypted word shown (on lock)."""
        self._repaint.stop()
        self._session = None
        self._current = None
        self._live = None
        self.memory_marks.clear()
        self._bubble_by_id = {}
        self.safety_cards.set_session(None)
        self.refresh_mode()
        self.conversation_list.blockSignals(True)
        self.conversation_list.clear()
        self.conversation_list.blockSignals(False)
        self.messages.clear()
        self.input.clear()
        self.input_error.clear()
        self.input_error.setVisible(False)
        self._update_buttons()

    def set_chat_available(self, available: bool, reason: str = "") -> None:
        self._chat_available = available
        self._unavailable_reason = reason
        self._update_buttons()
        self.refresh_mode()

    def refresh_mode(self) -> None:
        """The one line that says whether replies are written by the model or follow the guide."""
        if self._session is None:
            self.mode_line.setText("")
            self.better_button.setVisible(False)
            return
        mode = self._session.talk_mode()
        if mode.kind == "pending":  # the model is loading (the status bar says so); known once it has
            text = ""
        elif mode.reason == "no_model":
            text = self.tr("Guided conversation: no language model is loaded, so replies follow a short guide "
                           "built on CBT skills. They are scripted, not generated.")
        elif mode.guided:
            text = self.tr("Guided conversation: this model can't talk freely in this language yet, so replies "
                           "follow a short guide built on CBT skills. They are scripted, not generated.")
        else:
            text = self.tr("Replies are written by the language model on this computer and checked before "
                           "you see them.")
        self.mode_line.setText(text)
        self.better_button.setVisible(mode.guided)

    @property
    def current_conversation(self) -> str | None:
        return self._current

    @property
    def is_replying(self) -> bool:
        return self._live is not None

    def reload_conversations(self, select_first: bool = False) -> None:
        if self._session is None:
            return
        keep = self._current
        self.conversation_list.blockSignals(True)
        self.conversation_list.clear()
        for conversation in self._session.conversations():
            item = QListWidgetItem(conversation.title or self.tr("New conversation"))
            item.setData(Qt.ItemDataRole.UserRole, conversation.id)
            self.conversation_list.addItem(item)
            if conversation.id == keep:
                self.conversation_list.setCurrentItem(item)
        self.conversation_list.blockSignals(False)
        if select_first and self.conversation_list.count():
            self.conversation_list.setCurrentRow(0)
        elif self._current is None:
            self._show_conversation(None)

    def _on_conversation_chosen(self, item: QListWidgetItem | None, _previous: QListWidgetItem | None) -> None:
        self._show_conversation(item.data(Qt.ItemDataRole.UserRole) if item else None)

    def _show_conversation(self, conversation_id: str | None) -> None:
        """Switching is always allowed, even mid-reply: the reply goes on and is saved to its own
        conversation; its tokens are only painted while that conversation is on screen."""
        self._repaint.stop()
        self._current = conversation_id
        self.messages.clear()
        self._bubble_by_id = {}
        self.memory_marks.show(self._session, conversation_id)
        if self._live is not None:
            self._live.bubble = None
        if self._session is None or conversation_id is None:
            self._update_buttons()
            return
        history = self._session.history(conversation_id)
        live_here = self._live is not None and self._live.conversation_id == conversation_id
        if live_here and self._live.regenerating and history and history[-1].role == "assistant":
            history = history[:-1]  # the reply being rewritten is shown as the live bubble
        cards = self.safety_cards.placements(conversation_id, history)
        for message in history:
            note = self.memory_marks.note(message.id, self._note_for(message.status))
            self._bubble_by_id[message.id] = self.messages.add(message.role, message.text, note=note)
            for card in cards.get(message.id, ()):
                self.messages.add_aside(self.safety_cards.make(card))
            if self.memory_marks.folded_after(message.id):
                self.messages.add_marker(self.memory_marks.fold_text())
        if live_here:
            self._live.bubble = self.messages.add("assistant", self._live.text or "…", markdown=False)
        self._update_buttons()

    def open_conversation(self, conversation_id: str, message_id: int | None = None) -> None:
        """Show a conversation, scrolled to one of its messages (a search hit)."""
        for row in range(self.conversation_list.count()):
            if self.conversation_list.item(row).data(Qt.ItemDataRole.UserRole) == conversation_id:
                if self._current == conversation_id:
                    self._show_conversation(conversation_id)
                self.conversation_list.setCurrentRow(row)
                break
        bubble = self._bubble_by_id.get(message_id) if message_id is not None else None
        if bubble is not None:
            self.messages.show_bubble(bubble)

    def _note_for(self, status: str) -> str:
        return self.tr("(stopped)") if status == "stopped" else ""

    def new_conversation(self) -> None:
        if self._session is None:
            return
        try:
            conversation_id = self._session.new_conversation()
        except StorageError as exc:
            self._show_input_error(explain_storage_error(exc))
            return
        self._current = conversation_id
        self.reload_conversations()
        self._show_conversation(conversation_id)
        self.input.setFocus()

    def delete_current(self) -> None:
        if self._session is None or self._current is None:
            return
        if self._live is not None and self._live.conversation_id == self._current:
            self._show_input_error(self.tr("Wait for the reply to finish (or stop it) before deleting."))
            return
        item = self.conversation_list.currentItem()
        count = len(self._session.history(self._current))
        answer = QMessageBox.question(
            self, self.tr("Delete conversation"),
            self.tr("Delete “%1” and its %2 messages from this computer? This cannot be undone.")
            .replace("%1", item.text() if item else "").replace("%2", str(count)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._session.delete_conversation(self._current)
        except StorageError as exc:
            self._show_input_error(explain_storage_error(exc))
            return
        self._current = None
        self.reload_conversations(select_first=True)

    # -- talking -------------------------------------------------------------------------------
    def send(self) -> None:
        if self._session is None or self._live is not None:
            return
        text = self.input.toPlainText()
        if not text.strip():
            return
        if self._current is None:
            self.new_conversation()
            if self._current is None:
                return
        try:
            message, request_id = self._session.start_reply(self._current, text, self._bridge.on_reply_event)
        except EmptyMessage:
            return
        except MessageTooLong as exc:
            self._show_input_error(self.tr("That is too long to send at once (%1 characters; the limit is %2). "
                                           "Nothing was lost: your text is still in the box.")
                                   .replace("%1", f"{exc.length:,}").replace("%2", "20,000"))
            return
        except StorageError as exc:
            self._show_input_error(explain_storage_error(exc) + " " + self.tr("Your text is still in the box."))
            return
        # Shown as sent only now: it is committed.
        self.input.clear()
        self._show_input_error("")
        self.messages.add("user", message.text, markdown=False)
        self._live = LiveReply(request_id, self._current)
        self._live.bubble = self.messages.add("assistant", "…", markdown=False, note=self.tr("thinking…"))
        self.messages.announce_text(self._live.bubble.label, self.tr("Companion is thinking…"))
        self.reload_conversations()
        self._update_buttons()

    def regenerate(self) -> None:
        if self._session is None or self._current is None or self._live is not None:
            return
        request_id = self._session.regenerate(self._current, self._bridge.on_reply_event)
        if request_id is None:
            return
        self._live = LiveReply(request_id, self._current, regenerating=True)
        bubbles = self.messages.bubbles()
        if bubbles and bubbles[-1].role == "assistant":
            self._live.bubble = bubbles[-1]
            bubbles[-1].set_text("…", False)
            bubbles[-1].set_note(self.tr("thinking…"))
        else:
            self._live.bubble = self.messages.add("assistant", "…", markdown=False, note=self.tr("thinking…"))
        self.messages.announce_text(self._live.bubble.label, self.tr("Companion is thinking…"))
        self._update_buttons()

    def stop(self) -> None:
        if self._session is not None and self._live is not None:
            self._session.stop(self._live.request_id)

    def _on_reply_event(self, event: ReplyEvent) -> None:
        live = self._live
        if live is None or event.request_id != live.request_id:
            return  # a stale event (the profile was locked, or an old request): drop it
        if isinstance(event, SafetyNotice):
            if live.bubble is not None:  # shown with the reply; elsewhere it returns from storage
                card = self.messages.add_aside(self.safety_cards.make(CardData.from_notice(event)))
                self.messages.announce_text(card, f"{card.accessibleName()}. {card.accessibleDescription()}")
        elif isinstance(event, ReplyToken):
            if not live.text and live.bubble is not None:
                live.bubble.set_note("")
            live.text += event.text
            if live.bubble is not None and not self._repaint.isActive():
                self._repaint.start()
        elif isinstance(event, ReplyWithdrawn):
            live.text = event.replacement
            self._paint_live()
        elif isinstance(event, ReplyDone):
            self._finish(live, event)

    def _paint_live(self) -> None:
        live = self._live
        if live is not None and live.bubble is not None:
            live.bubble.set_text(live.text.lstrip() or "…", False)

    def _finish(self, live: LiveReply, event: ReplyDone) -> None:
        self._repaint.stop()
        self._live = None
        bubble = live.bubble
        if bubble is not None:
            if event.error:
                bubble.set_text(self.tr("I can't reply right now: the local model isn't available (%1). "
                                        "Your message is saved.").replace("%1", event.error), False)
                bubble.set_note("")
                self.messages.announce(bubble)
            elif not event.text:
                bubble.set_text(self.tr("(no reply)"), False)
                bubble.set_note(self.tr("(stopped)") if event.stopped else "")
            else:
                bubble.set_text(event.text, True)
                note = self.tr("(stopped)") if event.stopped else ""
                if event.mode in ("guided", "fallback"):
                    note = self.memory_marks.join(note, self.tr("guided reply (scripted, not generated)"))
                note = self.memory_marks.join(note, self.memory_marks.recalled(event.recalled))
                if event.save_error:
                    note = self.tr("This reply could not be saved: %1").replace(
                        "%1", explain_storage_error(event.save_error))
                bubble.set_note(note)
                self.messages.announce(bubble)
            self.replyShown.emit(bubble, live.conversation_id)
        if bubble is not None and event.message is not None and event.conversation_id == self._current:
            self._bubble_by_id[event.message.id] = bubble
        self.memory_marks.reply_done()
        self.refresh_mode()
        self.reload_conversations()
        self._update_buttons()
        self.conversationsChanged.emit()

    # -- helpers -------------------------------------------------------------------------------
    def _show_input_error(self, text: str) -> None:
        self.input_error.setText(text)
        self.input_error.setVisible(bool(text))

    def _update_buttons(self) -> None:
        replying = self._live is not None
        has_session = self._session is not None
        self.send_button.setEnabled(has_session and not replying)
        self.stop_button.setEnabled(replying)
        self.regenerate_button.setEnabled(has_session and not replying and self._current is not None
                                          and bool(self.messages.bubbles()) and self._chat_available)
        self.delete_button.setEnabled(has_session and self._current is not None)
        self.new_button.setEnabled(has_session)
