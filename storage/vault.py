"""One profile's SQLCipher database: opened with a raw key, migrated, shared safely across threads.

The connection may be used from the GUI thread and from the model worker thread (which commits a
reply the moment it finishes, whatever the GUI is showing), so every use goes through one lock.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path

from sqlcipher3 import dbapi2 as sqlite

from storage.errors import DamagedVault, StorageError, VaultFromFuture, VaultLocked, classify_sqlite_error
from storage.keyfile import hex_key
from storage.migrations import MIGRATIONS, apply_migrations


class Vault:
    """An open, unlocked vault. Create it with :meth:`open`; call :meth:`close` when locking."""

    def __init__(self, conn: sqlite.Connection, path: Path) -> None:
        self._conn: sqlite.Connection | None = conn
        self._lock = threading.RLock()
        self.path = path

    # -- opening -------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, vault_key: bytes, *, create: bool = False) -> "Vault":
        """Open (or create) the vault at ``path``.

        A vault written by a newer schema is refused before anything is written to it.
        """
        if not create and not path.exists():
            raise DamagedVault("The vault file is missing.")
        try:
            conn = sqlite.connect(str(path), isolation_level=None, check_same_thread=False)
        except sqlite.Error as exc:
            raise classify_sqlite_error(exc) from exc
        try:
            # The key is 64 hex digits produced by us, never text a person typed.
            conn.execute(f'PRAGMA key = "{hex_key(vault_key)}"')
            conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
            found = conn.execute("PRAGMA user_version").fetchone()[0]
            if found > len(MIGRATIONS):
                raise VaultFromFuture(found, len(MIGRATIONS))
            # Read every page once (each is authenticated by SQLCipher's HMAC) before anything is
            # written: a damaged page is reported now, naming the profile, not mid-conversation.
            if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise DamagedVault("The vault file is damaged and cannot be read.")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA secure_delete = ON")
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute("PRAGMA foreign_keys = ON")
            apply_migrations(conn)
        except StorageError:
            conn.close()
            raise
        except sqlite.Error as exc:
            conn.close()
            raise classify_sqlite_error(exc) from exc
        return cls(conn, path)

    # -- use -----------------------------------------------------------------------------------
    def _connection(self) -> sqlite.Connection:
        if self._conn is None:
            raise VaultLocked("The profile is locked.")
        return self._conn

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite.Cursor]:
        """A write transaction that is committed (durably: WAL + synchronous=FULL) on exit."""
        with self._lock:
            conn = self._connection()
            try:
                conn.execute("BEGIN IMMEDIATE")
                cur = conn.cursor()
                try:
                    yield cur
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
                conn.execute("COMMIT")
            except sqlite.Error as exc:
                with contextlib.suppress(sqlite.Error):
                    if conn.in_transaction:
                        conn.execute("ROLLBACK")
                raise classify_sqlite_error(exc) from exc

    @contextlib.contextmanager
    def reading(self) -> Iterator[sqlite.Cursor]:
        with self._lock:
            conn = self._connection()
            try:
                yield conn.cursor()
            except sqlite.Error as exc:
                raise classify_sqlite_error(exc) from exc

    def export_copy(self, target: Path, key: bytes) -> None:
        """Write a consistent copy of the whole vault to a new SQLCipher file under ``key`` (backups).

        SQLCipher's own ``sqlcipher_export`` reads inside one transaction, so the copy is a snapshot
        even while the model thread commits a reply; the WAL is never copied by hand."""
        with self._lock:
            conn = self._connection()
            try:
                conn.execute(f"ATTACH DATABASE ? AS export KEY \"{hex_key(key)}\"", (str(target),))
                try:
                    conn.execute("BEGIN")
                    try:
                        conn.execute("SELECT sqlcipher_export('export')")
                        version = conn.execute("PRAGMA main.user_version").fetchone()[0]
                        conn.execute(f"PRAGMA export.user_version = {int(version):d}")
                    finally:
                        conn.execute("COMMIT")
                finally:
                    conn.execute("DETACH DATABASE export")
            except sqlite.Error as exc:
                raise classify_sqlite_error(exc) from exc

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    def schema_version(self) -> int:
        with self.reading() as cur:
            return cur.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        """Checkpoint the WAL into the main file and close. Safe to call twice."""
        with self._lock:
            conn, self._conn = self._conn, None
            if conn is None:
                return
            with contextlib.suppress(sqlite.Error):
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
