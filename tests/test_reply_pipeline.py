"""The reply pipeline's races (issue 11), each reproduced with a scripted backend: a lock at the fold
threshold, a Stop at the moment the model thread takes the reply, and a model thread that will not stop
at shutdown. Each of these failed before ReplyJob and owner cancellation."""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest

from companion import Companion, ModelState, ReplyDone, ReplyToken
from companion.chat.prompts import SYSTEM_PROMPT
from models.backend import ChatMessage, GenerationOptions
from tests.conftest import FAST_KDF
from tests.fakes import FakeBackend


class TracingBackend(FakeBackend):
    """Records, in order, every time the model reads or forgets a conversation."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.trace: list[tuple[str, list[str]]] = []

    def stream(self, messages: Sequence[ChatMessage], options: GenerationOptions,
               cancel: threading.Event) -> Iterator[str]:
        self.trace.append(("stream", [m.content for m in messages]))
        return super().stream(messages, options, cancel)

    def warm_up(self, prefix: Sequence[ChatMessage]) -> int:
        self.trace.append(("warm", [m.content for m in prefix]))
        return super().warm_up(prefix)

    def clear_memory(self) -> None:
        self.trace.append(("clear", []))
        super().clear_memory()


def ready_app(home: Path, backend: FakeBackend) -> tuple[Companion, object, str]:
    app = Companion(home=home, backend_factory=lambda: backend, kdf=FAST_KDF)
    session = app.create_profile("Sam", "pw")
    deadline = time.monotonic() + 10
    while app.worker.state.state != ModelState.READY and time.monotonic() < deadline:
        time.sleep(0.01)
    assert app.worker.state.state == ModelState.READY
    return app, session, session.new_conversation()


def collect(session, cid: str, text: str) -> tuple[list, threading.Event]:  # noqa: ANN001
    events: list = []
    done = threading.Event()

    def on_event(event) -> None:  # noqa: ANN001
        events.append(event)
        if isinstance(event, ReplyDone):
            done.set()

    session.start_reply(cid, text, on_event)
    return events, done


def test_a_lock_at_the_fold_threshold_leaves_nothing_of_the_conversation_in_the_model(home: Path) -> None:
    backend = TracingBackend(["Hello there.", "Words " * 60], token_delay=0.02)
    app, s, cid = ready_app(home, backend)
    s.send(cid, "hello", timeout=10)
    # A long message: this reply crosses the fold threshold (a fold would follow it on its own).
    long_text = "I keep going over the same things at night and cannot sleep at all. " * 60
    _, done = collect(s, cid, long_text)
    assert backend.started.wait(5)
    s.lock(wait=True, timeout=10)
    assert done.wait(5)
    assert s.is_locked
    time.sleep(0.3)  # anything wrongly queued after the wipe would run now
    app.close()
    wipes = [i for i, (what, _) in enumerate(backend.trace) if what == "clear"]
    assert wipes, backend.trace
    after = backend.trace[wipes[0] + 1:]
    # No stream after the wipe, and nothing read ahead but the fixed system prompt.
    assert [what for what, _ in after if what == "stream"] == [], [what for what, _ in backend.trace]
    for what, contents in after:
        assert what != "warm" or contents == [SYSTEM_PROMPT], contents
        assert not any("cannot sleep" in c for c in contents)


def test_a_stop_at_the_moment_the_model_thread_takes_the_reply_stops_it(home: Path) -> None:
    backend = FakeBackend(["one two three four five six seven eight"], token_delay=0.01)
    app, s, cid = ready_app(home, backend)
    worker = app.worker
    take = worker._jobs.get

    def take_then_stop(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        job = take(*args, **kwargs)
        if getattr(job, "request_id", 0):  # the reply, just dequeued and not yet running: Stop now
            s.stop(job.request_id)
        return job

    worker._jobs.get = take_then_stop
    worker.call_when_idle(lambda: None)  # wakes the thread, so its next dequeue is the hooked one
    events, done = collect(s, cid, "tell me something")
    assert done.wait(10)
    reply = events[-1]
    assert reply.stopped, reply
    assert not any(isinstance(e, ReplyToken) for e in events)
    assert backend.prompts == []  # the model never started on it
    app.close()


class StuckBackend(FakeBackend):
    """Streams one word, then sits in a read that cannot be interrupted (as llama.cpp's prompt read)."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def stream(self, messages: Sequence[ChatMessage], options: GenerationOptions,
               cancel: threading.Event) -> Iterator[str]:
        self.prompts.append(list(messages))
        self.started.set()
        yield "Still "
        self.release.wait(30)
        yield "here."


def test_a_model_thread_that_will_not_stop_never_has_its_vault_closed_under_it(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    backend = StuckBackend()
    app, s, cid = ready_app(home, backend)
    events, done = collect(s, cid, "are you there?")
    assert backend.started.wait(5)
    monkeypatch.setattr(app.worker, "shutdown", functools.partial(app.worker.shutdown, timeout=0.5))
    closer = threading.Thread(target=app.close)
    closer.start()
    closer.join(10)
    assert not closer.is_alive()  # quitting does not hang on a stuck model...
    assert s._vault.is_open  # ...and the vault stays open under the running reply
    backend.release.set()
    assert done.wait(10)
    reply = events[-1]
    assert reply.message is not None and reply.save_error == "", reply  # committed, nothing lost
    deadline = time.monotonic() + 10
    while s._vault.is_open and time.monotonic() < deadline:
        time.sleep(0.01)
    assert not s._vault.is_open  # closed once the model thread was done with it
    again = Companion(home=home, backend_factory=lambda: FakeBackend(), kdf=FAST_KDF)
    stored = again.unlock("Sam", "pw").history(cid)
    assert [m.text for m in stored] == ["are you there?", "Still here."]
    again.close()
