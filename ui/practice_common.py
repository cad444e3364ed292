"""Small helpers shared by the exercises, self-checks and progress pages."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget


def content_lang() -> str:
    """The language of built-in content ("en" or "zh"): the one the installed Qt translator speaks,
    so exercises and self-checks always match the rest of the window."""
    return "zh" if QCoreApplication.translate("ContentLanguage", "en") == "zh" else "en"


def format_day(timestamp: float) -> str:
    """A date in the window's language (a run's or a result's day, never anything a person wrote)."""
    day = dt.datetime.fromtimestamp(timestamp)
    if content_lang() == "zh":
        return f"{day.year}年{day.month}月{day.day}日 {day:%H:%M}"
    return QLocale(QLocale.Language.English).toString(day, "d MMM yyyy, HH:mm")


@dataclass
class ScrollPage:
    """The frame shared by the self-check questions and the exercise reader: a title, a muted note, a
    scrolling body, an error line, then a row of buttons the caller fills."""

    layout: QVBoxLayout
    title: QLabel
    note: QLabel
    scroll: QScrollArea
    error: QLabel
    buttons: QHBoxLayout


def scroll_page(widget: QWidget) -> ScrollPage:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(24, 16, 24, 16)
    layout.setSpacing(10)
    title, note = wrapped("", "title"), wrapped("", "muted")
    layout.addWidget(title)
    layout.addWidget(note)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    layout.addWidget(scroll, 1)
    error = wrapped("", "error")
    error.setVisible(False)
    layout.addWidget(error)
    buttons = QHBoxLayout()
    layout.addLayout(buttons)
    return ScrollPage(layout, title, note, scroll, error, buttons)


def wrapped(text: str = "", name: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if name == "sectionTitle":
        label.setStyleSheet("font-weight: 600; margin-top: 10px;")
    elif name:
        label.setObjectName(name)
    return label


class Card(QFrame):
    """A rounded panel (the same look as the companion's bubbles)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("companionBubble")
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(16, 12, 16, 12)
        self.body.setSpacing(6)


def set_scroll_body(scroll: QScrollArea, body: QWidget) -> None:
    """Put ``body`` in ``scroll``, deleting the one it replaces (pages rebuild their contents)."""
    old = scroll.takeWidget()
    if old is not None:
        old.deleteLater()
    scroll.setWidget(body)
