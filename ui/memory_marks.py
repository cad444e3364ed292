"""Memory in the conversation view: the "don't remember this" switch, a note under replies that used a
memory, a marker where a long conversation was folded, and summaries once the person has been quiet. Kept apart from chat_view.py so that file only gains a few calls."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QCheckBox, QWidget

from companion import Session, StorageError

#: A conversation with no new message for this long is summarised (if the person allows it).
QUIET_MS = 3 * 60 * 1000


class MemoryMarks(QObject):
    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._session: Session | None = None
        self._conversation: str | None = None
        self._recalls: dict[int, tuple[list[str], int]] = {}
        self._folds: set[int] = set()
        self.switch = QCheckBox(self.tr("Don't remember this conversation"))
        self.switch.setToolTip(self.tr("Nothing from this conversation is summarised, suggested as a memory or "
                                       "brought up in other conversations. What was already made from it is "
                                       "deleted. The conversation itself is still saved, encrypted."))
        self.switch.toggled.connect(self._on_switch)
        self._quiet = QTimer(self)
        self._quiet.setSingleShot(True)
        self._quiet.setInterval(QUIET_MS)
        self._quiet.timeout.connect(self._on_quiet)

    def show(self, session: Session | None, conversation_id: str | None) -> None:
        """Called when a conversation is shown. The ones left behind are summarised once the person
        has been quiet for a while (not at once: they are probably about to type)."""
        self._session, self._conversation = session, conversation_id
        if session is not None:
            self._quiet.start()
        self._recalls, self._folds = {}, set()
        self.switch.blockSignals(True)
        self.switch.setChecked(False)
        self.switch.setEnabled(session is not None and conversation_id is not None)
        if session is not None and conversation_id is not None:
            try:
                self.switch.setChecked(not session.memory.remembers(conversation_id))
                self._recalls = session.memory.recalls(conversation_id)
                self._folds = {f.through_message_id for f in session.memory.folds(conversation_id)}
            except StorageError:
                pass
        self.switch.blockSignals(False)

    def clear(self) -> None:
        self._quiet.stop()
        self._session, self._conversation = None, None
        self._recalls, self._folds = {}, set()
        self.switch.blockSignals(True)
        self.switch.setChecked(False)
        self.switch.blockSignals(False)

    def note(self, message_id: int, note: str) -> str:
        texts, summaries = self._recalls.get(message_id, ([], 0))
        return self.join(note, self.recalled(tuple(texts), summaries))

    def recalled(self, texts: tuple[str, ...], summaries: int = 0) -> str:
        if texts:
            return self.tr("Remembered: %1").replace("%1", "; ".join(texts))
        if summaries:
            return self.tr("Remembered an earlier conversation")
        return ""

    @staticmethod
    def join(*notes: str) -> str:
        return " · ".join(n for n in notes if n)

    def folded_after(self, message_id: int) -> bool:
        return message_id in self._folds

    def fold_text(self) -> str:
        return self.tr("Earlier messages are summarised for the companion from here on; they are all still saved.")

    def reply_done(self) -> None:
        self._quiet.start()

    def _on_quiet(self) -> None:
        if self._session is not None and self._session.memory.summarise_pending() < 0:
            self._quiet.start()  # no model yet: try again later

    def _on_switch(self, checked: bool) -> None:
        if self._session is None or self._conversation is None:
            return
        try:
            self._session.memory.set_remember(self._conversation, not checked)
        except StorageError:
            self.switch.blockSignals(True)
            self.switch.setChecked(not checked)
            self.switch.blockSignals(False)
