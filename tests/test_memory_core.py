"""Memory in the core: recall into the prompt, summaries and proposals, the switch, folds."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from companion import Companion
from companion.chat.memory import FOLD_PREFIX, RECALL_HEADER, parse_facts
from companion.chat.prompts import SYSTEM_PROMPT
from tests.conftest import FAST_KDF
from tests.fakes import FakeBackend


def make(home: Path, *replies: str):  # noqa: ANN202
    backend = FakeBackend(list(replies))
    app = Companion(home=home, backend_factory=lambda: backend, kdf=FAST_KDF)
    session = app.create_profile("Sam", "pw")
    return app, session, backend


def idle(app: Companion) -> None:
    done = threading.Event()
    app.worker.call_when_idle(done.set)
    assert done.wait(10)


def test_memories_are_recalled_into_the_prompt_after_the_stable_prefix(home: Path) -> None:
    app, s, backend = make(home)
    memory = s.memory.add("My sister Ana is the one I call when I panic")
    s.memory.add("Has a dog called Pepper")
    cid = s.new_conversation()
    s.send(cid, "Hello", timeout=10)
    s.send(cid, "I argued with my sister today", timeout=10)
    first, second = backend.prompts[-2], backend.prompts[-1]
    assert second[0] == first[0] and second[0].content == SYSTEM_PROMPT  # the stable prefix is untouched
    # The recalled memory sits just before the person's message, after the history.
    assert [m.role for m in second] == ["system", "user", "assistant", "system", "user", "system"]  # + the move
    assert RECALL_HEADER in second[3].content and "Ana is the one I call" in second[3].content
    assert "Pepper" not in second[3].content
    assert all(RECALL_HEADER not in m.content for m in first)  # "Hello" matches nothing
    # Edited: the new words are recalled; deleted: nothing is.
    s.memory.edit(memory.id, "My sister Ana calms me down")
    s.send(cid, "My sister called again", timeout=10)
    assert "Ana calms me down" in backend.prompts[-1][-3].content
    s.memory.delete(memory.id)
    s.send(cid, "My sister is visiting", timeout=10)
    assert all("Ana" not in m.content for m in backend.prompts[-1] if m.role == "system")
    app.close()


def test_reply_done_names_the_memories_used_and_they_are_kept_with_the_reply(home: Path) -> None:
    app, s, _ = make(home)
    s.memory.add("Running in the park helps")
    cid = s.new_conversation()
    done = threading.Event()
    events = []
    s.start_reply(cid, "Should I go running?", lambda e: (events.append(e), done.set()) if
                  type(e).__name__ == "ReplyDone" else None)
    assert done.wait(10)
    assert events[-1].recalled == ("Running in the park helps",)
    assert list(s.memory.recalls(cid).values()) == [(["Running in the park helps"], 0)]
    app.close()


def test_leaving_a_conversation_summarises_it_and_proposes_memories(home: Path) -> None:
    app, s, backend = make(home, "That sounds hard.", "You talked about Ana and running.",
                           "- Has a sister called Ana\n- Running helps\nnot a bullet")
    cid = s.new_conversation()
    s.send(cid, "My sister Ana and I go running", timeout=10)
    s.memory.conversation_left(cid)
    idle(app)
    assert [(x.conversation_id, x.text) for x in s.memory.summaries()] == [
        (cid, "You talked about Ana and running.")]
    proposals = sorted(s.memory.proposals(), key=lambda p: p.id)
    assert [p.text for p in proposals] == ["Has a sister called Ana", "Running helps"]
    assert all(p.origin == "conversation" and p.conversation_id == cid for p in proposals)
    assert s.memory.memories() == []  # nothing is used until the person accepts it
    s.memory.accept(proposals[0].id)
    s.memory.delete(proposals[1].id)
    assert [m.text for m in s.memory.memories()] == ["Has a sister called Ana"]
    # The summary prompt starts with the conversation itself (so its cached state is reused).
    summary_prompt = backend.prompts[1]
    assert summary_prompt[:3] == backend.prompts[0][:2] + [summary_prompt[2]]
    assert summary_prompt[-1].role == "system"
    # Nothing new since: leaving again makes no new summary.
    count = len(backend.prompts)
    s.memory.conversation_left(cid)
    idle(app)
    assert len(backend.prompts) == count
    app.close()


def test_dont_remember_this_holds(home: Path) -> None:
    app, s, backend = make(home, "ok", "A summary about Miso.", "- Has a cat called Miso")
    secret = s.new_conversation()
    s.memory.set_remember(secret, False)
    s.send(secret, "My cat Miso is sick", timeout=10)
    s.memory.conversation_left(secret)
    assert s.memory.summarise_pending() == 0  # nothing to summarise
    idle(app)
    assert s.memory.summaries() == [] and s.memory.proposals() == []
    assert len(backend.prompts) == 1  # the model was never asked to summarise it
    other = s.new_conversation()
    s.send(other, "Miso the cat", timeout=10)
    assert all("Miso" not in m.content for m in backend.prompts[-1] if m.role == "system")
    # It stays switched off after locking and unlocking.
    s.lock()
    s2 = app.unlock("Sam", "pw")
    assert not s2.memory.remembers(secret) and s2.memory.remembers(other)
    app.close()


@pytest.mark.slow  # waits on purpose for a model that arrives late
def test_summaries_wait_for_a_model(home: Path) -> None:
    app = Companion(home=home, backend_factory=None, kdf=FAST_KDF)
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    s.history(cid)
    s._conversations.add_message(cid, "user", "words")  # noqa: SLF001 - no model, no reply
    s._conversations.add_message(cid, "assistant", "reply")  # noqa: SLF001
    s.memory.conversation_left(cid)
    assert s.memory.summarise_pending() == -1  # no model: deferred
    assert s.memory.summaries() == [] and s.memory.repo.conversations_needing_summary() == [(cid, 2)]
    app.close()


def test_a_long_conversation_folds_and_nothing_is_deleted(home: Path) -> None:
    app, s, backend = make(home, *[f"reply {i}" for i in range(200)])  # a 2048-token context
    cid = s.new_conversation()
    long = "I keep going over the same worries about work and sleep and my family, again and again. " * 3
    folds_seen = 0
    for turn in range(40):
        s.send(cid, f"{turn}: {long}", timeout=10)
        idle(app)
        folds = s.memory.folds(cid)
        if len(folds) > folds_seen:
            folds_seen = len(folds)
            s.send(cid, f"after fold {folds_seen}", timeout=10)
            prompt = backend.prompts[-1]
            # The running summary rides in the stable first message; older turns are not sent.
            assert prompt[0].content.startswith(SYSTEM_PROMPT) and FOLD_PREFIX in prompt[0].content
            assert not any(m.content.startswith("0: ") for m in prompt)
            assert prompt[-2].content == f"after fold {folds_seen}"  # then the CBT move
            # The folded start was read ahead (while the person typed): the prompt extends it.
            assert prompt[:len(backend.warmed)] == backend.warmed and FOLD_PREFIX in backend.warmed[0].content
            if folds_seen == 2:
                break
    assert folds_seen == 2
    history = s.history(cid)
    assert history[0].text.startswith("0: ")  # nothing deleted from the vault
    assert len(history) == 2 * (turn + 1) + 4
    # Between folds the prompt's first message does not change (the KV cache stays valid).
    firsts = [p[0].content for p in backend.prompts if "Write in English" in p[-1].content]  # chat turns
    assert len(set(firsts)) == 3
    app.close()


def test_parse_facts() -> None:
    assert parse_facts("- Has a sister\n* likes tea\n1. 喜欢跑步和游泳\n- none\nSure!") == [
        "Has a sister", "likes tea", "喜欢跑步和游泳"]
