"""Runs any flow. The state is a plain JSON-serialisable dict, and every function is pure: it
returns a new state and never changes the one passed in. The caller stores the state (encrypted)
after every step, so an exercise resumes exactly where it stopped after a crash.

State layout (version 1):
    {"version": 1, "flow_id": "thought_record", "step_id": "situation" or None when complete,
     "answers": {step_id: value}, "history": [step ids answered, in order], "complete": False}
"""
from __future__ import annotations

import copy
from typing import Any

from .model import END, Flow, Step, Value
from .registry import UnknownFlow, get_flow
from .validation import InvalidAnswer, branch_matches, check_value

STATE_VERSION = 1
State = dict[str, Any]


class InvalidState(ValueError):
    """A stored state cannot be resumed (corrupted, or written for a flow that has changed)."""


def start(flow_id: str) -> State:
    """A fresh state at the first step of `flow_id`."""
    flow = get_flow(flow_id)
    return {"version": STATE_VERSION, "flow_id": flow.id, "step_id": flow.steps[0].id,
            "answers": {}, "history": [], "complete": False}


def load_state(state: object) -> tuple[Flow, State]:
    """Check a (possibly just deserialised) state and return its flow and a deep copy."""
    if not isinstance(state, dict) or state.get("version") != STATE_VERSION:
        raise InvalidState("not an exercise state of a known version")
    try:
        flow = get_flow(state["flow_id"])
    except UnknownFlow as error:
        raise InvalidState(str(error)) from None
    answers, history = state.get("answers"), state.get("history")
    if not isinstance(answers, dict) or not isinstance(history, list):
        raise InvalidState("answers or history are missing")
    for step_id in [*history, *answers]:
        if flow.step(step_id) is None:
            raise InvalidState(f"flow {flow.id!r} has no step {step_id!r}; it may have changed")
    complete = state.get("complete") is True
    step_id = state.get("step_id")
    if complete != (step_id is None) or (step_id is not None and flow.step(step_id) is None):
        raise InvalidState(f"flow {flow.id!r}: current step {step_id!r} is not valid")
    return flow, copy.deepcopy(state)


def current_step(state: State) -> Step | None:
    """The step to show now, or None when the flow is complete."""
    flow, state = load_state(state)
    return flow.step(state["step_id"]) if state["step_id"] else None


def is_complete(state: State) -> bool:
    load_state(state)
    return state["complete"] is True


def can_go_back(state: State) -> bool:
    load_state(state)
    return bool(state["history"])


def timer_settings(state: State) -> dict[str, float | None]:
    """Seconds and breathing pace for the current timer step, after the person's choices."""
    flow, state = load_state(state)
    step = flow.step(state["step_id"]) if state["step_id"] else None
    if step is None or step.timer is None:
        raise InvalidState("the current step is not a timer")
    settings: dict[str, float | None] = {"seconds": step.timer.seconds,
                                         "inhale_seconds": step.timer.inhale_seconds,
                                         "exhale_seconds": step.timer.exhale_seconds}
    for source_id in step.timer.settings_from:
        source = flow.step(source_id)
        option = source.option(state["answers"].get(source_id)) if source else None
        if option is None and source is not None and source.default:
            option = source.option(source.default)  # choice skipped: use the preselected one
        if option is not None:
            settings.update(option.settings)
    return settings


def _next_step_id(flow: Flow, step: Step, value: Value) -> str:
    for branch in step.branches:
        if branch_matches(branch, value):
            return branch.goto
    return step.next if step.next is not None else flow.following(step.id)


def answer(state: State, value: object) -> State:
    """Answer the current step and move on; raises InvalidAnswer when the value does not fit."""
    flow, new = load_state(state)
    if new["complete"]:
        raise InvalidAnswer(f"flow {flow.id!r} is already complete")
    step = flow.step(new["step_id"])
    assert step is not None  # load_state checked it
    limit = int(timer_settings(new)["seconds"]) if step.kind == "timer" else None
    stored = check_value(step, value, limit)
    new["answers"][step.id] = stored
    new["history"].append(step.id)
    target = _next_step_id(flow, step, stored)
    if target == END:
        new["step_id"], new["complete"] = None, True
        # A finished record keeps only the answers on the path taken; answers left behind on a
        # branch the person backed out of would otherwise show up in their history.
        new["answers"] = {k: v for k, v in new["answers"].items() if k in new["history"]}
    else:
        new["step_id"] = target
    return new


def back(state: State) -> State:
    """Return to the previous step (also reopens a completed flow at its last step).

    The earlier answer stays in the state so the UI can show it for editing.
    """
    flow, new = load_state(state)
    if not new["history"]:
        raise InvalidState(f"flow {flow.id!r} is at its first step; there is nothing to go back to")
    new["step_id"] = new["history"].pop()
    new["complete"] = False
    return new
