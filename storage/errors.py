"""The few storage failures a person can be told about in plain words.

Following qutebrowser, environment problems (wrong key, full disk, read-only folder, damaged file,
a vault from a newer version) are separated from bugs: these classes are the former. SQLite errors are
told apart by their result code (``sqlite_errorcode``), never by their message text. Any other SQLite
error is a bug: it is logged with its traceback and reaches the person as ``UnexpectedStorageError``
("something went wrong; nothing already saved was lost"), never dressed up as a known kind.
"""

from __future__ import annotations

import logging

log = logging.getLogger(__name__)

# SQLite's primary result codes (https://sqlite.org/rescode.html); an extended code keeps its primary
# code in the low byte (SQLITE_IOERR_WRITE = 778 = 10 | 3 << 8).
SQLITE_PERM = 3
SQLITE_READONLY = 8
SQLITE_IOERR = 10
SQLITE_CORRUPT = 11
SQLITE_FULL = 13
SQLITE_CANTOPEN = 14
SQLITE_NOTADB = 26


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


class UnexpectedStorageError(StorageError):
    """A storage failure nobody planned for: a bug. Logged with its traceback where it is classified."""

    kind = "unexpected"


def classify_sqlite_error(exc: BaseException) -> StorageError:
    """Map a (sqlcipher3) sqlite error to one of the known kinds by its result code, keeping the
    original as the cause. An unknown code is logged as a bug and becomes ``UnexpectedStorageError``."""
    code = getattr(exc, "sqlite_errorcode", None)
    primary = code & 0xFF if isinstance(code, int) else None
    if primary == SQLITE_FULL:
        err: StorageError = DiskFull("The disk is full; nothing more could be saved.")
    elif primary in (SQLITE_READONLY, SQLITE_PERM, SQLITE_CANTOPEN):
        err = ReadOnlyStorage("The app's data folder cannot be written to.")
    elif primary in (SQLITE_CORRUPT, SQLITE_NOTADB):
        err = DamagedVault("The vault file is damaged and cannot be read.")
    elif primary == SQLITE_IOERR:
        err = DiskFull("The disk could not be written to (it may be full or failing).")
    else:
        # Logged by kind and code only: SQLite's message names tables and columns, never what a person
        # wrote (every value is a bound parameter), but the traceback is what a bug report needs.
        log.error("unexpected storage error (%s, code %s)", type(exc).__name__, code, exc_info=exc)
        err = UnexpectedStorageError("Something went wrong; nothing already saved was lost.")
    err.__cause__ = exc
    return err
