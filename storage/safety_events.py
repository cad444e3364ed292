"""Flagged safety events of a conversation: what the safety layer noticed, and the person's correction.

Saved in the vault with the conversation (and deleted with it), so the card that appeared with a
reply comes back when the conversation is reopened, and "that's not what I meant" is remembered.
Only the level, the reasons (the rules' own wording), the rules version and the times are stored; a
withdrawn reply is recorded by its reasons alone, never its text. Every method is its own committed
transaction.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from storage.vault import Vault

#: What an event is about: the person's message was flagged, or a model reply was withdrawn.
KINDS = ("message", "reply_withdrawn")


@dataclass(frozen=True)
class SafetyEventRecord:
    id: int
    conversation_id: str
    message_id: int | None  # the person's message the event is about
    kind: str  # "message" | "reply_withdrawn"
    level: str  # "none" | "elevated" | "imminent"
    reasons: tuple[str, ...]
    lang: str  # the language the reasons are written in ("en" | "zh")
    rules_version: str
    created_at: float
    correction: str | None = None  # the person's own words ("" when they only pressed the button)
    corrected_at: float | None = None

    @property
    def corrected(self) -> bool:
        return self.corrected_at is not None


_COLUMNS = ("id, conversation_id, message_id, kind, level, reasons, lang, rules_version, created_at, "
            "correction, corrected_at")


def _record(row: tuple) -> SafetyEventRecord:
    values = list(row)
    values[5] = tuple(json.loads(values[5]))
    return SafetyEventRecord(*values)


class SafetyEventRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def add(self, conversation_id: str, message_id: int | None, kind: str, level: str,
            reasons: tuple[str, ...] | list[str], lang: str, rules_version: str) -> SafetyEventRecord:
        if kind not in KINDS:
            raise ValueError(f"unknown safety event kind {kind!r}")
        now = time.time()
        reasons = tuple(str(r) for r in reasons)
        with self._vault.transaction() as cur:
            cur.execute(
                "INSERT INTO safety_events (conversation_id, message_id, kind, level, reasons, lang, "
                "rules_version, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (conversation_id, message_id, kind, level, json.dumps(list(reasons), ensure_ascii=False),
                 lang, rules_version, now),
            )
            event_id = cur.lastrowid
        return SafetyEventRecord(event_id, conversation_id, message_id, kind, level, reasons, lang,
                                 rules_version, now)

    def get(self, event_id: int) -> SafetyEventRecord | None:
        with self._vault.reading() as cur:
            row = cur.execute(f"SELECT {_COLUMNS} FROM safety_events WHERE id = ?", (event_id,)).fetchone()
        return _record(row) if row else None

    def for_conversation(self, conversation_id: str, kind: str | None = None) -> list[SafetyEventRecord]:
        """Oldest first."""
        query = f"SELECT {_COLUMNS} FROM safety_events WHERE conversation_id = ?"
        args: tuple = (conversation_id,)
        if kind is not None:
            query += " AND kind = ?"
            args += (kind,)
        with self._vault.reading() as cur:
            rows = cur.execute(query + " ORDER BY id", args).fetchall()
        return [_record(row) for row in rows]

    def for_message(self, message_id: int, kind: str = "message") -> SafetyEventRecord | None:
        with self._vault.reading() as cur:
            row = cur.execute(f"SELECT {_COLUMNS} FROM safety_events WHERE message_id = ? AND kind = ? "
                              "ORDER BY id LIMIT 1", (message_id, kind)).fetchone()
        return _record(row) if row else None

    def correct(self, event_id: int, text: str = "") -> SafetyEventRecord | None:
        """Record "that's not what I meant" (again: a later call replaces the words and the time)."""
        with self._vault.transaction() as cur:
            cur.execute("UPDATE safety_events SET correction = ?, corrected_at = ? WHERE id = ?",
                        (text, time.time(), event_id))
        return self.get(event_id)
