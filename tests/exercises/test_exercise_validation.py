"""Each input kind checks its answers: required, ranges, choices, types."""
from __future__ import annotations

import pytest

from companion.practice.exercises import InvalidAnswer, answer, current_step, start


def at(flow_id: str, step_id: str) -> dict:
    """A state sitting at `step_id`, reached with valid answers along the main path."""
    fill = {"text": "something", "rating": 50, "info": None, "multi_choice": None,
            "single_choice": None, "timer": 0}
    state = start(flow_id)
    while current_step(state).id != step_id:
        step = current_step(state)
        value = fill[step.kind]
        if step.kind == "single_choice" and step.default is None:
            value = step.options[0].value
        state = answer(state, value)
    return state


@pytest.mark.parametrize("flow_id, step_id, value, message", [
    pytest.param("thought_record", "situation", None, "needs an answer", id="text-required-none"),
    pytest.param("thought_record", "situation", "   ", "needs an answer", id="text-required-blank"),
    pytest.param("thought_record", "situation", 5, "expected text", id="text-not-a-string"),
    pytest.param("thought_record", "mood", "x" * 81, "under 80 characters", id="text-too-long"),
    pytest.param("thought_record", "mood_rating", 101, "outside 0-100", id="rating-above-100"),
    pytest.param("thought_record", "mood_rating", -1, "outside 0-100", id="rating-below-0"),
    pytest.param("thought_record", "mood_rating", 50.5, "whole number", id="rating-float"),
    pytest.param("thought_record", "mood_rating", "50", "whole number", id="rating-string"),
    pytest.param("thought_record", "mood_rating", True, "whole number", id="rating-bool"),
    pytest.param("thought_record", "mood_rating", None, "needs an answer", id="rating-required"),
    pytest.param("thought_record", "thinking_traps", ["not_a_trap"], "not among", id="multi-unknown"),
    pytest.param("thought_record", "thinking_traps", "labelling", "list of choices", id="multi-string"),
    pytest.param("thought_record", "thinking_traps", ["labelling", "labelling"], "picked twice",
                 id="multi-duplicate"),
    pytest.param("behavioural_activation", "life_areas", [], "at least 1", id="multi-min-choices"),
    pytest.param("behavioural_activation", "mode", "nap", "not one of", id="single-unknown"),
    pytest.param("paced_breathing", "intro", "ok", "only shows information", id="info-takes-none"),
    pytest.param("paced_breathing", "breathe", -5, "outside 0-300s", id="timer-negative"),
    pytest.param("paced_breathing", "breathe", 301, "outside 0-300s", id="timer-beyond-length"),
    pytest.param("paced_breathing", "breathe", "300", "whole number", id="timer-string"),
])
def test_invalid_answers_are_refused(flow_id: str, step_id: str, value: object, message: str) -> None:
    state = at(flow_id, step_id)
    with pytest.raises(InvalidAnswer, match=message):
        answer(state, value)


def test_required_choice_without_default_needs_an_answer() -> None:
    # "review_done" lies on the review branch, which `at` does not take, so walk there here.
    state = answer(answer(start("behavioural_activation"), "review"), "a walk")
    with pytest.raises(InvalidAnswer, match="needs an answer"):
        answer(state, None)


@pytest.mark.parametrize("flow_id, step_id, value, stored", [
    pytest.param("thought_record", "situation", "  on the bus \n", "on the bus", id="text-stripped"),
    pytest.param("thought_record", "thinking_traps", None, [], id="optional-multi-skipped"),
    pytest.param("thought_record", "thinking_traps", ("labelling", "all_or_nothing"),
                 ["all_or_nothing", "labelling"], id="multi-tuple-stored-as-list-in-option-order"),
    pytest.param("thought_record", "mood_rating", 0, 0, id="rating-0-allowed"),
    pytest.param("thought_record", "mood_rating", 100, 100, id="rating-100-allowed"),
    pytest.param("grounding_54321", "see", "", None, id="optional-text-blank-is-none"),
    pytest.param("grounding_54321", "distress_before", None, None, id="optional-rating-skipped"),
    pytest.param("paced_breathing", "rhythm", None, "in4_out6", id="single-none-takes-default"),
    pytest.param("paced_breathing", "breathe", 0, 0, id="timer-stopped-at-once"),
])
def test_valid_answers_are_stored_normalised(flow_id, step_id, value, stored) -> None:
    state = answer(at(flow_id, step_id), value)
    assert state["answers"][step_id] == stored
