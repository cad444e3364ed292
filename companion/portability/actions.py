"""The data operations the window offers, on an unlocked session (or, for restore and a forgotten
passphrase, on the profile store). Each is one blocking call: the window runs it off the GUI thread.

    backup(session, store, "/media/usb/sam-2026-12-02.companion-backup", "passphrase", same_as_profile=True)
    restore(store, path, "passphrase", nickname=None)          # -> ProfileInfo of the new profile
    change_passphrase(session, old, new)
    make_recovery_code(store, session.name, passphrase)        # -> "7K2M-..." shown once
    remove_profile(store, session)                             # locks, then destroys
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from companion.portability.contents import Counts, counts
from companion.chat.session import Session
from storage import ProfileInfo, ProfileStore
from storage.backup import (SUFFIX, BackupFile, BackupNote, inspect_backup, read_note, restore_backup, suggested_name,
                            write_backup)
from storage.keyfile import read_keyfile
from storage.recovery import has_recovery_code, reset_passphrase_with_code, set_recovery_code

__all__ = ["SUFFIX", "suggested_name", "BackupFile", "BackupNote", "Counts", "backup", "change_passphrase", "check_passphrase", "counts_of",
           "has_recovery_code_for", "inspect_backup", "make_recovery_code", "read_note", "remove_profile",
           "reset_with_recovery_code", "restore"]


def check_passphrase(store: ProfileStore, nickname: str, passphrase: str) -> None:
    """Raise WrongPassphrase unless ``passphrase`` opens this profile (one Argon2; the vault is not touched)."""
    info = store.find(nickname)
    read_keyfile(info.key_path, passphrase, info.id.encode())


def backup(session: Session, store: ProfileStore, target: Path, passphrase: str, *, same_as_profile: bool,
           progress: Callable[[str, float], None] | None = None) -> Path:
    """With ``same_as_profile`` the passphrase is checked against the profile first, so a typo never
    makes a backup nobody can open."""
    if same_as_profile:
        check_passphrase(store, session.name, passphrase)
    return write_backup(session.vault, session.name, Path(target), passphrase, store.kdf, progress)


def restore(store: ProfileStore, path: Path, passphrase: str, nickname: str | None = None) -> ProfileInfo:
    return restore_backup(store, Path(path), passphrase, nickname)


def change_passphrase(session: Session, old: str, new: str) -> None:
    session.change_passphrase(old, new)


def make_recovery_code(store: ProfileStore, nickname: str, passphrase: str) -> str:
    return set_recovery_code(store, nickname, passphrase)


def has_recovery_code_for(store: ProfileStore, nickname: str) -> bool:
    return has_recovery_code(store.find(nickname))


def reset_with_recovery_code(store: ProfileStore, nickname: str, code: str, new_passphrase: str) -> None:
    reset_passphrase_with_code(store, nickname, code, new_passphrase)


def counts_of(session: Session) -> Counts:
    return counts(session.vault)


def remove_profile(store: ProfileStore, session: Session) -> None:
    """Lock the session (the reply in progress is stopped, the vault closed), then destroy its files."""
    nickname = session.name
    session.lock(wait=True)
    store.remove(nickname)
