"""Branching: a step names the next step depending on the answer."""
from __future__ import annotations

import pytest

from companion.practice.exercises import answer, back, current_step, is_complete, start


def walk(flow_id: str, answers: list) -> dict:
    state = start(flow_id)
    for value in answers:
        state = answer(state, value)
    return state


def test_behavioural_activation_plan_path() -> None:
    state = walk("behavioural_activation", [
        "plan", "watched TV", 30, ["relationships", "interests"], "a friend who keeps in touch",
        "text Sam", "call Sam", "meet Sam", "Saturday 10am at home", None])
    assert is_complete(state)
    assert "review_activity" not in state["answers"]
    assert state["history"][-1] == "plan_done"


def test_behavioural_activation_review_path_skips_planning() -> None:
    state = walk("behavioural_activation", ["review"])
    assert current_step(state).id == "review_activity"
    state = walk("behavioural_activation", ["review", "text Sam", "done", 70, "felt closer"])
    assert is_complete(state)
    assert state["history"] == ["mode", "review_activity", "review_done", "review_mood",
                                "review_learned"]


@pytest.mark.parametrize("outcome, next_step", [
    pytest.param("done", "review_mood", id="done-goes-to-mood"),
    pytest.param("partly", "review_mood", id="partly-goes-to-mood"),
    pytest.param("not_done", "review_obstacle", id="not-done-goes-to-obstacle"),
])
def test_behavioural_activation_review_outcome(outcome: str, next_step: str) -> None:
    state = walk("behavioural_activation", ["review", "walk outside", outcome])
    assert current_step(state).id == next_step


def test_behavioural_activation_not_done_ends_with_a_smaller_step() -> None:
    state = walk("behavioural_activation", ["review", "walk outside", "not_done", "rain",
                                            "walk to the door and back"])
    assert is_complete(state) and "review_mood" not in state["answers"]


@pytest.mark.parametrize("answers, next_step", [
    pytest.param(["exam", "during_day"], "worry_time_slot", id="during-day-is-postponed"),
    pytest.param(["exam", None], "worry_time_slot", id="default-is-during-day"),
    pytest.param(["exam", "worry_time"], "can_act", id="worry-time-works-on-it"),
    pytest.param(["exam", "worry_time", "yes"], "next_step", id="actionable-gets-a-step"),
    pytest.param(["exam", "worry_time", "no"], "let_be", id="not-actionable-is-let-be"),
])
def test_worry_postponement_branches(answers: list, next_step: str) -> None:
    assert current_step(walk("worry_postponement", answers)).id == next_step


def test_worry_postponement_both_worry_time_paths_end_by_stopping() -> None:
    solved = walk("worry_postponement", ["exam", "worry_time", "yes", "revise chapter 1 at 5pm", None])
    let_be = walk("worry_postponement", ["exam", "worry_time", "no", "", None])
    assert solved["history"][-1] == let_be["history"][-1] == "stop"
    assert is_complete(solved) and is_complete(let_be)
    assert let_be["answers"]["let_be"] is None  # optional and skipped


@pytest.mark.parametrize("rating, still_anxious", [
    pytest.param(69, False, id="69-ends"),
    pytest.param(70, True, id="70-offers-calming-exercises"),
    pytest.param(100, True, id="100-offers-calming-exercises"),
])
def test_decatastrophising_high_anxiety_branch(rating: int, still_anxious: bool) -> None:
    state = walk("decatastrophising", ["interview", 80, "fail", "job", "ok", "ask Ana", "you'll be ok",
                                       rating])
    assert is_complete(state) is not still_anxious
    if still_anxious:
        assert current_step(state).id == "still_anxious"
        assert is_complete(answer(state, None))


def test_changing_a_branch_answer_drops_the_abandoned_branch_on_completion() -> None:
    state = walk("worry_postponement", ["exam", "worry_time", "no", "go for a walk"])
    assert current_step(state).id == "stop"
    state = back(back(state))  # back to can_act
    assert current_step(state).id == "can_act"
    state = answer(state, "yes")
    state = answer(answer(state, "email the teacher"), None)
    assert is_complete(state)
    assert "let_be" not in state["answers"]  # the answer on the path left behind is gone
    assert state["answers"]["can_act"] == "yes"
