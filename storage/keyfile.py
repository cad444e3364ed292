"""The wrapped vault key: a random 32-byte key, sealed by a key derived from the passphrase.

The vault itself is opened with a raw key (never the passphrase in a PRAGMA string), so a
passphrase change only re-seals these 32 bytes instead of re-encrypting the whole vault. This is
the pattern KeePassXC, Cryptomator and Standard Notes use. Argon2id makes guessing costly; AES-GCM
makes a wrong passphrase detectable without touching the vault file at all.
"""

from __future__ import annotations

import base64
import json
import secrets
from dataclasses import dataclass
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from storage.errors import DamagedVault, WrongPassphrase
from storage.fsutil import atomic_write_bytes

VAULT_KEY_BYTES = 32
FORMAT_VERSION = 1


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The defaults follow RFC 9106's second recommended option (64 MiB, t=3)."""

    time_cost: int = 3
    memory_kib: int = 64 * 1024
    parallelism: int = 2


def new_vault_key() -> bytes:
    return secrets.token_bytes(VAULT_KEY_BYTES)


def _derive(passphrase: str, salt: bytes, params: KdfParams) -> bytes:
    return hash_secret_raw(
        secret=passphrase.encode("utf-8", "surrogatepass"),
        salt=salt,
        time_cost=params.time_cost,
        memory_cost=params.memory_kib,
        parallelism=params.parallelism,
        hash_len=32,
        type=Type.ID,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def seal(vault_key: bytes, passphrase: str, aad: bytes, params: KdfParams) -> bytes:
    """Return the key file's bytes: KDF parameters, salt, nonce and the sealed key."""
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    sealed = AESGCM(_derive(passphrase, salt, params)).encrypt(nonce, vault_key, aad)
    doc = {
        "format": FORMAT_VERSION,
        "kdf": "argon2id",
        "time_cost": params.time_cost,
        "memory_kib": params.memory_kib,
        "parallelism": params.parallelism,
        "salt": _b64(salt),
        "nonce": _b64(nonce),
        "sealed_key": _b64(sealed),
    }
    return json.dumps(doc, indent=1).encode("ascii")


def unseal(data: bytes, passphrase: str, aad: bytes) -> bytes:
    """Return the vault key, or raise WrongPassphrase / DamagedVault."""
    try:
        doc = json.loads(data.decode("ascii"))
        if doc.get("format") != FORMAT_VERSION or doc.get("kdf") != "argon2id":
            raise DamagedVault("The profile's key file has an unknown format.")
        params = KdfParams(int(doc["time_cost"]), int(doc["memory_kib"]), int(doc["parallelism"]))
        salt = base64.b64decode(doc["salt"], validate=True)
        nonce = base64.b64decode(doc["nonce"], validate=True)
        sealed = base64.b64decode(doc["sealed_key"], validate=True)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise DamagedVault("The profile's key file is damaged.") from exc
    try:
        key = AESGCM(_derive(passphrase, salt, params)).decrypt(nonce, sealed, aad)
    except InvalidTag:
        raise WrongPassphrase("That passphrase does not open this profile.") from None
    if len(key) != VAULT_KEY_BYTES:
        raise DamagedVault("The profile's key file is damaged.")
    return key


def write_keyfile(path: Path, vault_key: bytes, passphrase: str, aad: bytes, params: KdfParams) -> None:
    """Seal and replace the key file atomically: a crash leaves either the old or the new file."""
    atomic_write_bytes(path, seal(vault_key, passphrase, aad, params))


def read_keyfile(path: Path, passphrase: str, aad: bytes) -> bytes:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise DamagedVault("The profile's key file is missing.") from None
    return unseal(data, passphrase, aad)


def hex_key(vault_key: bytes) -> str:
    """The SQLCipher raw-key literal. Only hex digits, so no quoting can break it."""
    assert len(vault_key) == VAULT_KEY_BYTES
    return "x'" + vault_key.hex() + "'"


__all__ = ["KdfParams", "new_vault_key", "read_keyfile", "write_keyfile", "hex_key"]
