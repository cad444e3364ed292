"""The gentle, non-blocking card that comes with a reply when the safety layer noticed something.

It says what was noticed (the reasons, in the person's own language), offers the safety plan and the
crisis lines, and takes "that's not what I meant": the card then says why it appeared and thanks them,
and the correction is saved with the conversation. For an imminent message the emergency number and the
crisis lines come first. Cards are rebuilt from the stored events when a conversation is reopened and
removed with every other decrypted word on lock.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion import Message, StorageError
from companion.safety import RegionEntry
from companion.safety.guard import format_emergency, format_lines
from companion.safety.monitor import SafetyEvent, SafetyNotice
from ui.errors import explain_storage_error


MAX_REASONS = 3


@dataclass(frozen=True)
class CardData:
    """What a card shows: from a live ``SafetyNotice`` or a stored ``SafetyEvent``."""

    event_id: int | None
    conversation_id: str
    message_id: int | None
    level: str
    reasons: tuple[str, ...]
    lang: str
    corrected: bool = False
    correction: str = ""

    @classmethod
    def from_notice(cls, notice: SafetyNotice) -> CardData:
        return cls(notice.event_id, notice.conversation_id, notice.message_id, notice.level, notice.reasons,
                   notice.lang)

    @classmethod
    def from_event(cls, event: SafetyEvent) -> CardData:
        return cls(event.id, event.conversation_id, event.message_id, event.level, event.reasons, event.lang,
                   event.corrected, event.correction or "")


class SafetyCard(QFrame):
    """One card. ``correct(event_id, note)`` records a correction and returns the stored event."""

    corrected = Signal(int)  # the event id

    def __init__(self, data: CardData, correct: Callable[[int, str], object] | None,
                 entry: RegionEntry | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.data = data
        self._correct = correct
        self.setObjectName("safetyCard")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._style()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(8)

        imminent = data.level == "imminent"
        self.title = QLabel(self.tr("Your safety comes first") if imminent else self.tr("A gentle check-in"))
        self.title.setObjectName("cardTitle")
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)

        self.resources = QLabel()
        self.resources.setWordWrap(True)
        self.resources.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                               | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.resources.setVisible(False)
        if imminent:
            # Emergency number and crisis lines first, before anything else on the card.
            self.resources.setText(self._resource_text(entry))
            self.resources.setVisible(True)
        layout.addWidget(self.resources)

        self.noticed = QLabel(self._noticed_text(data.reasons))
        self.noticed.setWordWrap(True)
        self.noticed.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.noticed)

        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.explanation.setObjectName("muted")
        self.explanation.setVisible(False)
        layout.addWidget(self.explanation)

        note_row = QHBoxLayout()
        self.note = QLineEdit()
        self.note.setPlaceholderText(self.tr("What did you mean? (optional)"))
        self.note.setAccessibleName(self.tr("What you meant (optional)"))
        self.note.setMaxLength(500)
        self.note.returnPressed.connect(self._save_note)
        note_row.addWidget(self.note, 1)
        self.save_note_button = QPushButton(self.tr("Save"))
        self.save_note_button.clicked.connect(self._save_note)
        note_row.addWidget(self.save_note_button)
        self.note_row = QWidget()
        self.note_row.setLayout(note_row)
        note_row.setContentsMargins(0, 0, 0, 0)
        self.note_row.setVisible(False)
        layout.addWidget(self.note_row)

        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        layout.addWidget(self.error)

        buttons = QHBoxLayout()
        buttons.setSpacing(8)
        self.plan_button = QPushButton(self.tr("Your safety plan"))
        self.plan_button.clicked.connect(self.open_safety_plan)
        buttons.addWidget(self.plan_button)
        self.lines_button = QPushButton(self.tr("Crisis lines"))
        self.lines_button.clicked.connect(self.open_crisis_lines)
        buttons.addWidget(self.lines_button)
        buttons.addStretch(1)
        self.not_meant_button = QPushButton(self.tr("That's not what I meant"))
        self.not_meant_button.setToolTip(self.tr("Tell the app it misread your message. This note stays, "
                                                 "and your correction is saved with the conversation."))
        self.not_meant_button.clicked.connect(self.record_correction)
        self.not_meant_button.setEnabled(data.event_id is not None and correct is not None)
        buttons.addWidget(self.not_meant_button)
        layout.addLayout(buttons)

        self.setAccessibleName(self.tr("Safety check-in"))
        self.setAccessibleDescription(self.noticed.text())
        if data.corrected:
            self._show_corrected(data.correction)

    # -- text ------------------------------------------------------------------------------------
    def _noticed_text(self, reasons: Sequence[str]) -> str:
        head = self.tr("What the safety check noticed in your message:")
        if not reasons:
            return head + "\n• " + self.tr("words that can be a sign of feeling unsafe")
        # Three at most: the card explains, it does not itemise (the rest are in the stored event).
        return head + "\n" + "\n".join(f"• {reason}" for reason in reasons[:MAX_REASONS])

    def _resource_text(self, entry: RegionEntry | None) -> str:
        lang = self.data.lang
        if entry is None or not entry.emergency:
            instruction = (entry.instruction.get(lang) or entry.instruction.get("en", "")) if entry else ""
            first = instruction or self.tr("Call your local emergency number now.")
        else:
            first = self.tr("Emergency: %1").replace("%1", format_emergency(entry, lang))
        lines = format_lines(entry, lang, limit=3) if entry is not None else []
        return "\n".join([first, *(f"• {line}" for line in lines)])

    # -- actions ---------------------------------------------------------------------------------
    def _main_window(self) -> QWidget | None:
        window = self.window()
        return window if hasattr(window, "open_help") else None

    def open_crisis_lines(self) -> None:
        window = self._main_window()
        if window is not None:
            window.open_help("card")

    def open_safety_plan(self) -> None:
        """The safety-plan page when there is one, else the crisis help (which holds the plan too)."""
        window = self._main_window()
        if window is None:
            return
        try:
            window.page("safety_plan")
        except (AttributeError, ValueError):
            window.open_help("card")
            return
        window.show_page("safety_plan")

    def record_correction(self) -> None:
        if self.data.event_id is None or self._correct is None:
            return
        if self._store("") is not None:
            self._show_corrected("")
            self.note_row.setVisible(True)
            self.note.setFocus()
            self.corrected.emit(self.data.event_id)

    def _save_note(self) -> None:
        note = self.note.text().strip()
        if not note or self.data.event_id is None:
            return
        if self._store(note) is not None:
            self.note.clear()
            self.note_row.setVisible(False)
            self._show_corrected(note)

    def _store(self, note: str) -> object | None:
        assert self._correct is not None and self.data.event_id is not None
        try:
            stored = self._correct(self.data.event_id, note)
        except StorageError as exc:
            self.error.setText(explain_storage_error(exc))
            self.error.setVisible(True)
            return None
        self.error.setVisible(False)
        return stored if stored is not None else True

    def _show_corrected(self, note: str) -> None:
        self.not_meant_button.setVisible(False)
        text = self.tr("Thank you for telling me. This note appeared because the app checks every message "
                       "for words that can be a sign of someone not being safe, and some of yours matched. "
                       "It can get it wrong. Your correction is saved with this conversation.")
        if note:
            text += "\n" + self.tr("What you meant: %1").replace("%1", note)
        self.explanation.setText(text)
        self.explanation.setVisible(True)
        self.setAccessibleDescription(self.noticed.text() + "\n" + text)

    def wipe(self) -> None:
        """Drop every word shown (on lock)."""
        for label in (self.resources, self.noticed, self.explanation, self.error):
            label.clear()
        self.note.clear()
        self.setAccessibleDescription("")

    def _style(self) -> None:
        palette = QApplication.palette()
        surface = palette.base().color().name()
        accent = palette.highlight().color().name()
        border = palette.mid().color().name()
        self.setStyleSheet(
            f"QFrame#safetyCard {{ background: {surface}; border: 1px solid {border}; "
            f"border-left: 4px solid {accent}; border-radius: 14px; }}")


class SafetyCards:
    """The chat view's cards: one per flagged message, placed after the reply to it."""

    def __init__(self, view: QWidget) -> None:
        self._view = view
        self._session = None

    def set_session(self, session) -> None:  # noqa: ANN001 - a companion Session or None
        self._session = session

    def cards(self) -> list[SafetyCard]:
        return self._view.findChildren(SafetyCard)

    def make(self, data: CardData) -> SafetyCard:
        session = self._session
        correct = session.correct_safety_event if session is not None else None
        entry = None
        if data.level == "imminent" and session is not None:
            try:
                entry = session.crisis_entry()
            except Exception:  # the card must appear even if the crisis list cannot be read
                entry = None
        return SafetyCard(data, correct, entry)

    def placements(self, conversation_id: str, history: Sequence[Message]) -> dict[int, list[CardData]]:
        """message id -> the cards shown right after it: after the first reply to the flagged message,
        or after the message itself when it has no reply yet."""
        if self._session is None:
            return {}
        try:
            events = self._session.safety_events(conversation_id)
        except StorageError:
            return {}
        out: dict[int, list[CardData]] = {}
        for event in events:
            if event.message_id is None:
                continue
            anchor = None
            for message in history:
                if message.id == event.message_id:
                    anchor = message.id
                elif anchor is not None and message.id > event.message_id:
                    if message.role == "assistant":
                        anchor = message.id
                    break
            if anchor is not None:
                out.setdefault(anchor, []).append(CardData.from_event(event))
        return out
