"""The safety-plan page (Ctrl+6): the six Stanley-Brown steps and reasons for living, saved as typed.

Each edit restarts a short timer; when it fires, the changed steps are committed to the vault (one
small transaction). ``clear()`` (on lock and on quit) commits anything still pending before it wipes
the widgets, so nothing typed is lost to a lock. Export writes a PDF the person chooses the place of;
Print uses QtPrintSupport (part of PySide6-Essentials).
"""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, Qt, QTimer
from PySide6.QtGui import QPageLayout, QPageSize, QPagedPaintDevice, QPdfWriter, QTextDocument
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion import Session, StorageError
from companion.safety.crisis_directory import CrisisDirectory
from companion.safety.plan import PREFILLED_STEP, STEPS, SafetyPlan, crisis_lines_text
from ui.file_dialogs import start_folder
from ui.crisis_panel import content_language
from ui.errors import explain_storage_error

try:  # QtPrintSupport ships with PySide6-Essentials; without it the page offers PDF export only
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter
except ImportError:  # pragma: no cover - depends on the Qt build
    QPrintDialog = QPrinter = None  # type: ignore[assignment,misc]

AUTOSAVE_MS = 600


class SafetyPlanView(QWidget):
    def __init__(self, crisis: CrisisDirectory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SafetyPlanView")
        self._crisis = crisis
        self._session: Session | None = None
        self._dirty: set[str] = set()
        self._prefilled: set[str] = set()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        header = QVBoxLayout()
        header.setContentsMargins(28, 18, 28, 8)
        header.setSpacing(6)
        title = QLabel(self.tr("My safety plan"))
        title.setObjectName("title")
        header.addWidget(title)
        intro = QLabel(self.tr("A plan you write on a calmer day, for a hard moment later. When things get bad, "
                               "go through it from the top and stop at the step that helps. It's saved, "
                               "encrypted, as you type."))
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        header.addWidget(intro)
        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.export_button = QPushButton(self.tr("Export to PDF…"))
        self.export_button.clicked.connect(self._choose_pdf)
        actions.addWidget(self.export_button)
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.clicked.connect(self._print)
        self.print_button.setVisible(QPrinter is not None)
        actions.addWidget(self.print_button)
        self.status = QLabel("")
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Save status"))
        actions.addWidget(self.status, 1)
        header.addLayout(actions)
        outer.addLayout(header)

        body = QWidget()
        body.setObjectName("SafetyPlanBody")
        steps = QVBoxLayout(body)
        steps.setContentsMargins(28, 4, 28, 24)
        steps.setSpacing(14)
        self.editors: dict[str, QPlainTextEdit] = {}
        lang = content_language()
        for s in STEPS:
            box = QVBoxLayout()
            box.setSpacing(4)
            head = QLabel(f"{s.number}. {s.title.get(lang)}" if s.number else s.title.get(lang))
            head.setStyleSheet("font-weight: 600;")
            box.addWidget(head)
            hint = QLabel(s.prompt.get(lang))
            hint.setObjectName("muted")
            hint.setWordWrap(True)
            box.addWidget(hint)
            editor = QPlainTextEdit()
            editor.setPlaceholderText(s.placeholder.get(lang))
            editor.setAccessibleName(s.title.get(lang))
            editor.setTabChangesFocus(True)
            editor.setMinimumHeight(72)
            editor.setMaximumHeight(104)
            editor.setEnabled(False)
            editor.textChanged.connect(lambda k=s.key: self._changed(k))
            box.addWidget(editor)
            self.editors[s.key] = editor
            if s.key == PREFILLED_STEP:
                self.add_lines_button = QPushButton(self.tr("Add the crisis lines for my region"))
                self.add_lines_button.clicked.connect(self.add_crisis_lines)
                self.add_lines_button.setEnabled(False)
                row = QHBoxLayout()
                row.addWidget(self.add_lines_button)
                row.addStretch(1)
                box.addLayout(row)
            steps.addLayout(box)
        steps.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self._set_enabled(False)

    # -- page protocol -------------------------------------------------------------------------
    def set_session(self, session: Session) -> None:
        self._session = session
        lang = content_language()
        try:
            plan = session.safety_plan.load(prefill={PREFILLED_STEP: crisis_lines_text(self._crisis.entry(), lang)})
        except StorageError as exc:
            self.status.setText(explain_storage_error(exc))
            return
        self._show(plan)
        self._set_enabled(True)
        self.status.setText(self.tr("Saved as you type.") if not plan.is_empty else
                            self.tr("Start with any step; each one is saved as you type."))

    def clear(self) -> None:
        """On lock: commit what is pending, then drop every word from the widgets."""
        self.flush()
        self._session = None
        self._dirty.clear()
        self._prefilled.clear()
        for editor in self.editors.values():
            editor.blockSignals(True)
            editor.clear()
            editor.document().clearUndoRedoStacks()
            editor.blockSignals(False)
        self.status.clear()
        self._set_enabled(False)

    # -- editing -------------------------------------------------------------------------------
    def _show(self, plan: SafetyPlan) -> None:
        self._dirty.clear()
        self._prefilled = set(plan.prefilled)
        for key, editor in self.editors.items():
            editor.blockSignals(True)
            editor.setPlainText(plan.text(key))
            editor.document().clearUndoRedoStacks()
            editor.blockSignals(False)

    def _set_enabled(self, on: bool) -> None:
        for editor in self.editors.values():
            editor.setEnabled(on)
        self.add_lines_button.setEnabled(on)
        self.export_button.setEnabled(on)
        self.print_button.setEnabled(on)

    def _changed(self, key: str) -> None:
        if self._session is None:
            return
        self._dirty.add(key)
        self._prefilled.discard(key)
        self._timer.start()

    def add_crisis_lines(self) -> None:
        """Append the current region's crisis lines to the professionals step (the region may have changed)."""
        editor = self.editors[PREFILLED_STEP]
        text = crisis_lines_text(self._crisis.entry(), content_language())
        current = editor.toPlainText().rstrip()
        editor.setPlainText(f"{current}\n{text}" if current else text)

    def flush(self) -> bool:
        """Commit the steps changed since the last save. True when nothing is left unsaved."""
        self._timer.stop()
        if self._session is None or not self._dirty:
            return True
        texts = {key: self.editors[key].toPlainText() for key in self._dirty}
        try:
            self._session.safety_plan.save_many(texts)
        except StorageError as exc:
            self.status.setText(self.tr("Not saved: %1").replace("%1", explain_storage_error(exc)))
            return False
        self._dirty.clear()
        self.status.setText(self.tr("Saved."))
        return True

    def texts(self) -> dict[str, str]:
        return {key: editor.toPlainText() for key, editor in self.editors.items()}

    # -- export and print ----------------------------------------------------------------------
    def document(self) -> QTextDocument:
        """The plan as a printable document: the emergency numbers at the top, then every step."""
        lang = content_language()
        entry = self._crisis.entry()
        parts = [f"<h1>{html.escape(self.tr('My safety plan'))}</h1>"]
        if entry.is_fallback:
            top = entry.instruction[lang]
        else:
            top = self.tr("In an emergency, call %1.").replace("%1", " / ".join(e.number for e in entry.emergency))
        parts.append(f"<p><b>{html.escape(top)}</b></p>")
        for s in STEPS:
            head = f"{s.number}. {s.title.get(lang)}" if s.number else s.title.get(lang)
            parts.append(f"<h3>{html.escape(head)}</h3>")
            parts.append(f"<p style='color:#6d6a64'>{html.escape(s.prompt.get(lang))}</p>")
            text = self.editors[s.key].toPlainText().strip()
            if text:
                parts.append("<p>" + "<br>".join(html.escape(line) for line in text.splitlines()) + "</p>")
            else:  # room to write by hand on a printed copy
                parts.append("<p>" + "<br>".join(["_" * 60] * 3) + "</p>")
        doc = QTextDocument()
        doc.setDefaultFont(QApplication.font())
        doc.setHtml("".join(parts))
        return doc

    def _render(self, device: QPagedPaintDevice) -> None:
        device.setPageLayout(QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait,
                                         QMarginsF(18, 18, 18, 18), QPageLayout.Unit.Millimeter))
        self.document().print_(device)

    def export_pdf(self, path: str | Path) -> bool:
        """Write the plan to ``path`` as a PDF; the status line says how it went."""
        self.flush()
        self.status.setText(self.tr("Exporting…"))
        self.status.repaint()
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            writer = QPdfWriter(str(path))
            writer.setTitle(self.tr("My safety plan"))
            writer.setCreator("Companion")
            self._render(writer)
            del writer  # finishes and closes the file
            ok = Path(path).is_file() and Path(path).stat().st_size > 0
        except OSError:
            ok = False
        finally:
            QApplication.restoreOverrideCursor()
        if ok:
            self.status.setText(self.tr("Exported to %1. The PDF isn't encrypted: keep it somewhere private.")
                                .replace("%1", Path(path).name))
        else:
            self.status.setText(self.tr("The PDF couldn't be written there. Try another folder."))
        return ok

    def _choose_pdf(self) -> None:
        suggested = str(start_folder() / self.tr("safety-plan.pdf"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export my safety plan"), suggested,
                                              self.tr("PDF files (*.pdf)"))
        if path:
            if not path.lower().endswith(".pdf"):
                path += ".pdf"
            self.export_pdf(path)

    def print_to(self, printer: QPrinter) -> None:  # type: ignore[valid-type]
        self.flush()
        self._render(printer)

    def _print(self) -> None:
        if QPrinter is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print my safety plan"))
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.status.setText(self.tr("Printing…"))
            self.print_to(printer)
            self.status.setText(self.tr("Sent to the printer."))
