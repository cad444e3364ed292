"""What a reply sends to whoever asked for it, on the model thread, in this order: an optional
``SafetyNotice`` (the person's message was flagged), ``ReplyToken`` pieces as they stream, at most one
``ReplyWithdrawn`` (the safety layer took back what was shown), and always exactly one ``ReplyDone``."""

from __future__ import annotations

from dataclasses import dataclass

from companion.safety.monitor import SafetyNotice
from storage import MessageRecord

Message = MessageRecord


@dataclass(frozen=True)
class ReplyToken:
    request_id: int
    conversation_id: str
    text: str


@dataclass(frozen=True)
class ReplyWithdrawn:
    """The safety layer withdrew what was shown so far; ``replacement`` is shown instead."""

    request_id: int
    conversation_id: str
    replacement: str


@dataclass(frozen=True)
class ReplyDone:
    request_id: int
    conversation_id: str
    text: str
    stopped: bool
    message: Message | None  # the committed reply; None when nothing was saved
    error: str = ""  # why there is no reply (no model / model failed)
    save_error: str = ""  # the reply could not be saved (disk full...)
    recalled: tuple[str, ...] = ()  # the memories the model was given for this reply
    #: "generated" (the model's, shaped), "guided" (scripted CBT move: no capable model) or "fallback"
    #: (the model's reply failed a hard check; a guided one replaced it). "" for safety scripts.
    mode: str = ""
    generated: str | None = None  # the model's shaped reply before any fallback (for the bench)


ReplyEvent = SafetyNotice | ReplyToken | ReplyWithdrawn | ReplyDone
