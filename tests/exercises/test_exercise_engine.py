"""The engine: every flow runs start to finish, survives a crash between any two steps, goes
back, stays pure, and refuses states it cannot trust."""
from __future__ import annotations

import copy
import json

import pytest

from companion.practice.exercises import (FLOW_IDS, InvalidAnswer, InvalidState, answer, back, can_go_back,
                                          current_step, get_flow, is_complete, start, summary, summary_text,
                                          timer_settings)


def valid_answer(state: dict) -> object:
    """A plausible answer for whatever step is current (defaults keep to the main path)."""
    step = current_step(state)
    assert step is not None
    return {
        "text": f"my answer to {step.id}",
        "rating": 40,
        "single_choice": step.default or (step.options[0].value if step.options else None),
        "multi_choice": [step.options[0].value] if step.options else [],
        "timer": int(timer_settings(state)["seconds"]) if step.kind == "timer" else None,
        "info": None,
    }[step.kind]


def run(flow_id: str, crash_every_step: bool = False) -> dict:
    state = start(flow_id)
    for _ in range(100):  # a guard against a flow that never ends
        if is_complete(state):
            return state
        state = answer(state, valid_answer(state))
        if crash_every_step:
            state = json.loads(json.dumps(state))  # stored, app killed, reloaded
    raise AssertionError(f"{flow_id} did not finish")


@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_every_flow_can_be_completed(flow_id: str) -> None:
    state = run(flow_id)
    assert is_complete(state) and current_step(state) is None
    assert state["history"][0] == get_flow(flow_id).steps[0].id
    data = summary(state, "en")
    assert data["complete"] is True and data["title"] == get_flow(flow_id).title.en
    answered = [s for s in state["history"] if get_flow(flow_id).step(s).kind != "info"]
    assert [item["step_id"] for item in data["items"]] == answered


@pytest.mark.parametrize("flow_id", FLOW_IDS)
def test_every_flow_survives_a_crash_after_every_step(flow_id: str) -> None:
    assert run(flow_id, crash_every_step=True) == run(flow_id)


def test_thought_record_resumes_mid_way_after_a_crash() -> None:
    state = start("thought_record")
    for value in ["Manager frowned at my report", "anxious", 80, "I'm going to be fired"]:
        state = answer(state, value)
    stored = json.dumps(state, ensure_ascii=False)  # what storage writes, encrypted

    resumed = json.loads(stored)  # a new process after the crash
    assert current_step(resumed).id == "hot_thought"
    assert can_go_back(resumed)
    for value in ["I'm going to be fired", ["fortune_telling", "mind_reading"],
                  "He frowned", "He said the data was good", "He may have been busy", 60, 45]:
        resumed = answer(resumed, value)
    assert is_complete(resumed)
    answers = resumed["answers"]
    assert answers["situation"] == "Manager frowned at my report"
    assert answers["mood_rating"] == 80 and answers["mood_rerating"] == 45
    assert answers["thinking_traps"] == ["mind_reading", "fortune_telling"]  # options' order
    text = summary_text(resumed, "zh")
    assert "读心术" in text and "算命式预测" in text and "80/100" in text


def test_answer_is_pure() -> None:
    state = start("decatastrophising")
    before = copy.deepcopy(state)
    after = answer(state, "the exam")
    assert state == before
    assert after is not state and after["answers"] == {"fear": "the exam"}


def test_back_returns_to_the_previous_step_and_keeps_its_answer() -> None:
    state = answer(answer(start("thought_record"), "a situation"), "sad")
    previous = back(state)
    assert current_step(previous).id == "mood"
    assert previous["answers"]["mood"] == "sad"  # kept so the UI can show it for editing
    assert current_step(answer(previous, "ashamed")).id == "mood_rating"
    assert answer(previous, "ashamed")["answers"]["mood"] == "ashamed"


def test_back_at_the_first_step_is_refused() -> None:
    state = start("grounding_54321")
    assert not can_go_back(state)
    with pytest.raises(InvalidState, match="first step"):
        back(state)


def test_back_reopens_a_completed_flow() -> None:
    done = run("card_sleep")
    reopened = back(done)
    assert not is_complete(reopened)
    assert current_step(reopened).id == get_flow("card_sleep").steps[-1].id


def test_a_completed_flow_takes_no_more_answers() -> None:
    with pytest.raises(InvalidAnswer, match="already complete"):
        answer(run("card_anxiety"), None)


@pytest.mark.parametrize("state, message", [
    pytest.param("not a dict", "known version", id="not-a-dict"),
    pytest.param({"version": 99, "flow_id": "thought_record"}, "known version", id="future-version"),
    pytest.param({"version": 1, "flow_id": "gone", "step_id": "x", "answers": {}, "history": [],
                  "complete": False}, "unknown flow", id="unknown-flow"),
    pytest.param({"version": 1, "flow_id": "thought_record", "step_id": "renamed", "answers": {},
                  "history": [], "complete": False}, "not valid", id="step-no-longer-exists"),
    pytest.param({"version": 1, "flow_id": "thought_record", "step_id": "mood",
                  "answers": {"old": 1}, "history": ["old"], "complete": False},
                 "may have changed", id="answer-for-removed-step"),
    pytest.param({"version": 1, "flow_id": "thought_record", "step_id": None, "answers": {},
                  "history": [], "complete": False}, "not valid", id="no-step-but-not-complete"),
    pytest.param({"version": 1, "flow_id": "thought_record", "step_id": "mood"},
                 "missing", id="answers-missing"),
])
def test_untrustworthy_states_are_refused(state: object, message: str) -> None:
    with pytest.raises(InvalidState, match=message):
        answer(state, "x")  # type: ignore[arg-type]


def test_unknown_flow_cannot_start() -> None:
    with pytest.raises(ValueError, match="unknown flow 'yoga'"):
        start("yoga")


def test_state_is_plain_json() -> None:
    state = run("behavioural_activation")
    assert json.loads(json.dumps(state)) == state
    assert set(state) == {"version", "flow_id", "step_id", "answers", "history", "complete"}


def test_timer_settings_follow_the_choices() -> None:
    state = start("paced_breathing")
    state = answer(state, None)  # intro
    state = answer(state, "in3_out5")
    state = answer(state, "min10")
    assert timer_settings(state) == {"seconds": 600, "inhale_seconds": 3, "exhale_seconds": 5}
    with pytest.raises(InvalidAnswer, match="outside 0-600s"):
        answer(state, 601)
    assert answer(state, 600)["answers"]["breathe"] == 600


def test_paced_breathing_defaults_to_five_minutes_at_six_breaths_a_minute() -> None:
    state = answer(answer(answer(start("paced_breathing"), None), None), None)  # keep defaults
    settings = timer_settings(state)
    assert settings["seconds"] == 300
    assert 60 / (settings["inhale_seconds"] + settings["exhale_seconds"]) == 6
    assert state["answers"]["rhythm"] == "in4_out6" and state["answers"]["duration"] == "min5"


def test_timer_settings_need_a_timer_step() -> None:
    with pytest.raises(InvalidState, match="not a timer"):
        timer_settings(start("paced_breathing"))


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_summary_formats_each_kind_of_answer(lang: str) -> None:
    state = start("paced_breathing")
    for value in [None, "in5_out5", "min5", 150, None]:
        state = answer(state, value)
    items = {item["step_id"]: item["answer"] for item in summary(state, lang)["items"]}
    assert "intro" not in items  # information steps are not answers
    expected = {
        "en": {"rhythm": "In 5 seconds, out 5 (6 breaths a minute)", "breathe": "2 min 30 s",
               "calm_after": "(skipped)"},
        "zh": {"rhythm": "吸气 5 秒，呼气 5 秒（每分钟 6 次）", "breathe": "2 分 30 秒",
               "calm_after": "（已跳过）"},
    }[lang]
    assert {k: items[k] for k in expected} == expected
    assert summary(state, lang)["status"] == {"en": "Completed", "zh": "已完成"}[lang]


def test_summary_of_an_unfinished_flow_lists_what_is_done() -> None:
    state = answer(answer(start("decatastrophising"), "the interview"), 70)
    data = summary(state, "en")
    assert data["complete"] is False and data["status"] == "In progress"
    assert data["items"] == [
        {"step_id": "fear", "label": "What I'm afraid of", "answer": "the interview"},
        {"step_id": "anxiety_before", "label": "Anxiety before (0-100)", "answer": "70 out of 100"},
    ]
