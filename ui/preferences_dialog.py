"""Preferences: language, theme, text size, and (for the unlocked profile) auto-lock."""

from __future__ import annotations

import dataclasses

from PySide6.QtWidgets import QApplication, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QSpinBox, QWidget

from companion import Companion, Session, StorageError
from ui.crisis_settings import CrisisSettings
from ui.data_dialogs.passphrase_dialog import passphrase_button
from ui.theme import apply_theme
from ui.translation import LANGUAGES


class PreferencesDialog(QDialog):
    def __init__(self, core: Companion, session: Session | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Preferences"))
        self._core = core
        self._session = session
        prefs = core.preferences
        form = QFormLayout(self)

        self.language = QComboBox()
        self.language.addItem(self.tr("Follow the system"), "")
        for code, label in LANGUAGES.items():
            self.language.addItem(label, code)
        self.language.setCurrentIndex(max(0, self.language.findData(prefs.language)))
        form.addRow(self.tr("Language"), self.language)
        form.addRow("", QLabel(self.tr("A new language applies the next time Companion starts.")))

        self.theme = QComboBox()
        for code, label in (("system", self.tr("Follow the system")), ("light", self.tr("Light")),
                            ("dark", self.tr("Dark")), ("high_contrast", self.tr("High contrast"))):
            self.theme.addItem(label, code)
        self.theme.setCurrentIndex(max(0, self.theme.findData(prefs.theme)))
        form.addRow(self.tr("Theme"), self.theme)

        self.font_size = QSpinBox()
        self.font_size.setRange(9, 24)
        self.font_size.setValue(prefs.font_size)
        form.addRow(self.tr("Text size"), self.font_size)

        self.auto_lock = QSpinBox()
        self.auto_lock.setRange(0, 240)
        self.auto_lock.setSuffix(self.tr(" min"))
        self.auto_lock.setSpecialValueText(self.tr("never"))
        self.auto_lock.setEnabled(session is not None)
        self.auto_lock.setValue(session.auto_lock_minutes if session is not None else 10)
        form.addRow(self.tr("Lock after idle"), self.auto_lock)
        form.addRow(self.tr("Passphrase"), passphrase_button(session, self))  # issue 12

        self.crisis = CrisisSettings(core.crisis)  # issue 3: region and a clinic's crisis-line list
        form.addRow(self.tr("Crisis lines"), self.crisis)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.error = QLabel("")
        self.error.setObjectName("error")
        form.addRow(self.error)

    def _save(self) -> None:
        prefs = dataclasses.replace(self._core.preferences, language=self.language.currentData(),
                                    theme=self.theme.currentData(), font_size=self.font_size.value(),
                                    region=self.crisis.region_code())
        try:
            self._core.save_preferences(prefs)
            if self._session is not None:
                self._session.set_auto_lock_minutes(self.auto_lock.value())
        except (OSError, StorageError):
            self.error.setText(self.tr("The preferences could not be saved."))
            return
        apply_theme(QApplication.instance(), prefs.theme, prefs.font_size)
        self.accept()
