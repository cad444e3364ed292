"""Issue 12 at the core: recovery code, profile removal, retention, the readable export, the report's
content, and the ``companion-profile`` command line with its exit codes."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.portability import cli
from companion.portability.contents import counts
from companion.portability.export import export_readable
from companion.portability.report import ReportOptions, build_report
from companion.portability.retention import apply_retention, count_older_than, set_retention_days
from storage import ConversationRepository, ProfileStore, WrongPassphrase
from storage.errors import ProfileNotFound
from storage.recovery import normalise_code, reset_passphrase_with_code, set_recovery_code
from tests.conftest import FAST_KDF
from tests.test_backup import PASSPHRASE, fill_profile, folder_hash

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def store(home: Path) -> ProfileStore:
    store = ProfileStore(home, FAST_KDF)
    _info, vault = store.create("Sam", PASSPHRASE)
    fill_profile(vault, "canary1234")
    vault.close()
    return store


# -- recovery code ---------------------------------------------------------------------------------
def test_a_recovery_code_sets_a_new_passphrase_and_a_wrong_one_changes_nothing(store: ProfileStore) -> None:
    code = set_recovery_code(store, "Sam", PASSPHRASE)
    assert len(code) == 34 and code.count("-") == 6
    key_file = store.find("Sam").key_path
    before = key_file.read_bytes()
    with pytest.raises(WrongPassphrase, match="recovery code"):
        reset_passphrase_with_code(store, "Sam", "0000-0000-0000-0000-0000-0000-0000", "new one")
    assert key_file.read_bytes() == before
    # Typed by hand: lower case, spaces instead of dashes, O for 0.
    typed = code.lower().replace("-", " ").replace("0", "o")
    assert normalise_code(typed) == code
    reset_passphrase_with_code(store, "Sam", typed, "a brand new passphrase")
    with pytest.raises(WrongPassphrase):
        store.unlock("Sam", PASSPHRASE)
    _info, vault = store.unlock("Sam", "a brand new passphrase")
    assert counts(vault).messages == 3
    vault.close()


def test_without_a_recovery_code_nothing_can_be_reset(store: ProfileStore) -> None:
    with pytest.raises(WrongPassphrase, match="no recovery code"):
        reset_passphrase_with_code(store, "Sam", "ABCD", "new")


# -- removal ---------------------------------------------------------------------------------------
def test_removal_destroys_the_folder_and_overwrites_the_keys_first(store: ProfileStore, home: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    set_recovery_code(store, "Sam", PASSPHRASE)
    info = store.find("Sam")
    keys = {name: (info.folder / name).read_bytes() for name in ("key.json", "recovery.json")}
    seen: dict[str, bytes] = {}
    import storage.removal as removal

    real_rmtree = removal.shutil.rmtree

    def spy(path, *a, **k):  # noqa: ANN001, ANN002, ANN003 - look at the keys just before deletion
        for name in keys:
            seen[name] = (Path(path) / name).read_bytes()
        return real_rmtree(path, *a, **k)

    monkeypatch.setattr(removal.shutil, "rmtree", spy)
    store.remove("Sam")
    assert store.list() == [] and not info.folder.exists()
    assert list((home / "profiles").iterdir()) == []
    for name, old in keys.items():
        assert seen[name] != old and b"sealed_key" not in seen[name], f"{name} was not overwritten"
    with pytest.raises(ProfileNotFound):
        store.remove("Sam")


def test_an_interrupted_removal_is_finished_and_never_listed(store: ProfileStore, home: Path) -> None:
    info = store.find("Sam")
    hidden = info.folder.with_name(".removing-" + info.folder.name)
    os.replace(info.folder, hidden)  # killed right after the rename
    assert store.list() == []
    _i, other = store.create("Other", PASSPHRASE)
    other.close()
    store.remove("Other")
    assert sorted(p.name for p in (home / "profiles").iterdir()) == []


# -- retention -------------------------------------------------------------------------------------
def test_retention_counts_first_then_deletes_old_conversations_at_unlock(home: Path) -> None:
    from companion import Companion
    from companion.safety.seam import NoGuard
    from tests.fakes import FakeBackend

    core = Companion(home, backend_factory=FakeBackend, guard=NoGuard(), kdf=FAST_KDF)
    try:
        session = core.create_profile("Ana", PASSPHRASE)
        repo = ConversationRepository(session.vault)
        old = repo.create("old").id
        repo.add_message(old, "user", "from long ago")
        recent = repo.create("recent").id
        repo.add_message(recent, "user", "from today")
        with session.vault.transaction() as cur:
            cur.execute("UPDATE conversations SET updated_at = ? WHERE id = ?", (time.time() - 40 * 86400, old))
        assert count_older_than(session.vault, 30) == 1 and count_older_than(session.vault, 90) == 0
        assert apply_retention(session.vault) == 0  # off by default
        set_retention_days(session.vault, 30)
        session.lock()
        session = core.unlock("Ana", PASSPHRASE)
        assert [c.title for c in session.conversations()] == ["recent"]
        with session.vault.reading() as cur:
            assert cur.execute("SELECT count(*) FROM messages WHERE text = 'from long ago'").fetchone()[0] == 0
        session.lock()
    finally:
        core.close()


# -- readable export and report --------------------------------------------------------------------
def test_export_writes_markdown_and_one_self_contained_html(store: ProfileStore, tmp_path: Path) -> None:
    _info, vault = store.unlock("Sam", PASSPHRASE)
    try:
        folder = export_readable(vault, "Sam", tmp_path, "en")
        again = export_readable(vault, "Sam", tmp_path, "zh_CN", ("safety_plan",))
    finally:
        vault.close()
    assert folder != again and again.name.endswith("(2)")
    names = sorted(str(p.relative_to(folder)) for p in folder.rglob("*.md"))
    assert "exercises.md" in names and "self-checks.md" in names and "safety-plan.md" in names
    assert any(n.startswith("conversations/") for n in names)
    page = (folder / "Sam.html").read_text("utf-8")
    assert "canary1234 keeps me up" in page and "<script" not in page and "http" not in page.replace(
        'charset="utf-8"', "")
    assert "我睡不着 canary1234" in (folder / names[0]).read_text("utf-8")
    only_plan = [p.name for p in again.rglob("*.md")]
    assert only_plan == ["safety-plan.md"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no half-folder left


def test_the_report_has_scores_and_no_conversation_text_unless_chosen(store: ProfileStore) -> None:
    _info, vault = store.unlock("Sam", PASSPHRASE)
    try:
        plain = build_report(vault, "Sam", "en")
        full = build_report(vault, "Sam", "en", ReportOptions(include_safety_plan=True, include_conversations=True))
        chinese = build_report(vault, "Sam", "zh_CN")
    finally:
        vault.close()
    assert [s.instrument_id for s in plain.series] == ["phq9", "gad7"]
    assert ">8<" in plain.html and ">7<" in plain.html
    assert "canary1234" not in plain.html and "Make tea" not in plain.html
    assert "canary1234 keeps me up" in full.html and "Make tea" in full.html
    assert plain.weeks and plain.weeks[0][1] == 1
    assert "自我检查" in chinese.html


# -- the command line ------------------------------------------------------------------------------
def run_cli(home: Path, *args: str, stdin: str = "") -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    old = sys.stdin, sys.stdout, sys.stderr
    sys.stdin, sys.stdout, sys.stderr = io.StringIO(stdin), out, err
    try:
        code = cli.main(["--home", str(home), "--passphrase-stdin", *args], render_pdf=None)
    finally:
        sys.stdin, sys.stdout, sys.stderr = old
    return code, out.getvalue(), err.getvalue()


def test_cli_backup_restore_export_passwd_remove_and_exit_codes(store: ProfileStore, home: Path,
                                                               tmp_path: Path) -> None:
    backup = tmp_path / "sam.companion-backup"
    assert run_cli(home, "list")[:2] == (0, "Sam\n")
    out = io.StringIO()
    old_out, sys.stdout = sys.stdout, out
    try:  # the options work after the command too, as the issue writes them
        assert cli.main(["list", "--home", str(home)]) == 0 and out.getvalue() == "Sam\n"
    finally:
        sys.stdout = old_out
    assert run_cli(home, "backup", "Sam", str(backup), stdin=PASSPHRASE + "\n")[0] == 0
    assert backup.exists()
    # refused: wrong passphrase (1), no such profile (3), a name in use (1), a damaged file (1), usage (2)
    code, _out, err = run_cli(home, "backup", "Sam", str(tmp_path / "x"), stdin="wrong\n")
    assert code == 1 and err.strip().endswith(".") and "\n" not in err.strip()
    assert run_cli(home, "backup", "Nobody", str(tmp_path / "x"), stdin="x\n")[0] == 3
    before = folder_hash(home)
    code, _out, err = run_cli(home, "restore", str(backup), stdin=PASSPHRASE + "\n")
    assert code == 1 and "already exists" in err and folder_hash(home) == before
    damaged = tmp_path / "damaged.companion-backup"
    damaged.write_bytes(backup.read_bytes()[:-100])
    code, _out, err = run_cli(home, "restore", str(damaged), "--as", "Copy", stdin=PASSPHRASE + "\n")
    assert code == 1 and "incomplete" in err and folder_hash(home) == before
    assert run_cli(home, "restore", str(backup), "--as", "Copy", stdin=PASSPHRASE + "\n")[0] == 0
    assert run_cli(home, "list")[1] == "Copy\nSam\n"
    assert run_cli(home, "frobnicate")[0] == 2
    assert run_cli(home, "remove", "Copy")[0] == 2  # --yes is required
    code, out, err = run_cli(home, "export", "Copy", str(tmp_path / "out"), stdin=PASSPHRASE + "\n")
    assert code == 0 and "NOT encrypted" in err and (tmp_path / "out").is_dir()
    assert run_cli(home, "passwd", "Copy", stdin=f"{PASSPHRASE}\nnew passphrase\n")[0] == 0
    assert run_cli(home, "passwd", "Copy", stdin=f"{PASSPHRASE}\nx\n")[0] == 1
    assert run_cli(home, "remove", "Copy", "--yes")[0] == 0
    assert run_cli(home, "list")[1] == "Sam\n"
    # a disk error: the backup's folder does not exist
    assert run_cli(home, "backup", "Sam", str(tmp_path / "no such folder" / "b"), stdin=PASSPHRASE + "\n")[0] == 5


def test_the_installed_command_writes_a_report_pdf_with_the_scores(store: ProfileStore, home: Path,
                                                                    tmp_path: Path) -> None:
    """``companion-profile report`` as a separate process (Qt started offscreen just for the PDF)."""
    from tests.pdf_text import pdf_text

    pdf = tmp_path / "report.pdf"
    env = {**os.environ, "COMPANION_HOME": str(home), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "ui.profile_cli", "--passphrase-stdin", "report", "Sam", str(pdf)],
                          input=PASSPHRASE + "\n", text=True, capture_output=True, cwd=ROOT, env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    text = "".join(pdf_text(pdf).split())
    # (the test's extractor cannot map every digit glyph back, so the titles' words are checked)
    assert "moodself-check" in text and "anxietyself-check" in text and "Mild" in text
    assert "canary1234" not in text and "Maketea" not in text
    # Ticked, the conversation text is there: the check above can fail.
    done = subprocess.run([sys.executable, "-m", "ui.profile_cli", "--passphrase-stdin", "report", "Sam", str(pdf),
                           "--conversations"], input=PASSPHRASE + "\n", text=True, capture_output=True, cwd=ROOT,
                          env=env, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "canary1234keepsmeup" in "".join(pdf_text(pdf).split())
