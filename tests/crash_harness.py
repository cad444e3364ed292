"""Kill a writer with SIGKILL at random moments; after every kill the vault must open, pass
``PRAGMA cipher_integrity_check`` and ``integrity_check``, and hold every write it reported as committed.

Two processes besides the caller keep each cycle cheap: a single-threaded *zygote*
(``python -m tests.crash_harness``) imports storage once and forks one writer per cycle. A writer
reports each commit on the zygote's stdout *after* the commit returned; the caller kills the writer,
then reads up to the zygote's ``reaped`` line, so it has every report the writer made before it died.

Used by tests/test_crash.py (CI size) and bench/crash.py (thousands of kills). Each kind of write is
an *op*; a feature adds one op function to ``OPS`` (registered only once its storage API exists).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from pathlib import Path

from storage import ConversationRepository, ProfileStore, Vault
from storage.errors import WrongPassphrase
from storage.keyfile import read_keyfile
from storage.settings import SettingsRepository
from tests.conftest import FAST_KDF

ROOT = Path(__file__).resolve().parent.parent
NICKNAME = "Crash test"
PASSPHRASES = ("first passphrase ü", "second passphrase 中文")


def message_text(tag: str) -> str:
    """The exact text written under ``tag``: deterministic, of very varied length (up to ~16 pages),
    so that commits span page and WAL-frame boundaries."""
    digest = hashlib.sha256(tag.encode()).hexdigest()
    length = (1, 10, 200, 1500, 9000)[int(digest[0], 16) % 5]
    body = (digest.translate(_SPREAD) * (length // 64 + 1))[:length]
    return tag + " " + body


# Hex digits to a mix of scripts, spaces and a newline.
_SPREAD = str.maketrans("0123456789abcdef", "a b你好平静✨שלום\nxyz")


# -- the writer (runs in a forked child of the zygote) ------------------------------------------
def _say(line: str) -> None:
    os.write(1, (line + "\n").encode("utf-8"))  # one write() per line: atomic on a pipe


def _open(home: Path) -> tuple[ProfileStore, Vault, str]:
    store = ProfileStore(home, FAST_KDF)
    info = store.find(NICKNAME)
    for passphrase in PASSPHRASES:
        try:
            key = read_keyfile(info.key_path, passphrase, info.id.encode())
        except WrongPassphrase:
            continue
        return store, Vault.open(info.vault_path, key), passphrase
    raise SystemExit("neither passphrase opens the profile")


def op_messages(home: Path, cycle: int, rng: random.Random) -> None:
    """Messages, replies, regenerated replies and settings, each its own committed transaction."""
    _store, vault, _ = _open(home)
    conversations = ConversationRepository(vault)
    settings = SettingsRepository(vault)
    conversation = conversations.create().id
    _say(f"conversation {conversation}")
    _say("ready")
    last_reply = None
    for i in range(10_000):
        tag = f"c{cycle}-m{i}"
        choice = rng.random()
        if choice < 0.5:
            conversations.add_message(conversation, "user", message_text(tag))
        elif choice < 0.85:
            last_reply = conversations.add_reply(conversation, message_text(tag), "complete",
                                                 last_reply.id if last_reply and rng.random() < 0.3 else None)
        else:
            settings.set(f"s{cycle}", tag)
            _say(f"setting s{cycle} {tag}")
            continue
        _say(f"committed {conversation} {tag}")


def op_passphrase(home: Path, cycle: int, rng: random.Random) -> None:
    """Change the passphrase back and forth (with a message between), as fast as it goes."""
    store, vault, current = _open(home)
    conversations = ConversationRepository(vault)
    conversation = conversations.create().id
    _say(f"conversation {conversation}")
    _say("ready")
    for i in range(10_000):
        new = PASSPHRASES[1] if current == PASSPHRASES[0] else PASSPHRASES[0]
        _say("changing")
        store.change_passphrase(NICKNAME, current, new)
        current = new
        _say(f"passphrase {PASSPHRASES.index(new)}")
        tag = f"c{cycle}-p{i}"
        conversations.add_message(conversation, "user", message_text(tag))
        _say(f"committed {conversation} {tag}")


def backup_target(home: Path) -> Path:
    return home / "backups" / "crash test.companion-backup"


def op_backup(home: Path, cycle: int, rng: random.Random) -> None:
    """Back the profile up again and again (issue 12's storage.backup), with messages committed between;
    a kill mid-backup must leave the profile openable and the backup complete and valid, or absent."""
    from storage.backup import write_backup

    _store, vault, passphrase = _open(home)
    conversations = ConversationRepository(vault)
    conversation = conversations.create().id
    target = backup_target(home)
    target.parent.mkdir(exist_ok=True)
    _say(f"conversation {conversation}")
    for i in range(10_000):
        tag = f"c{cycle}-b{i}"
        conversations.add_message(conversation, "user", message_text(tag))
        _say(f"committed {conversation} {tag}")
        _say("backing-up")
        write_backup(vault, NICKNAME, target, passphrase, FAST_KDF)
        _say(f"backup {tag}")
        if i == 0:  # one complete backup first, whatever the machine's load; then kills at random moments
            _say("ready")


def op_passphrase_ui(home: Path, cycle: int, rng: random.Random) -> None:
    """The passphrase change the Preferences dialog runs (companion.portability.actions.change_passphrase
    on the real Companion and Session), back and forth, with a message between."""
    from companion import Companion
    from companion.safety.seam import NoGuard
    from companion.portability import actions
    from tests.fakes import FakeBackend

    _store, vault, current = _open(home)
    vault.close()
    core = Companion(home, backend_factory=lambda: FakeBackend(), guard=NoGuard(), kdf=FAST_KDF)
    session = core.unlock(NICKNAME, current)
    conversation = session.new_conversation()
    _say(f"conversation {conversation}")
    _say("ready")
    for i in range(10_000):
        new = PASSPHRASES[1] if current == PASSPHRASES[0] else PASSPHRASES[0]
        _say("changing")
        actions.change_passphrase(session, current, new)
        current = new
        _say(f"passphrase {PASSPHRASES.index(new)}")
        tag = f"c{cycle}-u{i}"
        ConversationRepository(session.vault).add_message(conversation, "user", message_text(tag))
        _say(f"committed {conversation} {tag}")


def verify_backup(home: Path) -> bool:
    """The backup at the target is absent, or complete and valid: it restores, and the restored vault
    passes both integrity pragmas. Returns whether there was one."""
    from storage.backup import read_note, restore_backup

    target = backup_target(home)
    if not target.exists():
        return False
    passphrase = next(p for p in PASSPHRASES if _opens_backup(target, p))
    assert read_note(target, passphrase).nickname == NICKNAME
    scratch = home / "restore check"
    shutil.rmtree(scratch, ignore_errors=True)
    scratch.mkdir()
    try:
        store = ProfileStore(scratch, FAST_KDF)
        restore_backup(store, target, passphrase)
        _info, vault = store.unlock(NICKNAME, passphrase)
        with vault.reading() as cur:
            assert cur.execute("PRAGMA cipher_integrity_check").fetchall() == []
            assert cur.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        vault.close()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return True


def _opens_backup(target: Path, passphrase: str) -> bool:
    from storage.backup import read_note

    try:
        read_note(target, passphrase)
    except WrongPassphrase:
        return False
    return True


def op_exercise_steps(home: Path, cycle: int, rng: random.Random) -> None:
    """Save an exercise run after each step (issue 4's storage.practice), as the exercise page does."""
    _store, vault, _ = _open(home)
    runs = ExerciseRunRepository(vault)
    run = runs.create("thought_record", {"tag": f"c{cycle}-m0", "answer": ""})
    _say(f"saved exercise {run.id} c{cycle}-m0")
    _say("ready")
    for i in range(1, 10_000):
        tag = f"c{cycle}-m{i}"
        runs.save(run.id, {"tag": tag, "answer": message_text(tag)}, complete=rng.random() < 0.1)
        _say(f"saved exercise {run.id} {tag}")


def op_fold_summary(home: Path, cycle: int, rng: random.Random) -> None:
    """Fold old turns and rewrite a conversation's summary (issue 5's storage.memory) between messages."""
    _store, vault, _ = _open(home)
    conversations = ConversationRepository(vault)
    memory = MemoryRepository(vault)
    conversation = conversations.create().id
    _say(f"conversation {conversation}")
    _say("ready")
    for i in range(10_000):
        tag = f"c{cycle}-m{i}"
        message = conversations.add_message(conversation, "user", message_text(tag))
        _say(f"committed {conversation} {tag}")
        if rng.random() < 0.5:
            memory.add_fold(conversation, message.id, message_text(tag + "f"))
            _say(f"saved fold {conversation} {tag}f")
        else:
            memory.save_summary(conversation, message_text(tag), message.id)
            _say(f"saved summary {conversation} {tag}")


def op_safety_plan(home: Path, cycle: int, rng: random.Random) -> None:
    """Save safety-plan steps as they are typed (issue 3's storage.safety_plans), one step or several at once."""
    _store, vault, _ = _open(home)
    plan = SafetyPlanRepository(vault)
    _say("ready")
    for i in range(10_000):
        tag = f"c{cycle}-m{i}"
        keys = rng.sample(("warning_signs", "coping", "people_to_ask", "reasons"), rng.choice((1, 1, 2)))
        if len(keys) == 1:
            plan.save_section(keys[0], message_text(tag))
        else:
            plan.save_sections({key: message_text(tag) for key in keys})
        for key in keys:
            _say(f"saved plan {key} {tag}")


def verify_plan(vault: Vault, key: str, tags: list[str]) -> None:
    section = SafetyPlanRepository(vault).sections().get(key)
    assert section is not None, f"safety plan step {key} lost"
    stored = section.text.split(" ", 1)[0]
    assert _step(stored) >= _step(tags[-1]) and section.text == message_text(stored), f"plan {tags[-1]} lost"


def verify_exercise(vault: Vault, run_id: str, tags: list[str]) -> None:
    record = ExerciseRunRepository(vault).get(run_id)
    assert record is not None, f"exercise run {run_id} was reported saved but is missing"
    stored = record.state["tag"]
    assert _step(stored) >= _step(tags[-1]), f"exercise step {tags[-1]} lost (the run is at {stored})"
    assert record.state["answer"] == ("" if stored.endswith("-m0") else message_text(stored)), "exercise answer changed"


def verify_fold(vault: Vault, conversation: str, tags: list[str]) -> None:
    folds = {f.text.split(" ", 1)[0]: f.text for f in MemoryRepository(vault).folds(conversation)}
    for tag in tags:
        assert folds.get(tag) == message_text(tag), f"fold {tag} lost or changed"


def verify_summary(vault: Vault, conversation: str, tags: list[str]) -> None:
    summary = MemoryRepository(vault).summary_of(conversation)
    assert summary is not None, f"summary {tags[-1]} lost"
    stored = summary.text.split(" ", 1)[0]
    assert _step(stored) >= _step(tags[-1]) and summary.text == message_text(stored), f"summary {tags[-1]} lost"


def _optional(module: str, name: str) -> Any:
    """A storage API of a feature that may not be merged yet; None until it is."""
    try:
        return getattr(importlib.import_module(module), name)
    except (ImportError, AttributeError):
        return None


ExerciseRunRepository = _optional("storage.practice", "ExerciseRunRepository")
MemoryRepository = _optional("storage.memory", "MemoryRepository")
SafetyPlanRepository = _optional("storage.safety_plans", "SafetyPlanRepository")

OPS: dict[str, Callable[[Path, int, random.Random], None]] = {
    "messages": op_messages,
    "passphrase": op_passphrase,
    "backup": op_backup,  # issue 12
    "passphrase_ui": op_passphrase_ui,  # issue 12: what the Preferences dialog runs
}
#: Other kinds of saved record: ``saved <kind> <key> <tag>`` lines, checked by these after every kill.
VERIFIERS: dict[str, Callable[[Vault, str, list[str]], None]] = {}
# Each feature adds its op once its storage API exists (so this file works before and after merging).
if SafetyPlanRepository is not None:
    OPS["safety_plan"] = op_safety_plan
    VERIFIERS["plan"] = verify_plan
if ExerciseRunRepository is not None:
    OPS["exercise_steps"] = op_exercise_steps
    VERIFIERS["exercise"] = verify_exercise
if MemoryRepository is not None:
    OPS["fold_summary"] = op_fold_summary
    VERIFIERS["fold"] = verify_fold
    VERIFIERS["summary"] = verify_summary


def _zygote() -> int:
    """Read one JSON command a line; fork a writer for it; report its pid and, later, its end."""
    for line in sys.stdin:
        cmd = json.loads(line)
        pid = os.fork()
        if pid == 0:  # the writer
            try:
                OPS[cmd["op"]](Path(cmd["home"]), cmd["cycle"], random.Random(cmd["seed"]))
                _say("finished")
            except BaseException as exc:  # noqa: BLE001 - reported, then the parent fails the run
                _say(f"error {type(exc).__name__}: {exc}")
            finally:
                os._exit(0)
        _say(f"pid {pid}")
        os.waitpid(pid, 0)
        _say(f"reaped {pid}")
    return 0


# -- the parent ---------------------------------------------------------------------------------
@dataclass
class CrashReport:
    kills: int = 0
    committed: int = 0
    passphrase_changes: int = 0
    kills_while_opening: int = 0
    kills_during_passphrase_change: int = 0
    kills_during_backup: int = 0
    backups_verified: int = 0
    ops: tuple[str, ...] = ()
    opened_with: dict[int, int] = field(default_factory=lambda: {0: 0, 1: 0})
    saved_kinds: dict[str, int] = field(default_factory=dict)  # ``saved <kind>`` reports, verified after kills
    seconds: float = 0.0


def create_profile(home: Path) -> None:
    ProfileStore(home, FAST_KDF).create(NICKNAME, PASSPHRASES[0])[1].close()


def verify(home: Path, committed: dict[str, list[str]], settings: dict[str, str],
           saved: dict[tuple[str, str], list[str]] | None = None) -> int:
    """Open the vault with either passphrase (never neither), check both integrity pragmas and that
    every reported write is there, exactly. Returns the index of the passphrase that opened it."""
    store = ProfileStore(home, FAST_KDF)
    info = store.find(NICKNAME)
    opened = None
    for index, passphrase in enumerate(PASSPHRASES):
        try:
            key = read_keyfile(info.key_path, passphrase, info.id.encode())
        except WrongPassphrase:
            continue
        opened = index
        break
    assert opened is not None, "after the kill, neither the old nor the new passphrase opens the profile"
    vault = Vault.open(info.vault_path, key)
    try:
        with vault.reading() as cur:
            cipher = cur.execute("PRAGMA cipher_integrity_check").fetchall()
            integrity = cur.execute("PRAGMA integrity_check").fetchall()
        assert cipher == [], f"cipher_integrity_check: {cipher[:5]}"
        assert integrity == [("ok",)], f"integrity_check: {integrity[:5]}"
        conversations = ConversationRepository(vault)
        for conversation, tags in committed.items():
            texts = {m.text.split(" ", 1)[0]: m.text for m in conversations.messages(conversation, True)}
            for tag in tags:
                assert tag in texts, f"message {tag} was reported committed but is missing"
                assert texts[tag] == message_text(tag), f"message {tag} changed"
        repo = SettingsRepository(vault)
        for key_name, value in settings.items():
            # The writer may have committed a later value and been killed before reporting it.
            stored = repo.get(key_name)
            assert stored is not None and _step(stored) >= _step(value), f"setting {key_name} lost"
        for (kind, key_value), tags in (saved or {}).items():
            VERIFIERS[kind](vault, key_value, tags)
    finally:
        vault.close()
    return opened


def _step(tag: str) -> tuple[int, int]:
    """Where a tag was written: (cycle, step), so that a later write compares greater."""
    cycle, step = tag.split("-")
    return int(cycle[1:]), int(step[1:].rstrip("f"))


def run(home: Path, kills: int, seed: int = 0, ops: tuple[str, ...] = tuple(OPS), max_delay: float = 0.12,
        log: Callable[[str], None] | None = None) -> CrashReport:
    """Create the profile, then run ``kills`` write-kill-verify cycles; raises AssertionError on a loss."""
    rng = random.Random(seed)
    create_profile(home)
    report = CrashReport(ops=tuple(ops))
    committed: dict[str, list[str]] = {}
    settings: dict[str, str] = {}
    saved: dict[tuple[str, str], list[str]] = {}
    started = time.perf_counter()
    zygote = subprocess.Popen([sys.executable, "-m", "tests.crash_harness"], cwd=ROOT, stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, bufsize=1)
    assert zygote.stdin is not None and zygote.stdout is not None
    try:
        for cycle in range(kills):
            op = ops[cycle % len(ops)]
            zygote.stdin.write(json.dumps({"op": op, "home": str(home), "cycle": cycle,
                                           "seed": rng.getrandbits(32)}) + "\n")
            zygote.stdin.flush()
            first = zygote.stdout.readline().split()
            assert first and first[0] == "pid", f"zygote said {first!r}"
            pid = int(first[1])
            last = ""

            def handle(words: list[str]) -> None:
                nonlocal last
                last = words[0]
                if words[0] == "committed":
                    committed.setdefault(words[1], []).append(words[2])
                    report.committed += 1
                elif words[0] == "conversation":
                    committed.setdefault(words[1], [])
                elif words[0] == "setting":
                    settings[words[1]] = words[2]
                elif words[0] == "saved":
                    saved.setdefault((words[1], words[2]), []).append(words[3])
                    report.saved_kinds[words[1]] = report.saved_kinds.get(words[1], 0) + 1
                    report.committed += 1
                elif words[0] == "passphrase":
                    report.passphrase_changes += 1
                elif words[0] in ("error", "finished"):
                    raise AssertionError(f"the writer ended before it was killed: {' '.join(words)}")

            # One kill in five lands while the writer opens the vault (WAL recovery included); the
            # others at a random moment after it is ready, whatever the machine's load.
            if rng.random() < 0.2:
                time.sleep(rng.uniform(0, 0.05))
            else:
                while last != "ready":
                    handle(zygote.stdout.readline().rstrip("\n").split(" "))
                time.sleep(rng.uniform(0, max_delay))
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass  # it ended by itself: its last line says why
            while True:
                words = zygote.stdout.readline().rstrip("\n").split(" ")
                if words[0] == "reaped":
                    break
                handle(words)
            if last in ("", "conversation"):
                report.kills_while_opening += 1
            elif last == "changing":
                report.kills_during_passphrase_change += 1
            elif last == "backing-up":
                report.kills_during_backup += 1
            report.kills += 1
            opened = verify(home, committed, settings, saved)
            if op == "backup":
                report.backups_verified += verify_backup(home)
            report.opened_with[opened] += 1
            if log is not None and cycle % 100 == 99:
                log(f"{cycle + 1} kills, {report.committed} commits verified")
    finally:
        zygote.stdin.close()
        zygote.wait(30)
        zygote.stdout.close()
    report.seconds = time.perf_counter() - started
    return report


if __name__ == "__main__":
    sys.exit(_zygote())
