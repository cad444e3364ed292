"""About Companion: the version, the model in use and its licence, "no network, ever", where the
data folder is (uninstalling leaves it), and the third-party notices (ui/third_party.json, which
the Debian package's copyright file is written from too)."""

from __future__ import annotations

import json
from importlib import metadata, resources

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from companion import Companion
from ui.crisis_panel import content_language, selectable


def app_version() -> str:
    try:
        return metadata.version("companion")
    except metadata.PackageNotFoundError:
        return "?"


def third_party_components() -> list[dict]:
    text = resources.files("ui").joinpath("third_party.json").read_text(encoding="utf-8")
    return json.loads(text)["components"]


class AboutDialog(QDialog):
    def __init__(self, core: Companion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Companion"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)

        title = QLabel(self.tr("Companion %1").replace("%1", app_version()))
        title.setObjectName("title")
        layout.addWidget(title)
        layout.addWidget(QLabel(self.tr("An AI companion, not a therapist.")))

        layout.addWidget(self._heading(self.tr("No network, ever")))
        self.no_network = QLabel(self.tr(
            "Companion never connects to the internet or to any network. There are no updates to fetch, "
            "no accounts, no analytics and nothing to download: it works with the cable pulled, and what "
            "you write stays on this computer, encrypted."))
        self.no_network.setWordWrap(True)
        layout.addWidget(self.no_network)

        layout.addWidget(self._heading(self.tr("Model in use")))
        self.model_line = selectable(self._model_text(core), "model")
        self.model_line.setWordWrap(True)
        layout.addWidget(self.model_line)

        layout.addWidget(self._heading(self.tr("Your data folder")))
        self.data_line = selectable(str(core.home), "data_folder")
        layout.addWidget(self.data_line)
        kept = QLabel(self.tr("Uninstalling Companion does not delete this folder: your profiles stay there "
                              "until you delete it yourself."))
        kept.setWordWrap(True)
        layout.addWidget(kept)

        layout.addWidget(self._heading(self.tr("Third-party notices")))
        self.notices = QPlainTextEdit()
        self.notices.setReadOnly(True)
        self.notices.setPlainText(self._notices_text())
        self.notices.setMinimumHeight(180)
        layout.addWidget(self.notices, 1)

        buttons = QDialogButtonBox()
        close = QPushButton(self.tr("Close"))  # Qt's own button texts are not translated in this app
        buttons.addButton(close, QDialogButtonBox.ButtonRole.RejectRole)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    @staticmethod
    def _heading(text: str) -> QLabel:
        label = QLabel(text)
        label.setTextFormat(Qt.TextFormat.PlainText)
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def _model_text(self, core: Companion) -> str:
        path = core.model_path
        if path is None:
            return self.tr("No model: chat is unavailable; everything else works.")
        facts = core.models.plan(path).facts  # the library's facts, else the file's header (quick)
        name = (facts.name if facts is not None else "") or path.stem
        licence = (facts.license_name or facts.license) if facts is not None else ""
        if not licence:
            return self.tr("%1 · the model file does not state its licence").replace("%1", name)
        return self.tr("%1 · licence: %2").replace("%1", name).replace("%2", licence)

    def _notices_text(self) -> str:
        language = "zh_CN" if content_language() == "zh" else "en"
        lines = [f"{c['name']} — {c['licence']} — {c['what'][language]}" for c in third_party_components()]
        return "\n".join(lines)
