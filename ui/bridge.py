"""Carries plain values from the model thread to the GUI thread through queued signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from companion import ModelWorker, ReplyEvent, StateChanged


class ModelBridge(QObject):
    """Lives in the GUI thread. Its ``on_*`` methods are called on the model thread; emitting a
    signal there queues the call to the connected slots in the GUI thread."""

    stateChanged = Signal(object)  # StateChanged
    replyEvent = Signal(object)  # ReplyToken | ReplyWithdrawn | ReplyDone

    def __init__(self, worker: ModelWorker, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._worker = worker
        worker.add_listener(self.on_state)

    def on_state(self, state: StateChanged) -> None:
        self.stateChanged.emit(state)

    def on_reply_event(self, event: ReplyEvent) -> None:
        self.replyEvent.emit(event)

    def detach(self) -> None:
        self._worker.remove_listener(self.on_state)
