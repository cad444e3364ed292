"""The companion's core: profiles, sessions, the model thread and the safety seam. No Qt here."""

from companion.app import Companion
from companion.chat.events import ReplyDone, ReplyEvent, ReplyToken, ReplyWithdrawn
from companion.chat.session import ChatUnavailable, Conversation, Message, Session, Turn
from companion.chat.worker import ModelState, ModelWorker, StateChanged
from companion.text_input import EmptyMessage, MessageTooLong
from models import GenerationOptions
from storage.keyfile import KdfParams
from storage.errors import (
    DamagedVault,
    DiskFull,
    ProfileExists,
    ProfileNotFound,
    ReadOnlyStorage,
    StorageError,
    VaultFromFuture,
    VaultLocked,
    WrongPassphrase,
)

__all__ = [
    "ChatUnavailable",
    "Companion",
    "Conversation",
    "DamagedVault",
    "DiskFull",
    "EmptyMessage",
    "GenerationOptions",
    "KdfParams",
    "Message",
    "MessageTooLong",
    "ModelState",
    "ModelWorker",
    "ProfileExists",
    "ProfileNotFound",
    "ReadOnlyStorage",
    "ReplyDone",
    "ReplyEvent",
    "ReplyToken",
    "ReplyWithdrawn",
    "Session",
    "StateChanged",
    "StorageError",
    "Turn",
    "VaultFromFuture",
    "VaultLocked",
    "WrongPassphrase",
]
