"""The semantic layer runs after the first screen, off the thread that pressed Send (issue 16, and issue 14's
target of no stall at Send): its embedding takes tens of milliseconds, the rules and the n-gram scorer a few.

The reply still waits for it before its first word, so a message it raises to elevated gets everything the
first screen would have given: the card before the reply, the safety note in the model's prompt, a guided
turn that checks in, one recorded event (one card per message, also when the reply is written again). A raise
to imminent takes over before the model is asked.

The layer here is the real ``SemanticLayer`` and ``RiskScorer`` with fixed weights (the head ignores the text)
and an embedder that waits for the test, so the order of things is checked, not timings.
"""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from companion import ReplyDone, ReplyToken
from companion.safety import crisis_lines_for
from companion.safety.guard import SafetyGuard
from companion.safety.monitor import SafetyNotice
from companion.safety.scorer.runtime import RiskScorer
from companion.safety.scorer.semantic import SemanticLayer
from companion.safety.seam import RiskState
from companion.safety.texts import NOTE_PREFIX
from tests.fakes import FakeBackend
from tests.safety.test_risk_scorer import fixed_model
from tests.safety.test_safety_conversation import converse, make_app
from tests.safety.test_semantic_layer import fixed_head

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the sentence embedder is not installed on Windows")

# Nothing in it for the rules or the n-gram scorer (which scores every message 0.5 here, below its gate).
QUIET = {"en": "I tidied the garden shed and fed the cat this week", "zh": "这周把阳台收拾了一下，顺便给猫洗了个澡"}

REPLY = {"en": "That sounds like a full week.", "zh": "听起来这周挺充实的。"}


class GatedEmbedder:
    """Zero vectors, once the test opens the gate; remembers which thread asked."""

    def __init__(self, dim: int, open_: bool = True) -> None:
        self.dim = dim
        self.gate = threading.Event()
        if open_:
            self.gate.set()
        self.threads: list[str] = []

    def __call__(self, texts):  # noqa: ANN001, ANN204
        self.threads.append(threading.current_thread().name)
        assert self.gate.wait(10)
        return np.zeros((len(texts), self.dim), dtype=np.float32)


def guard_with_layer(risk_bias: float, imminent_bias: float, embedder: GatedEmbedder | None = None) -> SafetyGuard:
    head = fixed_head(risk_bias, imminent_bias)
    embed = embedder if embedder is not None else GatedEmbedder(head.dim)
    scorer = RiskScorer(loader=lambda _p: fixed_model(0.0, 0.0), semantic=lambda: SemanticLayer(head, embed))
    assert scorer.load_now() and scorer.semantic_ready()
    return SafetyGuard(lambda: crisis_lines_for("GB"), scorer=scorer)


class Log:
    def __init__(self) -> None:
        self.events: list = []
        self.done = threading.Event()

    def __call__(self, event) -> None:  # noqa: ANN001
        self.events.append(event)
        if isinstance(event, ReplyDone):
            self.done.set()


def test_the_first_screen_leaves_the_layer_out_and_screen_later_reports_its_raise() -> None:
    guard = guard_with_layer(20.0, -20.0)
    assert guard.screen_in_context(QUIET["en"], (), None, RiskState()).level == "elevated"  # the layer raised it
    assert guard.screen_in_context(QUIET["en"], (), None, RiskState(), semantic=False).level == "none"
    reported: list = []
    guard.screen_later(QUIET["en"], (), None, RiskState(), reported.append)
    assert [v.level for v in reported] == ["elevated"]
    quiet = guard_with_layer(-20.0, -20.0)
    reported.clear()
    quiet.screen_later(QUIET["en"], (), None, RiskState(), reported.append)
    assert reported == []  # no raise, no report
    SafetyGuard().screen_later(QUIET["en"], (), None, RiskState(), reported.append)  # no scorer: nothing
    assert reported == []


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_send_returns_before_the_layer_runs_and_the_reply_waits_for_its_raise(home: Path, lang: str) -> None:
    embedder = GatedEmbedder(fixed_head(0, 0).dim, open_=False)
    backend = FakeBackend([REPLY[lang]])
    app = make_app(home, backend, guard=guard_with_layer(20.0, -20.0, embedder))
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    log = Log()
    s.start_reply(cid, QUIET[lang], log)  # returns with the embedder still held: it is not on this thread
    assert threading.current_thread().name not in embedder.threads
    assert not log.done.wait(0.3) and backend.prompts == []  # the reply waits for the layer
    embedder.gate.set()
    assert log.done.wait(10)
    assert embedder.threads and "MainThread" not in embedder.threads
    kinds = [type(e) for e in log.events]
    assert kinds[0] is SafetyNotice and log.events[0].level == "elevated"  # the card before the first word
    assert ReplyToken in kinds and kinds.index(SafetyNotice) < kinds.index(ReplyToken)
    assert any(NOTE_PREFIX in m.content and "safe right now" in m.content for m in backend.prompts[-1])
    assert [e.level for e in s.safety_events(cid)] == ["elevated"]

    again = Log()
    s.regenerate(cid, again)  # written again: the same message keeps its one event and shows no new card
    assert again.done.wait(10)
    assert not any(isinstance(e, SafetyNotice) for e in again.events)
    assert any(NOTE_PREFIX in m.content for m in backend.prompts[-1])  # still answered with care
    assert [e.level for e in s.safety_events(cid)] == ["elevated"]
    app.close()


def test_without_a_raise_the_reply_goes_ahead_unchanged(home: Path) -> None:
    backend = FakeBackend(["That sounds like a full week."])
    app = make_app(home, backend, guard=guard_with_layer(-20.0, -20.0))
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    events = converse(s, cid, QUIET["en"])
    assert not any(isinstance(e, SafetyNotice) for e in events) and s.safety_events(cid) == []
    assert events[-1].text == "That sounds like a full week."
    assert not any(NOTE_PREFIX in m.content and "safe right now" in m.content for m in backend.prompts[-1])
    app.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_a_guided_reply_checks_in_when_the_layer_raises(home: Path, lang: str) -> None:
    """No model: the guided reply is delivered on the same thread as the layer, after its verdict."""
    plain = make_app(home / "plain", None, guard=guard_with_layer(-20.0, -20.0))
    s = plain.create_profile("Sam", "pw")
    unraised = converse(s, s.new_conversation(), QUIET[lang])[-1].text
    plain.close()

    app = make_app(home / "raised", None, guard=guard_with_layer(20.0, -20.0))
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    events = converse(s, cid, QUIET[lang])
    assert isinstance(events[0], SafetyNotice) and events[0].level == "elevated"
    assert events[-1].text and events[-1].text != unraised  # the check-in turn, not the ordinary one
    assert [e.level for e in s.safety_events(cid)] == ["elevated"]
    app.close()


def test_a_raise_to_imminent_takes_over_before_the_model_is_asked(home: Path) -> None:
    backend = FakeBackend(["That sounds like a full week."])
    app = make_app(home, backend, guard=guard_with_layer(20.0, 20.0))
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    events = converse(s, cid, QUIET["en"])
    notices = [e for e in events if isinstance(e, SafetyNotice)]
    assert [n.level for n in notices] == ["imminent"]
    assert "999" in events[-1].text and backend.prompts == []
    assert s.history(cid)[-1].text == events[-1].text  # the crisis reply is committed
    app.close()
