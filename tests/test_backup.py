"""Encrypted backup and restore (issue 12): a full round trip into a new home, compared field by field;
a canary in no byte of the backup or of any temporary file; and every refusal leaves the data folder
byte-identical and says why in one sentence."""

from __future__ import annotations

import hashlib
import os
import secrets
import tempfile
from pathlib import Path

import pytest

from storage import ConversationRepository, ProfileStore, Vault, WrongPassphrase
from storage.backup import (BackupDamaged, BackupFromFuture, NotABackup, inspect_backup, read_note,
                            restore_backup, suggested_name, write_backup)
from storage.errors import ProfileExists
from storage.memory import MemoryRepository
from storage.practice import ExerciseRunRepository, SelfCheckRepository
from storage.safety_plans import SafetyPlanRepository
from storage.settings import SettingsRepository
from tests.conftest import FAST_KDF

PASSPHRASE = "backup passphrase ü 中文"


def encodings(text: str) -> list[bytes]:
    return [text.encode(e) for e in ("utf-8", "utf-16-le", "utf-16-be", "gb18030")]


def files_containing(folders: list[Path], needles: list[bytes]) -> list[Path]:
    hits = []
    for folder in folders:
        for dirpath, _dirs, names in os.walk(folder):
            for name in names:
                path = Path(dirpath) / name
                try:
                    data = path.read_bytes()
                except OSError:  # gone already (a temporary file), or not a regular file
                    continue
                if any(n in data for n in needles):
                    hits.append(path)
    return hits


def folder_hash(folder: Path) -> dict[str, str]:
    """Every path under ``folder`` (folders too) with the hash of its bytes."""
    out = {}
    for path in sorted(folder.rglob("*")):
        rel = str(path.relative_to(folder))
        out[rel] = hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "dir"
    return out


def fill_profile(vault: Vault, canary: str) -> None:
    """Messages (English and Chinese), an exercise, self-checks, memories, a safety plan and settings."""
    conversations = ConversationRepository(vault)
    cid = conversations.create("A night " + canary).id
    conversations.add_message(cid, "user", f"I can't sleep, {canary} keeps me up")
    conversations.add_reply(cid, f"That sounds hard. 我在这里 {canary}", "complete", None)
    conversations.add_message(cid, "user", f"我睡不着 {canary}")
    runs = ExerciseRunRepository(vault)
    run = runs.create("thought_record", {"answers": [f"my thought {canary}"]})
    runs.save(run.id, {"answers": [f"my thought {canary}", "balanced"]}, complete=True)
    checks = SelfCheckRepository(vault)
    checks.add("phq9", [1, 2, 1, 0, 1, 2, 1, 0, 0], 8, "mild", [], 1_700_000_000.0)
    checks.add("gad7", [1, 1, 1, 0, 1, 2, 1], 7, "mild", [], 1_700_100_000.0)
    MemoryRepository(vault).add(f"Likes walking by the river {canary}")
    SafetyPlanRepository(vault).save_section("coping", f"Make tea, call Li {canary}")
    SettingsRepository(vault).set("auto_lock_minutes", "15")


def dump(vault: Vault) -> dict[str, list[tuple]]:
    """Every row of every ordinary table, field by field (FTS shadow tables included)."""
    out = {}
    with vault.reading() as cur:
        names = [r[0] for r in cur.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name")]
        for name in names:
            out[name] = sorted(cur.execute(f'SELECT * FROM "{name}"').fetchall(), key=repr)
        out["user_version"] = [cur.execute("PRAGMA user_version").fetchone()]
    return out


@pytest.fixture
def made(tmp_path: Path, home: Path, monkeypatch: pytest.MonkeyPatch) -> dict:
    # A private temp folder (SQLite and Python both honour TMPDIR), so every temporary file is seen.
    private_tmp = tmp_path / "tmp"
    private_tmp.mkdir()
    monkeypatch.setenv("TMPDIR", str(private_tmp))
    monkeypatch.setattr(tempfile, "tempdir", str(private_tmp))
    canary = "canary" + secrets.token_hex(6)
    store = ProfileStore(home, FAST_KDF)
    _info, vault = store.create("Sam 山", PASSPHRASE)
    fill_profile(vault, canary)
    backups = tmp_path / "usb stick ü"
    backups.mkdir()
    target = backups / suggested_name("Sam 山", 1_764_633_600)
    seen_in_temporaries: list[Path] = []
    needles = encodings(canary)

    def look(step: str, fraction: float) -> None:  # at every step, search every temporary file
        seen_in_temporaries.extend(files_containing([backups, home, Path(tempfile.gettempdir())], needles))

    write_backup(vault, "Sam 山", target, PASSPHRASE, FAST_KDF, progress=look)
    before = dump(vault)
    vault.close()
    return {"canary": canary, "target": target, "before": before, "home": home, "tmp": tmp_path,
            "seen": seen_in_temporaries, "needles": needles, "store": store}


def test_round_trip_into_a_new_home_keeps_every_field(made: dict) -> None:
    assert made["target"].name == "Sam 山-2025-12-02.companion-backup" or made["target"].name.endswith(".companion-backup")
    new_home = made["tmp"] / "another machine"
    new_home.mkdir()
    store = ProfileStore(new_home, FAST_KDF)
    seen: list[Path] = []
    info = restore_backup(store, made["target"], PASSPHRASE, progress=lambda s, f: seen.extend(
        files_containing([new_home, Path(tempfile.gettempdir())], made["needles"])))
    assert info.nickname == "Sam 山" and [p.nickname for p in store.list()] == ["Sam 山"]
    _info, vault = store.unlock("Sam 山", PASSPHRASE)
    try:
        after = dump(vault)
        assert after == made["before"]
        assert set(after) >= {"messages", "exercise_runs", "self_check_results", "memories", "safety_plan",
                              "settings", "conversations"}
        assert len(after["messages"]) == 3 and len(after["self_check_results"]) == 2
        with vault.reading() as cur:
            assert cur.execute("PRAGMA cipher_integrity_check").fetchall() == []
    finally:
        vault.close()
    assert not seen, f"the canary was readable in a temporary file during restore: {seen}"
    # The restored profile's files hold no canary either, and nothing is left over.
    assert not files_containing([new_home], made["needles"])
    assert not [p for p in (store.root).iterdir() if p.name.startswith(".")]


def test_the_canary_is_in_no_byte_of_the_backup_or_any_temporary_file(made: dict) -> None:
    data = made["target"].read_bytes()
    assert data.startswith(b"COMPANION-BACKUP\n")
    for needle in made["needles"] + encodings("Sam 山") + encodings(PASSPHRASE):
        assert needle not in data
    assert not made["seen"], f"the canary was readable in a temporary file during backup: {made['seen']}"
    # Only the backup itself is left in its folder.
    assert [p.name for p in made["target"].parent.iterdir()] == [made["target"].name]


def test_restore_under_a_new_nickname_and_never_over_an_existing_one(made: dict) -> None:
    store = made["store"]
    with pytest.raises(ProfileExists):
        restore_backup(store, made["target"], PASSPHRASE)
    info = restore_backup(store, made["target"], PASSPHRASE, nickname="Sam again")
    assert sorted(p.nickname for p in store.list()) == ["Sam again", "Sam 山"]
    _i, vault = store.unlock("Sam again", PASSPHRASE)
    try:
        assert dump(vault) == made["before"]
    finally:
        vault.close()
    assert info.folder.name != store.find("Sam 山").folder.name
    assert read_note(made["target"], PASSPHRASE).nickname == "Sam 山"


def _newer_format(data: bytes) -> bytes:
    return data.replace(b'{"format": 1,', b'{"format": 9,', 1)


def _flip_middle(data: bytes) -> bytes:
    i = len(data) // 2
    return data[:i] + bytes([data[i] ^ 0x01]) + data[i + 1:]


@pytest.mark.parametrize(("case", "make", "error", "sentence"), [
    ("wrong passphrase", None, WrongPassphrase, "passphrase does not open this backup"),
    ("cut in half", lambda d: d[: len(d) // 2], BackupDamaged, "incomplete"),
    ("one byte flipped", _flip_middle, BackupDamaged, "damaged"),
    ("newer format", _newer_format, BackupFromFuture, "newer version"),
    ("not a backup", lambda d: b"%PDF-1.4 a document, not a backup\n" * 40, NotABackup, "not a Companion backup"),
    ("empty file", lambda d: b"", NotABackup, "not a Companion backup"),
])
def test_restore_refuses_and_changes_nothing(made: dict, case: str, make, error, sentence: str) -> None:  # noqa: ANN001
    home, store = made["home"], made["store"]
    bad = made["target"]
    if make is not None:
        bad = made["tmp"] / f"{case}.companion-backup"
        bad.write_bytes(make(made["target"].read_bytes()))
    before = folder_hash(home)
    with pytest.raises(error) as caught:
        restore_backup(store, bad, "not the passphrase" if case == "wrong passphrase" else PASSPHRASE,
                       nickname="Restored")
    message = str(caught.value)
    assert sentence in message and message.count(".") == 1 and message.endswith("."), message
    assert folder_hash(home) == before, f"{case}: the data folder changed"


def test_a_refused_restore_into_an_empty_home_leaves_it_empty(made: dict) -> None:
    empty = made["tmp"] / "empty home"
    empty.mkdir()
    with pytest.raises(WrongPassphrase):
        restore_backup(ProfileStore(empty, FAST_KDF), made["target"], "wrong")
    assert list(empty.iterdir()) == []


def test_a_newer_schema_inside_is_refused(tmp_path: Path, home: Path) -> None:
    store = ProfileStore(home, FAST_KDF)
    _info, vault = store.create("Future", PASSPHRASE)
    with vault.transaction() as cur:
        cur.execute("PRAGMA user_version = 999")
    target = write_backup(vault, "Future", tmp_path / "future.companion-backup", PASSPHRASE, FAST_KDF)
    vault.close()
    inspect_backup(target)  # the file itself is sound
    other = tmp_path / "other"
    other.mkdir()
    with pytest.raises(BackupFromFuture, match="newer version"):
        restore_backup(ProfileStore(other, FAST_KDF), target, PASSPHRASE)
    assert list(other.iterdir()) == []


def test_a_backup_replaces_an_older_one_atomically(made: dict) -> None:
    store = made["store"]
    _info, vault = store.unlock("Sam 山", PASSPHRASE)
    old = made["target"].read_bytes()
    # A leftover of a backup killed half-way is cleaned up by the next one.
    stale = made["target"].parent / f".{made['target'].name}.dead.partial"
    stale.write_bytes(b"x")
    write_backup(vault, "Sam 山", made["target"], "a different backup passphrase", FAST_KDF)
    vault.close()
    assert made["target"].read_bytes() != old and not stale.exists()
    assert read_note(made["target"], "a different backup passphrase").nickname == "Sam 山"
