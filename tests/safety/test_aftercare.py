"""Issue 16, careful after risk: the staying-present flow after a crisis, the hand-back, the stricter
review after an elevated message, replacements that fit what was said, and "Try another reply" on a
scripted reply. Through the real session and vault, with a scripted backend."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion import ReplyWithdrawn
from companion.safety import normalise
from companion.safety.aftercare import (
    CALM_TURNS,
    FLOW_STEPS,
    GROUNDING,
    HAND_BACK,
    NOT_REGENERATED,
    PLAN_NONE,
    SAFE_NOW,
    SAFE_NOW_DISTANCE_DONE,
    after_imminent,
    says_safe,
)
from tests.fakes import FakeBackend
from tests.safety.test_safety_conversation import IMMINENT, converse, make_app

AFTER = {"en": "ok. I put them back in the cupboard. I'm still here.", "zh": "好吧。我把药放回柜子里了。我还在。"}
CALM = {"en": ["I don't know, it's just been a long week.", "Work has been a lot.", "My sister called earlier.",
               "The cat is asleep next to me.", "I made some tea.", "I might watch something."],
        "zh": ["我在看电视。", "我喝了点热水。", "我姐姐刚才打过电话。", "猫在我旁边睡觉。", "我泡了杯茶。", "我可能看会儿电视剧。"]}
SAFE = {"en": "I'm safe now, I promise I won't do anything.", "zh": "我现在安全了，不会做傻事的。"}


@pytest.mark.parametrize(("text", "safe"), [
    ("i'm safe now", True), ("i am feeling a bit safer", True), ("i won't hurt myself tonight", True),
    ("i'm not sure i'm safe", False), ("i don't feel safe", False), ("i'm not safe", False),
    ("我现在安全了", True), ("我不会伤害自己", True), ("我不知道我安全吗", False), ("我还是很难受", False),
])
def test_says_safe(text: str, safe: bool) -> None:
    assert says_safe(normalise(text)) is safe


def test_the_flow_state_machine() -> None:
    flags = ["none", "imminent"]
    assert after_imminent(flags, [False] * 2).since == 0  # the crisis message itself gets the script
    # calm messages: the four steps, then the hand-back
    for n in range(1, FLOW_STEPS + 1):
        state = after_imminent(flags + ["none"] * n, [False] * (2 + n))
        assert state.scripted and not state.ending and state.since == n
    state = after_imminent(flags + ["none"] * (FLOW_STEPS + 1), [False] * (3 + FLOW_STEPS))
    assert state.scripted and state.ending
    assert not after_imminent(flags + ["none"] * (FLOW_STEPS + 2), [False] * (4 + FLOW_STEPS)).scripted
    # a flagged message resets the calm count
    late = ["none"] * FLOW_STEPS + ["elevated"] + ["none"] * (CALM_TURNS - 1)
    assert not after_imminent(flags + late, [False] * (2 + len(late))).ending
    assert after_imminent(flags + late + ["none"], [False] * (3 + len(late))).ending
    # saying they are safe ends it at once, unless that very message is flagged
    assert after_imminent(flags + ["none"], [False, False, True]).ending
    assert not after_imminent(flags + ["elevated"], [False, False, True]).ending


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_after_a_crisis_the_replies_stay_scripted_then_hand_back(home: Path, lang: str) -> None:
    # The model answers in the person's language: a reply in another language is replaced (issue 14).
    model_reply = {"en": "I'm glad you're here. What would you like to talk about?",
                   "zh": "我很高兴你还在这里。你想聊些什么？"}[lang]
    backend = FakeBackend([model_reply])
    app = make_app(home, backend)
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    converse(s, cid, IMMINENT[lang])
    step1 = converse(s, cid, AFTER[lang])[-1]
    assert step1.text == SAFE_NOW_DISTANCE_DONE.get(lang)  # acknowledges the distance from the means
    step2 = converse(s, cid, CALM[lang][0])[-1]
    assert step2.text == GROUNDING.get(lang)
    assert backend.prompts == []  # the model was not asked
    # The flow survives lock and unlock: it is derived from what is stored.
    s.lock()
    s = app.unlock("Sam", "pw")
    step3 = converse(s, cid, CALM[lang][1])[-1]
    assert step3.text == PLAN_NONE.get(lang)  # no plan yet: a few small steps, and making one later
    step4 = converse(s, cid, CALM[lang][2])[-1]
    assert "116 123" in step4.text
    hand_back = converse(s, cid, CALM[lang][3])[-1]
    assert hand_back.text == HAND_BACK.get(lang)  # the steps offered and calm: handed back gently
    assert backend.prompts == []
    reply = converse(s, cid, CALM[lang][4])[-1]
    assert reply.text.startswith(model_reply[:8])
    # The model answers again, told that the conversation was in crisis.
    prompt = backend.prompts[0]
    assert prompt[-1].content == CALM[lang][4]
    assert any("safety check" in m.content for m in prompt if m.role == "system")
    app.close()


# Means and readiness in the person's own words, with no rule firing: the learned scorer alone reads them as
# imminent (written for this test; the shipped weights, risk-1.3).
OWN_WORDS = {"en": "the car is in the garage and I have the hose", "zh": "车库里的管子我已经准备好了"}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_scorer_alone_brings_the_script_outside_a_crisis_but_not_within_the_flow(home: Path, lang: str) -> None:
    from companion.safety import assess
    from companion.safety.monitor import SafetyNotice

    assert assess(OWN_WORDS[lang]).level == "none"
    backend = FakeBackend(["This reply must not be used."])
    app = make_app(home, backend)
    assert app.risk_scorer.wait(30)
    try:
        s = app.create_profile("Sam", "pw")
        # A conversation with no crisis before: the scorer alone rates it imminent, so the script comes first.
        quiet = s.new_conversation()
        events = converse(s, quiet, OWN_WORDS[lang])
        assert [e.level for e in events if isinstance(e, SafetyNotice)] == ["imminent"]
        assert "116 123" in events[-1].text and "999" in events[-1].text
        # Right after a crisis, the same words are an answer to the flow: its next step, not the script again.
        crisis = s.new_conversation()
        converse(s, crisis, IMMINENT[lang])
        step1 = converse(s, crisis, OWN_WORDS[lang])[-1]
        assert step1.text == SAFE_NOW.get(lang)
        assert [e.level for e in s.safety_events(crisis)] == ["imminent"]  # the crisis only: no second one
        assert backend.prompts == []
    finally:
        app.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_saying_they_are_safe_hands_back(home: Path, lang: str) -> None:
    model_reply = {"en": "Thank you for telling me.", "zh": "谢谢你告诉我。"}[lang]
    backend = FakeBackend([model_reply])
    app = make_app(home, backend)
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    converse(s, cid, IMMINENT[lang])
    assert converse(s, cid, CALM[lang][0])[-1].text == SAFE_NOW.get(lang)
    assert converse(s, cid, SAFE[lang])[-1].text == HAND_BACK.get(lang)
    assert converse(s, cid, CALM[lang][1])[-1].text.startswith(model_reply[:4])
    app.close()


def test_the_flow_quotes_the_persons_own_safety_plan(home: Path) -> None:
    app = make_app(home, FakeBackend())
    s = app.create_profile("Sam", "pw")
    s.safety_plan.save_many({"reasons": "My dog Biscuit, and seeing my niece grow up.",
                             "coping": "A hot shower and the rain playlist."})
    cid = s.new_conversation()
    converse(s, cid, IMMINENT["en"])
    converse(s, cid, "It's bad.")
    converse(s, cid, "I don't know what to do.")
    plan_step = converse(s, cid, "Everything hurts.")[-1].text
    assert "Biscuit" in plan_step and "rain playlist" in plan_step
    lines_step = converse(s, cid, "ok.")[-1].text
    assert "116 123" in lines_step and "999" in lines_step
    app.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_try_another_reply_on_a_scripted_reply_says_why(home: Path, lang: str) -> None:
    app = make_app(home, FakeBackend())
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    script = converse(s, cid, IMMINENT[lang])[-1].text
    done_events: list = []
    import threading

    done = threading.Event()

    def on_event(event) -> None:  # noqa: ANN001
        if type(event).__name__ == "ReplyDone":
            done_events.append(event)
            done.set()

    s.regenerate(cid, on_event)
    assert done.wait(5)
    assert done_events[0].text == script and done_events[0].note == NOT_REGENERATED.get(lang)
    assert [m.role for m in s.history(cid)] == ["user", "assistant"]
    app.close()


@pytest.mark.parametrize(("lang", "user", "reply", "expect"), [
    ("zh", "我又失眠了，已经三天没睡好。", "你可能不会真正醒来。", "睡"),
    ("en", "I can't sleep again, third night in a row.", "Maybe you won't wake up, and that would be peaceful.",
     "lie down"),
])
def test_a_withdrawn_reply_to_an_ordinary_message_is_replaced_by_one_that_fits(
        home: Path, lang: str, user: str, reply: str, expect: str) -> None:
    app = make_app(home, FakeBackend([reply], token_delay=0.001))
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    events = converse(s, cid, user)
    assert any(isinstance(e, ReplyWithdrawn) for e in events)
    text = events[-1].text
    assert expect in text
    assert "matters" not in text and "生命很重要" not in text
    app.close()


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_after_an_elevated_message_a_doubtful_reply_is_replaced_by_a_fitting_one(home: Path, lang: str) -> None:
    user = {"en": "Honestly I feel like a burden to everyone.", "zh": "说实话，我觉得自己是所有人的累赘。"}[lang]
    reply = {"en": "Yeah, maybe they would be better off without you.", "zh": "也许没有你，大家真的会过得更好。"}[lang]
    app = make_app(home, FakeBackend([reply], token_delay=0.001))
    s = app.create_profile("Sam", "pw")
    cid = s.new_conversation()
    events = converse(s, cid, user)
    assert any(isinstance(e, ReplyWithdrawn) for e in events)
    assert reply not in s.history(cid)[-1].text
    app.close()
