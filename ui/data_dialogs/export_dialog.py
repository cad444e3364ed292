"""Readable export: pick what to take out, see plainly that it is NOT encrypted and where it goes,
then write a folder of Markdown files and one HTML file (a progress bar for long ones)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QStandardPaths, Signal
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit,
                               QProgressBar, QPushButton, QRadioButton, QVBoxLayout, QWidget)

from companion import Session
from companion.portability.export import export_document, export_readable, pdf_name
from ui.background import BackgroundCall
from ui.data_dialogs.common import explain, message_label
from ui.data_dialogs.report_pdf import write_html_pdf
from ui.practice_common import content_lang


class _Progress(QObject):
    """Carries the export's progress from its thread to the bar (queued signal)."""

    moved = Signal(float)


class ExportDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export my data"))
        self._session = session
        self._call: BackgroundCall | None = None
        self.result_folder: Path | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("What to export")))
        self.parts = {
            "conversations": QCheckBox(self.tr("Conversations")),
            "exercises": QCheckBox(self.tr("Completed exercises")),
            "self_checks": QCheckBox(self.tr("Self-check results, with dates")),
            "safety_plan": QCheckBox(self.tr("My safety plan")),
            "memories": QCheckBox(self.tr("What the companion remembers")),
        }
        for box in self.parts.values():
            box.setChecked(True)
            box.toggled.connect(self._explain)
            layout.addWidget(box)
        self.as_markdown = QRadioButton(self.tr("A folder of Markdown files and one HTML page"))
        self.as_pdf = QRadioButton(self.tr("One PDF file"))
        self.as_markdown.setChecked(True)
        for button in (self.as_markdown, self.as_pdf):
            layout.addWidget(button)
        row = QHBoxLayout()
        self.folder = QLineEdit(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
                                or str(Path.home()))
        self.folder.setAccessibleName(self.tr("Folder"))
        self.folder.textChanged.connect(self._explain)
        row.addWidget(self.folder, 1)
        choose = QPushButton(self.tr("Choose…"))
        choose.clicked.connect(self._choose)
        row.addWidget(choose)
        layout.addLayout(row)
        self.warning = QLabel()
        self.warning.setObjectName("notice")
        self.warning.setWordWrap(True)
        layout.addWidget(self.warning)
        self.bar = QProgressBar()
        self.bar.setRange(0, 100)
        self.bar.hide()
        layout.addWidget(self.bar)
        self.message = message_label()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.start = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._progress = _Progress(self)
        self._progress.moved.connect(lambda f: self.bar.setValue(int(f * 100)))
        self._explain()

    def chosen(self) -> tuple[str, ...]:
        return tuple(key for key, box in self.parts.items() if box.isChecked())

    def _explain(self) -> None:
        self.warning.setText(self.tr(
            "This export is NOT encrypted. Anyone who can open the folder “%1” can read it. Keep it somewhere "
            "private and delete it when you no longer need it.").replace("%1", self.folder.text()))
        self.start.setEnabled(bool(self.chosen()) and bool(self.folder.text().strip()))

    def _choose(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Export to"), self.folder.text())
        if folder:
            self.folder.setText(folder)

    def _start(self) -> None:
        folder = Path(self.folder.text().strip())
        parts = self.chosen()
        lang = content_lang()
        self.start.setEnabled(False)
        self.bar.setValue(0)
        self.bar.show()
        self.message.clear()
        emit = self._progress.moved.emit
        session = self._session
        if self.as_pdf.isChecked():  # read off the GUI thread; laid out and printed by Qt on it
            self._call = BackgroundCall(lambda: export_document(session.vault, session.name, lang, parts), self)
            self._call.finished.connect(lambda doc, error: self._write_pdf(doc, error, folder))
            self._call.start()
            return
        self._call = BackgroundCall(lambda: export_readable(session.vault, session.name, folder, lang,
                                                            parts, progress=emit), self)
        self._call.finished.connect(self._done)
        self._call.start()

    def _write_pdf(self, doc: tuple[str, str] | None, error: BaseException | None, folder: Path) -> None:
        if error is None and doc is not None:
            target = folder / pdf_name(self._session.name)
            try:
                write_html_pdf(doc[1], target, doc[0])
            except OSError as exc:
                error = exc
            else:
                self._done(target, None)
                return
        self._done(None, error)

    def _done(self, folder: Path | None, error: BaseException | None) -> None:
        self.bar.hide()
        self.start.setEnabled(True)
        if error is not None:
            self.message.setText(explain(error))
            return
        self.result_folder = folder
        self.message.setObjectName("muted")
        self.message.setText(self.tr("Exported to %1").replace("%1", str(folder)))
        self.start.hide()
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Close"))
