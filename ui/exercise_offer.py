"""The offer under a reply: when the deterministic suggestion rule fires for the person's message
(``companion.practice.service.offer_for_message``), a small line under the companion's reply asks whether
they would like to try the fitting exercise, and opens it. Never instead of crisis help: a message
with any risk gets no offer. Independent of the model, so it works with any model or none."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFrame, QHBoxLayout, QMainWindow, QPushButton

from companion import StorageError
from companion.practice.service import offer_for_message, offer_text
from ui.practice_common import content_lang, wrapped


class ExerciseOffer(QFrame):
    def __init__(self, flow_id: str, on_accept, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.setObjectName("exerciseOffer")
        self.flow_id = flow_id
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.label = wrapped(offer_text(flow_id, content_lang()), "muted")
        layout.addWidget(self.label, 1)
        self.yes_button = QPushButton(self.tr("Yes, open it"))
        self.yes_button.clicked.connect(lambda: (on_accept(flow_id), self.hide()))
        layout.addWidget(self.yes_button)
        self.no_button = QPushButton(self.tr("Not now"))
        self.no_button.clicked.connect(self.hide)
        layout.addWidget(self.no_button)


class ExerciseOffers(QObject):
    """Watches the chat view's finished replies and adds an offer under the fitting ones."""

    def __init__(self, window: QMainWindow) -> None:
        super().__init__(window)
        self._window = window
        window.chat_view.replyShown.connect(self._on_reply)

    def _on_reply(self, bubble, conversation_id: str) -> None:  # noqa: ANN001
        session = self._window.session
        if session is None:
            return
        try:
            history = session.history(conversation_id)
        except StorageError:
            return
        users = [m for m in history if m.role == "user"]
        if not users:
            return
        flow_id = offer_for_message(users[-1].text)
        if flow_id is None:
            return
        bubble.layout().addWidget(ExerciseOffer(flow_id, self.open_exercise, bubble))

    def open_exercise(self, flow_id: str) -> None:
        self._window.show_page("exercises")
        self._window.page("exercises").start_flow(flow_id)
