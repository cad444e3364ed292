"""One self-check's results over time, drawn with pyqtgraph (the only module that imports it;
an import-linter contract keeps it out of the core). Calm: one accent line, soft dots, dates on
the x axis, the full score range on the y axis, no zooming by accident."""

from __future__ import annotations

import datetime as dt

import pyqtgraph as pg
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from companion.practice.service import Progress
from ui.practice_common import content_lang

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


DAY = 86400.0


def day_ticks(low: float, high: float, most: int) -> list[float]:
    """Local midnights between ``low`` and ``high``, every n-th day so at most ``most`` are labelled.
    One label per day at most: the hour ticks of a short range all read "2 Dec" (issue 15)."""
    try:
        first = dt.datetime.combine(dt.datetime.fromtimestamp(low).date(), dt.time()) + dt.timedelta(days=1)
        days = max(0, int((high - first.timestamp()) // DAY) + 1)
    except (OverflowError, OSError, ValueError):
        return []
    if low <= dt.datetime.combine(first.date() - dt.timedelta(days=1), dt.time()).timestamp():
        first -= dt.timedelta(days=1)
        days += 1
    step = max(1, -(-days // max(1, most)))
    midnights = [(first + dt.timedelta(days=i)).timestamp() for i in range(0, days, step)]
    return [t for t in midnights if low <= t <= high]


class DayAxis(pg.DateAxisItem):
    """Days in the window's language ("4 Oct" / "10月4日"), whatever the system locale, one tick a day
    at most."""

    def tickValues(self, minVal, maxVal, size):  # noqa: ANN001, ANN201, N802, N803 - pyqtgraph API
        return [(DAY, day_ticks(minVal, maxVal, max(2, int(size // 90))))]

    def tickStrings(self, values, scale, spacing) -> list[str]:  # noqa: ANN001, N802 - pyqtgraph API
        zh = content_lang() == "zh"
        labels = []
        for value in values:
            try:
                day = dt.datetime.fromtimestamp(value)
            except (OverflowError, OSError, ValueError):
                labels.append("")
                continue
            labels.append(f"{day.month}月{day.day}日" if zh else f"{day.day} {_MONTHS[day.month - 1]}")
        return labels


class ProgressChart(pg.PlotWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, axisItems={"bottom": DayAxis(orientation="bottom")})
        self.setFixedHeight(200)
        self.setMenuEnabled(False)
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self.line: pg.PlotDataItem | None = None
        self._restyle()

    def _restyle(self) -> None:
        palette = self.palette()
        self.setBackground(palette.color(QPalette.ColorRole.Base))
        text = palette.color(QPalette.ColorRole.WindowText)
        for name in ("left", "bottom"):
            axis = self.getPlotItem().getAxis(name)
            axis.setPen(pg.mkPen(QColor(text.red(), text.green(), text.blue(), 90)))
            axis.setTextPen(pg.mkPen(text))
        self.showGrid(x=False, y=True, alpha=0.15)

    def show_progress(self, progress: Progress) -> None:
        self.clear_chart()
        accent = self.palette().color(QPalette.ColorRole.Highlight)
        xs = [point.taken_at for point in progress.points]
        ys = [point.total for point in progress.points]
        self.line = self.plot(xs, ys, pen=pg.mkPen(accent, width=2.5), symbol="o", symbolSize=8,
                              symbolBrush=accent, symbolPen=pg.mkPen(accent), antialias=True)
        self.setYRange(0, progress.max_total, padding=0.05)
        if xs:
            span = max(xs[-1] - xs[0], 86400.0)
            self.setXRange(xs[0] - span * 0.05, xs[-1] + span * 0.05, padding=0)

    def points(self) -> list[tuple[float, float]]:
        """The drawn points (for tests and screen readers)."""
        if self.line is None:
            return []
        xs, ys = self.line.getData()
        return [(float(x), float(y)) for x, y in zip(xs if xs is not None else [], ys if ys is not None else [])]

    def clear_chart(self) -> None:
        self.getPlotItem().clear()
        self.line = None
