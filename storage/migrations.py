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


def _create_practice(cur: sqlite.Cursor) -> None:
    # Exercise runs (issue 4): the engine's JSON state, rewritten after every step so a run left
    # half-way resumes exactly where it stopped; completed runs stay as history until deleted.
    cur.execute(
        """
        CREATE TABLE exercise_runs (
            id            TEXT PRIMARY KEY,
            flow_id       TEXT NOT NULL,
            state         TEXT NOT NULL,
            complete      INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1)),
            created_at    REAL NOT NULL,
            updated_at    REAL NOT NULL,
            completed_at  REAL
        )"""
    )
    cur.execute("CREATE INDEX exercise_runs_by_state ON exercise_runs(complete, updated_at)")
    # Self-check results, kept for the progress view; answers as JSON in item order.
    cur.execute(
        """
        CREATE TABLE self_check_results (
            id             INTEGER PRIMARY KEY AUTOINCREMENT,
            instrument_id  TEXT NOT NULL,
            answers        TEXT NOT NULL,
            total          INTEGER NOT NULL,
            severity       TEXT,
            flags          TEXT NOT NULL DEFAULT '[]',
            taken_at       REAL NOT NULL
        )"""
    )
    cur.execute("CREATE INDEX self_check_results_by_instrument ON self_check_results(instrument_id, taken_at)")
    # A self-check being answered: the answers so far, one draft per self-check.
    cur.execute(
        """
        CREATE TABLE self_check_drafts (
            instrument_id  TEXT PRIMARY KEY,
            answers        TEXT NOT NULL,
            updated_at     REAL NOT NULL
        )"""
    )

def _create_memory_and_search(cur: sqlite.Cursor) -> None:
    """Memories, conversation summaries, folds of long conversations, the per-conversation
    "don't remember this" switch, and FTS5 indexes. The indexes are contentless (the words are stored
    once, in their own table) with secure-delete on, so a deleted word leaves the index too; Chinese
    is indexed as overlapping bigrams made in Python (storage/search.py)."""
    for sql in (
        """CREATE TABLE memories (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            text             TEXT NOT NULL,
            kind             TEXT NOT NULL DEFAULT 'fact',
            origin           TEXT NOT NULL CHECK (origin IN ('conversation', 'person')),
            conversation_id  TEXT REFERENCES conversations(id) ON DELETE SET NULL,
            message_id       INTEGER REFERENCES messages(id) ON DELETE SET NULL,
            status           TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'proposed')),
            pinned           INTEGER NOT NULL DEFAULT 0,
            created_at       REAL NOT NULL,
            updated_at       REAL NOT NULL)""",
        """CREATE TABLE summaries (
            id                  INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id     TEXT NOT NULL UNIQUE REFERENCES conversations(id) ON DELETE CASCADE,
            text                TEXT NOT NULL,
            through_message_id  INTEGER NOT NULL,
            created_at          REAL NOT NULL,
            updated_at          REAL NOT NULL)""",
        """CREATE TABLE folds (
            id                  INTEGER PRIMARY KEY AUTOINCREMENT,
            conversation_id     TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
            through_message_id  INTEGER NOT NULL,
            text                TEXT NOT NULL,
            created_at          REAL NOT NULL)""",
        "CREATE INDEX folds_by_conversation ON folds(conversation_id, id)",
        """CREATE TABLE conversation_memory (
            conversation_id  TEXT PRIMARY KEY REFERENCES conversations(id) ON DELETE CASCADE,
            remember         INTEGER NOT NULL DEFAULT 1)""",
        """CREATE TABLE recalls (
            message_id   INTEGER PRIMARY KEY REFERENCES messages(id) ON DELETE CASCADE,
            memory_ids   TEXT NOT NULL DEFAULT '',
            summary_ids  TEXT NOT NULL DEFAULT '')""",
        """CREATE TABLE search_docs (
            id               INTEGER PRIMARY KEY AUTOINCREMENT,
            source           TEXT NOT NULL,
            ref              TEXT NOT NULL,
            conversation_id  TEXT,
            created_at       REAL NOT NULL,
            UNIQUE (source, ref))""",
        "CREATE TABLE search_state (source TEXT PRIMARY KEY, high_water INTEGER NOT NULL)",
        "CREATE VIRTUAL TABLE search_fts USING fts5(body, content='', contentless_delete=1, "
        "tokenize='porter unicode61 remove_diacritics 2')",
        "CREATE VIRTUAL TABLE memory_fts USING fts5(body, content='', contentless_delete=1, "
        "tokenize='porter unicode61 remove_diacritics 2')",
        "CREATE VIRTUAL TABLE summary_fts USING fts5(body, content='', contentless_delete=1, "
        "tokenize='porter unicode61 remove_diacritics 2')",
        "INSERT INTO search_fts(search_fts, rank) VALUES ('secure-delete', 1)",
        "INSERT INTO memory_fts(memory_fts, rank) VALUES ('secure-delete', 1)",
        "INSERT INTO summary_fts(summary_fts, rank) VALUES ('secure-delete', 1)",
        # Deleting a message (with its conversation) takes its words out of the index at once.
        """CREATE TRIGGER search_forget_message AFTER DELETE ON messages BEGIN
            DELETE FROM search_fts WHERE rowid IN
                (SELECT id FROM search_docs WHERE source = 'message' AND ref = CAST(old.id AS TEXT));
            DELETE FROM search_docs WHERE source = 'message' AND ref = CAST(old.id AS TEXT);
        END""",
        """CREATE TRIGGER memory_fts_forget AFTER DELETE ON memories BEGIN
            DELETE FROM memory_fts WHERE rowid = old.id;
        END""",
        """CREATE TRIGGER summary_fts_forget AFTER DELETE ON summaries BEGIN
            DELETE FROM summary_fts WHERE rowid = old.id;
        END""",
    ):
        cur.execute(sql)

# A tuple: the schema's history is fixed at import, and a vault's version is its length.
MIGRATIONS: tuple[tuple[str, Callable[[sqlite.Cursor], None]], ...] = (
    ("create_conversations_and_messages", _create_conversations_and_messages),
    ("create_settings", _create_settings),
    ("create_safety_plan", _create_safety_plan),
    ("create_safety_events", _create_safety_events),
    ("create_practice", _create_practice),
    ("create_memory_and_search", _create_memory_and_search),
)


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
