"""Qt translations read straight from Qt Linguist ``.ts`` files.

Every visible string is written as ``self.tr("...")`` (or QCoreApplication.translate), so the usual
Qt tools (pyside6-lupdate, Linguist) work on this code. Reading the XML at start-up instead of
compiled ``.qm`` files keeps a build step and a binary file out of the repository.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import QLocale, QTranslator

I18N_DIR = Path(__file__).with_name("i18n")
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}


def pick_language(preference: str) -> str:
    """The preferred language, else the system's when it is Chinese, else English."""
    if preference in LANGUAGES:
        return preference
    return "zh_CN" if QLocale.system().name().lower().startswith("zh") else "en"


class TsTranslator(QTranslator):
    """All the ``*_<language>.ts`` files of ``ui/i18n`` (one per feature) as one translator."""

    def __init__(self, ts_files: list[Path]) -> None:
        super().__init__()
        self._messages: dict[tuple[str, str], str] = {}
        for ts_file in ts_files:
            self._read(ts_file)

    def _read(self, ts_file: Path) -> None:
        root = ET.parse(ts_file).getroot()
        for context in root.iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                source = message.findtext("source")
                translation = message.find("translation")
                if source is None or translation is None or translation.get("type") in ("obsolete", "vanished"):
                    continue
                # Chinese has one plural form; take the first <numerusform> of a numerus message.
                text = translation.findtext("numerusform") if message.get("numerus") == "yes" else translation.text
                if text and text.strip():
                    self._messages[(name, source)] = text

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str | None:  # noqa: ARG002
        # None (a null QString) tells Qt to fall back to the English source text.
        return self._messages.get((context, source))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt API
        return not self._messages

    def __len__(self) -> int:
        return len(self._messages)


def ts_files(language: str) -> list[Path]:
    return sorted(I18N_DIR.glob(f"*_{language}.ts"))


def translator_for(language: str) -> TsTranslator | None:
    files = ts_files(language) if language != "en" else []
    return TsTranslator(files) if files else None
