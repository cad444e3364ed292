"""What the companion remembers about the person: memories, conversation summaries, the running fold
summary of long conversations, and the per-conversation "don't remember this" switch.

Every method is its own committed transaction. Memory and summary text is indexed for recall in two
small FTS5 tables of their own (see storage/search.py for the Chinese bigrams), so recall never has to
search every message.
"""

from __future__ import annotations

import contextlib
import time
from dataclasses import dataclass

from storage.search import match_any, segment
from storage.vault import Vault

MEMORY_KINDS = ("person", "goal", "helps", "hurts", "preference", "fact")


@dataclass(frozen=True)
class MemoryRecord:
    id: int
    text: str
    kind: str
    origin: str  # "conversation" (proposed by the companion) | "person" (added by the person)
    conversation_id: str | None  # where it came from; None once that conversation is deleted
    message_id: int | None
    status: str  # "active" | "proposed" (waits for the person to accept or dismiss it)
    pinned: bool
    created_at: float
    updated_at: float


@dataclass(frozen=True)
class SummaryRecord:
    id: int
    conversation_id: str
    text: str
    through_message_id: int  # the summary covers the conversation up to this message
    created_at: float
    updated_at: float
    conversation_title: str = ""


@dataclass(frozen=True)
class FoldRecord:
    id: int
    conversation_id: str
    through_message_id: int  # older messages are carried by ``text`` in the prompt, never deleted
    text: str
    created_at: float


@dataclass(frozen=True)
class ForgetCounts:
    memories: int
    proposals: int
    summaries: int
    folds: int


_MEMORY_COLUMNS = ("id, text, kind, origin, conversation_id, message_id, status, pinned, created_at, "
                   "updated_at")


def _memory(row: tuple) -> MemoryRecord:
    values = list(row)
    values[7] = bool(values[7])
    return MemoryRecord(*values)


class MemoryRepository:
    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    # -- memories ------------------------------------------------------------------------------
    def add(self, text: str, kind: str = "fact", *, origin: str = "person", conversation_id: str | None = None,
            message_id: int | None = None, status: str = "active", pinned: bool = False) -> MemoryRecord:
        now = time.time()
        with self._vault.transaction() as cur:
            cur.execute(
                "INSERT INTO memories (text, kind, origin, conversation_id, message_id, status, pinned, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (text, kind, origin, conversation_id, message_id, status, int(pinned), now, now))
            memory_id = cur.lastrowid
            cur.execute("INSERT INTO memory_fts (rowid, body) VALUES (?, ?)", (memory_id, segment(text)))
        return MemoryRecord(memory_id, text, kind, origin, conversation_id, message_id, status, pinned, now, now)

    def get(self, memory_id: int) -> MemoryRecord | None:
        with self._vault.reading() as cur:
            row = cur.execute(f"SELECT {_MEMORY_COLUMNS} FROM memories WHERE id = ?", (memory_id,)).fetchone()
        return _memory(row) if row else None

    def list(self, status: str | None = "active") -> list[MemoryRecord]:
        """Pinned first, then the newest."""
        where = "" if status is None else "WHERE status = ?"
        with self._vault.reading() as cur:
            rows = cur.execute(f"SELECT {_MEMORY_COLUMNS} FROM memories {where} "
                               "ORDER BY pinned DESC, updated_at DESC, id DESC",
                               () if status is None else (status,)).fetchall()
        return [_memory(r) for r in rows]

    def edit(self, memory_id: int, text: str, kind: str | None = None) -> None:
        with self._vault.transaction() as cur:
            cur.execute("UPDATE memories SET text = ?, kind = COALESCE(?, kind), updated_at = ? WHERE id = ?",
                        (text, kind, time.time(), memory_id))
            cur.execute("DELETE FROM memory_fts WHERE rowid = ?", (memory_id,))
            cur.execute("INSERT INTO memory_fts (rowid, body) VALUES (?, ?)", (memory_id, segment(text)))

    def set_pinned(self, memory_id: int, pinned: bool) -> None:
        with self._vault.transaction() as cur:
            cur.execute("UPDATE memories SET pinned = ? WHERE id = ?", (int(pinned), memory_id))

    def accept(self, memory_id: int) -> None:
        """A proposed memory becomes one the companion uses."""
        with self._vault.transaction() as cur:
            cur.execute("UPDATE memories SET status = 'active', updated_at = ? WHERE id = ?",
                        (time.time(), memory_id))

    def delete(self, memory_id: int) -> None:
        with self._vault.transaction() as cur:  # a trigger takes it out of memory_fts too
            cur.execute("DELETE FROM memories WHERE id = ?", (memory_id,))

    # -- summaries -----------------------------------------------------------------------------
    def save_summary(self, conversation_id: str, text: str, through_message_id: int) -> None:
        now = time.time()
        with self._vault.transaction() as cur:
            row = cur.execute("SELECT id FROM summaries WHERE conversation_id = ?", (conversation_id,)).fetchone()
            if row:
                cur.execute("UPDATE summaries SET text = ?, through_message_id = ?, updated_at = ? WHERE id = ?",
                            (text, through_message_id, now, row[0]))
                summary_id = row[0]
                cur.execute("DELETE FROM summary_fts WHERE rowid = ?", (summary_id,))
            else:
                cur.execute("INSERT INTO summaries (conversation_id, text, through_message_id, created_at, "
                            "updated_at) VALUES (?, ?, ?, ?, ?)", (conversation_id, text, through_message_id, now, now))
                summary_id = cur.lastrowid
            cur.execute("INSERT INTO summary_fts (rowid, body) VALUES (?, ?)", (summary_id, segment(text)))

    def edit_summary(self, summary_id: int, text: str) -> None:
        with self._vault.transaction() as cur:
            cur.execute("UPDATE summaries SET text = ?, updated_at = ? WHERE id = ?", (text, time.time(), summary_id))
            cur.execute("DELETE FROM summary_fts WHERE rowid = ?", (summary_id,))
            cur.execute("INSERT INTO summary_fts (rowid, body) VALUES (?, ?)", (summary_id, segment(text)))

    def delete_summary(self, summary_id: int) -> None:
        with self._vault.transaction() as cur:
            cur.execute("DELETE FROM summaries WHERE id = ?", (summary_id,))

    def summaries(self) -> list[SummaryRecord]:
        with self._vault.reading() as cur:
            rows = cur.execute(
                "SELECT s.id, s.conversation_id, s.text, s.through_message_id, s.created_at, s.updated_at, "
                "COALESCE(c.title, '') FROM summaries s LEFT JOIN conversations c ON c.id = s.conversation_id "
                "ORDER BY s.updated_at DESC").fetchall()
        return [SummaryRecord(*r) for r in rows]

    def summary_of(self, conversation_id: str) -> SummaryRecord | None:
        return next((s for s in self.summaries() if s.conversation_id == conversation_id), None)

    def conversations_needing_summary(self, min_messages: int = 2) -> list[tuple[str, int]]:
        """(conversation id, last message id) of conversations with messages newer than their summary,
        leaving out those marked "don't remember this"."""
        with self._vault.reading() as cur:
            rows = cur.execute(
                "SELECT m.conversation_id, MAX(m.id), COUNT(*) FROM messages m "
                "LEFT JOIN summaries s ON s.conversation_id = m.conversation_id "
                "LEFT JOIN conversation_memory cm ON cm.conversation_id = m.conversation_id "
                "WHERE m.status != 'replaced' AND COALESCE(cm.remember, 1) = 1 "
                "AND m.id > COALESCE(s.through_message_id, 0) "
                "GROUP BY m.conversation_id ORDER BY MAX(m.id)").fetchall()
        return [(cid, last) for cid, last, count in rows if count >= min_messages]

    # -- folds of long conversations -----------------------------------------------------------
    def add_fold(self, conversation_id: str, through_message_id: int, text: str) -> FoldRecord:
        now = time.time()
        with self._vault.transaction() as cur:
            cur.execute("INSERT INTO folds (conversation_id, through_message_id, text, created_at) VALUES (?, ?, ?, ?)",
                        (conversation_id, through_message_id, text, now))
            return FoldRecord(cur.lastrowid, conversation_id, through_message_id, text, now)

    def folds(self, conversation_id: str) -> list[FoldRecord]:
        with self._vault.reading() as cur:
            rows = cur.execute("SELECT id, conversation_id, through_message_id, text, created_at FROM folds "
                               "WHERE conversation_id = ? ORDER BY id", (conversation_id,)).fetchall()
        return [FoldRecord(*r) for r in rows]

    def latest_fold(self, conversation_id: str) -> FoldRecord | None:
        folds = self.folds(conversation_id)
        return folds[-1] if folds else None

    # -- "don't remember this" -----------------------------------------------------------------
    def set_remember(self, conversation_id: str, remember: bool) -> None:
        """Off: nothing from this conversation is summarised, proposed or recalled, and what was
        already made from it (its summary, fold summaries, proposals) is deleted."""
        with self._vault.transaction() as cur:
            cur.execute("INSERT INTO conversation_memory (conversation_id, remember) VALUES (?, ?) "
                        "ON CONFLICT(conversation_id) DO UPDATE SET remember = excluded.remember",
                        (conversation_id, int(remember)))
            if not remember:
                cur.execute("DELETE FROM summaries WHERE conversation_id = ?", (conversation_id,))
                cur.execute("DELETE FROM memories WHERE conversation_id = ? AND status = 'proposed'",
                            (conversation_id,))

    def remembers(self, conversation_id: str) -> bool:
        with self._vault.reading() as cur:
            row = cur.execute("SELECT remember FROM conversation_memory WHERE conversation_id = ?",
                              (conversation_id,)).fetchone()
        return bool(row[0]) if row else True

    # -- recall --------------------------------------------------------------------------------
    def recall(self, text: str, conversation_id: str | None, memories: int = 3,
               summaries: int = 2) -> tuple[list[MemoryRecord], list[SummaryRecord]]:
        """The pinned memories, then the active memories and the summaries of other conversations that
        best match ``text`` (bm25), leaving out anything from conversations marked "don't remember"."""
        expression = match_any(text)
        forgotten = ("SELECT conversation_id FROM conversation_memory WHERE remember = 0")
        with self._vault.reading() as cur:
            pinned = [_memory(r) for r in cur.execute(
                f"SELECT {_MEMORY_COLUMNS} FROM memories WHERE status = 'active' AND pinned = 1 "
                f"AND (conversation_id IS NULL OR conversation_id NOT IN ({forgotten})) "
                "ORDER BY updated_at DESC LIMIT ?", (memories,)).fetchall()]
            found: list[MemoryRecord] = []
            found_summaries: list[SummaryRecord] = []
            if expression:
                found = [_memory(r[1:]) for r in cur.execute(
                    f"SELECT f.rank, {', '.join('m.' + c.strip() for c in _MEMORY_COLUMNS.split(','))} "
                    "FROM (SELECT rowid, rank FROM memory_fts WHERE memory_fts MATCH ? ORDER BY rank LIMIT 20) f "
                    "JOIN memories m ON m.id = f.rowid WHERE m.status = 'active' AND m.pinned = 0 "
                    f"AND (m.conversation_id IS NULL OR m.conversation_id NOT IN ({forgotten})) "
                    "ORDER BY f.rank LIMIT ?", (expression, memories)).fetchall()]
                found_summaries = [SummaryRecord(*r[1:]) for r in cur.execute(
                    "SELECT f.rank, s.id, s.conversation_id, s.text, s.through_message_id, s.created_at, "
                    "s.updated_at, '' FROM (SELECT rowid, rank FROM summary_fts WHERE summary_fts MATCH ? "
                    "ORDER BY rank LIMIT 20) f JOIN summaries s ON s.id = f.rowid "
                    f"WHERE s.conversation_id IS NOT ? AND s.conversation_id NOT IN ({forgotten}) "
                    "ORDER BY f.rank LIMIT ?", (expression, conversation_id, summaries)).fetchall()]
        chosen = pinned + [m for m in found if m.id not in {p.id for p in pinned}]
        return chosen[:max(memories, len(pinned))], found_summaries

    def record_recall(self, message_id: int, memory_ids: list[int], summary_ids: list[int]) -> None:
        if not memory_ids and not summary_ids:
            return
        with self._vault.transaction() as cur:
            cur.execute("INSERT OR REPLACE INTO recalls (message_id, memory_ids, summary_ids) VALUES (?, ?, ?)",
                        (message_id, ",".join(map(str, memory_ids)), ",".join(map(str, summary_ids))))

    def recalls(self, conversation_id: str) -> dict[int, tuple[list[str], int]]:
        """Reply message id -> (the texts of the memories it was given that still exist, summaries used)."""
        with self._vault.reading() as cur:
            rows = cur.execute("SELECT r.message_id, r.memory_ids, r.summary_ids FROM recalls r "
                               "JOIN messages m ON m.id = r.message_id WHERE m.conversation_id = ?",
                               (conversation_id,)).fetchall()
            texts = dict(cur.execute("SELECT id, text FROM memories").fetchall())
        out: dict[int, tuple[list[str], int]] = {}
        for message_id, memory_ids, summary_ids in rows:
            ids = [int(i) for i in memory_ids.split(",") if i]
            out[message_id] = ([texts[i] for i in ids if i in texts], len([i for i in summary_ids.split(",") if i]))
        return out

    # -- forgetting ----------------------------------------------------------------------------
    def counts(self) -> ForgetCounts:
        with self._vault.reading() as cur:
            def one(sql: str) -> int:
                return cur.execute(sql).fetchone()[0]

            return ForgetCounts(one("SELECT COUNT(*) FROM memories WHERE status = 'active'"),
                                one("SELECT COUNT(*) FROM memories WHERE status = 'proposed'"),
                                one("SELECT COUNT(*) FROM summaries"), one("SELECT COUNT(*) FROM folds"))

    def forget_everything(self) -> ForgetCounts:
        """Delete every memory, proposal, summary, fold summary and record of recall, then checkpoint
        the WAL so the old pages are gone from it too. secure_delete (set when the vault opens) zeroes
        the freed space and FTS5 secure-delete removes the terms from the index pages. The
        conversations themselves stay."""
        counts = self.counts()
        with self._vault.transaction() as cur:
            for table in ("recalls", "memories", "summaries", "folds", "memory_fts", "summary_fts"):
                cur.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            # Rebuild the two small indexes from nothing: no segment keeps an old term.
            cur.execute("INSERT INTO memory_fts (memory_fts) VALUES ('optimize')")
            cur.execute("INSERT INTO summary_fts (summary_fts) VALUES ('optimize')")
        self.checkpoint()
        return counts

    def checkpoint(self) -> None:
        with self._vault.reading() as cur, contextlib.suppress(Exception):
            cur.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
