"""Named, ordered schema migrations, tracked with ``PRAGMA user_version``.

Each migration runs once, in its own transaction together with the version bump, so a crash leaves
the vault at the previous or the next version, never in between. Append new migrations; never edit
or reorder the ones that shipped.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlcipher3 import dbapi2 as sqlite


def _create_conversations_and_messages(cur: sqlite.Cursor) -> None:
    cur.execute(
        """
        CREATE TABLE conversations (
            id          TEXT PRIMARY KEY,
            title       TEXT NOT NULL DEFAULT '',
            created_at  REAL NOT NULL,
            updated_at  REAL NOT NULL
        )"""
    )
    cur.execute(
        """
        CREATE TABLE messages (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id  TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            role             TEXT NOT NULL CHECK (role IN ('user', 'assistant')),
            text             TEXT NOT NULL,
            status           TEXT NOT NULL DEFAULT 'complete'
                             CHECK (status IN ('complete', 'stopped', 'replaced')),
            created_at       REAL NOT NULL
        )"""
    )
    cur.execute("CREATE INDEX messages_by_conversation ON messages(conversation_id, id)")


def _create_settings(cur: sqlite.Cursor) -> None:
    # Per-profile preferences live inside the vault, so nothing personal sits in a plain settings file.
    cur.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL)")


def _create_safety_plan(cur: sqlite.Cursor) -> None:
    # The Stanley-Brown safety plan (issue 3): one row per section, written as the person types.
    cur.execute(
        """
        CREATE TABLE safety_plan (
            section     TEXT PRIMARY KEY,
            text        TEXT NOT NULL,
            updated_at  REAL NOT NULL
        )"""
    )


def _create_safety_events(cur: sqlite.Cursor) -> None:
    # What the safety layer flagged in a conversation (issue 3); deleted with the conversation.
    cur.execute(
        """
        CREATE TABLE safety_events (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id  TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            message_id       INTEGER REFERENCES messages(id) ON DELETE CASCADE,
            kind             TEXT NOT NULL CHECK (kind IN ('message', 'reply_withdrawn')),
            level            TEXT NOT NULL CHECK (level IN ('none', 'elevated', 'imminent')),
            reasons          TEXT NOT NULL,
            lang             TEXT NOT NULL,
            rules_version    TEXT NOT NULL,
            created_at       REAL NOT NULL,
            correction       TEXT,
            corrected_at     REAL
        )"""
    )
    cur.execute("CREATE INDEX safety_events_by_conversation ON safety_events(conversation_id, id)")
    cur.execute("CREATE INDEX safety_events_by_message ON safety_events(message_id)")


MIGRATIONS: list[tuple[str, Callable[[sqlite.Cursor], None]]] = [
    ("create_conversations_and_messages", _create_conversations_and_messages),
    ("create_settings", _create_settings),
    ("create_safety_plan", _create_safety_plan),
    ("create_safety_events", _create_safety_events),
]


def apply_migrations(conn: sqlite.Connection) -> list[str]:
    """Apply the migrations this vault has not seen yet; return their names."""
    applied = []
    current = conn.execute("PRAGMA user_version").fetchone()[0]
    for number, (name, migrate) in enumerate(MIGRATIONS, start=1):
        if number <= current:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            migrate(conn.cursor())
            conn.execute(f"PRAGMA user_version = {number:d}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
