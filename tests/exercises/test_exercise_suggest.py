"""The deterministic suggestion rule, in both languages; one row per case with its reason."""
from __future__ import annotations

import pytest

from companion.practice.exercises import FLOW_IDS, suggest_exercise


@pytest.mark.parametrize("text, expected", [
    # worry and anxiety -> worry postponement
    pytest.param("I'm so worried about my exam", "worry_postponement", id="en-worried"),
    pytest.param("I can't stop worrying about money", "worry_postponement", id="en-cant-stop-is-not-negation"),
    pytest.param("I feel anxious all the time", "worry_postponement", id="en-anxious"),
    pytest.param("我最近总是很焦虑", "worry_postponement", id="zh-anxious"),
    pytest.param("一直在担心工作的事", "worry_postponement", id="zh-worry"),
    pytest.param("我忍不住担心", "worry_postponement", id="zh-cant-help-worrying"),
    # what-if thinking -> decatastrophising
    pytest.param("What if I fail and lose everything", "decatastrophising", id="en-what-if"),
    pytest.param("万一面试搞砸了怎么办", "decatastrophising", id="zh-what-if"),
    # self-critical thoughts -> thought record
    pytest.param("I'm useless, I always fail", "thought_record", id="en-useless"),
    pytest.param("I am such a failure", "thought_record", id="en-failure"),
    pytest.param("我觉得自己一无是处", "thought_record", id="zh-worthless"),
    pytest.param("我什么都做不好", "thought_record", id="zh-cant-do-anything-right"),
    # low energy -> behavioural activation
    pytest.param("I have no energy and I've been stuck in bed", "behavioural_activation", id="en-no-energy"),
    pytest.param("I can't get out of bed", "behavioural_activation", id="en-cant-get-out-of-bed"),
    pytest.param("我一点动力都没有，躺了一整天", "behavioural_activation", id="zh-stuck-in-bed"),
    pytest.param("我没有精力", "behavioural_activation", id="zh-no-energy"),
    # panic -> breathing; with breathlessness or unreality -> grounding
    pytest.param("I think I'm having a panic attack", "paced_breathing", id="en-panic"),
    pytest.param("my heart is racing", "paced_breathing", id="en-heart-racing"),
    pytest.param("我好恐慌，心跳好快", "paced_breathing", id="zh-panic"),
    pytest.param("panicking and I can't breathe", "grounding_54321", id="en-panic-cant-breathe"),
    pytest.param("惊恐发作，喘不过气", "grounding_54321", id="zh-panic-breathless"),
    pytest.param("nothing feels real right now", "grounding_54321", id="en-unreal"),
    # priority: the more specific or urgent rule wins
    pytest.param("I'm anxious and I feel useless", "thought_record", id="self-critical-beats-worry"),
    pytest.param("anxious, what if it goes wrong", "decatastrophising", id="what-if-beats-worry"),
    pytest.param("I'm worried and my heart is pounding", "paced_breathing", id="body-beats-worry"),
    # negation and neutral text -> nothing
    pytest.param("I'm not anxious, just bored", None, id="en-negated"),
    pytest.param("I don't worry much these days", None, id="en-negated-verb"),
    pytest.param("我不焦虑，只是有点无聊", None, id="zh-negated"),
    pytest.param("我并不担心", None, id="zh-negated-bingbu"),
    pytest.param("I'm not anxious, I just have no energy", "behavioural_activation",
                 id="negation-only-cancels-the-negated-word"),
    pytest.param("Had a nice walk today", None, id="en-neutral"),
    pytest.param("今天天气不错", None, id="zh-neutral"),
    pytest.param("", None, id="empty"),
    pytest.param("   ", None, id="blank"),
    # normalisation
    pytest.param("I’m USELESS", "thought_record", id="curly-apostrophe-and-capitals"),
    pytest.param("ＡＮＸＩＯＵＳ", "worry_postponement", id="full-width-letters"),
])
def test_suggest_exercise(text: str, expected: str | None) -> None:
    assert suggest_exercise(text) == expected


def test_every_suggestion_is_a_real_flow() -> None:
    samples = ["worried", "what if", "useless", "no energy", "panic", "can't breathe"]
    for text in samples:
        assert suggest_exercise(text) in FLOW_IDS


@pytest.mark.parametrize("text, lang, expected", [
    pytest.param("我很焦虑", "en", None, id="zh-text-with-en-only"),
    pytest.param("我很焦虑", "zh", "worry_postponement", id="zh-text-with-zh"),
    pytest.param("I feel anxious", "zh-CN", None, id="en-text-with-zh-only"),
    pytest.param("I feel anxious", "en", "worry_postponement", id="en-text-with-en"),
    pytest.param("我很焦虑, so anxious", None, "worry_postponement", id="mixed-with-both"),
])
def test_language_limits_the_keywords(text: str, lang: str | None, expected: str | None) -> None:
    assert suggest_exercise(text, lang) == expected


def test_non_text_gives_no_suggestion() -> None:
    assert suggest_exercise(None) is None  # type: ignore[arg-type]
