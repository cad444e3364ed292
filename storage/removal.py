"""Removing a profile: its folder disappears from the list at once, then its files are destroyed.

Order matters for a crash at any point: the folder is first renamed to a hidden name (one atomic
rename, so the profile is either listed whole or not at all), then the sealed keys are overwritten
with random bytes and flushed, then everything is deleted. Destroying the key file is what makes the
vault unreadable: the vault is encrypted under a random key that existed only there (and in the
recovery file). Overwriting is best effort: on SSDs, copy-on-write and journaling file systems the
old blocks may survive until the device reuses them (SECURITY.md says what this means).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
from pathlib import Path

from storage.fsutil import fsync_dir, os_error_to_storage

_KEY_FILES = ("key.json", "recovery.json")


def _overwrite(path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        size = max(path.stat().st_size, 512)
        with open(path, "r+b") as fh:
            fh.write(secrets.token_bytes(size))
            fh.flush()
            os.fsync(fh.fileno())


def destroy_profile_folder(folder: Path) -> None:
    """Hide, shred the keys of, and delete one profile folder."""
    root = folder.parent
    hidden = root / f".removing-{folder.name}"
    try:
        os.replace(folder, hidden)
        fsync_dir(root)
        for name in _KEY_FILES:
            _overwrite(hidden / name)
        shutil.rmtree(hidden)
        fsync_dir(root)
    except OSError as exc:
        raise os_error_to_storage(exc) from exc


def finish_interrupted_removals(root: Path) -> None:
    """A removal killed half-way left a hidden folder: finish it (the profile was already gone)."""
    if not root.is_dir():
        return
    for hidden in root.glob(".removing-*"):
        with contextlib.suppress(OSError):
            for name in _KEY_FILES:
                _overwrite(hidden / name)
            shutil.rmtree(hidden)


__all__ = ["destroy_profile_folder", "finish_interrupted_removals"]
