"""Full-text search inside the encrypted vault (SQLite FTS5), for English and Chinese.

FTS5's unicode61 tokenizer keeps a run of Chinese characters as one token, so "失眠" would never be
found inside "我又失眠了". The text is therefore segmented here before it is indexed: every run of CJK
characters becomes its overlapping bigrams (plus its last character alone), and a query becomes the
phrase of its own bigrams. A two-character word is then one indexed term, a longer one a phrase, and a
single character a prefix query. English goes through the porter stemmer ("sleeping" finds "sleep").

The indexes are contentless (the words live once, in their own tables) with ``contentless_delete`` and
FTS5 ``secure-delete`` on, so deleting a message or a memory removes its terms from the index pages.

Other features index their own content with one call, :meth:`SearchIndex.index` (source, ref, text);
a hit carries the same source and ref back, and the caller opens it.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from storage.vault import Vault

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3040-\u30ff\uac00-\ud7af]+")
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Words too common to steer recall (a query made from a whole message is OR-ed term by term).
_STOPWORDS = frozenset(
    "a an and are as at be but by can did do does for from had has have he her him his how i i'm im if in "
    "into is it its just me my no not of on or our she so than that the their them then there they this to "
    "too up us was we were what when where which who why will with would you your am been being really very "
    "about again all also any because could dont don't feel get got know like much now one only out some "
    "still want well yeah yes".split()
)
_CJK_STOP = frozenset("我们 你们 他们 一个 这个 那个 什么 就是 不是 没有 可以 因为 所以 然后 还是 自己 觉得 现在".split())


def segment(text: str) -> str:
    """The text as it is indexed: CJK runs replaced by their bigrams and their last character."""

    def bigrams(match: re.Match[str]) -> str:
        run = match.group(0)
        if len(run) == 1:
            return f" {run} "
        return " " + " ".join(run[i:i + 2] for i in range(len(run) - 1)) + f" {run[-1]} "

    return _CJK_RUN.sub(bigrams, text)


def _quote(term: str) -> str:
    return '"' + term.replace('"', '""') + '"'


def _query_parts(text: str) -> list[str]:
    """One FTS5 expression per word of ``text``: a phrase of bigrams for Chinese, a term otherwise."""
    parts: list[str] = []
    position = 0
    for match in _CJK_RUN.finditer(text):
        parts += [_quote(w) for w in _WORD.findall(text[position:match.start()])]
        run = match.group(0)
        if len(run) == 1:
            parts.append(_quote(run) + "*")
        else:
            parts.append(_quote(" ".join(run[i:i + 2] for i in range(len(run) - 1))))
        position = match.end()
    parts += [_quote(w) for w in _WORD.findall(text[position:])]
    return parts


def match_all(text: str) -> str:
    """An FTS5 query that finds documents containing every word of ``text`` ("" when it has none)."""
    return " AND ".join(_query_parts(text.lower()))


def match_any(text: str, limit: int = 24) -> str:
    """An FTS5 query for recall: any content word of a whole message (common words left out)."""
    terms: list[str] = []
    seen: set[str] = set()
    position = 0
    lowered = text.lower()
    for match in _CJK_RUN.finditer(lowered):
        terms += [w for w in _WORD.findall(lowered[position:match.start()])]
        run = match.group(0)
        terms += [run[i:i + 2] for i in range(len(run) - 1)] or [run]
        position = match.end()
    terms += _WORD.findall(lowered[position:])
    chosen = []
    for term in terms:
        if term in seen or term in _STOPWORDS or term in _CJK_STOP or (len(term) < 3 and term.isascii()):
            continue
        seen.add(term)
        chosen.append(_quote(term))
        if len(chosen) >= limit:
            break
    return " OR ".join(chosen)


@dataclass(frozen=True)
class SearchHit:
    source: str  # "message", or whatever another feature indexed ("exercise_run"...)
    ref: str  # the message id (as text), or the other feature's own reference
    conversation_id: str | None
    created_at: float
    text: str  # the message text for messages; "" for other sources (their owner shows them)
    role: str = ""


class SearchIndex:
    """The person's search across conversations (and any other source indexed through :meth:`index`).

    Messages are indexed incrementally, on the next search after they are written (a high-water mark
    of message ids), so writing a message never waits for the index; deleting one removes its terms
    at once (an SQL trigger)."""

    def __init__(self, vault: Vault) -> None:
        self._vault = vault

    # -- indexing ------------------------------------------------------------------------------
    def index(self, source: str, ref: str, text: str, conversation_id: str | None = None,
              created_at: float | None = None) -> None:
        """Index (or re-index) one document of any source. The one call another feature needs."""
        with self._vault.transaction() as cur:
            self._index(cur, source, str(ref), text, conversation_id, created_at or time.time())

    @staticmethod
    def _index(cur, source: str, ref: str, text: str, conversation_id: str | None,  # noqa: ANN001
               created_at: float) -> None:
        row = cur.execute("SELECT id FROM search_docs WHERE source = ? AND ref = ?", (source, ref)).fetchone()
        if row:
            cur.execute("DELETE FROM search_fts WHERE rowid = ?", (row[0],))
            cur.execute("UPDATE search_docs SET conversation_id = ?, created_at = ? WHERE id = ?",
                        (conversation_id, created_at, row[0]))
            doc_id = row[0]
        else:
            cur.execute("INSERT INTO search_docs (source, ref, conversation_id, created_at) VALUES (?, ?, ?, ?)",
                        (source, ref, conversation_id, created_at))
            doc_id = cur.lastrowid
        cur.execute("INSERT INTO search_fts (rowid, body) VALUES (?, ?)", (doc_id, segment(text)))

    def remove(self, source: str, ref: str) -> None:
        with self._vault.transaction() as cur:
            row = cur.execute("SELECT id FROM search_docs WHERE source = ? AND ref = ?",
                              (source, str(ref))).fetchone()
            if row:
                cur.execute("DELETE FROM search_fts WHERE rowid = ?", (row[0],))
                cur.execute("DELETE FROM search_docs WHERE id = ?", (row[0],))

    def catch_up(self, batch: int = 2000) -> int:
        """Index the messages written since the last call; returns how many were indexed."""
        total = 0
        while True:
            with self._vault.transaction() as cur:
                row = cur.execute("SELECT high_water FROM search_state WHERE source = 'message'").fetchone()
                high = row[0] if row else 0
                rows = cur.execute(
                    "SELECT id, conversation_id, text, created_at FROM messages WHERE id > ? ORDER BY id LIMIT ?",
                    (high, batch)).fetchall()
                if not rows:
                    return total
                for message_id, conversation_id, text, created_at in rows:
                    self._index(cur, "message", str(message_id), text, conversation_id, created_at)
                cur.execute("INSERT INTO search_state (source, high_water) VALUES ('message', ?) "
                            "ON CONFLICT(source) DO UPDATE SET high_water = excluded.high_water", (rows[-1][0],))
                total += len(rows)

    # -- searching -----------------------------------------------------------------------------
    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        """Documents containing every word of ``query``, newest first, hidden replies left out.

        Newest first (as messaging apps do) also keeps it fast: FTS5 walks its doclists in rowid
        order and stops after ``limit``, where ranking by bm25 would have to score every match."""
        expression = match_all(query)
        if not expression:
            return []
        self.catch_up()
        with self._vault.reading() as cur:
            rows = cur.execute(
                "SELECT d.source, d.ref, d.conversation_id, d.created_at, m.text, m.role, m.status "
                "FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid DESC LIMIT ?) AS f "
                "JOIN search_docs d ON d.id = f.rowid "
                "LEFT JOIN messages m ON d.source = 'message' AND m.id = CAST(d.ref AS INTEGER) "
                "ORDER BY f.rowid DESC",
                (expression, limit * 2)).fetchall()
        hits = [SearchHit(source, ref, cid, created, text or "", role or "")
                for source, ref, cid, created, text, role, status in rows if status != "replaced"]
        return hits[:limit]
