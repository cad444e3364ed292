"""Issue 16: the imminent path never waits for the model.

The crisis script, the emergency number and the crisis lines must be delivered at once while a model
is loading (seconds; a 3B one far longer), generating, or absent, and when a slower safety layer raises
the level later. Timing is checked by order, not by tight limits: the reply must arrive while the slow
model is still loading. The figure itself is printed by ``bench/safety.py``.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from companion import ReplyDone, ReplyToken, ReplyWithdrawn
from companion.safety.seam import MessageVerdict
from companion.chat.worker import ModelState
from companion.safety import crisis_lines_for
from companion.safety.guard import SafetyGuard
from companion.safety.monitor import SafetyNotice
from companion.chat.events import CrisisFollowUp
from tests.fakes import FakeBackend
from tests.safety.test_safety_conversation import IMMINENT, SAFE_QUESTION, converse, make_app

LOAD_SECONDS = 3.0


class SlowLoadingBackend(FakeBackend):
    """Takes seconds to load, like the embedded model at unlock (a 3B one takes far longer)."""

    def __init__(self, *args, load_seconds: float = LOAD_SECONDS, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        self.load_seconds = load_seconds
        self.loaded = threading.Event()

    def load(self):  # noqa: ANN201
        time.sleep(self.load_seconds)
        info = super().load()
        self.loaded.set()
        return info


class EventLog:
    def __init__(self) -> None:
        self.events: list = []
        self.done = threading.Event()
        self.times: dict[str, float] = {}
        self.start = time.perf_counter()

    def __call__(self, event) -> None:  # noqa: ANN001
        self.events.append(event)
        if isinstance(event, (ReplyDone, CrisisFollowUp)):
            self.times.setdefault("done", time.perf_counter() - self.start)
            self.done.set()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_script_arrives_while_a_slow_model_is_still_loading(home: Path, lang: str) -> None:
    backend = SlowLoadingBackend()
    app = make_app(home, backend)
    s = app.create_profile("Sam", "pw")  # starts loading the model in the background
    cid = s.new_conversation()
    log = EventLog()
    s.start_reply(cid, IMMINENT[lang], log)
    assert log.done.wait(LOAD_SECONDS / 2), "the crisis script waited for the model"
    assert not backend.loaded.is_set() and app.worker.state.state == ModelState.LOADING
    done = log.events[-1]
    assert done.text.split("\n\n")[0].count("999") and "116 123" in done.text and SAFE_QUESTION[lang] in done.text
    assert isinstance(log.events[0], SafetyNotice) and log.events[0].level == "imminent"
    assert s.history(cid)[-1].text == done.text  # committed, not just shown
    assert backend.prompts == []
    app.close()


def test_the_script_does_not_queue_behind_a_reply_being_generated(home: Path) -> None:
    backend = FakeBackend(["word " * 400], token_delay=0.01)  # about four seconds of streaming
    app = make_app(home, backend)
    s = app.create_profile("Sam", "pw")
    other = s.new_conversation()
    busy = EventLog()
    s.start_reply(other, "Tell me a long story about the sea.", busy)
    assert backend.started.wait(10)
    cid = s.new_conversation()
    log = EventLog()
    s.start_reply(cid, IMMINENT["en"], log)
    assert log.done.wait(2), "the crisis script waited for the other reply"
    assert not busy.done.is_set()  # the long reply is still streaming
    s.stop()
    assert busy.done.wait(10)
    app.close()


class LaterGuard(SafetyGuard):
    """The real guard plus a slower layer that reports imminent risk after ``delay`` seconds (the seam
    the learned risk scorer reports through)."""

    def __init__(self, delay: float, trigger: str) -> None:
        super().__init__(lambda: crisis_lines_for("GB"))
        self.delay = delay
        self.trigger = trigger
        self.reported = threading.Event()

    def screen_later(self, text, history, lang, prior, report) -> None:  # noqa: ANN001
        if self.trigger not in text:
            return

        def later() -> None:
            lang_ = "zh" if any("\u4e00" <= c <= "\u9fff" for c in text) else "en"
            report(MessageVerdict("imminent", ("sounds like a plan to end their life",),
                                  scripted_reply=self.script(lang_, ("ideation_plan",)),
                                  details={"lang": lang_, "signals": ("ideation_plan",)}))
            self.reported.set()

        threading.Timer(self.delay, later).start()


def test_a_later_imminent_verdict_replaces_the_reply_at_once_while_the_model_loads(home: Path) -> None:
    backend = SlowLoadingBackend(["Sounds like a quiet evening."])
    guard = LaterGuard(0.3, "tidying")
    app = make_app(home, backend, guard=guard)
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    log = EventLog()
    message, request_id = s.start_reply(cid, "Just tidying my room and feeding the cat.", log)
    assert log.done.wait(LOAD_SECONDS / 2), "the late crisis reply waited for the model"
    assert not backend.loaded.is_set()
    kinds = [type(e).__name__ for e in log.events]
    assert kinds == ["SafetyNotice", "ReplyWithdrawn", "ReplyDone"], kinds
    notice, _, done = log.events
    assert notice.level == "imminent" and notice.request_id == request_id == done.request_id
    assert "116 123" in done.text and done.message is not None
    # The model's reply is dropped when it finally comes: only the script is stored, once.
    assert backend.loaded.wait(LOAD_SECONDS * 2)
    time.sleep(0.3)
    assert [m.role for m in s.history(cid)] == ["user", "assistant"] and s.history(cid)[-1].text == done.text
    assert [e.level for e in s.safety_events(cid)] == ["imminent"]
    assert not [e for e in log.events if isinstance(e, ReplyToken)]
    app.close()


def test_a_later_imminent_verdict_after_the_reply_adds_the_crisis_reply(home: Path) -> None:
    backend = FakeBackend(["Sounds like a quiet evening."])
    guard = LaterGuard(0.5, "tidying")
    app = make_app(home, backend, guard=guard)
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    log = EventLog()
    s.start_reply(cid, "Just tidying my room and feeding the cat.", log)
    assert log.done.wait(5)
    assert log.events[-1].text.startswith("Sounds like")
    follow = threading.Event()
    later_events: list = []

    def watch() -> None:
        while not any(isinstance(e, CrisisFollowUp) for e in log.events):
            time.sleep(0.01)
        later_events.extend(e for e in log.events if isinstance(e, CrisisFollowUp))
        follow.set()

    threading.Thread(target=watch, daemon=True).start()
    assert follow.wait(5)
    [crisis] = later_events
    assert crisis.notice is not None and crisis.notice.level == "imminent" and "116 123" in crisis.text
    assert [m.role for m in s.history(cid)] == ["user", "assistant", "assistant"]
    assert s.history(cid)[-1].text == crisis.text
    app.close()


def test_a_later_layer_can_only_raise_the_level(home: Path) -> None:
    class LowerGuard(SafetyGuard):
        def screen_later(self, text, history, lang, prior, report) -> None:  # noqa: ANN001
            report(MessageVerdict("none"))  # "none" after the rules said elevated: ignored

    backend = FakeBackend(["That sounds really heavy."])
    app = make_app(home, backend, guard=LowerGuard())
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    events = converse(s, cid, "Honestly I feel like a burden to everyone.")
    assert events[-1].text.startswith("That sounds") and not any(isinstance(e, ReplyWithdrawn) for e in events)
    assert [e.level for e in s.safety_events(cid)] == ["elevated"]
    app.close()
