"""Making what a person typed or pasted safe to store and to send to a model, without losing it."""

from __future__ import annotations

import unicodedata

#: Longer messages are refused with a clear message (the input box keeps the text); a 1 MB paste
#: would not fit any local model's context and would take minutes to read.
MAX_MESSAGE_CHARS = 20_000


class MessageTooLong(ValueError):
    def __init__(self, length: int) -> None:
        super().__init__(f"This message is {length:,} characters long; the limit is {MAX_MESSAGE_CHARS:,}.")
        self.length = length


class EmptyMessage(ValueError):
    pass


def clean_message(text: str) -> str:
    """Drop control characters (keeping newlines and tabs) and unpaired surrogates; normalise
    line endings. Right-to-left text and emoji pass through untouched."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for ch in text:
        if ch in "\n\t":
            kept.append(ch)
            continue
        category = unicodedata.category(ch)
        if category == "Cs" or (category == "Cc"):
            continue
        kept.append(ch)
    cleaned = "".join(kept).strip()
    if not cleaned:
        raise EmptyMessage("The message is empty.")
    if len(cleaned) > MAX_MESSAGE_CHARS:
        raise MessageTooLong(len(cleaned))
    return cleaned
