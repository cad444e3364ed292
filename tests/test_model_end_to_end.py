"""The real embedded model (SmolLM2-135M, GGUF) through the whole app path."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from companion import Companion, ModelState
from models.backend import ChatMessage, GenerationOptions, ModelLoadError
from models.llama_backend import LlamaBackend
from tests.conftest import FAST_KDF

pytestmark = pytest.mark.model

SHORT = GenerationOptions(max_tokens=24, seed=7, temperature=0.0)


def test_create_send_stream_close_unlock_history_intact(home: Path, embedded_model: Path) -> None:
    app = Companion(home=home, kdf=FAST_KDF, options=SHORT)
    assert app.model_path == embedded_model  # nothing chosen, nothing imported: the embedded model
    s = app.create_profile("Sam", "a passphrase")
    # The embedded model talks only on the guided path (issue 14's capability gate); here the model's own
    # streaming path is what is tested, so it counts as not measured.
    from companion.chat.talk import TalkPolicy

    s.talk = TalkPolicy(app.worker, None)
    cid = s.new_conversation()
    tokens: list[str] = []
    turn = s.send(cid, "I couldn't sleep and I feel on edge.", on_token=tokens.append, timeout=120)
    # What is kept is the shaped reply (cut at its last finished sentence) or, if the model's failed a hard
    # check, the guided one; either way something streamed first.
    assert turn.reply and len(tokens) > 1
    assert app.worker.state.state == ModelState.READY
    assert app.worker.state.info is not None and app.worker.state.info.chat_template == "gguf"
    app.close()

    again = Companion(home=home, kdf=FAST_KDF, options=SHORT)
    s2 = again.unlock("Sam", "a passphrase")
    history = s2.history(cid)
    again.close()
    assert [(m.role, m.text) for m in history] == [("user", "I couldn't sleep and I feel on edge."),
                                                   ("assistant", turn.reply)]


def test_canary_reaches_no_file_in_the_data_or_temp_folder(home: Path, embedded_model: Path,
                                                          tmp_path_factory: pytest.TempPathFactory) -> None:
    import secrets
    import tempfile

    # Made at run time, so no source or command file can contain it beforehand.
    chinese = "".join(chr(0x4E00 + secrets.randbelow(0x5000)) for _ in range(4))
    canary = f"zebra-{secrets.token_hex(6)} {chinese}"
    passphrase = f"pw-{secrets.token_hex(6)}"
    app = Companion(home=home, kdf=FAST_KDF, options=SHORT)
    s = app.create_profile("Sam", passphrase)
    s.send(s.new_conversation(), f"Remember this: {canary}", timeout=120)
    s.lock()
    app.close()
    needles = [canary.encode("utf-8"), canary.encode("utf-16-le"), chinese.encode("utf-8"),
               chinese.encode("utf-16-le"), passphrase.encode("utf-8")]
    roots = [home, Path(tempfile.gettempdir())]
    hits = []
    for root in roots:
        # os.walk, not rglob: other programs create and delete temp folders while this walks.
        for folder, _dirs, files in os.walk(root):
            for name in files:
                path = Path(folder, name)
                try:
                    if path.is_file() and path.stat().st_size < 512 * 1024 * 1024:
                        data = path.read_bytes()
                        hits += [str(path) for n in needles if n in data]
                except OSError:
                    continue
    assert hits == []


@pytest.fixture(scope="module")
def backend(embedded_model: Path):  # noqa: ANN201
    b = LlamaBackend(embedded_model, n_ctx=1024)
    b.load()
    yield b
    b.close()


def run(backend: LlamaBackend, messages: list[ChatMessage], options: GenerationOptions = SHORT) -> str:
    return "".join(backend.stream(messages, options, threading.Event()))


def test_each_turn_extends_the_previous_tokens_so_the_cache_is_reused(backend: LlamaBackend) -> None:
    backend.clear_memory()
    messages = [ChatMessage("system", "You are kind and brief.")]
    reused = []
    for question in ("Hello, I feel low.", "Work was hard today.", "My friend didn't call back."):
        messages.append(ChatMessage("user", question))
        reply = run(backend, messages)
        assert backend.last_stats is not None
        reused.append((backend.last_stats.reused_tokens, backend.last_stats.prompt_tokens))
        messages.append(ChatMessage("assistant", reply.strip()))
    assert reused[0][0] == 0
    for got, total in reused[1:]:
        # Everything but the newest user message (and the reply's last token or so) comes from the cache.
        assert got >= total - 40, reused


def test_a_history_longer_than_the_context_never_raises(backend: LlamaBackend) -> None:
    messages = [ChatMessage("system", "You are kind and brief.")]
    for i in range(60):
        messages += [ChatMessage("user", f"Message number {i}: " + "I keep thinking about it. " * 6),
                     ChatMessage("assistant", "That sounds hard. " * 5)]
    messages.append(ChatMessage("user", "And now?"))
    reply = run(backend, messages)
    assert isinstance(reply, str)
    stats = backend.last_stats
    assert stats is not None and stats.dropped_turns > 0 and stats.prompt_tokens <= 1024 - SHORT.max_tokens
    # The system prompt is never dropped.
    tokens, _, _ = backend.build_prompt(messages, SHORT.max_tokens)
    prompt = backend._llm.detokenize(tokens).decode("utf-8", "replace")
    assert "You are kind and brief." in prompt and "And now?" in prompt


def test_a_single_enormous_message_is_cut_not_refused(backend: LlamaBackend) -> None:
    messages = [ChatMessage("system", "Be brief."), ChatMessage("user", "start " + "word " * 5000 + " end")]
    tokens, _, _ = backend.build_prompt(messages, SHORT.max_tokens)
    assert len(tokens) <= 1024 - SHORT.max_tokens
    assert isinstance(run(backend, messages), str)


def test_stop_between_tokens(backend: LlamaBackend) -> None:
    cancel = threading.Event()
    pieces = []
    for piece in backend.stream([ChatMessage("user", "Tell me a long story about the sea.")],
                                GenerationOptions(max_tokens=200, seed=1), cancel):
        pieces.append(piece)
        if len(pieces) == 3:
            cancel.set()
    assert len(pieces) == 3


def test_warm_up_reads_the_system_prompt_so_the_first_reply_reuses_it(backend: LlamaBackend) -> None:
    backend.clear_memory()
    system = [ChatMessage("system", "You are kind and brief. " * 10)]
    warmed = backend.warm_up(system)
    run(backend, [*system, ChatMessage("user", "Hello")])
    assert warmed > 50 and backend.last_stats is not None and backend.last_stats.reused_tokens == warmed


def test_clear_memory_forgets_the_conversation(backend: LlamaBackend) -> None:
    run(backend, [ChatMessage("user", "Hello there")])
    backend.clear_memory()
    run(backend, [ChatMessage("user", "Hello there")])
    assert backend.last_stats is not None and backend.last_stats.reused_tokens == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some text, renamed to look like a model\n" * 10, "not a GGUF"),
        (b"GGUF" + b"\x03\x00\x00\x00" + b"\xff" * 64, "could not be loaded"),
    ],
    ids=["text-file", "truncated-gguf"],
)
def test_bad_model_files_fail_with_a_clear_message(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "model.gguf"
    path.write_bytes(content)
    with pytest.raises(ModelLoadError, match=message):
        LlamaBackend(path).load()


def test_a_missing_model_file_leaves_the_app_usable(home: Path) -> None:
    app = Companion(home=home, model_path=home / "gone.gguf", kdf=FAST_KDF)
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    turn = s.send(cid, "hello", timeout=30)  # issue 14: with no model the guided conversation answers
    assert "not found" in app.worker.state.error and s.talk_mode("en").reason == "no_model"
    assert [m.text for m in s.history(cid)] == ["hello", turn.reply] and turn.reply
    app.close()
