"""The progress page (Ctrl+4): PHQ-9, GAD-7 and mood over time, the change since the first result
with the percentage reduction, and a note when the change passes the meaningful-change figures in
docs/clinical.md section 5. A gentle picture, not a score card: no streaks, points or badges."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QScrollArea, QVBoxLayout, QWidget

from companion import Session, StorageError
from companion.practice.instruments import describe_change, get_instrument
from companion.practice.service import PROGRESS_INSTRUMENTS, Progress
from ui.errors import explain_storage_error
from ui.practice_common import Card, content_lang, format_day, wrapped

if TYPE_CHECKING:
    from ui.progress_chart import ProgressChart


class ProgressPage(QWidget):
    pageRequested = Signal(str)  # show another page ("checkins"); the main window connects it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ProgressPage")
        self._session: Session | None = None
        self.charts: dict[str, ProgressChart] = {}
        self.scroll = QScrollArea()
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll)
        self.refresh()

    def set_session(self, session: Session) -> None:
        self._session = session
        self.refresh()

    def clear(self) -> None:
        self._session = None
        self.refresh()

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt API
        self.refresh()  # results may have been added on the self-checks page
        super().showEvent(event)

    def refresh(self) -> None:
        lang = content_lang()
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.setSpacing(12)
        layout.addWidget(wrapped(self.tr("Progress"), "title"))
        layout.addWidget(wrapped(self.tr("How your self-checks have changed over time. Lower PHQ-9 and GAD-7 "
                                         "scores mean fewer symptoms; a higher mood means a better day. These "
                                         "are self-checks, not a diagnosis."), "muted"))
        self.charts = {}
        self.empty_note = None
        progresses: list[Progress] = []
        if self._session is not None:
            try:
                progresses = [self._session.practice.progress(i) for i in PROGRESS_INSTRUMENTS]
            except StorageError as exc:
                layout.addWidget(wrapped(explain_storage_error(exc), "error"))
        shown = [p for p in progresses if p.points]
        if not shown:
            card = Card()
            self.empty_note = wrapped(self.tr(
                "Nothing to show yet. Take a PHQ-9 or GAD-7 self-check, or a quick mood check-in, on the "
                "Self-checks page (Ctrl+3); your results will appear here as a picture over time."))
            card.body.addWidget(self.empty_note)
            row = QHBoxLayout()
            row.addStretch(1)
            go = QPushButton(self.tr("Go to self-checks"))
            go.setObjectName("primary")
            go.setEnabled(self._session is not None)
            go.clicked.connect(lambda: self.pageRequested.emit("checkins"))
            row.addWidget(go)
            card.body.addLayout(row)
            layout.addWidget(card)
        for progress in shown:
            layout.addWidget(self._section(progress, lang))
        layout.addStretch(1)
        old = self.scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self.scroll.setWidget(body)

    def _section(self, progress: Progress, lang: str) -> QWidget:
        instrument = get_instrument(progress.instrument_id)
        card = Card()
        title = wrapped(instrument.title.get(lang))
        title.setStyleSheet("font-weight: 600;")
        card.body.addWidget(title)
        first, latest = progress.points[0], progress.points[-1]
        if len(progress.points) == 1:
            line = self.tr("One result so far: %1 on %2. Another one later will show the change.") \
                .replace("%1", str(first.total)).replace("%2", format_day(first.taken_at))
        elif progress.change is not None and progress.change.percent_reduction is not None:
            change = progress.change
            if change.points_change <= 0:
                line = self.tr("From %1 at your first self-check to %2 now: %3% lower.")
            else:
                line = self.tr("From %1 at your first self-check to %2 now: %3% higher.")
            line = line.replace("%1", str(first.total)).replace("%2", str(latest.total)) \
                .replace("%3", f"{abs(change.percent_reduction):g}")
        else:
            line = self.tr("From %1 at the first result to %2 now (%3 results).") \
                .replace("%1", str(first.total)).replace("%2", str(latest.total)) \
                .replace("%3", str(len(progress.points)))
        summary = wrapped(line)
        summary.setObjectName("changeLine")
        card.body.addWidget(summary)
        if progress.change is not None:
            note = describe_change(progress.change, lang)
            if note:
                label = wrapped(note, "muted")
                label.setObjectName("meaningfulNote")
                card.body.addWidget(label)
        # pyqtgraph (and numpy under it) loads with the first chart, not at start-up: a fifth of a
        # second off launch-to-window on a 2-core machine (bench/startup.py).
        from ui.progress_chart import ProgressChart

        chart = ProgressChart()
        chart.setAccessibleName(instrument.title.get(lang))
        chart.setAccessibleDescription(line)
        chart.show_progress(progress)
        card.body.addWidget(chart)
        self.charts[progress.instrument_id] = chart
        return card

