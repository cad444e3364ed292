"""The clinician report drawn with Qt: each self-check's chart painted into an image, the core's
HTML laid out by QTextDocument, printed to PDF with QPdfWriter (or to a PNG page for screenshots).

The report's words and numbers are built by the core (companion/portability/report.py); this module
only draws. It is also what ``companion-profile report`` uses (ui/profile_cli.py)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from PySide6.QtCore import QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (QColor, QFont, QGuiApplication, QImage, QPageLayout, QPageSize, QPainter, QPainterPath,
                           QPdfWriter, QPen, QTextDocument)

from companion.portability.report import Report, Series

CHART_SIZE = (1120, 400)  # drawn at twice the size it is shown, so it stays sharp in the PDF


def draw_chart(series: Series) -> QImage:
    """A calm line chart: the score range on the y axis, one dot per result, dates under the ends."""
    width, height = CHART_SIZE
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    left, right, top, bottom = 70, 30, 20, 50
    plot = QRectF(left, top, width - left - right, height - top - bottom)
    font = QFont()
    font.setPixelSize(20)
    p.setFont(font)
    p.setPen(QPen(QColor("#bbbbbb"), 2))
    p.drawRect(plot)
    p.setPen(QColor("#555555"))
    for value in (0, series.max_total // 2, series.max_total):
        y = plot.bottom() - plot.height() * value / max(series.max_total, 1)
        p.drawText(QRectF(0, y - 14, left - 10, 28), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                   str(value))
    times = [ts for ts, _total, _sev in series.points]
    t0, t1 = min(times), max(times)
    span = max(t1 - t0, 1.0)

    def at(ts: float, total: int) -> QPointF:
        x = plot.left() + (plot.width() * (ts - t0) / span if len(times) > 1 else plot.width() / 2)
        return QPointF(x, plot.bottom() - plot.height() * total / max(series.max_total, 1))

    points = [at(ts, total) for ts, total, _sev in series.points]
    path = QPainterPath(points[0])
    for point in points[1:]:
        path.lineTo(point)
    p.setPen(QPen(QColor("#3a7ca5"), 4))
    p.drawPath(path)
    p.setBrush(QColor("#3a7ca5"))
    for point in points:
        p.drawEllipse(point, 7, 7)
    p.setPen(QColor("#555555"))
    for ts, align in ((t0, Qt.AlignmentFlag.AlignLeft), (t1, Qt.AlignmentFlag.AlignRight)):
        p.drawText(QRectF(plot.left(), plot.bottom() + 8, plot.width(), 32), align,
                   dt.datetime.fromtimestamp(ts).strftime("%Y-%m-%d"))
    p.end()
    return image


def report_document(report: Report) -> QTextDocument:
    doc = QTextDocument()
    doc.setDefaultFont(QGuiApplication.font())
    for series in report.series:
        doc.addResource(QTextDocument.ResourceType.ImageResource, QUrl(f"chart:{series.instrument_id}"),
                        draw_chart(series))
    doc.setHtml(report.html)
    return doc


def write_report_pdf(report: Report, path: Path, title: str = "") -> None:
    _write_pdf(report_document(report), Path(path), title or report.nickname)


def write_html_pdf(html: str, path: Path, title: str) -> None:
    """The readable export as one PDF (the core's self-contained HTML, laid out by Qt)."""
    doc = QTextDocument()
    doc.setDefaultFont(QGuiApplication.font())
    doc.setHtml(html)
    _write_pdf(doc, Path(path), title)


def _write_pdf(doc: QTextDocument, path: Path, title: str) -> None:
    """Write to a temporary name next to ``path``, then rename it (no half-written file)."""
    tmp = path.with_name(f".{path.name}.partial")
    writer = QPdfWriter(str(tmp))
    writer.setTitle(title)
    writer.setCreator("Companion")
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                     QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))
    doc.print_(writer)
    del writer  # finishes and closes the file
    if not tmp.is_file() or tmp.stat().st_size == 0:
        tmp.unlink(missing_ok=True)
        raise OSError("the PDF could not be written")
    os.replace(tmp, path)


def render_first_page(report: Report, width: int = 900) -> QImage:
    """The report's first page as an image (the preview's screenshot in the README)."""
    doc = report_document(report)
    doc.setTextWidth(width - 80)
    height = int(min(doc.size().height(), width * 1.414)) + 80
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    p = QPainter(image)
    p.translate(40, 40)
    doc.drawContents(p, QRectF(QPointF(0, 0), QSizeF(width - 80, height - 80)))
    p.end()
    return image
