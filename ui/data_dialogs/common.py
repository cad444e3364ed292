"""Pieces the data dialogs share: a background job with a busy bar, refusal sentences, the
passphrase strength hint, and the content language."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QLabel, QProgressBar, QWidget

from companion import StorageError
from ui.background import BackgroundCall
from ui.errors import explain_storage_error


def explain(error: BaseException) -> str:
    """One sentence for anything a data operation can meet."""
    kind = getattr(error, "kind", "")
    if kind == "not_a_backup" and "could not be found" in str(error):
        return QCoreApplication.translate("DataErrors", "The backup file could not be found.")
    if kind == "not_a_backup":
        return QCoreApplication.translate("DataErrors", "This file is not a Companion backup.")
    if kind == "backup_damaged":
        if "incomplete" in str(error):
            return QCoreApplication.translate("DataErrors", "The backup file is incomplete; it may have been cut off while it was copied.")
        return QCoreApplication.translate("DataErrors", "The backup file is damaged and cannot be restored.")
    if kind == "backup_from_future":
        return QCoreApplication.translate("DataErrors", "This backup was made by a newer version of Companion; update the app to restore it.")
    if kind == "wrong_passphrase" and "backup" in str(error):
        return QCoreApplication.translate("DataErrors", "That passphrase doesn't open this backup.")
    if kind == "wrong_passphrase" and "recovery code" in str(error):
        return QCoreApplication.translate("DataErrors", "That recovery code doesn't open this profile.")
    if kind == "wrong_passphrase" and "no recovery code" in str(error):
        return QCoreApplication.translate("DataErrors", "This profile has no recovery code.")
    if isinstance(error, StorageError):
        return explain_storage_error(error)
    if isinstance(error, OSError):
        return QCoreApplication.translate("DataErrors", "The file couldn't be read or written there. Try another folder.")
    if isinstance(error, ValueError):
        return QCoreApplication.translate("DataErrors", "That nickname can't be used. Try a shorter one.")
    return QCoreApplication.translate("DataErrors", "Something went wrong; nothing was changed.")


def strength_hint(passphrase: str) -> str:
    """A plain hint, not a score: length matters most for a passphrase."""
    if not passphrase:
        return ""
    kinds = sum(any(test(ch) for ch in passphrase) for test in (str.islower, str.isupper, str.isdigit,
                                                                  lambda c: not c.isalnum() and c.isascii(),
                                                                  lambda c: not c.isascii()))
    words = len(passphrase.split())
    if len(passphrase) < 8:
        return QCoreApplication.translate("PassphraseStrength", "Too short: anyone with the files could guess it quickly.")
    if len(passphrase) < 14 and kinds < 3 and words < 3:
        return QCoreApplication.translate("PassphraseStrength", "Fair. Three or four unrelated words make a much stronger passphrase.")
    return QCoreApplication.translate("PassphraseStrength", "Strong. Make sure you can remember it.")


class Job:
    """Runs ``fn`` off the GUI thread while ``bar`` shows it is busy; ``done(result, error)`` in the GUI."""

    def __init__(self, owner: QDialog, bar: QProgressBar, fn: Callable[[], Any],
                 done: Callable[[Any, BaseException | None], None]) -> None:
        self._call = BackgroundCall(fn, owner)
        self._bar = bar
        self._done = done
        bar.setRange(0, 0)  # busy
        bar.show()
        self._call.finished.connect(self._finished)
        self._call.start()

    def _finished(self, result: Any, error: BaseException | None) -> None:
        self._bar.setRange(0, 1)
        self._bar.setValue(1)
        self._bar.hide()
        self._done(result, error)

    def wait(self, timeout: float | None = None) -> None:
        self._call.wait(timeout)


def busy_bar(parent: QWidget | None = None) -> QProgressBar:
    bar = QProgressBar(parent)
    bar.setTextVisible(False)
    bar.setMaximumHeight(8)
    bar.hide()
    return bar


def message_label(object_name: str = "error") -> QLabel:
    label = QLabel("")
    label.setObjectName(object_name)
    label.setWordWrap(True)
    return label
