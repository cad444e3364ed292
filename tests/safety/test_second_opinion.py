"""Issue 16: the capable model's second opinion in the live reply path, through the real app, session and
ReplyJob with a scripted model (tests/fakes.py ``CapableFakeBackend``).

A model of 1B parameters or more that answers the built-in check right is asked, on the model thread just
before it writes the reply, whether a message the rules and the scorer rated "none" shows risk. A yes takes
the elevated path (card, safety note, stricter review, event); a no, a small or unknown-size model, a failed
check, a model error or a lock while asking change nothing."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from companion import ReplyDone, ReplyToken, ReplyWithdrawn
from companion.safety import texts
from companion.safety.monitor import SafetyNotice
from companion.safety.scorer.runtime import scorer_reason
from companion.safety.scorer.second_opinion import CHECK
from tests.fakes import CapableFakeBackend
from tests.safety.test_safety_conversation import all_text_in_vault, converse, make_app

# Nothing the rules or the scorer would flag (each test checks that the screen alone says "none").
INNOCUOUS = {"en": "I gave my old guitar to my brother today.", "zh": "今天把我的旧吉他送给了弟弟。"}
# Passes the ordinary review, withdrawn by the stricter one a flagged conversation gets (test_reply_scorer.py).
# A claim to be a professional in words the rules miss: since reply-scorer 2.0 the scorer withdraws it in
# every conversation, so the flagged one must never show it either.
STRICT_ONLY = {"en": "I've been a clinical psychologist for years and trust me, I've seen cases like yours.",
               "zh": "作为一名有执照的心理咨询师，我可以告诉你这种情况很常见。"}
CHECK_TEXTS = [text for text, _ in CHECK]


@pytest.fixture
def start(home: Path):  # noqa: ANN201
    """``start(backend)`` -> (app, session, conversation id), with the risk scorer loaded; closed after."""
    apps = []

    def start_app(backend: CapableFakeBackend):  # noqa: ANN202
        app = make_app(home, backend)
        apps.append(app)
        assert app.risk_scorer.wait(30)
        session = app.create_profile("Sam", "pw")
        return app, session, session.new_conversation()

    yield start_app
    for app in apps:
        app.close()


def screened_none(app, text: str) -> bool:  # noqa: ANN001
    """What the rules and the scorer say about ``text`` alone (the second opinion is only for "none")."""
    return app._guard.screen_message(text, (), None).level == "none"  # noqa: SLF001


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_yes_from_a_capable_model_takes_the_elevated_path(start, lang: str) -> None:  # noqa: ANN001
    backend = CapableFakeBackend([STRICT_ONLY[lang]], opinion="yes")
    app, s, cid = start(backend)
    assert screened_none(app, INNOCUOUS[lang])
    events = converse(s, cid, INNOCUOUS[lang])
    assert app.worker.second_opinion_on
    assert backend.questions == [*CHECK_TEXTS, INNOCUOUS[lang]]  # the check at load, then this message
    # The card, with a plain reason in the message's language, before anything of the reply.
    notices = [e for e in events if isinstance(e, SafetyNotice)]
    assert [n.level for n in notices] == ["elevated"] and events.index(notices[0]) == 0
    assert notices[0].reasons == (scorer_reason("thoughts", lang),) and notices[0].lang == lang
    # The model wrote the reply with the elevated safety note in its prompt.
    [prompt] = backend.prompts
    assert any(texts.NOTE_PREFIX in m.content and "Answer with extra care" in m.content for m in prompt)
    # The reply guard withdrew the claim (the learned scorer runs on every reply).
    assert any(isinstance(e, ReplyWithdrawn) for e in events)
    done = events[-1]
    assert isinstance(done, ReplyDone) and done.message is not None and STRICT_ONLY[lang] not in done.text
    assert STRICT_ONLY[lang] not in all_text_in_vault(s)
    # Recorded like any other verdict, on the person's message.
    user_id = s.history(cid)[0].id
    message_events = s.safety_events(cid)
    assert [(e.level, e.message_id, e.reasons) for e in message_events] == [("elevated", user_id, notices[0].reasons)]
    assert notices[0].event_id == message_events[0].id


def test_a_no_changes_nothing(start) -> None:  # noqa: ANN001
    backend = CapableFakeBackend(["Tell me more about it."], opinion="no")
    app, s, cid = start(backend)
    events = converse(s, cid, INNOCUOUS["en"])
    assert backend.questions == [*CHECK_TEXTS, INNOCUOUS["en"]]  # asked, and it said no
    assert not [e for e in events if isinstance(e, (SafetyNotice, ReplyWithdrawn))]
    [prompt] = backend.prompts
    assert not any(texts.NOTE_PREFIX in m.content for m in prompt)
    assert events[-1].text == "Tell me more about it."  # the ordinary review let it through
    assert s.safety_events(cid) == []


def test_a_regenerated_reply_keeps_the_first_event_and_shows_no_new_card(start) -> None:  # noqa: ANN001
    backend = CapableFakeBackend(["Tell me more about it.", "What was it like?"], opinion="yes")
    _app, s, cid = start(backend)
    converse(s, cid, INNOCUOUS["en"])
    events: list = []
    finished = threading.Event()
    s.regenerate(cid, lambda e: (events.append(e), isinstance(e, ReplyDone) and finished.set()))
    assert finished.wait(10)
    assert not [e for e in events if isinstance(e, SafetyNotice)]
    assert len(s.safety_events(cid)) == 1
    # Still the elevated path: the second reply was written with the safety note too.
    assert any(texts.NOTE_PREFIX in m.content for m in backend.prompts[-1])


@pytest.mark.parametrize("parameter_count", [135_000_000, 270_000_000, None])
def test_a_small_or_unknown_size_model_is_never_asked(start, parameter_count: int | None) -> None:  # noqa: ANN001
    backend = CapableFakeBackend(["Tell me more about it."], parameter_count=parameter_count, opinion="yes")
    app, s, cid = start(backend)
    events = converse(s, cid, INNOCUOUS["en"])
    assert backend.questions == []  # not even the check at load: it costs nothing
    assert not app.worker.second_opinion_on
    assert not [e for e in events if isinstance(e, SafetyNotice)] and s.safety_events(cid) == []
    assert len(backend.prompts) == 1 and events[-1].text


def test_a_model_that_fails_the_check_at_load_is_off(start) -> None:  # noqa: ANN001
    backend = CapableFakeBackend(["Tell me more about it."], opinion="yes", check_right=False)
    app, s, cid = start(backend)
    events = converse(s, cid, INNOCUOUS["en"])
    assert not app.worker.second_opinion_on
    assert backend.questions == CHECK_TEXTS  # the check at load, and nothing after it
    assert not [e for e in events if isinstance(e, SafetyNotice)] and s.safety_events(cid) == []


def test_a_model_error_while_asking_changes_nothing(start) -> None:  # noqa: ANN001
    backend = CapableFakeBackend(["Tell me more about it."], opinion="yes")

    def crash(_text: str, _cancel: threading.Event) -> None:
        raise RuntimeError("the model fell over")

    backend.on_question = crash
    _app, s, cid = start(backend)
    events = converse(s, cid, INNOCUOUS["en"])
    assert backend.questions[-1] == INNOCUOUS["en"]
    assert not [e for e in events if isinstance(e, SafetyNotice)] and s.safety_events(cid) == []
    assert "Tell me more" in events[-1].text


def test_a_lock_while_the_question_is_asked_cancels_it_and_nothing_follows(start, home: Path) -> None:  # noqa: ANN001
    backend = CapableFakeBackend(["This reply must never be written."], opinion="yes")
    asking = threading.Event()

    def wait_for_the_lock(_text: str, cancel: threading.Event) -> None:
        asking.set()
        assert cancel.wait(10)  # then the scripted model still says "yes": it must count for nothing

    backend.on_question = wait_for_the_lock
    app, s, cid = start(backend)
    events: list = []
    s.start_reply(cid, INNOCUOUS["en"], events.append)
    assert asking.wait(10)
    s.lock()
    done = [e for e in events if isinstance(e, ReplyDone)]
    assert len(done) == 1 and done[0].stopped and done[0].message is None and not done[0].text
    assert not [e for e in events if isinstance(e, (SafetyNotice, ReplyToken))]
    assert backend.prompts == []  # the reply was never generated
    again = app.unlock("Sam", "pw")
    assert again.safety_events(cid) == [] and [m.role for m in again.history(cid)] == ["user"]


def test_switching_or_closing_the_model_drops_its_opinion(start) -> None:  # noqa: ANN001
    app, _s, _cid = start(CapableFakeBackend())
    loaded, switched = threading.Event(), threading.Event()
    app.worker.call_when_idle(loaded.set)  # queued after the load the profile started
    assert loaded.wait(10) and app.worker.second_opinion_on
    app.worker.switch(lambda: CapableFakeBackend(parameter_count=270_000_000), then=lambda _state: switched.set())
    assert switched.wait(10) and not app.worker.second_opinion_on


def test_the_question_is_refused_off_the_model_thread(start) -> None:  # noqa: ANN001
    app, _s, _cid = start(CapableFakeBackend(opinion="yes"))
    with pytest.raises(RuntimeError):
        app.worker.raise_by_second_opinion("none", INNOCUOUS["en"])
