"""The composition root: builds every object in one place and shuts them down in order."""

from __future__ import annotations

import argparse
import logging
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from companion import Companion
from ui.bridge import ModelBridge
from ui.main_window import MainWindow
from ui.theme import apply_theme
from ui.translation import pick_language, translator_for


class AppRoot:
    """Owns the core, the bridge and the window. ``shutdown`` runs the one safe order:
    stop generation, join the model thread, close the model, close the vaults."""

    def __init__(self, qapp: QApplication, core: Companion) -> None:
        self.qapp = qapp
        self.core = core
        self.language = pick_language(core.preferences.language)
        # The crisis lines never default to another country's numbers for a Chinese interface (issue 16).
        core.crisis.interface_language = self.language
        self.translator = translator_for(self.language)
        if self.translator is not None:
            qapp.installTranslator(self.translator)
        apply_theme(qapp, core.preferences.theme, core.preferences.font_size)
        self.bridge = ModelBridge(core.worker)
        self.window = MainWindow(core, self.bridge)

    def shutdown(self) -> None:
        self.window.prepare_quit()
        self.core.close()  # cancels the reply, joins the model thread, closes the model, then vaults
        self.bridge.detach()
        if self.translator is not None:
            self.qapp.removeTranslator(self.translator)
        self.window.deleteLater()


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="companion", description="A private, offline AI companion.")
    parser.add_argument("--home", help="data folder (default: COMPANION_HOME, else the user data folder)")
    parser.add_argument("--model", help="a GGUF model file to use instead of the configured one")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    # Logs go to the terminal only, never to a file, and never contain what a person wrote.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    QCoreApplication.setApplicationName("Companion")
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    root = AppRoot(qapp, Companion(home=args.home, model_path=args.model))
    root.window.show()
    try:
        return qapp.exec()
    finally:
        root.shutdown()


if __name__ == "__main__":
    sys.exit(main())
