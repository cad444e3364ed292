"""The self-checks list: waiting reminders, one card per self-check (Start or Continue), and the reminder
switches. Part of the self-checks page (ui/checkins_page.py)."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from companion import Session, StorageError
from companion.practice.instruments import INSTRUMENT_IDS, get_instrument
from ui.practice_common import Card, content_lang, set_scroll_body, wrapped


class SelfChecksHome(QScrollArea):
    startRequested = Signal(str)  # an instrument id
    remindersChanged = Signal()
    reminderNote = Signal(str)  # what the side bar says about waiting reminders ("" when none)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self._session: Session | None = None
        self.reminder_cards: dict[str, Card] = {}
        self.start_buttons: dict[str, QPushButton] = {}

    def set_session(self, session: Session | None) -> None:
        self._session = session
        self.rebuild()

    def due_reminders(self) -> list:
        if self._session is None:
            return []
        try:
            return self._session.practice.due_reminders()
        except StorageError:
            return []

    def rebuild(self) -> None:
        lang = content_lang()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        layout.addWidget(wrapped(self.tr("Self-checks"), "title"))
        layout.addWidget(wrapped(self.tr("Short questionnaires that help you notice how you have been. They "
                                         "are self-checks, not a diagnosis: only a doctor or another "
                                         "qualified professional can assess what is going on."), "muted"))
        self.reminder_cards = {}
        reminders = self.due_reminders()
        # A quiet dot on this page's side-bar button while a reminder waits (inside the app only).
        self.reminderNote.emit(self.tr("A gentle reminder is waiting here.") if reminders else "")
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
            go.clicked.connect(lambda _=False, i=reminder.instrument_id: self.startRequested.emit(i))
            row.addWidget(go)
            card.body.addLayout(row)
            layout.addWidget(card)
            self.reminder_cards[reminder.kind] = card
        self.start_buttons = {}
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
            button.clicked.connect(lambda _=False, i=instrument_id: self.startRequested.emit(i))
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
        set_scroll_body(self, body)

    def _set_reminder(self, kind: str, enabled: bool) -> None:
        if self._session is None:
            return
        try:
            self._session.practice.set_reminder(kind, enabled)
        except StorageError:
            return
        self.remindersChanged.emit()
        QTimer.singleShot(0, self.rebuild)

    def _snooze(self, kind: str) -> None:
        if self._session is None:
            return
        try:
            self._session.practice.snooze(kind)
        except StorageError:
            return
        self.remindersChanged.emit()
        QTimer.singleShot(0, self.rebuild)
