"""Conversations and their messages. Every method is its own committed transaction."""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass

from storage.vault import Vault


@dataclass(frozen=True)
class ConversationRecord:
    id: str
    title: str
    created_at: float
    updated_at: float


@dataclass(frozen=True)
class MessageRecord:
    id: int
    conversation_id: str
    role: str  # "user" | "assistant"
    text: str
    status: str  # "complete" | "stopped" | "replaced"
    created_at: float


_MESSAGE_COLUMNS = "id, conversation_id, role, text, status, created_at"


class ConversationRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    def create(self, title: str = "") -> ConversationRecord:
        now = time.time()
        record = ConversationRecord(uuid.uuid4().hex, title, now, now)
        with self._vault.transaction() as cur:
            cur.execute(
                "INSERT INTO conversations (id, title, created_at, updated_at) VALUES (?, ?, ?, ?)",
                (record.id, record.title, record.created_at, record.updated_at),
            )
        return record

    def get(self, conversation_id: str) -> ConversationRecord | None:
        with self._vault.reading() as cur:
            row = cur.execute(
                "SELECT id, title, created_at, updated_at FROM conversations WHERE id = ?",
                (conversation_id,),
            ).fetchone()
        return ConversationRecord(*row) if row else None

    def list(self) -> list[ConversationRecord]:
        """Most recently active first."""
        with self._vault.reading() as cur:
            rows = cur.execute(
                "SELECT id, title, created_at, updated_at FROM conversations "
                "ORDER BY updated_at DESC, created_at DESC"
            ).fetchall()
        return [ConversationRecord(*row) for row in rows]

    def rename(self, conversation_id: str, title: str) -> None:
        with self._vault.transaction() as cur:
            cur.execute("UPDATE conversations SET title = ? WHERE id = ?", (title, conversation_id))

    def delete(self, conversation_id: str) -> None:
        # secure_delete=ON overwrites the freed pages, so the words do not linger in free space.
        with self._vault.transaction() as cur:
            cur.execute("DELETE FROM messages WHERE conversation_id = ?", (conversation_id,))
            cur.execute("DELETE FROM conversations WHERE id = ?", (conversation_id,))

    def add_message(self, conversation_id: str, role: str, text: str, status: str = "complete") -> MessageRecord:
        now = time.time()
        with self._vault.transaction() as cur:
            cur.execute(
                "INSERT INTO messages (conversation_id, role, text, status, created_at) VALUES (?, ?, ?, ?, ?)",
                (conversation_id, role, text, status, now),
            )
            message_id = cur.lastrowid
            cur.execute(
                "UPDATE conversations SET updated_at = ?, "
                "title = CASE WHEN title = '' AND ? = 'user' THEN ? ELSE title END WHERE id = ?",
                (now, role, _title_from(text), conversation_id),
            )
        return MessageRecord(message_id, conversation_id, role, text, status, now)

    def add_reply(self, conversation_id: str, text: str, status: str, replaces: int | None) -> MessageRecord:
        """Commit a finished reply; a regenerated reply hides the one it replaces in the same commit."""
        now = time.time()
        with self._vault.transaction() as cur:
            cur.execute(
                "INSERT INTO messages (conversation_id, role, text, status, created_at) "
                "VALUES (?, 'assistant', ?, ?, ?)",
                (conversation_id, text, status, now),
            )
            message_id = cur.lastrowid
            if replaces is not None:
                cur.execute("UPDATE messages SET status = 'replaced' WHERE id = ?", (replaces,))
            cur.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (now, conversation_id))
        return MessageRecord(message_id, conversation_id, "assistant", text, status, now)

    def messages(self, conversation_id: str, include_replaced: bool = False) -> list[MessageRecord]:
        where = "" if include_replaced else " AND status != 'replaced'"
        with self._vault.reading() as cur:
            rows = cur.execute(
                f"SELECT {_MESSAGE_COLUMNS} FROM messages WHERE conversation_id = ?{where} ORDER BY id",
                (conversation_id,),
            ).fetchall()
        return [MessageRecord(*row) for row in rows]


def _title_from(text: str, limit: int = 48) -> str:
    line = " ".join(text.split())
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"
