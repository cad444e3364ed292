"""The few storage failures a person can be told about in plain words.

Following qutebrowser, environment problems (wrong key, full disk, read-only folder, damaged file,
a vault from a newer version) are separated from bugs: these classes are the former; anything else
that escapes is a bug and should crash loudly in tests.
"""

from __future__ import annotations


class StorageError(Exception):
    """Base class of every storage failure the UI knows how to explain."""

    #: A stable machine-readable kind the UI maps to a translated sentence.
    kind = "storage"


class WrongPassphrase(StorageError):
    kind = "wrong_passphrase"


class VaultFromFuture(StorageError):
    kind = "from_future"

    def __init__(self, found: int, supported: int) -> None:
        super().__init__(
            f"This vault was written by a newer version of the app (schema {found}; "
            f"this version understands up to {supported}). It was not changed."
        )
        self.found = found
        self.supported = supported


class DiskFull(StorageError):
    kind = "disk_full"


class ReadOnlyStorage(StorageError):
    kind = "read_only"


class DamagedVault(StorageError):
    kind = "damaged"


class ProfileExists(StorageError):
    kind = "profile_exists"


class ProfileNotFound(StorageError):
    kind = "profile_not_found"


class VaultLocked(StorageError):
    """An operation was attempted on a vault that has been closed (the profile was locked)."""

    kind = "locked"


def classify_sqlite_error(exc: BaseException) -> StorageError:
    """Map a (sqlcipher3) sqlite error to one of the known kinds, keeping the original as cause."""
    text = str(exc).lower()
    if "full" in text:
        err: StorageError = DiskFull("The disk is full; nothing more could be saved.")
    elif "readonly" in text or "read-only" in text or "unable to open" in text:
        err = ReadOnlyStorage("The app's data folder cannot be written to.")
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        err = DamagedVault("The vault file is damaged and cannot be read.")
    elif "disk i/o" in text:
        err = DiskFull("The disk could not be written to (it may be full or failing).")
    else:
        err = StorageError(str(exc))
    err.__cause__ = exc
    return err
