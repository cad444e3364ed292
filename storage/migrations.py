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


MIGRATIONS: list[tuple[str, Callable[[sqlite.Cursor], None]]] = [
    ("create_conversations_and_messages", _create_conversations_and_messages),
    ("create_settings", _create_settings),
    ("create_safety_plan", _create_safety_plan),
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
