"""Encrypted backups of a whole profile, in one file, and restoring one into a new profile.

A backup file is::

    MAGIC (17 bytes)  header length (4 bytes, big-endian)  header (JSON, ASCII)
    payload: a SQLCipher database made by ``sqlcipher_export`` under a fresh random *backup key*
    HMAC-SHA256 of everything before it, keyed from the backup key (32 bytes): nobody without the
        passphrase can change a byte and recompute it
    SHA-256 of everything before it (32 bytes): damage is named *before* a passphrase is asked for,
        so a cut-off copy is never mistaken for a wrong passphrase

The header holds the file format version, the backup key sealed by the passphrase (the same Argon2id +
AES-GCM sealing as the profile's key file), and a sealed JSON note (nickname, schema version, date).
Nothing a person wrote, and not their nickname, is readable without the passphrase.

The payload is exported from the live connection (SQLCipher's own export, inside one read transaction),
never copied from the WAL files by hand. Writing goes to a hidden temporary file next to the target,
fsynced, then renamed: after a crash the backup is complete and valid, or absent.
Restoring checks everything (format, checksum, passphrase, HMAC, schema version, both integrity
pragmas) before the data folder is touched beyond one hidden staging folder, which is removed on any
refusal.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import hmac
import json
import os
import secrets
import shutil
import struct
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlcipher3 import dbapi2 as sqlite

from storage.errors import DamagedVault, ProfileExists, StorageError, WrongPassphrase, classify_sqlite_error
from storage.fsutil import atomic_write_bytes, fsync_dir, os_error_to_storage
from storage.keyfile import hex_key, new_vault_key, seal, unseal, write_keyfile
from storage.migrations import MIGRATIONS
from storage.profiles import ProfileInfo, ProfileStore, clean_nickname
from storage.vault import Vault

MAGIC = b"COMPANION-BACKUP\n"
FORMAT_VERSION = 1
SUFFIX = ".companion-backup"
_LEN = struct.Struct(">I")
_TRAILER = 64  # HMAC + SHA-256
_MAX_HEADER = 64 * 1024
_CHUNK = 1 << 20
_KEY_AAD = b"companion-backup-key"
_META_AAD = b"companion-backup-meta"

#: Progress callback: (step name, fraction 0..1). Steps: "export", "write", "check", "restore".
Progress = Callable[[str, float], None]


class NotABackup(StorageError):
    kind = "not_a_backup"


class BackupDamaged(StorageError):
    kind = "backup_damaged"


class BackupFromFuture(StorageError):
    kind = "backup_from_future"


@dataclass(frozen=True)
class BackupFile:
    """What can be known about a backup file without its passphrase (its structure is checked)."""

    path: Path
    format: int
    size: int
    header: dict


@dataclass(frozen=True)
class BackupNote:
    """The sealed part of the header, known once the passphrase is right."""

    nickname: str
    schema: int
    created_at: float


def suggested_name(nickname: str, when: float | None = None) -> str:
    """``nickname-2026-12-02.companion-backup`` with characters that file systems refuse replaced."""
    day = time.strftime("%Y-%m-%d", time.localtime(when))
    safe = "".join("-" if ch in '<>:"/\\|?*' or ord(ch) < 32 else ch for ch in nickname).strip(" .") or "profile"
    return f"{safe}-{day}{SUFFIX}"


def _mac_key(backup_key: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=b"companion-backup-mac").derive(backup_key)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


# -- writing ----------------------------------------------------------------------------------------
def write_backup(vault: Vault, nickname: str, target: Path, passphrase: str, kdf,  # noqa: ANN001 - KdfParams
                 progress: Progress | None = None) -> Path:
    """Write an encrypted backup of ``vault`` to ``target`` (replacing it atomically); return ``target``."""
    if not passphrase:
        raise ValueError("A passphrase is needed.")
    report = progress or (lambda step, fraction: None)
    target = Path(target)
    folder = target.parent
    token = uuid.uuid4().hex[:12]
    payload_path = folder / f".{target.name}.{token}.export"
    partial = folder / f".{target.name}.{token}.partial"
    _remove_stale(folder, target.name)
    backup_key = new_vault_key()
    try:
        report("export", 0.0)
        vault.export_copy(payload_path, backup_key)
        report("export", 1.0)
        schema = _schema_of(payload_path, backup_key)
        note = json.dumps({"nickname": nickname, "schema": schema, "created_at": time.time()},
                          ensure_ascii=False).encode("utf-8")
        meta_nonce = secrets.token_bytes(12)
        header = json.dumps({
            "format": FORMAT_VERSION,
            "key": json.loads(seal(backup_key, passphrase, _KEY_AAD, kdf)),
            "meta_nonce": _b64(meta_nonce),
            "meta": _b64(AESGCM(backup_key).encrypt(meta_nonce, note, _META_AAD)),
            "payload_size": payload_path.stat().st_size,
        }).encode("ascii")
        prefix = MAGIC + _LEN.pack(len(header)) + header
        mac = hmac.new(_mac_key(backup_key), prefix, hashlib.sha256)
        digest = hashlib.sha256(prefix)
        total = payload_path.stat().st_size
        done = 0
        with open(partial, "xb") as out, open(payload_path, "rb") as src:
            out.write(prefix)
            while chunk := src.read(_CHUNK):
                out.write(chunk)
                mac.update(chunk)
                digest.update(chunk)
                done += len(chunk)
                report("write", done / max(total, 1))
            tag = mac.digest()
            digest.update(tag)
            out.write(tag + digest.digest())
            out.flush()
            os.fsync(out.fileno())
        os.replace(partial, target)
        fsync_dir(folder)
    except OSError as exc:
        raise os_error_to_storage(exc) from exc
    finally:
        for leftover in (payload_path, partial):
            with contextlib.suppress(OSError):
                leftover.unlink()
    report("write", 1.0)
    return target


def _remove_stale(folder: Path, name: str) -> None:
    """Hidden temporaries of an earlier backup to the same name that was killed half-way (encrypted)."""
    with contextlib.suppress(OSError):
        for path in folder.glob(f".{name}.*"):
            if path.suffix in (".export", ".partial"):
                path.unlink()


def _schema_of(path: Path, key: bytes) -> int:
    conn = sqlite.connect(str(path))
    try:
        conn.execute(f'PRAGMA key = "{hex_key(key)}"')
        return int(conn.execute("PRAGMA user_version").fetchone()[0])
    finally:
        conn.close()


# -- reading ----------------------------------------------------------------------------------------
def inspect_backup(path: Path) -> BackupFile:
    """Check a file's structure and checksum; no passphrase needed. Raises NotABackup, BackupDamaged,
    BackupFromFuture (a newer format), or a StorageError for an unreadable file."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            start = fh.read(len(MAGIC) + _LEN.size)
            if not start.startswith(MAGIC):
                raise NotABackup("This file is not a Companion backup.")
            if len(start) < len(MAGIC) + _LEN.size:
                raise BackupDamaged("The backup file is incomplete; it may have been cut off while it was copied.")
            (header_len,) = _LEN.unpack(start[len(MAGIC):])
            if header_len > _MAX_HEADER:
                raise BackupDamaged("The backup file is damaged and cannot be restored.")
            header_bytes = fh.read(header_len)
    except FileNotFoundError:
        raise NotABackup("The backup file could not be found.") from None
    except IsADirectoryError:
        raise NotABackup("This file is not a Companion backup.") from None
    except OSError as exc:
        raise os_error_to_storage(exc) from exc
    try:
        header = json.loads(header_bytes.decode("ascii"))
        fmt = int(header["format"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise BackupDamaged("The backup file is damaged and cannot be restored.") from None
    if fmt > FORMAT_VERSION:
        raise BackupFromFuture("This backup was made by a newer version of the app; update the app to restore it.")
    try:
        payload_size = int(header["payload_size"])
    except (ValueError, KeyError, TypeError):
        raise BackupDamaged("The backup file is damaged and cannot be restored.") from None
    expected = len(MAGIC) + _LEN.size + header_len + payload_size + _TRAILER
    if size < expected:
        raise BackupDamaged("The backup file is incomplete; it may have been cut off while it was copied.")
    if size > expected:
        raise BackupDamaged("The backup file is damaged and cannot be restored.")
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        remaining = size - 32
        while remaining:
            chunk = fh.read(min(_CHUNK, remaining))
            if not chunk:
                raise BackupDamaged("The backup file is incomplete; it may have been cut off while it was copied.")
            digest.update(chunk)
            remaining -= len(chunk)
        if not hmac.compare_digest(digest.digest(), fh.read(32)):
            raise BackupDamaged("The backup file is damaged and cannot be restored.")
    return BackupFile(path, fmt, size, header)


def _open_note(backup: BackupFile, passphrase: str) -> tuple[bytes, BackupNote]:
    header = backup.header
    try:
        key_doc = json.dumps(header["key"]).encode("ascii")
        meta_nonce = base64.b64decode(header["meta_nonce"], validate=True)
        meta = base64.b64decode(header["meta"], validate=True)
    except (ValueError, KeyError, TypeError):
        raise BackupDamaged("The backup file is damaged and cannot be restored.") from None
    try:
        backup_key = unseal(key_doc, passphrase, _KEY_AAD)
    except WrongPassphrase:
        raise WrongPassphrase("That passphrase does not open this backup.") from None
    except DamagedVault:
        raise BackupDamaged("The backup file is damaged and cannot be restored.") from None
    try:
        note = json.loads(AESGCM(backup_key).decrypt(meta_nonce, meta, _META_AAD).decode("utf-8"))
        return backup_key, BackupNote(str(note["nickname"]), int(note["schema"]), float(note["created_at"]))
    except (InvalidTag, ValueError, KeyError, TypeError):
        raise BackupDamaged("The backup file is damaged and cannot be restored.") from None


def read_note(path: Path, passphrase: str) -> BackupNote:
    """The nickname and date a backup was made with (checks the file and the passphrase)."""
    return _open_note(inspect_backup(path), passphrase)[1]


def restore_backup(store: ProfileStore, path: Path, passphrase: str, nickname: str | None = None,
                   progress: Progress | None = None) -> ProfileInfo:
    """Restore the backup at ``path`` as a new profile (its passphrase is the backup's) and return it.

    Never replaces a profile: a nickname already in use raises ProfileExists. Every other refusal
    (NotABackup, BackupDamaged, BackupFromFuture, WrongPassphrase) leaves the data folder as it was.
    """
    report = progress or (lambda step, fraction: None)
    report("check", 0.0)
    backup = inspect_backup(path)
    backup_key, note = _open_note(backup, passphrase)
    if note.schema > len(MIGRATIONS):
        raise BackupFromFuture("This backup was made by a newer version of the app; update the app to restore it.")
    name = clean_nickname(nickname if nickname is not None else note.nickname)
    if any(p.nickname.casefold() == name.casefold() for p in store.list()):
        raise ProfileExists(f"A profile called {name!r} already exists.")
    root_existed = store.root.exists()
    profile_id = uuid.uuid4().hex
    staging = store.root / f".restoring-{profile_id}"
    final = store.root / profile_id
    try:
        store.root.mkdir(parents=True, exist_ok=True)
        staging.mkdir()
        payload = staging / "backup.db"
        _copy_payload(backup, backup_key, payload, report)
        report("restore", 0.5)
        vault_key = new_vault_key()
        _reencrypt(payload, backup_key, staging / "vault.db", vault_key)
        payload.unlink()
        atomic_write_bytes(staging / "profile.json", json.dumps(
            {"nickname": name, "created_at": time.time(), "restored_from": note.created_at},
            ensure_ascii=False).encode("utf-8"))
        write_keyfile(staging / "key.json", vault_key, passphrase, profile_id.encode(), store.kdf)
        Vault.open(staging / "vault.db", vault_key).close()  # migrates an older backup; checks it again
        os.replace(staging, final)
        fsync_dir(store.root)
    except BaseException as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if not root_existed:
            with contextlib.suppress(OSError):
                store.root.rmdir()
        if isinstance(exc, OSError):
            raise os_error_to_storage(exc) from exc
        raise
    report("restore", 1.0)
    return ProfileInfo(profile_id, name, final)


def _copy_payload(backup: BackupFile, backup_key: bytes, out_path: Path, report: Progress) -> None:
    """Copy the payload out while checking the HMAC over the whole file; nothing is kept on a mismatch."""
    with open(backup.path, "rb") as fh:
        start = fh.read(len(MAGIC) + _LEN.size)
        (header_len,) = _LEN.unpack(start[len(MAGIC):])
        header_bytes = fh.read(header_len)
        mac = hmac.new(_mac_key(backup_key), start + header_bytes, hashlib.sha256)
        remaining = int(backup.header["payload_size"])
        total = max(remaining, 1)
        with open(out_path, "xb") as out:
            while remaining:
                chunk = fh.read(min(_CHUNK, remaining))
                if not chunk:
                    raise BackupDamaged("The backup file is incomplete; it may have been cut off while it was copied.")
                mac.update(chunk)
                out.write(chunk)
                remaining -= len(chunk)
                report("check", 1 - remaining / total)
            out.flush()
            os.fsync(out.fileno())
        if not hmac.compare_digest(mac.digest(), fh.read(32)):
            raise BackupDamaged("The backup file is damaged and cannot be restored.")


def _reencrypt(source: Path, source_key: bytes, target: Path, target_key: bytes) -> None:
    """Check the payload (both integrity pragmas) and export it under the new profile's own key."""
    try:
        conn = sqlite.connect(str(source), isolation_level=None)
    except sqlite.Error as exc:
        raise classify_sqlite_error(exc) from exc
    try:
        conn.execute(f'PRAGMA key = "{hex_key(source_key)}"')
        conn.execute("PRAGMA temp_store = MEMORY")
        if conn.execute("PRAGMA cipher_integrity_check").fetchall():
            raise BackupDamaged("The backup file is damaged and cannot be restored.")
        if conn.execute("PRAGMA integrity_check").fetchall() != [("ok",)]:
            raise BackupDamaged("The backup file is damaged and cannot be restored.")
        if conn.execute("PRAGMA user_version").fetchone()[0] > len(MIGRATIONS):
            raise BackupFromFuture("This backup was made by a newer version of the app; update the app to restore it.")
        conn.execute(f"ATTACH DATABASE ? AS restored KEY \"{hex_key(target_key)}\"", (str(target),))
        conn.execute("SELECT sqlcipher_export('restored')")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        conn.execute(f"PRAGMA restored.user_version = {int(version):d}")
        conn.execute("DETACH DATABASE restored")
    except StorageError:
        raise
    except sqlite.DatabaseError as exc:
        raise BackupDamaged("The backup file is damaged and cannot be restored.") from exc
    except sqlite.Error as exc:
        raise classify_sqlite_error(exc) from exc
    finally:
        conn.close()


__all__ = ["BackupDamaged", "BackupFile", "BackupFromFuture", "BackupNote", "NotABackup", "SUFFIX",
           "inspect_backup", "read_note", "restore_backup", "suggested_name", "write_backup"]
