"""The encrypted vault: real SQLCipher files, real Argon2id."""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from storage import ConversationRepository, ProfileStore, VaultFromFuture, WrongPassphrase
from storage.errors import DamagedVault, ProfileExists
from storage.keyfile import KdfParams
from storage.migrations import MIGRATIONS
from storage.vault import Vault
from tests.conftest import FAST_KDF


def snapshot(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def files_containing(folder: Path, needle: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


@pytest.fixture
def store(home: Path) -> ProfileStore:
    return ProfileStore(home, FAST_KDF)


def test_messages_survive_close_and_unlock(store: ProfileStore) -> None:
    _, vault = store.create("Sam", "correct horse")
    repo = ConversationRepository(vault)
    cid = repo.create().id
    repo.add_message(cid, "user", "first words")
    repo.add_reply(cid, "a reply", "complete", None)
    vault.close()

    _, vault = store.unlock("Sam", "correct horse")
    texts = [(m.role, m.text) for m in ConversationRepository(vault).messages(cid)]
    vault.close()
    assert texts == [("user", "first words"), ("assistant", "a reply")]


def test_nothing_written_is_readable_in_any_file(store: ProfileStore, home: Path) -> None:
    canary = "canary-violet-7731 我的秘密"
    _, vault = store.create("Sam", "pass phrase canary-pass")
    repo = ConversationRepository(vault)
    cid = repo.create().id
    repo.add_message(cid, "user", canary)
    # Look while the vault is open (WAL and shm hold fresh pages) and after it is closed.
    for _ in range(2):
        for needle in (canary.encode("utf-8"), canary.encode("utf-16-le"), "我的秘密".encode("utf-8"),
                       b"canary-pass"):
            assert files_containing(home, needle) == []
        vault.close()


def test_wrong_passphrase_leaves_every_file_byte_identical(store: ProfileStore, home: Path) -> None:
    _, vault = store.create("Sam", "right")
    ConversationRepository(vault).create()
    vault.close()
    before = snapshot(home)
    with pytest.raises(WrongPassphrase):
        store.unlock("Sam", "wrong")
    assert snapshot(home) == before


def test_vault_from_a_newer_version_is_refused_and_not_modified(store: ProfileStore, home: Path) -> None:
    info, vault = store.create("Sam", "pw")
    vault.close()
    key = __import__("storage.keyfile", fromlist=["read_keyfile"]).read_keyfile(info.key_path, "pw", info.id.encode())
    raw = Vault.open(info.vault_path, key)
    with raw.transaction() as cur:
        cur.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 5}")
    raw.close()
    before = snapshot(home)
    with pytest.raises(VaultFromFuture) as caught:
        store.unlock("Sam", "pw")
    assert caught.value.found == len(MIGRATIONS) + 5
    assert snapshot(home) == before


def test_migrations_bring_a_new_vault_to_the_latest_version(store: ProfileStore) -> None:
    _, vault = store.create("Sam", "pw")
    assert vault.schema_version() == len(MIGRATIONS)
    vault.close()


def test_passphrase_change_rewraps_the_key(store: ProfileStore) -> None:
    info, vault = store.create("Sam", "old one")
    vault.close()
    vault_before = info.vault_path.read_bytes()
    store.change_passphrase("Sam", "old one", "new one")
    assert info.vault_path.read_bytes() == vault_before  # only the 32-byte key was re-sealed
    with pytest.raises(WrongPassphrase):
        store.unlock("Sam", "old one")
    store.unlock("Sam", "new one")[1].close()


def test_passphrase_change_with_wrong_old_passphrase_changes_nothing(store: ProfileStore) -> None:
    _, vault = store.create("Sam", "old one")
    vault.close()
    with pytest.raises(WrongPassphrase):
        store.change_passphrase("Sam", "not it", "new one")
    store.unlock("Sam", "old one")[1].close()


def test_profiles_are_apart(store: ProfileStore) -> None:
    _, a = store.create("A", "alpha")
    _, b = store.create("B", "bravo")
    a.close()
    b.close()
    with pytest.raises(WrongPassphrase):
        store.unlock("B", "alpha")
    assert [p.nickname for p in store.list()] == ["A", "B"]


def test_duplicate_nickname_is_refused(store: ProfileStore) -> None:
    store.create("Sam", "pw")[1].close()
    with pytest.raises(ProfileExists):
        store.create("sam", "other")


@pytest.mark.parametrize("nickname", ["", "   ", "x" * 41, "\x00\x07"], ids=["empty", "spaces", "too long", "controls"])
def test_unusable_nicknames_are_refused(store: ProfileStore, nickname: str) -> None:
    with pytest.raises(ValueError):
        store.create(nickname, "pw")


def test_damaged_vault_is_reported_as_damaged(store: ProfileStore) -> None:
    info, vault = store.create("Sam", "pw")
    vault.close()
    data = bytearray(info.vault_path.read_bytes())
    data[:4096] = os.urandom(4096)
    info.vault_path.write_bytes(bytes(data))
    with pytest.raises(DamagedVault):
        store.unlock("Sam", "pw")


def test_damaged_key_file_is_reported_as_damaged(store: ProfileStore) -> None:
    info, vault = store.create("Sam", "pw")
    vault.close()
    info.key_path.write_text("{not json")
    with pytest.raises(DamagedVault):
        store.unlock("Sam", "pw")


def test_shipped_kdf_cost_works(home: Path) -> None:
    store = ProfileStore(home)  # RFC 9106 parameters: 64 MiB, t=3
    assert KdfParams().memory_kib == 64 * 1024
    store.create("Sam", "pw")[1].close()
    store.unlock("Sam", "pw")[1].close()


def test_vault_pragmas(store: ProfileStore) -> None:
    _, vault = store.create("Sam", "pw")
    with vault.reading() as cur:
        assert cur.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert cur.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert cur.execute("PRAGMA secure_delete").fetchone()[0] == 1
        assert cur.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
    vault.close()


@pytest.mark.slow  # a property test: 40 examples, each a vault round trip
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(texts=st.lists(st.text(min_size=1, max_size=300), min_size=1, max_size=5))
def test_any_text_round_trips(store: ProfileStore, texts: list[str]) -> None:
    name = f"p{abs(hash(tuple(texts))) % 10**9}"
    if name in [p.nickname for p in store.list()]:
        return
    _, vault = store.create(name, "pw")
    repo = ConversationRepository(vault)
    cid = repo.create().id
    for text in texts:
        repo.add_message(cid, "user", text)
    vault.close()
    _, vault = store.unlock(name, "pw")
    assert [m.text for m in ConversationRepository(vault).messages(cid)] == texts
    vault.close()


class _SqliteFailure(Exception):
    """Stands in for a sqlcipher3 error: only its result code matters, never its message."""

    def __init__(self, code: int, message: str = "misleading text: disk full, corrupt, readonly") -> None:
        super().__init__(message)
        self.sqlite_errorcode = code


@pytest.mark.parametrize(("code", "kind"), [
    (13, "disk_full"),  # SQLITE_FULL
    (10 | 3 << 8, "disk_full"),  # SQLITE_IOERR_WRITE: an extended code, classified by its primary code
    (8, "read_only"), (3, "read_only"), (14, "read_only"),  # READONLY, PERM, CANTOPEN
    (11, "damaged"), (26, "damaged"),  # CORRUPT, NOTADB
])
def test_storage_errors_are_told_apart_by_their_sqlite_code(code: int, kind: str) -> None:
    from storage.errors import classify_sqlite_error

    error = classify_sqlite_error(_SqliteFailure(code))
    assert error.kind == kind and isinstance(error.__cause__, _SqliteFailure)


def test_an_unknown_storage_error_is_a_logged_bug_not_a_known_kind(
        store: ProfileStore, caplog: pytest.LogCaptureFixture) -> None:
    from storage.errors import UnexpectedStorageError

    info, vault = store.create("Sam", "pw")
    with caplog.at_level("ERROR", logger="storage.errors"), pytest.raises(UnexpectedStorageError) as raised:
        with vault.reading() as cur:
            cur.execute("SELECT * FROM no_such_table")  # a real SQLITE_ERROR (code 1): a bug
    assert raised.value.kind == "unexpected" and "nothing already saved was lost" in str(raised.value)
    record = next(r for r in caplog.records if r.name == "storage.errors")
    assert record.exc_info is not None  # the traceback is kept for the bug report
    # Whatever text a message carries, it is not what decides the kind.
    from storage.errors import classify_sqlite_error
    assert classify_sqlite_error(_SqliteFailure(1, "database or disk is full")).kind == "unexpected"
    vault.close()
