"""The crisis-line part of Preferences: the region, and a clinic's own list (import / restore).

The region is saved with the other preferences (Save); importing or restoring a list takes effect at
once, because it is a file operation the admin expects to see succeed or fail right there. Without a
profile, an admin can do the same from a shell: ``python -m companion.safety.crisis_admin import FILE``.
"""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from companion import StorageError
from companion.safety import CrisisLinesError
from companion.safety.crisis_directory import CrisisDirectory, system_region
from ui.crisis_panel import content_language
from ui.errors import explain_storage_error
from ui.file_dialogs import start_folder

#: "Somewhere else": CLDR's code for an unknown region. No list has it, so the crisis panel shows the
#: fallback ("call your local emergency number") instead of guessing from the system locale again.
ELSEWHERE = "ZZ"


class CrisisSettings(QWidget):
    def __init__(self, crisis: CrisisDirectory, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._crisis = crisis
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.region = QComboBox()
        self.region.setAccessibleName(self.tr("Region for crisis lines"))
        layout.addWidget(self.region)
        self.list_info = QLabel()
        self.list_info.setObjectName("muted")
        self.list_info.setWordWrap(True)
        layout.addWidget(self.list_info)
        row = QHBoxLayout()
        self.import_button = QPushButton(self.tr("Import a clinic's list…"))
        self.import_button.setToolTip(self.tr("A crisis-line file (JSON) from your clinic. It is checked as a "
                                              "whole; if anything is wrong, the current list stays."))
        self.import_button.clicked.connect(self._choose_file)
        row.addWidget(self.import_button)
        self.restore_button = QPushButton(self.tr("Restore the bundled list"))
        self.restore_button.clicked.connect(self.restore)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = QLabel("")
        self.message.setObjectName("error")
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self._fill(crisis.preferred_region)

    def _fill(self, selected: str) -> None:
        lang = content_language()
        self.region.clear()
        system = system_region()
        lines = self._crisis.lines()
        system_name = lines.regions[system].name[lang] if system in lines.regions else self.tr("unknown")
        self.region.addItem(self.tr("Follow the system (%1)").replace("%1", system_name), "")
        for code, name in self._crisis.regions(lang):
            self.region.addItem(name, code)
        self.region.addItem(self.tr("Somewhere else (show: call your local emergency number)"), ELSEWHERE)
        index = self.region.findData(selected) if selected else 0
        if index < 0:  # a region the list in force does not have: keep it visible, not silently changed
            self.region.addItem(self.tr("%1 (not in this list)").replace("%1", selected), selected)
            index = self.region.count() - 1
        self.region.setCurrentIndex(index)
        if self._crisis.is_clinic_list:
            self.list_info.setText(self.tr("In use: your clinic's list (%1 regions).").replace(
                "%1", str(len(lines.regions))))
        else:
            self.list_info.setText(self.tr("In use: the list that comes with Companion (%1 regions).").replace(
                "%1", str(len(lines.regions))))
        self.restore_button.setEnabled(self._crisis.is_clinic_list)
        if self._crisis.load_error is not None:
            self.message.setText(self._explain(self._crisis.load_error, previous=self.tr(
                "The clinic's list no longer reads correctly, so the bundled list is in use.")))

    def region_code(self) -> str:
        return self.region.currentData() or ""

    def _explain(self, error: CrisisLinesError, previous: str) -> str:
        where = self.tr("line %1").replace("%1", str(error.line)) if error.line else self.tr("the file")
        return self.tr("Not imported (%1): %2.").replace("%1", where).replace("%2", error.reason) + " " + previous

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Import a clinic's crisis-line list"),
                                              str(start_folder()),
                                              self.tr("Crisis-line lists (*.json)"))
        if path:
            self.import_file(path)

    def import_file(self, path: str) -> bool:
        """Import a clinic's list; on failure say where and why, and keep the list in force."""
        selected = self.region_code()
        try:
            lines = self._crisis.import_file(path)
        except CrisisLinesError as exc:
            self.message.setText(self._explain(exc, previous=self.tr("The previous list is still in use.")))
            return False
        except StorageError as exc:
            self.message.setText(explain_storage_error(exc) + " " + self.tr("The previous list is still in use."))
            return False
        self._fill(selected)
        self.message.setText("")
        self.list_info.setText(self.list_info.text() + " " + self.tr("Imported: %1 regions.").replace(
            "%1", str(len(lines.regions))))
        return True

    def restore(self) -> None:
        selected = self.region_code()
        try:
            self._crisis.restore_bundled()
        except StorageError as exc:
            self.message.setText(explain_storage_error(exc))
            return
        self.message.setText("")
        self._fill(selected)
