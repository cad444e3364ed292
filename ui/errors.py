"""Plain-language explanations of the failures a person can meet."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from companion import StorageError


def explain_storage_error(error: StorageError | str, profile: str = "") -> str:
    """``profile``: the nickname concerned, named where it helps (a damaged profile among several)."""
    kind = error if isinstance(error, str) else error.kind
    if kind == "wrong_passphrase":
        return QCoreApplication.translate("Errors", "That passphrase doesn't open this profile. Check Caps Lock and the keyboard layout, "
                  "then try again.")
    if kind == "from_future":
        return QCoreApplication.translate("Errors", "This profile was saved by a newer version of Companion. Please update the app to open it; "
                  "nothing in it has been changed.")
    if kind == "disk_full":
        return QCoreApplication.translate("Errors", "The disk is full, so this could not be saved. Free some space and try again.")
    if kind == "read_only":
        return QCoreApplication.translate("Errors", "Companion can't write to its data folder (it is read-only). Nothing new can be saved.")
    if kind == "damaged" and profile:
        return QCoreApplication.translate("Errors", "The profile “%1” is damaged and can't be opened. Its files have been "
                                          "left as they are; other profiles still work.").replace("%1", profile)
    if kind == "damaged":
        return QCoreApplication.translate("Errors", "This profile's files are damaged and can't be opened. They have been left as they are; "
                  "other profiles still work.")
    if kind == "profile_exists":
        return QCoreApplication.translate("Errors", "A profile with that nickname already exists. Choose another nickname.")
    if kind == "profile_not_found":
        return QCoreApplication.translate("Errors", "That profile no longer exists.")
    if kind == "locked":
        return QCoreApplication.translate("Errors", "The profile is locked.")
    if kind == "unexpected":  # a bug, logged with its traceback; the transaction was rolled back
        return QCoreApplication.translate("Errors", "Something went wrong on our side. Nothing you had already saved was lost.")
    return QCoreApplication.translate("Errors", "Something went wrong while saving or reading your data.")
