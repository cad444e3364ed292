"""Bad input and a hostile environment: each gets a clear message in the window and loses nothing.

Wrong passphrases (with an increasing wait, enforced by the core), a vault from a newer version, a
damaged vault among healthy ones, model files that are not models, a full disk, a read-only data
folder, a 1 MB paste, and text with control characters, lone surrogates, right-to-left script and emoji."""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from companion import Companion, ModelState, WrongPassphrase
from companion.unlock_throttle import FREE_TRIES, UnlockThrottle, UnlockThrottled
from models import embedded_model_path
from storage import ConversationRepository, ProfileStore
from storage.keyfile import read_keyfile
from storage.vault import Vault
from tests.conftest import FAST_KDF
from tests.fakes import FakeBackend
from tests.test_ui_chat import create_profile, unlock
from ui.main import AppRoot

ROOT = Path(__file__).resolve().parent.parent


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def _app(home: Path, clock: Clock | None = None) -> Companion:
    app = Companion(home=home, backend_factory=FakeBackend, kdf=FAST_KDF)
    if clock is not None:
        app.unlock_throttle = UnlockThrottle(clock)
    return app


# -- wrong passphrase ---------------------------------------------------------------------------
def test_wrong_passphrases_impose_an_increasing_wait_in_the_core(home: Path) -> None:
    clock = Clock()
    app = _app(home, clock)
    app.create_profile("Sam", "right passphrase").lock()
    waits = []
    for _ in range(FREE_TRIES + 3):
        with pytest.raises(WrongPassphrase):
            app.unlock("Sam", "wrong")
        waits.append(app.unlock_throttle.wait_for("Sam"))
        clock.now += waits[-1]  # wait exactly as long as asked
    assert waits[:FREE_TRIES] == [0, 0, 0]
    assert 0 < waits[FREE_TRIES] < waits[FREE_TRIES + 1] < waits[FREE_TRIES + 2]
    # During a wait even the right passphrase is refused, before the key file is read.
    app.unlock_throttle.failed("Sam")
    with pytest.raises(UnlockThrottled) as refused:
        app.unlock("Sam", "right passphrase")
    assert refused.value.seconds > 0
    # Other profiles are not held up by this one's failures.
    app.create_profile("Alex", "alex passphrase").lock()
    app.unlock("Alex", "alex passphrase").lock()
    clock.now += refused.value.seconds
    app.unlock("Sam", "right passphrase").lock()  # after the wait it opens, and the count resets
    with pytest.raises(WrongPassphrase):
        app.unlock("Sam", "wrong")
    assert app.unlock_throttle.wait_for("Sam") == 0
    app.close()


def test_the_unlock_view_counts_the_wait_down(qtbot, make_root, home: Path) -> None:  # noqa: ANN001
    clock = Clock()
    root = make_root(core=_app(home, clock))
    create_profile(qtbot, root, "Sam", "secret12")
    root.window.lock()
    view = root.window.unlock_view
    for attempt in range(FREE_TRIES + 1):
        unlock(qtbot, root, "wrong one")
        qtbot.waitUntil(lambda: root.window._pending is None and "passphrase" in view.status.text(), timeout=10_000)
    assert view.waiting and not view.unlock_button.isEnabled()
    assert "2 second" in view.status.text()  # the wait is shown, with the reason
    assert "doesn't open this profile" in view.status.text()
    clock.now += 5
    qtbot.waitUntil(lambda: not view.waiting, timeout=5000)
    assert view.unlock_button.isEnabled() and "try again now" in view.status.text()
    unlock(qtbot, root, "secret12")
    qtbot.waitUntil(lambda: root.window.session is not None, timeout=10_000)


# -- a vault from the future, a damaged vault ---------------------------------------------------
def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}


def test_a_vault_from_a_newer_version_is_explained_and_left_untouched(qtbot, make_root, home: Path) -> None:  # noqa: ANN001
    store = ProfileStore(home, FAST_KDF)
    info, vault = store.create("Sam", "secret12")
    with vault.reading() as cur:
        cur.execute("PRAGMA user_version = 999")
    vault.close()
    before = _files(info.folder)
    root = make_root()
    unlock(qtbot, root, "secret12")
    view = root.window.unlock_view
    qtbot.waitUntil(lambda: "newer version" in view.status.text(), timeout=10_000)
    assert root.window.session is None and _files(info.folder) == before


def _select(view, name: str) -> None:  # noqa: ANN001
    view.profiles.setCurrentRow([view.profiles.item(i).text() for i in range(view.profiles.count())].index(name))


@pytest.mark.parametrize("damage", ["header zeroed", "a page in the middle", "truncated", "key file garbled"])
def test_a_damaged_profile_is_named_kept_and_the_others_still_open(qtbot, make_root, home: Path,  # noqa: ANN001
                                                                   damage: str) -> None:
    store = ProfileStore(home, FAST_KDF)
    for name in ("Alex", "Sam"):
        info, vault = store.create(name, f"{name} passphrase")
        repo = ConversationRepository(vault)
        cid = repo.create().id
        for i in range(30):
            repo.add_message(cid, "user", f"message {i} " + "words " * 500)
        vault.close()
    sam = store.find("Sam")
    data = sam.vault_path.read_bytes()
    if damage == "header zeroed":
        sam.vault_path.write_bytes(bytes(4096) + data[4096:])
    elif damage == "a page in the middle":  # what a failing disk sector does
        middle = len(data) // 4096 // 2 * 4096
        sam.vault_path.write_bytes(data[:middle + 100] + bytes(64) + data[middle + 164:])
    elif damage == "truncated":
        sam.vault_path.write_bytes(data[:1000])
    else:
        sam.key_path.write_text('{"format": 1, "kdf": "argon2id", "salt": "%%%"}')
    before = _files(sam.folder)
    root = make_root()
    view = root.window.unlock_view
    _select(view, "Sam")
    unlock(qtbot, root, "Sam passphrase")
    qtbot.waitUntil(lambda: "damaged" in view.status.text(), timeout=10_000)
    assert "“Sam”" in view.status.text() and "other profiles still work" in view.status.text()
    assert root.window.session is None and _files(sam.folder) == before  # kept exactly as it was
    _select(view, "Alex")
    unlock(qtbot, root, "Alex passphrase")
    qtbot.waitUntil(lambda: root.window.session is not None, timeout=10_000)
    assert root.window.session.name == "Alex"


# -- model files that are not models --------------------------------------------------------------
@pytest.mark.parametrize("kind", ["text file", "truncated GGUF", "missing file"])
def test_a_bad_model_file_leaves_the_app_usable_without_chat(qtbot, make_root, home: Path, tmp_path: Path,  # noqa: ANN001
                                                             kind: str) -> None:
    path = tmp_path / "model ü.gguf"
    if kind == "text file":
        path.write_text("this is not a model")
    elif kind == "truncated GGUF":
        embedded = embedded_model_path()
        assert embedded is not None, "the embedded model is needed to make a truncated copy"
        with open(embedded, "rb") as fh:
            path.write_bytes(fh.read(2_000_000))
    root = make_root(core=Companion(home=home, model_path=path, kdf=FAST_KDF))
    create_profile(qtbot, root)
    qtbot.waitUntil(lambda: root.window.core.worker.state.state == ModelState.FAILED, timeout=60_000)
    qtbot.waitUntil(lambda: "guided conversation" in root.window.status_label.text(), timeout=5000)
    session = root.window.session
    cid = session.new_conversation()
    chat = root.window.chat_view
    chat.reload_conversations(select_first=True)
    chat.input.setPlainText("Still here and writing.")
    chat.send()
    qtbot.waitUntil(lambda: not chat.is_replying, timeout=10_000)
    assert [m.text for m in session.history(chat.current_conversation or cid) if m.role == "user"] \
        == ["Still here and writing."]


# -- a full disk, a read-only data folder -------------------------------------------------------
def test_a_full_disk_is_explained_the_text_stays_and_nothing_committed_is_lost(qtbot, make_root, home: Path) -> None:  # noqa: ANN001
    root = make_root()
    create_profile(qtbot, root)
    session = root.window.session
    chat = root.window.chat_view
    vault_path = session._vault.path
    sent: list[str] = []
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    sizes = [p.stat().st_size for p in vault_path.parent.iterdir()]
    # Python ignores SIGXFSZ, so writing past the limit fails with EFBIG, as a full disk fails a write.
    resource.setrlimit(resource.RLIMIT_FSIZE, (max(sizes) + 48 * 1024, hard))
    try:
        for i in range(200):
            text = f"message {i} " + "words that fill the disk " * 200
            chat.input.setPlainText(text)
            chat.send()
            qtbot.waitUntil(lambda: not chat.is_replying, timeout=10_000)
            if chat.input.toPlainText():
                break
            sent.append(text.strip())
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
    assert chat.input.toPlainText(), "the disk never filled up"
    assert "disk is full" in chat.input_error.text() and "still in the box" in chat.input_error.text()
    assert sent, "nothing could be written before the disk filled"
    cid = chat.current_conversation
    root.window.lock()
    session._closed.wait(10)
    store = ProfileStore(home, FAST_KDF)
    info = store.find("Sam")
    vault = Vault.open(info.vault_path, read_keyfile(info.key_path, "secret12", info.id.encode()))
    with vault.reading() as cur:
        assert cur.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert cur.execute("PRAGMA cipher_integrity_check").fetchall() == []
        stored = [row[0] for row in cur.execute("SELECT text FROM messages WHERE conversation_id = ? AND "
                                                "role = 'user' ORDER BY id", (cid,))]
    vault.close()
    assert stored == sent


READ_ONLY_CHILD = r"""
import json, sys
import tests.conftest
from PySide6.QtWidgets import QApplication
from companion import Companion
from tests.conftest import FAST_KDF
from tests.fakes import FakeBackend
from ui.main import AppRoot
home = sys.argv[1]
qapp = QApplication([])
root = AppRoot(qapp, Companion(home=home, backend_factory=FakeBackend, kdf=FAST_KDF))
view = root.window.unlock_view
view.passphrase.setText("secret12")
view.unlock_button.click()
while root.window._pending is not None:
    qapp.processEvents()
unlock_message = view.status.text()
view.show_create(True)
view.new_name.setText("Another")
view.new_pass.setText("secret34")
view.new_pass2.setText("secret34")
view.create_button.click()
while root.window._pending is not None:
    qapp.processEvents()
print(json.dumps({"unlock": unlock_message, "create": view.status.text(),
                  "unlocked": root.window.session is not None}), flush=True)
root.shutdown()
import os
os._exit(0)  # skip interpreter finalization, where PySide6 objects are sometimes torn down out of order
"""


@pytest.mark.slow  # runs the app in a child process
def test_a_read_only_data_folder_is_explained_and_nothing_is_changed(home: Path) -> None:
    if shutil.which("unshare") is None:
        pytest.fail("'unshare' (util-linux) is needed to mount the data folder read-only", pytrace=False)
    store = ProfileStore(home, FAST_KDF)
    info, vault = store.create("Sam", "secret12")
    vault.close()
    before = _files(info.folder)
    # A read-only bind mount in a private mount namespace: read-only even for root, as CI runs.
    script = 'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && shift && exec "$@"'
    result = subprocess.run(["unshare", "-rm", "sh", "-c", script, "sh", str(home), sys.executable, "-c",
                             READ_ONLY_CHILD, str(home)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    said = json.loads(result.stdout.strip().splitlines()[-1])
    assert "can't write to its data folder" in said["create"]
    # Opening needs to write the vault's WAL index, so unlocking is refused the same clear way.
    assert not said["unlocked"] and "can't write to its data folder" in said["unlock"]
    assert _files(info.folder) == before and store.list() == [store.find("Sam")]


# -- awkward text -------------------------------------------------------------------------------
def test_a_1_mb_paste_is_refused_clearly_and_kept_in_the_box(qtbot, make_root) -> None:  # noqa: ANN001
    root = make_root()
    create_profile(qtbot, root)
    chat = root.window.chat_view
    paste = ("I need to get all of this out. " * 34_000)[:1_000_000]
    QApplication.clipboard().setText(paste)
    chat.input.paste()
    chat.send()
    assert chat.input.toPlainText() == paste
    assert "too long" in chat.input_error.text() and "still in the box" in chat.input_error.text()
    assert root.window.session.conversations() == [] or all(
        root.window.session.history(c.id) == [] for c in root.window.session.conversations())


AWKWARD = [
    ("control characters", "bell\x07 and escape\x1b[31m and null\x00 end", "bell and escape[31m and null end"),
    ("lone surrogates", "half \ud83d of an emoji \udc00", "half  of an emoji"),
    ("right-to-left", "שלום, אני עייף מאוד \u202eעברית", "שלום, אני עייף מאוד \u202eעברית"),
    ("emoji", "tired 😩 family 👨‍👩‍👧 flag 🇹🇼", "tired 😩 family 👨‍👩‍👧 flag 🇹🇼"),
    ("mixed scripts", "今天好累 مرحبا ok", "今天好累 مرحبا ok"),
]


@pytest.mark.parametrize(("label", "typed", "stored"), AWKWARD, ids=[row[0] for row in AWKWARD])
def test_awkward_text_is_sent_shown_and_survives_unlock(qtbot, make_root, home: Path,  # noqa: ANN001
                                                        label: str, typed: str, stored: str) -> None:
    root = make_root()
    create_profile(qtbot, root)
    chat = root.window.chat_view
    chat.input.setPlainText(typed)
    chat.send()
    qtbot.waitUntil(lambda: not chat.is_replying, timeout=10_000)
    cid = chat.current_conversation
    root.window.lock()
    unlock(qtbot, root, "secret12")
    qtbot.waitUntil(lambda: root.window.session is not None, timeout=10_000)
    assert root.window.session.history(cid)[0].text == stored.strip()
