"""Encrypted storage: one SQLCipher vault per profile.

This is the only package that imports ``sqlcipher3``; it imports nothing else of ours.
"""

from storage.errors import (
    DamagedVault,
    DiskFull,
    ProfileExists,
    ProfileNotFound,
    ReadOnlyStorage,
    StorageError,
    VaultFromFuture,
    UnexpectedStorageError,
    VaultLocked,
    WrongPassphrase,
)
from storage.profiles import ProfileStore, ProfileInfo
from storage.vault import Vault
from storage.conversations import ConversationRecord, ConversationRepository, MessageRecord

__all__ = [
    "ConversationRecord",
    "ConversationRepository",
    "DamagedVault",
    "DiskFull",
    "MessageRecord",
    "ProfileExists",
    "ProfileInfo",
    "ProfileNotFound",
    "ProfileStore",
    "ReadOnlyStorage",
    "StorageError",
    "Vault",
    "VaultFromFuture",
    "UnexpectedStorageError",
    "VaultLocked",
    "WrongPassphrase",
]
