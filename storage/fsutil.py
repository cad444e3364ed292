"""Small crash-safe file helpers."""

from __future__ import annotations

import errno
import os
from pathlib import Path

from storage.errors import DiskFull, ReadOnlyStorage, StorageError


def fsync_dir(path: Path) -> None:
    """Make a rename durable (POSIX); a no-op where directories cannot be opened (Windows)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def os_error_to_storage(exc: OSError) -> StorageError:
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
        err: StorageError = DiskFull("The disk is full; nothing more could be saved.")
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        err = ReadOnlyStorage("The app's data folder cannot be written to.")
    else:
        err = StorageError(str(exc))
    err.__cause__ = exc
    return err


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that a crash at any moment leaves the old or the new content."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
        fsync_dir(path.parent)
    except OSError as exc:
        try:
            tmp.unlink(missing_ok=True)
        except OSError:
            pass
        raise os_error_to_storage(exc) from exc
