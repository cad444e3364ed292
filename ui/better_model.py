"""The "Get a better model" page (issue 14): how to get a model that talks freely, offline.

Everything shown comes from the recommended-models list shipped with the app
(``models/recommended_models.json``): exact file names, sizes, SHA-256 where a published hash could be
cited (never invented), licences, and where to look for each file on another computer. Nothing is
fetched; the person downloads elsewhere, brings the file on a USB stick and imports it on the Models
page (or drops it there). Chinese speakers see the models that write good Chinese first (Qwen2.5).

Other pages link here through ``open_better_model(parent, core)`` (the chat's mode line, the Models
page, the first-run set-up).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion import Companion
from models.recommended import Recommended, recommended_models

#: Memory a model needs beyond its file, roughly: the KV cache of a 4K context and compute buffers.
_OVERHEAD = 0.5 * 2**30
_CHINESE_ORDER = {"good": 0, "fair": 1, "poor": 2}


def ordered_for(language: str, entries: list[Recommended]) -> list[Recommended]:
    """Chinese speakers: the models that write good Chinese first; everyone: the small built-in test
    models last (they are shown as what the app already has)."""
    builtin = [e for e in entries if e.size < 300 * 2**20]
    real = [e for e in entries if e not in builtin]
    if language.startswith("zh"):
        real.sort(key=lambda e: _CHINESE_ORDER.get(e.chinese, 3))
    return real + builtin


class BetterModelPage(QWidget):
    """The list itself, usable inside a dialog or as a page."""

    def __init__(self, core: Companion | None, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BetterModelPage")
        self.language = language
        available = 0
        if core is not None:
            try:
                available = core.models.machine.available_memory or 0
            except Exception:  # machine facts are a nicety here
                available = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(10)
        title = QLabel(self.tr("Get a better model"))
        title.setObjectName("title")
        layout.addWidget(title)
        intro = QLabel(self.tr(
            "The models built into Companion are tiny: they prove the app works, but they cannot hold a real "
            "conversation, so Companion talks with you through a short guided conversation built on CBT skills "
            "instead. A model of 1 to 4 billion parameters talks freely. This app downloads nothing: on another "
            "computer, download one of these files from its publisher (most share them on Hugging Face), bring "
            "it over (a USB stick works), then import it on the Models page or drop the file there. Companion "
            "keeps working meanwhile."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        if language.startswith("zh"):
            hint = QLabel(self.tr("If you write in Chinese, choose Qwen2.5: it writes Chinese well."))
            hint.setWordWrap(True)
            hint.setObjectName("notice")
            layout.addWidget(hint)

        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        rows = QVBoxLayout(body)
        rows.setSpacing(14)
        self.cards: list[QLabel] = []
        for entry in ordered_for(language, recommended_models()):
            card = QLabel(self._describe(entry, available))
            card.setObjectName("modelCard")
            card.setWordWrap(True)
            card.setTextFormat(Qt.TextFormat.PlainText)
            card.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                         | Qt.TextInteractionFlag.TextSelectableByKeyboard)
            rows.addWidget(card)
            self.cards.append(card)
        rows.addStretch(1)
        scroll.setWidget(body)
        layout.addWidget(scroll, 1)

    def _size(self, entry: Recommended) -> str:
        if entry.size_exact:
            return self.tr("%1 bytes").replace("%1", f"{entry.size:,}")
        return self.tr("about %1 GB").replace("%1", f"{entry.size / 1e9:.1f}")

    def _describe(self, entry: Recommended, available: int) -> str:
        needs = entry.size + _OVERHEAD
        lines = [entry.name + ("  ·  " + self.tr("already built in") if entry.size < 300 * 2**20 else ""),
                 entry.note("zh_CN" if self.language.startswith("zh") else "en"),
                 self.tr("File: %1").replace("%1", entry.file_name),
                 self.tr("Size: %1").replace("%1", self._size(entry)),
                 self.tr("SHA-256: %1").replace("%1", entry.sha256 or self.tr(
                     "no published hash could be cited; an imported copy is labelled unverified")),
                 self.tr("Licence: %1").replace("%1", entry.licence),
                 self.tr("Published as: %1").replace("%1", entry.publisher)]
        memory = self.tr("Needs about %1 GB of memory").replace("%1", f"{needs / 2**30:.1f}")
        if available:
            memory += " · " + (self.tr("fits on this computer now") if needs < available
                               else self.tr("more than this computer has free now"))
        lines.append(memory)
        return "\n".join(lines)


class BetterModelDialog(QDialog):
    def __init__(self, core: Companion | None, language: str = "en", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Get a better model"))
        self.resize(720, 640)
        layout = QVBoxLayout(self)
        self.page = BetterModelPage(core, language, self)
        layout.addWidget(self.page, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def open_better_model(parent: QWidget, core: Companion | None, language: str = "en",
                      on_close: Callable[[], None] | None = None) -> BetterModelDialog:
    """Show the page (non-modal: the conversation stays usable behind it)."""
    dialog = BetterModelDialog(core, language, parent)
    if on_close is not None:
        dialog.finished.connect(lambda _result: on_close())
    dialog.open()
    return dialog
