"""Memory with the real embedded model: saved model states of recent conversations, summaries, folds."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from companion import Companion
from models.backend import ChatMessage, GenerationOptions
from models.llama_backend import LlamaBackend
from tests.conftest import FAST_KDF

pytestmark = pytest.mark.model

SHORT = GenerationOptions(max_tokens=16, seed=7, temperature=0.0)


def _reply(backend: LlamaBackend, messages: list[ChatMessage]) -> str:
    return "".join(backend.stream(messages, SHORT, threading.Event()))


def test_switching_back_to_a_conversation_reuses_its_saved_state(embedded_model: Path) -> None:
    backend = LlamaBackend(embedded_model, n_ctx=1024)
    backend.load()
    system = ChatMessage("system", "You are a kind companion.")
    a, b = [system], [system]
    for i in range(2):
        a += [ChatMessage("user", f"I can't sleep, night {i}. " * 12)]
        a += [ChatMessage("assistant", _reply(backend, a))]
    for i in range(2):
        b += [ChatMessage("user", f"Work is heavy, day {i}. " * 12)]
        b += [ChatMessage("assistant", _reply(backend, b))]
    # Back to A: its state is loaded from memory; only the new message is read.
    a += [ChatMessage("user", "Back to sleep.")]
    _reply(backend, a)
    stats = backend.last_stats
    assert stats.restored_state and stats.prompt_tokens - stats.reused_tokens < 40 < stats.prompt_tokens
    # And back to B the same way.
    b += [ChatMessage("user", "Back to work.")]
    _reply(backend, b)
    stats = backend.last_stats
    assert stats.restored_state and stats.prompt_tokens - stats.reused_tokens < 40 < stats.prompt_tokens
    # Wiping the model's memory (on lock) drops the saved states too: A is read from the start.
    backend.clear_memory()
    a += [ChatMessage("user", "Again.")]
    _reply(backend, a)
    assert not backend.last_stats.restored_state and backend.last_stats.reused_tokens == 0
    backend.close()


def test_the_embedded_model_below_the_gate_writes_no_summaries_or_memories(home: Path, embedded_model: Path) -> None:
    """Issue 14: the embedded model fails the capability gate, and what it writes about a person is
    invented ("born with a rare genetic disorder"), so it is not asked for summaries or proposals."""
    app = Companion(home=home, kdf=FAST_KDF, options=SHORT)
    s = app.create_profile("Sam", "a passphrase")
    cid = s.new_conversation()
    turn = s.send(cid, "My exams start next week and I cannot sleep.", timeout=120)
    assert turn.reply  # answered (on the guided path)
    assert not s.memory.suggestions_allowed("en") and not s.memory.suggestions_allowed("zh")
    s.memory.conversation_left(cid)
    assert s.memory.summarise_pending() >= 0
    done = threading.Event()
    app.worker.call_when_idle(done.set)
    assert done.wait(300)
    assert s.memory.summaries() == [] and s.memory.proposals() == []
    app.close()
