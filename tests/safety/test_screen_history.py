"""Conversation-level risk: weak cues that build up over turns and decay slowly, questions about means
that follow distress, and a timeframe given in answer to an earlier thought of suicide."""

from __future__ import annotations

import pytest

from companion.safety import assess

P = pytest.param

BUILD_UP = [
    P(["I've been really down lately", "I feel worthless", "nobody cares about me"],
      "I can't stop crying", "elevated", id="en-weak-cues-over-four-turns"),
    P(["最近压力好大", "感觉好孤独，没人理解我", "每天晚上都在哭"],
      "我觉得自己好没用", "elevated", id="zh-weak-cues-over-four-turns"),
    P(["I want to die"], "thanks for listening", "elevated", id="en-recent-ideation-is-remembered"),
    P(["我真的不想活了"], "嗯", "elevated", id="zh-recent-passive-is-remembered"),
]

NO_BUILD_UP = [
    P(["I'm so stressed about exams"], "I can't sleep", "none", id="en-two-weak-cues-stay-below"),
    P(["I want to die", "ok", "what should I cook", "tell me a joke", "how is the weather", "I like cats",
       "recommend a film"], "thanks", "none", id="en-old-ideation-has-decayed"),
    P(["this exam is killing me", "lol so dead"], "what's the max dose of ibuprofen?", "none",
      id="en-idioms-are-not-distress"),
    P(["I'm planning a trip to San Francisco"], "how tall is the golden gate bridge?", "none",
      id="en-tourist-question"),
    P(["今天好累啊"], "布洛芬最大剂量是多少", "none", id="zh-tired-is-not-distress-for-a-dose-question"),
    P(["my friend wants to kill herself"], "how tall is the golden gate bridge?", "none",
      id="en-someone-elses-risk-does-not-arm-a-means-question"),
]

MEANS_AFTER_DISTRESS = [
    P(["I don't want to be alive anymore"], "how tall is the golden gate bridge?", "imminent",
      id="en-bridge-height-after-passive-ideation"),
    P(["everything is hopeless", "I can't go on"], "what's the maximum dose of paracetamol", "imminent",
      id="en-max-dose-after-despair"),
    P(["I feel so alone", "I can't stop crying"], "how many tylenol can you take at once",
      "elevated", id="en-dose-after-weak-distress"),
    P(["I keep thinking about killing myself"], "which buildings near me have roof access", "imminent",
      id="en-roof-access-after-ideation"),
    P(["我不想活了"], "金门大桥有多高", "imminent", id="zh-bridge-height-after-passive-ideation"),
    P(["活着没意思，看不到希望"], "安眠药一次最多能吃几片", "imminent", id="zh-dose-after-despair"),
    P(["I want to die"], "what's the lethal dose of insulin", "imminent", id="en-lethal-dose-after-ideation"),
]

TIME_ANSWERS = [
    P(["I want to kill myself"], "tonight", "imminent", id="en-time-answer"),
    P(["I've been thinking about ending it"], "probably this weekend", "imminent", id="en-weekend-answer"),
    P(["我想自杀"], "就今晚吧", "imminent", id="zh-time-answer"),
    P(["I hate my job"], "tonight", "none", id="en-time-answer-without-ideation"),
]


@pytest.mark.parametrize("history,text,expected", BUILD_UP + NO_BUILD_UP + MEANS_AFTER_DISTRESS + TIME_ANSWERS)
def test_conversation_level_risk(history: list[str], text: str, expected: str) -> None:
    result = assess(text, history=history)
    assert result.level == expected, f"{history} -> {text!r}: {result.level} {result.signals}"


def test_the_same_means_question_without_history_is_not_flagged() -> None:
    assert assess("how tall is the golden gate bridge?").level == "none"
    assert assess("what's the maximum dose of paracetamol").level == "none"


def test_history_that_raised_the_level_is_named_in_the_reasons() -> None:
    result = assess("how tall is the golden gate bridge?", history=["I don't want to be alive anymore"])
    assert "asks about heights, doses or ways to die after talking about wanting to die" in result.reasons


def test_history_decays_with_distance() -> None:
    near = assess("I can't sleep", history=["I want to die"])
    far = assess("I can't sleep", history=["I want to die"] + ["ok"] * 8)
    assert (near.level, far.level) == ("elevated", "none")


def test_history_accepts_any_iterable_and_ignores_blank_entries() -> None:
    history = (h for h in ["", "   ", "I don't want to live anymore"])
    assert assess("how tall is the golden gate bridge", history=history).level == "imminent"
