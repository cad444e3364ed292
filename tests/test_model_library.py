"""The model library with real files: the embedded GGUF, a second real model (Gemma 3 270M), and bad
files made from the embedded one. Each bad file is refused with the reason a person can act on, and
the app keeps working (issue 7)."""

from __future__ import annotations

import dataclasses
import struct
import threading
from pathlib import Path

import pytest

from companion import Companion, ModelState, ReplyDone, ReplyToken
from companion.chat.talk import TalkPolicy
from companion.library.cli import main as cli
from models.gguf_info import read_facts
from models.library import ImportCancelled, ImportRejected, ModelLibrary
from models.locate import assemble_second_test_model
from models.machine import MachineFacts
from models.tuning import recommend_runtime, recommend_settings
from models.validate import validate_here
from tests.conftest import FAST_KDF
from tests.fakes import FakeBackend

pytestmark = pytest.mark.model


@pytest.fixture(scope="session")
def second_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = assemble_second_test_model(tmp_path_factory.mktemp("second-model"))
    if path is None:
        pytest.fail("the Gemma 3 270M packages are not installed; run the README's test command")
    return path


@pytest.fixture(scope="session")
def bad_files(tmp_path_factory: pytest.TempPathFactory, embedded_model: Path) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("bad models")
    data = embedded_model.read_bytes()
    files = {
        "renamed text file": b"These are my notes, not a model.\n" * 10,
        "truncated copy": data[: len(data) // 2],
        "absurd tensor count": data[:8] + struct.pack("<Q", 2**62) + data[16:],
    }
    # The same model claiming an architecture llama.cpp has never heard of (same length, so the
    # rest of the header stays valid and only llama.cpp itself can object).
    at = data.index(b"general.architecture") + len(b"general.architecture")
    assert data[at:at + 17] == struct.pack("<IQ", 8, 5) + b"llama"
    files["unknown architecture"] = data[:at + 12] + b"lolma" + data[at + 17:]
    paths = {}
    for name, content in files.items():
        paths[name] = folder / f"{name}.gguf"
        paths[name].write_bytes(content)
    return paths


def library(home: Path) -> ModelLibrary:
    return ModelLibrary(home / "models", home / "model-library.json")


def test_header_facts_without_loading(embedded_model: Path, second_model: Path) -> None:
    smol = read_facts(embedded_model)
    assert (smol.architecture, smol.quantisation, smol.context_length) == ("llama", "Q4_1", 8192)
    assert 130e6 < smol.parameter_count < 140e6 and smol.has_chat_template and smol.license == "apache-2.0"
    gemma = read_facts(second_model)
    assert (gemma.architecture, gemma.quantisation) == ("gemma3", "Q4_K_M")
    assert not gemma.has_chat_template  # so importing it warns (and the Gemma fallback is used)
    assert smol.file_size < smol.memory_needed(2048) < smol.file_size + 2**30


def test_embedded_model_imports_verifies_and_loads(home: Path, embedded_model: Path) -> None:
    progress: list[tuple[str, int, int]] = []
    entry = library(home).import_file(embedded_model, progress=lambda *p: progress.append(p))
    assert entry.stored == "copy" and Path(entry.path).parent == home / "models"
    assert entry.verified_as == "smollm2-135m-instruct"  # its hash is the published one
    assert progress[-1][0] == "checking" and any(done == total for _, done, total in progress if total)
    assert library(home).verify(entry.id).unchanged
    app = Companion(home=home, kdf=FAST_KDF)
    try:
        app.models.set_default(entry.id)
        assert app.preferences.model_path == entry.path
        session = app.create_profile("Sam", "correct horse battery")
        session.talk = TalkPolicy(app.worker, None)  # the model itself answers (no capability gate)
        conversation = session.new_conversation()
        turn = session.send(conversation, "Hello there", timeout=300)
        assert turn.reply and app.worker.state.state == ModelState.READY
        assert app.worker.state.info.path == entry.path
    finally:
        app.close()


def test_unverified_files_are_allowed_and_say_so(home: Path, embedded_model: Path) -> None:
    changed = home / "mine.gguf"
    data = bytearray(embedded_model.read_bytes())
    data[-1] ^= 0xFF  # one byte of the last tensor: still a loadable model, no longer the published file
    changed.write_bytes(bytes(data))
    entry = library(home).import_file(changed, reference=True)
    assert entry.verified_as == "" and entry.stored == "reference" and entry.path == str(changed)
    assert library(home).remove(entry.id) is not None and changed.exists()  # a reference is never deleted


@pytest.mark.parametrize(("name", "kind"), [
    ("renamed text file", "not_gguf"),
    ("truncated copy", "truncated"),
    ("absurd tensor count", "corrupt_header"),
    ("unknown architecture", "unsupported_architecture"),  # only llama.cpp can tell: the child process
])
def test_bad_files_are_refused_with_the_reason(home: Path, bad_files: dict[str, Path], name: str, kind: str) -> None:
    with pytest.raises(ImportRejected) as refused:
        library(home).import_file(bad_files[name])
    assert refused.value.report.kind == kind
    assert library(home).entries() == []
    models = home / "models"
    assert not models.exists() or not any(models.iterdir())  # no copy and no partial file left behind


def test_a_bad_default_model_leaves_the_app_usable(home: Path, bad_files: dict[str, Path]) -> None:
    app = Companion(home=home, model_path=bad_files["absurd tensor count"], kdf=FAST_KDF)
    try:
        session = app.create_profile("Sam", "correct horse battery")
        conversation = session.new_conversation()
        turn = session.send(conversation, "is anyone there?", timeout=120)  # answered on the guided path
        assert app.worker.state.state == ModelState.FAILED
        assert "damaged" in app.worker.state.error
        assert session.talk_mode("en").reason == "no_model"
        assert [m.text for m in session.history(conversation)] == ["is anyone there?", turn.reply]  # both saved
    finally:
        app.close()


def test_a_model_bigger_than_the_machine_is_refused_before_loading(embedded_model: Path) -> None:
    small_machine = MachineFacts(physical_cores=2, total_memory=64 * 2**20, available_memory=32 * 2**20,
                                 gpu_offload=False)
    report = validate_here(embedded_model, small_machine, load=False)
    assert not report.ok and report.kind == "too_big"
    tight = MachineFacts(2, 8 * 2**30, 120 * 2**20, False)
    assert validate_here(embedded_model, tight, load=False).warnings == ("low_memory",)


def test_settings_follow_the_machine(embedded_model: Path) -> None:
    facts = read_facts(embedded_model)
    roomy = MachineFacts(8, 32 * 2**30, 24 * 2**30, True)
    cramped = MachineFacts(2, 2 * 2**30, 200 * 2**20, False)
    assert recommend_settings(facts, roomy).n_ctx == 8192  # the trained length, capped
    assert recommend_settings(facts, cramped).n_ctx < 8192
    assert recommend_runtime(facts, roomy) .n_gpu_layers == facts.block_count + 1
    assert recommend_runtime(facts, cramped).n_gpu_layers == 0
    assert recommend_runtime(facts, cramped).n_threads == 2
    ordinary = MachineFacts(4, 8 * 2**30, 4 * 2**30, False, load_average=2.8)  # a browser, the app starting
    assert recommend_runtime(facts, ordinary).n_threads == 4
    saturated = MachineFacts(4, 8 * 2**30, 4 * 2**30, False, load_average=6.2)  # two cores' worth too many
    assert recommend_runtime(facts, saturated).n_threads == 2
    swamped = MachineFacts(2, 8 * 2**30, 4 * 2**30, False, load_average=12.0)
    assert recommend_runtime(facts, swamped).n_threads == 1


def test_cancelling_an_import_leaves_nothing(home: Path, embedded_model: Path) -> None:
    cancel = threading.Event()

    def progress(stage: str, done: int, total: int) -> None:
        if done:
            cancel.set()

    with pytest.raises(ImportCancelled):
        library(home).import_file(embedded_model, progress=progress, cancel=cancel)
    assert library(home).entries() == [] and not any((home / "models").iterdir())  # no .partial left


def test_per_model_settings_and_reset(home: Path, embedded_model: Path) -> None:
    app = Companion(home=home, backend_factory=FakeBackend, kdf=FAST_KDF)
    try:
        entry = app.models.add_embedded()
        assert entry is not None and entry.stored == "embedded"
        plan = app.models.plan(entry.path)
        app.models.save_settings(entry.id, dataclasses.replace(plan.settings, temperature=0.2, max_tokens=99))
        changed = app.models.plan(entry.path)
        assert (changed.settings.temperature, changed.settings.max_tokens) == (0.2, 99)
        assert changed.options().max_tokens == 99
        app.models.reset_settings(entry.id)
        assert app.models.plan(entry.path).settings == plan.recommended
    finally:
        app.close()


# -- switching ---------------------------------------------------------------------------------
def test_switching_models_mid_conversation(home: Path, embedded_model: Path, second_model: Path) -> None:
    app = Companion(home=home, model_path=embedded_model, kdf=FAST_KDF)
    try:
        session = app.create_profile("Sam", "correct horse battery")
        session.talk = TalkPolicy(app.worker, None)  # the model itself answers (no capability gate)
        conversation = session.new_conversation()
        first = session.send(conversation, "I had a rough day at work.", timeout=300)
        assert app.worker.state.info.name.startswith("Smollm2")
        app.switch_model(second_model)
        second = session.send(conversation, "What should I do tonight?", timeout=300)
        info = app.worker.state.info
        assert info.path == str(second_model) and info.chat_template == "gemma"  # its own template
        assert first.reply and second.reply
        roles = [m.role for m in session.history(conversation)]
        assert roles == ["user", "assistant", "user", "assistant"]
    finally:
        app.close()


def test_switching_while_a_reply_streams_commits_it_first(home: Path, embedded_model: Path,
                                                          second_model: Path) -> None:
    app = Companion(home=home, model_path=embedded_model, kdf=FAST_KDF)
    try:
        session = app.create_profile("Sam", "correct horse battery")
        session.talk = TalkPolicy(app.worker, None)  # the model itself answers (no capability gate)
        conversation = session.new_conversation()
        done = threading.Event()
        events: list[object] = []

        def on_event(event: object) -> None:
            events.append(event)
            if isinstance(event, ReplyToken) and len(events) == 3:
                app.switch_model(second_model)  # from the model thread, mid-reply: the worst moment
            if isinstance(event, ReplyDone):
                done.set()

        session.start_reply(conversation, "Tell me a long story about the sea, please.", on_event)
        assert done.wait(300)
        finished = events[-1]
        assert isinstance(finished, ReplyDone) and finished.stopped and finished.message is not None
        after = session.send(conversation, "Thanks. And now?", timeout=300)
        assert after.reply and app.worker.state.info.path == str(second_model)
        history = session.history(conversation)
        assert [m.role for m in history] == ["user", "assistant", "user", "assistant"]
        assert history[1].text == finished.text  # the stopped reply was kept as shown
    finally:
        app.close()


def test_worker_switch_delivers_the_running_reply_before_loading() -> None:
    from companion.chat.worker import ModelWorker
    from models.backend import ChatMessage

    old, new = FakeBackend(["word " * 500], token_delay=0.005), FakeBackend(["hello from the new one"])
    worker = ModelWorker(lambda: old)
    order: list[str] = []
    try:
        worker.load()
        finished = threading.Event()

        def on_done(result) -> None:  # noqa: ANN001
            order.append(f"done stopped={result.stopped}")
            finished.set()

        worker.generate([ChatMessage("user", "hi")], None, lambda *_: None, on_done)
        assert old.started.wait(10)
        worker.switch(lambda: new, then=lambda state: order.append(f"loaded {state.state.value}"))
        assert finished.wait(10)
        second = threading.Event()
        replies: list[str] = []
        worker.generate([ChatMessage("user", "again")], None, lambda *_: None,
                        lambda r: (replies.append(r.text), second.set()))
        assert second.wait(10)
        assert order == ["done stopped=True", "loaded ready"] and old.closed
        assert replies == ["hello from the new one "]
    finally:
        worker.shutdown()


# -- the command line --------------------------------------------------------------------------
def test_command_line_exit_codes(home: Path, embedded_model: Path, bad_files: dict[str, Path],
                                 capsys: pytest.CaptureFixture[str]) -> None:
    h = ["--home", str(home)]
    assert cli([*h, "import", str(embedded_model)]) == 0
    entry_id = library(home).entries()[0].id
    assert cli([*h, "import", str(bad_files["renamed text file"])]) == 1
    assert cli([*h, "list"]) == 0
    assert "verified: smollm2-135m-instruct" in capsys.readouterr().out
    assert cli([*h, "verify"]) == 0
    assert cli([*h, "default", entry_id[:6]]) == 0
    capsys.readouterr()
    assert cli([*h, "list"]) == 0 and capsys.readouterr().out.startswith("* ")  # the default is marked
    copy = Path(library(home).entries()[0].path)
    data = bytearray(copy.read_bytes())
    data[-1] ^= 0xFF
    copy.write_bytes(bytes(data))
    assert cli([*h, "verify", entry_id]) == 4  # changed on disk since import
    assert cli([*h, "remove", "0000"]) == 3
    assert cli([*h, "remove", entry_id]) == 0 and not copy.exists()
    assert cli([*h, "frobnicate"]) == 2
