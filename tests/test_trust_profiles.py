"""Profiles stay apart on one machine: one passphrase opens one profile; locking leaves no decrypted
word in the window nor in the model's memory; the unlock screen shows nicknames and nothing else."""

from __future__ import annotations

import json
import secrets
import shutil
import threading
from pathlib import Path

import pytest

from companion import Companion, GenerationOptions, WrongPassphrase
from companion.chat.talk import TalkPolicy
from storage import ProfileStore
from tests.conftest import FAST_KDF
from tests.fakes import FakeBackend
from tests.scenario import visible_text
from tests.test_ui_chat import create_profile, unlock


def test_one_profiles_passphrase_never_opens_another(home: Path) -> None:
    app = Companion(home=home, backend_factory=FakeBackend, kdf=FAST_KDF)
    app.create_profile("A", "passphrase of A").lock()
    app.create_profile("B", "passphrase of B").lock()
    with pytest.raises(WrongPassphrase):
        app.unlock("B", "passphrase of A")
    with pytest.raises(WrongPassphrase):
        app.unlock("A", "passphrase of B")
    # Copying A's key file over B's does not help either: each sealed key is bound to its profile's id.
    store = ProfileStore(home, FAST_KDF)
    shutil.copyfile(store.find("A").key_path, store.find("B").key_path)
    with pytest.raises(WrongPassphrase):
        app.unlock("B", "passphrase of A")
    app.unlock("A", "passphrase of A").lock()
    app.close()


def test_locking_leaves_no_decrypted_word_in_any_widget(qtbot, make_root) -> None:  # noqa: ANN001
    canary = f"zebra{secrets.token_hex(4)}"
    backend = FakeBackend([f"I hear {canary} too."])
    root = make_root(backend)
    create_profile(qtbot, root)
    chat = root.window.chat_view
    chat.input.setPlainText(f"About {canary} today")
    chat.send()
    qtbot.waitUntil(lambda: not chat.is_replying, timeout=10_000)
    chat.input.setPlainText(f"a draft about {canary} not sent yet")
    assert canary in visible_text(root.window)  # the scan sees what the window shows
    root.window.lock()
    assert canary not in visible_text(root.window)
    assert root.window.windowTitle() == root.window.tr("Companion")


@pytest.mark.model
def test_locking_wipes_the_conversation_from_the_models_memory(home: Path, embedded_model: Path) -> None:
    canary = f"zebra{secrets.token_hex(4)}"
    app = Companion(home=home, kdf=FAST_KDF, options=GenerationOptions(max_tokens=8, seed=1, temperature=0.0))
    session = app.create_profile("Sam", "a passphrase")
    session.talk = TalkPolicy(app.worker, None)  # the model reads the message (not the guided path)
    session.send(session.new_conversation(), f"My secret word is {canary}.", timeout=120)

    def model_memory() -> tuple[str, int, int]:
        """The text the model has read, how many tokens that is, and how many positions its KV holds."""
        seen: list[tuple[str, int, int]] = []
        done = threading.Event()

        def look() -> None:  # on the model thread, the only one that may touch the Llama object
            import llama_cpp

            llm = app.worker._backend._llm
            memory = llama_cpp.llama_get_memory(llm._ctx.ctx)
            text = llm.detokenize(list(llm.input_ids[: llm.n_tokens])).decode("utf-8", "replace")
            seen.append((text, llm.n_tokens, llama_cpp.llama_memory_seq_pos_max(memory, 0) + 1))
            done.set()

        app.worker.call_when_idle(look)
        assert done.wait(60)
        return seen[0]

    before, _, _ = model_memory()
    assert canary in before  # the check can see the conversation while it is unlocked
    session.lock()
    after, tokens, cells = model_memory()
    app.close()
    assert canary not in after and "My secret word" not in after
    # The KV memory holds exactly what the model has read since: at most the fixed system prompt,
    # read ahead for the next unlock, and nothing of the conversation beyond it.
    assert cells <= tokens


def test_the_unlock_screen_shows_nicknames_and_nothing_else(qtbot, make_root, home: Path) -> None:  # noqa: ANN001
    canary = f"zebra{secrets.token_hex(4)}"
    app = Companion(home=home, backend_factory=FakeBackend, kdf=FAST_KDF)
    for name in ("Blue", "Kestrel"):
        session = app.create_profile(name, f"{name} passphrase")
        session.send(session.new_conversation(), f"{name} wrote {canary}", timeout=30)
        session.lock()
    app.close()
    root = make_root()
    view = root.window.unlock_view
    assert [view.profiles.item(i).text() for i in range(view.profiles.count())] == ["Blue", "Kestrel"]
    shown = visible_text(root.window)
    assert canary not in shown and "wrote" not in shown
    # On disk, outside the vaults, a profile is a nickname and a creation time.
    for profile_file in home.rglob("profile.json"):
        assert set(json.loads(profile_file.read_text("utf-8"))) == {"nickname", "created_at"}


@pytest.mark.model
def test_the_backends_wipe_empties_the_kv_memory(embedded_model: Path) -> None:
    """What lock relies on (test_session checks that lock calls it): after ``clear_memory`` the model
    has read nothing and its KV memory holds no position at all. A following warm-up would hide a
    missing wipe from the test above, so the backend is checked on its own here."""
    import llama_cpp

    from models.backend import ChatMessage
    from models.llama_backend import LlamaBackend

    backend = LlamaBackend(embedded_model, n_ctx=512)
    backend.load()
    try:
        reply = "".join(backend.stream([ChatMessage("user", "My secret word is zebra.")],
                                       GenerationOptions(max_tokens=4, seed=1, temperature=0.0), threading.Event()))
        llm = backend._llm
        memory = llama_cpp.llama_get_memory(llm._ctx.ctx)
        assert llm.n_tokens > 0 and llama_cpp.llama_memory_seq_pos_max(memory, 0) >= 0, reply
        backend.clear_memory()
        assert llm.n_tokens == 0
        assert llama_cpp.llama_memory_seq_pos_max(memory, 0) == -1
    finally:
        backend.close()
