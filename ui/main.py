"""The composition root: builds every object in one place and shuts them down in order."""

from __future__ import annotations

import argparse
import dataclasses
import logging
import os
import sys
import time

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtGui import QShortcut
from PySide6.QtWidgets import QApplication

from companion import Companion
from ui.bridge import ModelBridge
from ui.main_window import MainWindow
from ui.platform_check import missing_system_libraries
from ui.single_instance import SingleInstance
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
        self._core_closed = False
        self.window = self._build_window()

    def _build_window(self) -> MainWindow:
        window = MainWindow(self.core, self.bridge)
        window.closing.connect(self._close_core)
        window.languageChosen.connect(self.set_language)
        return window

    def set_language(self, language: str) -> None:
        """Switch the language now (first-run set-up, before any profile is open): save it, swap the
        translator and rebuild the window in it. Preferences changes it for the next start instead."""
        assert self.window.session is None, "the language switches live only while no profile is open"
        self.core.save_preferences(dataclasses.replace(self.core.preferences, language=language))
        if self.translator is not None:
            self.qapp.removeTranslator(self.translator)
        self.language = pick_language(language)
        self.translator = translator_for(self.language)
        if self.translator is not None:
            self.qapp.installTranslator(self.translator)
        old, self.window = self.window, self._build_window()
        self.window.setGeometry(old.geometry())
        self.window.show()
        self.window.activateWindow()
        self.window.first_run.language.setFocus()
        old.prepare_quit()
        for shortcut in old.findChildren(QShortcut):  # two live Ctrl+Q would cancel each other out
            shortcut.setEnabled(False)
        old.closing.disconnect(self._close_core)
        old.hide()
        old.deleteLater()

    def _close_core(self) -> None:
        """The slow, safe part of quitting, run while the window still says so (MainWindow.closeEvent)."""
        if self._core_closed:
            return
        self._core_closed = True
        self.window.prepare_quit()
        self.core.close()  # cancels the reply, joins the model thread, closes the model, then vaults

    def shutdown(self) -> None:
        self._close_core()
        self.bridge.detach()
        if self.translator is not None:
            self.qapp.removeTranslator(self.translator)
        self.window.deleteLater()


def _arguments(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="companion", description="A private, offline AI companion.")
    parser.add_argument("--home", help="data folder (default: COMPANION_HOME, else the user data folder)")
    parser.add_argument("--model", help="a GGUF model file to use instead of the configured one")
    parser.add_argument("--self-check", action="store_true",
                        help="check this installation in a temporary data folder (create a profile, get a reply "
                             "from the model, lock, unlock, quit) and exit; touches no one's data")
    return parser.parse_args(argv)


#: bench/startup.py sets this to time launch-to-window from outside: the first turn of the event loop
#: after the window is shown prints one line with the system-wide monotonic clock. Nothing else.
STARTUP_PROBE_ENV = "COMPANION_STARTUP_PROBE"
WARM_UP_AFTER_MS = 250  # after the first paint; nobody types a passphrase in a quarter of a second


def _probe_first_window() -> None:
    if os.environ.get(STARTUP_PROBE_ENV):
        QTimer.singleShot(0, lambda: print(f"companion-probe window-shown {time.monotonic():.6f}",
                                           file=sys.stderr, flush=True))


def main(argv: list[str] | None = None) -> int:
    args = _arguments(sys.argv[1:] if argv is None else argv)
    # Logs go to the terminal only, never to a file, and never contain what a person wrote.
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for problem in missing_system_libraries():
        print(problem, file=sys.stderr)
    QCoreApplication.setApplicationName("Companion")
    qapp = QApplication.instance() or QApplication(sys.argv[:1])
    if args.self_check:
        from ui.self_check import run as self_check

        return self_check(qapp, args.home)
    core = Companion(home=args.home, model_path=args.model, warm_up=False)
    instance = SingleInstance(core.home)
    if not instance.acquire():  # already running, perhaps hidden (quick hide): it shows its lock screen
        instance.ask_running_to_show()
        core.close()
        return 0
    root = AppRoot(qapp, core)
    instance.showRequested.connect(lambda: root.window.show_again())
    root.window.show()
    _probe_first_window()
    # The safety rules and the risk and reply scorers warm up once the window is painted, while the person
    # types their passphrase (Companion.start_warm_up).
    QTimer.singleShot(WARM_UP_AFTER_MS, core.start_warm_up)
    try:
        return qapp.exec()
    finally:
        instance.close()
        root.shutdown()


if __name__ == "__main__":
    sys.exit(main())
