"""The flow data: both languages everywhere, nothing about food or body measures, the clinical
structure of each exercise, and the registry refusing broken or unsafe flows."""
from __future__ import annotations

import re

import pytest

from tests.content_walk import CJK, walk

from companion.practice.exercises import FLOW_IDS, Text, get_flow, summary as summary_module
from companion.practice.exercises.model import END, Branch, Flow, Option, Step, TimerSpec
from companion.practice.exercises.registry import DefinitionError, _check

IDENTIFIER = re.compile(r"^[a-z0-9][a-z0-9_]*$")

# CLINICAL.md section 7: no calorie, weight, BMI, body-measurement or diet content in exercises.
FORBIDDEN_EN = re.compile(
    r"calori|kcal|\bweigh|\bbmi\b|\bkg\b|kilo|pound|\bdiet|fasting|\bwaist|body fat|slim|"
    r"therap|diagnos", re.IGNORECASE)
FORBIDDEN_ZH = ("卡路里", "热量", "体重", "减肥", "节食", "瘦身", "公斤", "斤", "腰围", "体脂", "治疗师", "诊断")


def all_texts() -> list[tuple[str, Text]]:
    found = [(f"{f}{p}", v) for f in FLOW_IDS for p, v in walk(get_flow(f)) if isinstance(v, Text)]
    found += [(f"summary.{n}", v) for n, v in vars(summary_module).items() if isinstance(v, Text)]
    return found


def test_the_exercises_and_cards_are_there() -> None:
    assert set(FLOW_IDS) == {
        "thought_record", "behavioural_activation", "worry_postponement", "decatastrophising",
        "paced_breathing", "grounding_54321",
        "card_depression", "card_anxiety", "card_cbt_model", "card_sleep"}
    assert {f for f in FLOW_IDS if get_flow(f).category == "card"} == {
        "card_depression", "card_anxiety", "card_cbt_model", "card_sleep"}


def test_every_text_exists_in_english_and_chinese() -> None:
    texts = all_texts()
    assert len(texts) > 200  # the walk reached steps, options and descriptions
    for where, text in texts:
        assert text.en.strip() and text.zh.strip(), where
        assert CJK.search(text.zh), f"{where}: Chinese text has no Chinese in it: {text.zh!r}"
        assert not CJK.search(text.en), f"{where}: English text contains Chinese: {text.en!r}"


def test_bare_strings_are_identifiers_never_visible_text() -> None:
    for flow_id in FLOW_IDS:
        for where, value in walk(get_flow(flow_id)):
            if isinstance(value, str):
                assert IDENTIFIER.match(value), f"{flow_id}{where}: {value!r} looks untranslated"


def test_nothing_about_food_weight_or_body_measures_and_no_clinical_claims() -> None:
    for where, text in all_texts():
        assert not FORBIDDEN_EN.search(text.en), f"{where}: {text.en!r}"
        assert not any(word in text.zh for word in FORBIDDEN_ZH), f"{where}: {text.zh!r}"


def test_thought_record_has_the_seven_columns_in_order() -> None:
    ids = [s.id for s in get_flow("thought_record").steps]
    columns = ["situation", "mood_rating", "hot_thought", "evidence_for", "evidence_against",
               "balanced_belief", "mood_rerating"]
    assert [c for c in ids if c in columns] == columns
    kinds = {s.id: s.kind for s in get_flow("thought_record").steps}
    assert kinds["mood_rating"] == kinds["balanced_belief"] == kinds["mood_rerating"] == "rating"


def test_thought_record_offers_all_eleven_thinking_traps_with_explanations() -> None:
    traps = get_flow("thought_record").step("thinking_traps")
    assert traps is not None and traps.kind == "multi_choice"
    assert [o.value for o in traps.options] == [
        "all_or_nothing", "overgeneralising", "mental_filter", "discounting_positive",
        "mind_reading", "fortune_telling", "catastrophising_minimising", "emotional_reasoning",
        "should_statements", "labelling", "personalisation_blame"]
    for option in traps.options:
        assert option.description is not None
        assert len(option.description.en) > 40 and len(option.description.zh) > 15, option.value


def test_decatastrophising_asks_worst_best_likely_cope_friend() -> None:
    ids = [s.id for s in get_flow("decatastrophising").steps]
    assert [i for i in ids if i in ("worst", "best", "most_likely", "cope", "friend")] == [
        "worst", "best", "most_likely", "cope", "friend"]


def test_worry_time_is_about_thirty_minutes_and_not_at_bedtime() -> None:
    slot = get_flow("worry_postponement").step("worry_time_slot")
    assert "30 minutes" in slot.prompt.en and "bedtime" in slot.prompt.en
    assert "30 分钟" in slot.prompt.zh and "睡觉" in slot.prompt.zh


def test_grounding_counts_down_five_to_one() -> None:
    labels = [s.label.en for s in get_flow("grounding_54321").steps if s.kind == "text"]
    assert [label[0] for label in labels] == ["5", "4", "3", "2", "1"]


def test_every_breathing_rhythm_is_slow_and_has_no_hold() -> None:
    flow = get_flow("paced_breathing")
    timer = flow.step("breathe").timer
    assert timer is not None and timer.seconds == 300  # 5 minutes by default
    for option in flow.step("rhythm").options:
        assert set(option.settings) == {"inhale_seconds", "exhale_seconds"}  # no hold phase
        assert 60 / (option.settings["inhale_seconds"] + option.settings["exhale_seconds"]) <= 10
    assert min(o.settings["seconds"] for o in flow.step("duration").options) >= 300


def _flow(*steps: Step) -> Flow:
    return Flow(id="tiny", title=Text("Tiny", "小"), description=Text("D", "描述"), steps=steps)


def _text(step_id: str, **extra) -> Step:
    return Step(step_id, "text", Text("L", "标签"), Text("P", "提示"), **extra)


@pytest.mark.parametrize("flow, message", [
    pytest.param(_flow(_text("a", next="nowhere")), "missing step", id="next-to-missing-step"),
    pytest.param(_flow(_text("a", branches=(Branch(goto="zzz", equals="x"),))), "missing step",
                 id="branch-to-missing-step"),
    pytest.param(_flow(_text("a", next=END), _text("b")), "never reached", id="unreachable-step"),
    pytest.param(_flow(_text("a"), _text("a")), "distinct", id="duplicate-step-ids"),
    pytest.param(_flow(Step("a", "single_choice", Text("L", "标签"), Text("P", "提示"))),
                 "distinct options", id="choice-without-options"),
    pytest.param(_flow(Step("a", "single_choice", Text("L", "标签"), Text("P", "提示"),
                            options=(Option("x", Text("X", "甲")),), default="y")),
                 "not an option", id="default-not-an-option"),
    pytest.param(_flow(Step("a", "timer", Text("L", "标签"), Text("P", "提示"))),
                 "TimerSpec", id="timer-without-spec"),
    pytest.param(_flow(Step("a", "timer", Text("L", "标签"), Text("P", "提示"),
                            timer=TimerSpec(seconds=300, inhale_seconds=2, exhale_seconds=3))),
                 "too fast", id="twelve-breaths-a-minute"),
    pytest.param(_flow(Step("a", "timer", Text("L", "标签"), Text("P", "提示"),
                            timer=TimerSpec(seconds=120, inhale_seconds=4, exhale_seconds=6))),
                 "5 minutes", id="paced-session-too-short"),
    pytest.param(_flow(Step("r", "single_choice", Text("L", "标签"), Text("P", "提示"),
                            options=(Option("fast", Text("F", "快"),
                                            settings={"inhale_seconds": 1, "exhale_seconds": 2}),)),
                       Step("a", "timer", Text("L", "标签"), Text("P", "提示"),
                            timer=TimerSpec(inhale_seconds=4, exhale_seconds=6, settings_from=("r",)))),
                 "too fast", id="unsafe-choosable-rhythm"),
])
def test_broken_or_unsafe_flows_are_refused(flow: Flow, message: str) -> None:
    with pytest.raises(DefinitionError, match=message):
        _check(flow)


def test_a_minimal_flow_is_accepted() -> None:
    _check(_flow(_text("a"), _text("b")))  # raises if the checks are too strict
    assert _flow(_text("a"), _text("b")).following("b") == END
