"""A report to share with a clinician: choose what it holds, see a preview, save it as a PDF where you
choose. Nothing is sent anywhere. Conversation text is only in it when ticked."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QLabel, QTextBrowser, QVBoxLayout,
                               QWidget)

from companion import Session
from companion.portability.report import Report, ReportOptions, build_report
from ui.data_dialogs.common import explain, message_label
from ui.data_dialogs.report_pdf import report_document, write_report_pdf
from ui.practice_common import content_lang


class ReportDialog(QDialog):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("A report for your clinician"))
        self._session = session
        self.report: Report | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Your self-check scores over time and the exercises you completed each week. Nothing "
                               "is sent anywhere: you save the PDF and choose whom to give it to."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.plan = QCheckBox(self.tr("Include my safety plan"))
        self.conversations = QCheckBox(self.tr("Include the text of my conversations"))
        self.conversations.setToolTip(self.tr("Only if you want your clinician to read them word for word."))
        for box in (self.plan, self.conversations):
            box.toggled.connect(self.refresh)
            layout.addWidget(box)
        self.preview = QTextBrowser()
        self.preview.setOpenLinks(False)
        self.preview.setAccessibleName(self.tr("Preview"))
        self.preview.setMinimumSize(560, 420)
        layout.addWidget(self.preview, 1)
        self.message = message_label()
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.button(QDialogButtonBox.StandardButton.Close).setText(self.tr("Close"))
        self.save = self.buttons.addButton(self.tr("Save as PDF…"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.save.setObjectName("primary")
        self.buttons.accepted.connect(self._choose)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.refresh()

    def refresh(self) -> None:
        options = ReportOptions(include_safety_plan=self.plan.isChecked(),
                                include_conversations=self.conversations.isChecked())
        self.report = build_report(self._session.vault, self._session.name, content_lang(), options)
        self.preview.setDocument(report_document(self.report))

    def _choose(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        suggested = str(Path(folder) / self.tr("self-check-report.pdf"))
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save the report"), suggested, self.tr("PDF files (*.pdf)"))
        if path:
            self.save_to(Path(path if path.lower().endswith(".pdf") else path + ".pdf"))

    def save_to(self, path: Path) -> bool:
        assert self.report is not None
        try:
            write_report_pdf(self.report, path, self.tr("Self-check report"))
        except OSError as exc:
            self.message.setText(explain(exc))
            return False
        self.message.setObjectName("muted")
        self.message.setText(self.tr("Saved to %1. The PDF isn't encrypted: keep it somewhere private.")
                             .replace("%1", str(path)))
        return True
