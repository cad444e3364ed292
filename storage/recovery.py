"""A recovery code: a second, independent wrapping of the vault key (``recovery.json``).

The code is 140 random bits shown once as 28 letters and digits in groups of four (Crockford's
base-32 alphabet, no I/L/O/U, so it survives being read aloud or copied by hand). It is sealed the
same way as the passphrase (Argon2id + AES-GCM) with its own salt, so it opens the profile exactly
like a second passphrase: with it a person who forgot their passphrase can set a new one. Without
the passphrase or the code nothing can be recovered, by design.
"""

from __future__ import annotations

import secrets

from storage.errors import DamagedVault, WrongPassphrase
from storage.fsutil import atomic_write_bytes
from storage.keyfile import read_keyfile, write_keyfile
from storage.profiles import ProfileInfo, ProfileStore

_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_AAD_SUFFIX = b"/recovery"
RECOVERY_FILE = "recovery.json"


def new_recovery_code() -> str:
    """28 symbols of 5 bits (140 bits) shown as ``XXXX-XXXX-...`` (seven groups)."""
    symbols = "".join(secrets.choice(_ALPHABET) for _ in range(28))
    return "-".join(symbols[i:i + 4] for i in range(0, 28, 4))


def normalise_code(code: str) -> str:
    """What a person typed, forgiving case, spaces, dashes and the letters people confuse."""
    text = code.upper().translate(str.maketrans({"O": "0", "I": "1", "L": "1"}))
    symbols = "".join(ch for ch in text if ch in _ALPHABET)
    return "-".join(symbols[i:i + 4] for i in range(0, len(symbols), 4))


def _aad(info: ProfileInfo) -> bytes:
    return info.id.encode() + _AAD_SUFFIX


def has_recovery_code(info: ProfileInfo) -> bool:
    return (info.folder / RECOVERY_FILE).exists()


def set_recovery_code(store: ProfileStore, nickname: str, passphrase: str) -> str:
    """Make (or replace) the profile's recovery code; return it, to be shown once."""
    info = store.find(nickname)
    key = read_keyfile(info.key_path, passphrase, info.id.encode())
    code = new_recovery_code()
    write_keyfile(info.folder / RECOVERY_FILE, key, code, _aad(info), store.kdf)
    return code


def remove_recovery_code(store: ProfileStore, nickname: str) -> None:
    info = store.find(nickname)
    path = info.folder / RECOVERY_FILE
    if path.exists():
        atomic_write_bytes(path, secrets.token_bytes(512))  # overwrite first (best effort; see SECURITY.md)
        path.unlink()


def reset_passphrase_with_code(store: ProfileStore, nickname: str, code: str, new_passphrase: str) -> None:
    """Open the key with the recovery code and seal it under a new passphrase. The code stays valid."""
    if not new_passphrase:
        raise ValueError("A passphrase is needed.")
    info = store.find(nickname)
    path = info.folder / RECOVERY_FILE
    if not path.exists():
        raise WrongPassphrase("This profile has no recovery code.")
    try:
        key = read_keyfile(path, normalise_code(code), _aad(info))
    except WrongPassphrase:
        raise WrongPassphrase("That recovery code does not open this profile.") from None
    except DamagedVault:
        raise DamagedVault("The profile's recovery file is damaged.") from None
    write_keyfile(info.key_path, key, new_passphrase, info.id.encode(), store.kdf)


__all__ = ["has_recovery_code", "new_recovery_code", "normalise_code", "remove_recovery_code",
           "reset_passphrase_with_code", "set_recovery_code"]
