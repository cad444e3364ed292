"""Profiles on disk: one folder each, holding a nickname, the sealed vault key and the vault.

    <home>/profiles/<random id>/profile.json   nickname only (shown on the unlock screen)
    <home>/profiles/<random id>/key.json       the vault key sealed by the passphrase
    <home>/profiles/<random id>/vault.db       SQLCipher database (+ -wal/-shm while open)

Folder names are random, so a nickname with any characters is fine and reveals nothing on disk
beyond the nickname itself, which the unlock screen must show anyway.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

from storage.errors import ProfileExists, ProfileNotFound
from storage.fsutil import atomic_write_bytes, fsync_dir, os_error_to_storage
from storage.removal import destroy_profile_folder, finish_interrupted_removals
from storage.keyfile import KdfParams, new_vault_key, read_keyfile, write_keyfile
from storage.vault import Vault

MAX_NICKNAME = 40


@dataclass(frozen=True)
class ProfileInfo:
    id: str
    nickname: str
    folder: Path

    @property
    def vault_path(self) -> Path:
        return self.folder / "vault.db"

    @property
    def key_path(self) -> Path:
        return self.folder / "key.json"


def clean_nickname(nickname: str) -> str:
    """Trim, normalise and refuse nicknames that could not be shown or told apart."""
    name = unicodedata.normalize("NFC", " ".join(nickname.split()))
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    if not name:
        raise ValueError("A nickname is needed.")
    if len(name) > MAX_NICKNAME:
        raise ValueError(f"A nickname can be at most {MAX_NICKNAME} characters.")
    return name


class ProfileStore:
    def __init__(self, home: Path, kdf: KdfParams | None = None) -> None:
        self.root = Path(home) / "profiles"
        self._kdf = kdf or KdfParams()

    @property
    def kdf(self) -> KdfParams:
        return self._kdf

    def _ensure_root(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise os_error_to_storage(exc) from exc

    def list(self) -> list[ProfileInfo]:
        """Profiles sorted by nickname. A folder whose profile.json is unreadable is skipped."""
        if not self.root.is_dir():
            return []
        found = []
        for folder in self.root.iterdir():
            if folder.name.startswith(".") or not folder.is_dir():
                continue
            try:
                doc = json.loads((folder / "profile.json").read_text("utf-8"))
                found.append(ProfileInfo(folder.name, str(doc["nickname"]), folder))
            except (OSError, ValueError, KeyError):
                continue
        return sorted(found, key=lambda p: p.nickname.casefold())

    def find(self, nickname: str) -> ProfileInfo:
        for info in self.list():
            if info.nickname == nickname:
                return info
        raise ProfileNotFound(f"No profile is called {nickname!r}.")

    def create(self, nickname: str, passphrase: str) -> tuple[ProfileInfo, Vault]:
        """Create the folder under a temporary name, then rename it into place (all or nothing)."""
        nickname = clean_nickname(nickname)
        if not passphrase:
            raise ValueError("A passphrase is needed.")
        if any(p.nickname.casefold() == nickname.casefold() for p in self.list()):
            raise ProfileExists(f"A profile called {nickname!r} already exists.")
        self._ensure_root()
        profile_id = uuid.uuid4().hex
        staging = self.root / f".creating-{profile_id}"
        final = self.root / profile_id
        try:
            staging.mkdir()
            atomic_write_bytes(
                staging / "profile.json",
                json.dumps({"nickname": nickname, "created_at": time.time()}, ensure_ascii=False).encode("utf-8"),
            )
            key = new_vault_key()
            write_keyfile(staging / "key.json", key, passphrase, profile_id.encode(), self._kdf)
            Vault.open(staging / "vault.db", key, create=True).close()
            os.replace(staging, final)
            fsync_dir(self.root)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise os_error_to_storage(exc) from exc
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        info = ProfileInfo(profile_id, nickname, final)
        return info, Vault.open(info.vault_path, key)

    def unlock(self, nickname: str, passphrase: str) -> tuple[ProfileInfo, Vault]:
        """Raises WrongPassphrase without opening (let alone touching) the vault file."""
        info = self.find(nickname)
        key = read_keyfile(info.key_path, passphrase, info.id.encode())
        return info, Vault.open(info.vault_path, key)

    def change_passphrase(self, nickname: str, old: str, new: str) -> None:
        """Re-seal the 32-byte vault key; the vault itself is not rewritten."""
        if not new:
            raise ValueError("A passphrase is needed.")
        info = self.find(nickname)
        key = read_keyfile(info.key_path, old, info.id.encode())
        write_keyfile(info.key_path, key, new, info.id.encode(), self._kdf)

    def remove(self, nickname: str) -> None:
        """Hide the folder, overwrite the sealed keys, delete everything (storage/removal.py)."""
        destroy_profile_folder(self.find(nickname).folder)
        finish_interrupted_removals(self.root)


__all__ = ["ProfileInfo", "ProfileStore", "clean_nickname"]
