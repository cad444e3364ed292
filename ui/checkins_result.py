"""A finished self-check's result: its band in plain words, always "a self-check, not a diagnosis",
and crisis help when the answers call for it. Part of ui/checkins_page.py."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from companion.practice.instruments import get_instrument
from companion.practice.service import SavedResult
from ui.practice_common import content_lang, wrapped


class SelfCheckResult(QWidget):
    helpRequested = Signal(str)  # open crisis help again ("self_check_result")
    pageRequested = Signal(str)  # show another page ("progress")
    closed = Signal()  # back to the list of self-checks

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build()

    def clear(self) -> None:
        self.result_label.clear()
        self.result_message.clear()
        self.result_about.clear()

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        self.result_title = wrapped("", "title")
        layout.addWidget(self.result_title)
        self.result_label = wrapped("")
        self.result_label.setStyleSheet("font-weight: 600;")
        layout.addWidget(self.result_label)
        self.result_message = wrapped("")
        layout.addWidget(self.result_message)
        self.result_about = wrapped("", "muted")
        layout.addWidget(self.result_about)
        self.help_button = QPushButton(self.tr("Open help now"))
        self.help_button.setObjectName("primary")
        self.help_button.clicked.connect(self._open_help_again)
        layout.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        buttons = QHBoxLayout()
        done = QPushButton(self.tr("Back to self-checks"))
        done.clicked.connect(self.closed)
        buttons.addWidget(done)
        buttons.addStretch(1)
        self.progress_button = QPushButton(self.tr("See progress over time"))
        self.progress_button.clicked.connect(self._show_progress)
        buttons.addWidget(self.progress_button)
        layout.addLayout(buttons)

    def show_result(self, saved: SavedResult) -> None:
        lang = content_lang()
        result = saved.result
        instrument = get_instrument(result.instrument_id)
        band = instrument.band(result.severity)
        self.result_title.setText(instrument.title.get(lang))
        if band is not None:
            self.result_label.setText(self.tr("Your self-check result: %1 (%2 of %3)")
                                      .replace("%1", band.label.get(lang)).replace("%2", str(result.total))
                                      .replace("%3", str(result.max_total)))
            self.result_message.setText(band.message.get(lang))
        else:
            self.result_label.setText(self.tr("Saved. Thank you."))
            self.result_message.setText(self.tr("Your answers are kept, so you can see how things change over time."))
        self.result_about.setText(instrument.about.get(lang))
        self.help_button.setVisible(result.opens_safety_flow)
        self.progress_button.setVisible(result.instrument_id in ("phq9", "gad7", "mood"))

    def _open_help_again(self) -> None:
        self.helpRequested.emit("self_check_result")

    def _show_progress(self) -> None:
        self.pageRequested.emit("progress")
