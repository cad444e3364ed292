"""The conversation as rounded bubbles. Replies are rendered as Markdown once finished; while a reply
streams, its bubble shows plain text, repainted at most every ~40 ms by the chat view."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QSizePolicy, QVBoxLayout, QWidget

try:  # Qt 6.8+: lets screen readers hear each finished reply
    from PySide6.QtGui import QAccessibleAnnouncementEvent
except ImportError:  # pragma: no cover - older Qt
    QAccessibleAnnouncementEvent = None  # type: ignore[assignment,misc]


class Bubble(QFrame):
    def __init__(self, role: str, text: str, markdown: bool, note: str = "") -> None:
        super().__init__()
        self.role = role
        self.setObjectName("userBubble" if role == "user" else "companionBubble")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        self.label = QLabel()
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                           | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.label.setOpenExternalLinks(False)  # nothing in a conversation may open the network
        # Selectable by keyboard once clicked, but not a Tab stop: Tab must not walk through every message
        # of a long conversation (the transcript itself is one stop, and scrolls with the arrow keys).
        self.label.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.label.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        layout.addWidget(self.label)
        self.note = QLabel(note)
        self.note.setObjectName("muted")
        self.note.setVisible(bool(note))
        layout.addWidget(self.note)
        self.set_text(text, markdown)

    def set_text(self, text: str, markdown: bool) -> None:
        self.label.setTextFormat(Qt.TextFormat.MarkdownText if markdown else Qt.TextFormat.PlainText)
        self.label.setText(text)
        self.label.setAccessibleName(text[:2000])

    def text(self) -> str:
        return self.label.text()

    def set_note(self, note: str) -> None:
        self.note.setText(note)
        self.note.setVisible(bool(note))


class MessageView(QScrollArea):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # one Tab stop; arrows and Page Up/Down scroll
        self.setAccessibleName(self.tr("Conversation"))
        inner = QWidget()
        inner.setObjectName("messages")
        self._layout = QVBoxLayout(inner)
        self._layout.setContentsMargins(24, 16, 24, 16)
        self._layout.setSpacing(10)
        self._layout.addStretch(1)
        self.setWidget(inner)
        self.empty = QLabel()
        self.empty.setObjectName("muted")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self._layout.insertWidget(0, self.empty)
        self._stick_to_bottom = True
        self._target: Bubble | None = None  # a search hit to keep in view (show_bubble)
        self.announcements: list[str] = []
        self._markers: list[QLabel] = []
        self.verticalScrollBar().rangeChanged.connect(self._follow)
        self.verticalScrollBar().valueChanged.connect(self._remember_position)

    def bubbles(self) -> list[Bubble]:
        rows = (self._layout.itemAt(i).widget() for i in range(self._layout.count()))
        return [row.bubble for row in rows if isinstance(row, _Row)]

    def clear(self) -> None:
        """Remove every message widget (used on lock and when switching conversations)."""
        for i in reversed(range(self._layout.count())):
            widget = self._layout.itemAt(i).widget()
            if isinstance(widget, _Row):
                self._layout.takeAt(i)
                widget.bubble.set_text("", False)
                widget.hide()  # gone at once, not when the event loop gets to the deletion
                widget.deleteLater()
            elif isinstance(widget, _AsideRow):
                self._layout.takeAt(i)
                widget.wipe()
                widget.hide()
                widget.deleteLater()
        for marker in self._markers:
            self._layout.removeWidget(marker)
            marker.deleteLater()
        self._markers = []
        self._stick_to_bottom = True
        self._target = None
        self.announcements = []
        self.empty.setVisible(True)

    def set_empty_text(self, text: str) -> None:
        self.empty.setText(text)

    def add(self, role: str, text: str, markdown: bool | None = None, note: str = "") -> Bubble:
        bubble = Bubble(role, text, markdown if markdown is not None else role == "assistant", note)
        row = _Row(bubble)
        self._target = None  # a new message: follow the conversation again
        self._retire_asides()
        self._layout.insertWidget(self._layout.count() - 1, row)
        self.empty.setVisible(False)
        self._stick_to_bottom = True
        return bubble

    def add_marker(self, text: str) -> QLabel:
        """A quiet line between messages (where a long conversation was folded)."""
        marker = QLabel(text)
        marker.setObjectName("muted")
        marker.setAlignment(Qt.AlignmentFlag.AlignCenter)
        marker.setWordWrap(True)
        self._layout.insertWidget(self._layout.count() - 1, marker)
        self._markers.append(marker)
        return marker

    def show_bubble(self, bubble: Bubble) -> None:
        """Scroll so ``bubble`` is in view (a search hit), and stop following the bottom. The target is
        kept until a new message arrives: the layout settles over several passes (each changes the
        scroll range), and every pass must land on the hit, not at the end (issue 15)."""
        self._target = bubble
        self._stick_to_bottom = False
        QTimer.singleShot(0, self, self._scroll_to_target)

    def _scroll_to_target(self) -> None:
        if self._target is not None:
            self.ensureWidgetVisible(self._target, 0, 80)

    def add_aside(self, widget: QWidget) -> QWidget:
        """A row that is not a message (a safety card), aligned with the companion's bubbles and
        removed by ``clear`` like them; ``widget.wipe()`` is called first when it has one.
        Only the newest row's buttons are in the Tab chain: older cards are history (issue 15)."""
        self._retire_asides()
        self._layout.insertWidget(self._layout.count() - 1, _AsideRow(widget))
        self.empty.setVisible(False)
        self._stick_to_bottom = True
        return widget

    def _retire_asides(self) -> None:
        """Take the buttons of every card so far out of the Tab chain (a row is about to follow them);
        they still work with the mouse."""
        for i in range(self._layout.count()):
            row = self._layout.itemAt(i).widget()
            if isinstance(row, _AsideRow):
                for child in row.findChildren(QWidget):
                    if child.focusPolicy() & Qt.FocusPolicy.TabFocus:
                        child.setFocusPolicy(Qt.FocusPolicy.ClickFocus)

    def announce(self, bubble: Bubble) -> None:
        """A finished reply, read out once by screen readers."""
        self.announce_text(bubble.label, bubble.text())

    def announce_text(self, source: QWidget, text: str) -> None:
        """Say ``text`` once to a screen reader (a finished reply, a card, "thinking"). What was said is
        kept in ``announcements`` (wiped with the conversation) so that tests can hear it too."""
        self.announcements.append(text)
        if QAccessibleAnnouncementEvent is not None and QAccessible.isActive():
            QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(source, text))

    def _remember_position(self, value: int) -> None:
        if self._target is not None:
            return
        bar = self.verticalScrollBar()
        self._stick_to_bottom = value >= bar.maximum() - 24

    def _follow(self, _minimum: int, maximum: int) -> None:
        if self._target is not None:
            QTimer.singleShot(0, self, self._scroll_to_target)
        elif self._stick_to_bottom:
            # With ``self`` as the context, the call is dropped if the view is deleted first (on quit).
            QTimer.singleShot(0, self, self._scroll_to_end)

    def _scroll_to_end(self) -> None:
        self.verticalScrollBar().setValue(self.verticalScrollBar().maximum())


class _Row(QWidget):
    """Aligns a bubble: the person's to the right, the companion's to the left."""

    def __init__(self, bubble: Bubble) -> None:
        super().__init__()
        self.bubble = bubble
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bubble.setMaximumWidth(640)
        # Bubbles hug short messages and wrap long ones at a comfortable reading width.
        bubble.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        if bubble.role == "user":
            layout.addStretch(1)
            layout.addWidget(bubble)
        else:
            layout.addWidget(bubble)
            layout.addStretch(1)


class _AsideRow(QWidget):
    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self.widget_ = widget
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        widget.setMaximumWidth(640)
        layout.addWidget(widget)
        layout.addStretch(1)

    def wipe(self) -> None:
        wipe = getattr(self.widget_, "wipe", None)
        if wipe is not None:
            wipe()
