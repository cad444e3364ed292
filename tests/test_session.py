"""The core's conversation protocol, with a scripted backend standing in for llama.cpp."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

from companion import ChatUnavailable, Companion, EmptyMessage, MessageTooLong, ModelState, ReplyDone, VaultLocked
from companion.chat.session import ReplyWithdrawn
from companion.safety.seam import MessageVerdict, NoGuard, ReplyVerdict
from tests.conftest import FAST_KDF
from tests.fakes import FakeBackend


def make_app(home: Path, backend: FakeBackend | None, guard=None) -> Companion:  # noqa: ANN001
    factory = (lambda: backend) if backend is not None else None
    app = Companion(home=home, backend_factory=factory, kdf=FAST_KDF, guard=guard)
    if backend is None:
        # No factory at all means no model: the app must still work for everything else.
        app.worker = type(app.worker)(None)
    return app


def test_send_returns_the_reply_and_history_survives_unlock(home: Path) -> None:
    backend = FakeBackend(["That sounds heavy. What happened today?"])
    app = make_app(home, backend)
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    tokens: list[str] = []
    turn = s.send(cid, "I had an awful day", on_token=tokens.append, timeout=10)
    assert turn.reply.strip() == "That sounds heavy. What happened today?"
    assert "".join(tokens).strip() == turn.reply.strip()
    assert len(tokens) > 1  # streamed, not delivered whole
    s.lock()
    s2 = app.unlock("Sam", "pw")
    assert [(m.role, m.text.strip()) for m in s2.history(cid)] == [
        ("user", "I had an awful day"), ("assistant", "That sounds heavy. What happened today?")]
    app.close()


def test_the_prompt_is_system_then_history_in_order(home: Path) -> None:
    backend = FakeBackend(["one", "two"])
    app = make_app(home, backend)
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    s.send(cid, "first", timeout=10)
    s.send(cid, "second", timeout=10)
    roles = [(m.role, m.content.strip()) for m in backend.prompts[-1]]
    assert roles[0][0] == "system" and "not a therapist" in backend.prompts[-1][0].content
    assert roles[1:-1] == [("user", "first"), ("assistant", "one"), ("user", "second")]
    assert roles[-1][0] == "system" and "Write in English" in roles[-1][1]  # this turn's CBT move (issue 14)
    # The system prompt is identical every turn, so the model's cache of it stays valid.
    assert backend.prompts[0][0] == backend.prompts[1][0]
    app.close()


def test_only_the_worker_thread_touches_the_backend(home: Path) -> None:
    backend = FakeBackend(["hello there"])
    app = make_app(home, backend)
    s = app.create_profile("Sam", "pw")
    s.send(s.new_conversation(), "hi", timeout=10)
    s.lock()
    app.close()
    assert len(backend.thread_ids) == 1
    assert threading.get_ident() not in backend.thread_ids
    assert backend.closed
    # The fixed system prompt was read ahead of the first reply (and again after the wipe on lock).
    assert [m.role for m in backend.warmed] == ["system"] and "AI" in backend.warmed[0].content


def test_stop_mid_reply_saves_what_was_written_marked_stopped(home: Path) -> None:
    backend = FakeBackend(["word " * 400], token_delay=0.005)
    app = make_app(home, backend)
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    done = threading.Event()
    events: list = []

    def on_event(event) -> None:  # noqa: ANN001
        events.append(event)
        if isinstance(event, ReplyDone):
            done.set()

    _, rid = s.start_reply(cid, "talk to me", on_event)
    assert backend.started.wait(5)
    s.stop(rid)
    assert done.wait(10)
    final = events[-1]
    assert final.stopped and final.message is not None and final.message.status == "stopped"
    assert 0 < len(final.text.split()) < 400
    assert s.history(cid)[-1].status == "stopped"
    app.close()


def test_regenerate_replaces_the_last_reply_only_once_the_new_one_is_saved(home: Path) -> None:
    backend = FakeBackend(["first answer", "second answer"])
    app = make_app(home, backend)
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    s.send(cid, "hello", timeout=10)
    done = threading.Event()
    s.regenerate(cid, lambda e: done.set() if isinstance(e, ReplyDone) else None)
    assert done.wait(10)
    assert [m.text.strip() for m in s.history(cid)] == ["hello", "second answer"]
    # The regenerated reply was asked without the old reply in its prompt.
    assert [m.content.strip() for m in backend.prompts[-1][1:-1]] == ["hello"]  # then the CBT move
    app.close()


def test_lock_while_generating_commits_the_partial_reply_clears_memory_and_closes(home: Path) -> None:
    backend = FakeBackend(["word " * 400], token_delay=0.005)
    app = make_app(home, backend)
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    s.start_reply(cid, "are you there", lambda e: None)
    assert backend.started.wait(5)
    s.lock(wait=True, timeout=10)
    assert s.is_locked and backend.cleared == 1
    with pytest.raises(VaultLocked):
        s.history(cid)
    s2 = app.unlock("Sam", "pw")
    history = s2.history(cid)
    assert [m.role for m in history] == ["user", "assistant"] and history[-1].status == "stopped"
    app.close()


def test_switching_conversation_while_replying_keeps_the_reply_with_its_own_conversation(home: Path) -> None:
    backend = FakeBackend(["slow reply " * 30, "other"], token_delay=0.003)
    app = make_app(home, backend)
    s = app.create_profile("Sam", "pw")
    first, second = s.new_conversation(), s.new_conversation()
    done = threading.Event()
    s.start_reply(first, "in the first", lambda e: done.set() if isinstance(e, ReplyDone) else None)
    s.send(second, "in the second", timeout=10)  # queued behind the first reply
    assert done.wait(10)
    assert [m.text.strip() for m in s.history(second)] == ["in the second", "other"]
    assert s.history(first)[-1].text.startswith("slow reply")
    app.close()


def test_without_a_model_the_message_is_kept_and_a_guided_reply_answers(home: Path) -> None:
    app = make_app(home, None)
    assert app.worker.state.state == ModelState.FAILED
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    turn = s.send(cid, "is anyone there", timeout=10)  # issue 14: the guided path, not "unavailable"
    assert [m.text for m in s.history(cid)] == ["is anyone there", turn.reply]
    assert s.talk_mode().reason == "no_model"
    app.close()


def test_a_model_that_fails_to_load_leaves_the_app_usable(home: Path) -> None:
    app = make_app(home, FakeBackend(fail_load="That file is not a model."))
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    turn = s.send(cid, "hello", timeout=10)  # answered on the guided path
    assert app.worker.state.state == ModelState.FAILED and app.worker.state.error == "That file is not a model."
    assert [m.text for m in s.history(cid)] == ["hello", turn.reply] and turn.reply
    app.close()


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("a\x00b\x07c", "abc"),  # control characters are dropped
        ("line one\r\nline two", "line one\nline two"),  # line endings normalised
        ("שלום עולם 🌧️", "שלום עולם 🌧️"),  # right-to-left text and emoji kept
        ("bad \ud800 surrogate", "bad  surrogate"),  # unpaired surrogate dropped, not a crash
    ],
    ids=["controls", "crlf", "rtl-emoji", "surrogate"],
)
def test_awkward_text_is_cleaned_not_refused(home: Path, typed: str, stored: str) -> None:
    app = make_app(home, FakeBackend(["ok"]))
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    s.send(cid, typed, timeout=10)
    assert s.history(cid)[0].text == stored
    app.close()


def test_a_huge_paste_is_refused_clearly_and_nothing_is_stored(home: Path) -> None:
    app = make_app(home, FakeBackend())
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    with pytest.raises(MessageTooLong):
        s.send(cid, "x" * (1024 * 1024), timeout=10)
    with pytest.raises(EmptyMessage):
        s.send(cid, " \n\t ", timeout=10)
    assert s.history(cid) == []
    app.close()


class _ScriptedGuard(NoGuard):
    """A stand-in for the safety layer: scripts one message, withdraws replies with a bad word."""

    def screen_message(self, text: str, history: Sequence[str], lang: str | None) -> MessageVerdict:
        if "script me" in text:
            return MessageVerdict(level="imminent", scripted_reply="I'm here with you. Are you safe right now?")
        return MessageVerdict()

    def review_reply(self, reply: str, user_text: str, lang: str | None) -> ReplyVerdict:
        if "FORBIDDEN" in reply:
            return ReplyVerdict(False, ("blocked",), replacement="Let's slow down together.")
        return ReplyVerdict()


def test_the_safety_seam_can_script_a_reply_without_the_model(home: Path) -> None:
    backend = FakeBackend()
    app = make_app(home, backend, guard=_ScriptedGuard())
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    turn = s.send(cid, "please script me", timeout=10)
    assert turn.reply == "I'm here with you. Are you safe right now?"
    assert backend.prompts == []
    app.close()


def test_a_withdrawn_reply_is_never_stored(home: Path) -> None:
    backend = FakeBackend(["Sure. Here is the FORBIDDEN detail. And more words follow here."], token_delay=0.001)
    app = make_app(home, backend, guard=_ScriptedGuard())
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    events: list = []
    done = threading.Event()
    s.start_reply(cid, "tell me", lambda e: (events.append(e), done.set() if isinstance(e, ReplyDone) else None))
    assert done.wait(10)
    assert any(isinstance(e, ReplyWithdrawn) for e in events)
    stored = [m.text for m in s.history(cid)]
    assert stored == ["tell me", "Let's slow down together."]
    app.close()


def test_auto_lock_setting_is_kept_in_the_vault(home: Path) -> None:
    app = make_app(home, FakeBackend())
    s = app.create_profile("Sam", "pw")
    assert s.auto_lock_minutes == 10
    s.set_auto_lock_minutes(3)
    s.lock()
    assert app.unlock("Sam", "pw").auto_lock_minutes == 3
    app.close()



def test_locking_forgets_the_screens_analyses_of_what_was_written(home: Path) -> None:
    # The guard keeps its analyses of recent messages (their words) in memory; on a shared machine the
    # next profile must not find the last person's words in the process, after a lock or at closing.
    from companion.safety.guard import SafetyGuard

    guard = SafetyGuard()
    backend = FakeBackend(["I hear you.", "I'm listening."])
    app = make_app(home, backend, guard=guard)
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    s.send(cid, "work was rough and my sister is not speaking to me", timeout=10)
    assert len(guard.analyses) > 0  # the screen did analyse it
    s.lock()
    assert len(guard.analyses) == 0
    s = app.unlock("Sam", "pw")
    s.send(s.new_conversation(), "still thinking about my sister", timeout=10)
    assert len(guard.analyses) > 0
    app.close()
    assert len(guard.analyses) == 0
