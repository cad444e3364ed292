"""Finds every flow in `flows/` and checks it once at import.

Each module there exposes `FLOW`; adding an exercise means adding one module, with no change to
the engine. Checking here turns a broken branch target or an unsafe breathing pace into an import
error instead of a stuck or harmful screen.
"""
from __future__ import annotations

import importlib
import itertools
import pkgutil

from . import flows
from .model import END, STEP_KINDS, Flow, Step

# CLINICAL.md section 6: slow breathing is at most 10 breaths a minute, sessions of 5 minutes or more.
MAX_BREATHS_PER_MINUTE = 10
MIN_PACED_SECONDS = 300


class DefinitionError(Exception):
    """A flow definition is inconsistent (a bug in the data, not in the person's answers)."""


class UnknownFlow(ValueError):
    """No flow has this id."""


def _targets(flow: Flow, step: Step) -> list[str]:
    targets = [b.goto for b in step.branches]
    targets.append(step.next if step.next is not None else flow.following(step.id))
    return targets


def _check_step(flow: Flow, step: Step) -> None:
    where = f"{flow.id}.{step.id}"
    if step.kind not in STEP_KINDS:
        raise DefinitionError(f"{where}: unknown kind {step.kind!r}")
    choice = step.kind in ("single_choice", "multi_choice")
    values = [o.value for o in step.options]
    if choice and (not values or len(set(values)) != len(values)):
        raise DefinitionError(f"{where}: needs distinct options")
    if not choice and step.options:
        raise DefinitionError(f"{where}: only choice steps have options")
    if step.default is not None and step.default not in values:
        raise DefinitionError(f"{where}: default {step.default!r} is not an option")
    if step.kind == "rating" and step.min_value >= step.max_value:
        raise DefinitionError(f"{where}: empty rating range")
    if (step.kind == "timer") != (step.timer is not None):
        raise DefinitionError(f"{where}: a timer step needs a TimerSpec, and only it")
    for target in _targets(flow, step):
        if target != END and flow.step(target) is None:
            raise DefinitionError(f"{where}: goes to missing step {target!r}")
    if step.timer is not None:
        _check_timer(flow, step)


def _check_timer(flow: Flow, step: Step) -> None:
    """Every combination the person can choose must keep a safe, slow pace."""
    timer = step.timer
    assert timer is not None
    choices = []
    for source_id in timer.settings_from:
        source = flow.step(source_id)
        if source is None or source.kind != "single_choice":
            raise DefinitionError(f"{flow.id}.{step.id}: settings_from {source_id!r} is not a choice")
        choices.append([o.settings for o in source.options])
    for combination in itertools.product(*choices):
        settings = {"seconds": timer.seconds, "inhale_seconds": timer.inhale_seconds,
                    "exhale_seconds": timer.exhale_seconds}
        for chosen in combination:
            settings.update(chosen)
        inhale, exhale = settings["inhale_seconds"], settings["exhale_seconds"]
        if (inhale is None) != (exhale is None):
            raise DefinitionError(f"{flow.id}.{step.id}: give both inhale and exhale, or neither")
        if inhale is None:
            continue
        if inhale <= 0 or exhale <= 0 or 60 / (inhale + exhale) > MAX_BREATHS_PER_MINUTE:
            raise DefinitionError(f"{flow.id}.{step.id}: pace {inhale}/{exhale} is too fast")
        if settings["seconds"] < MIN_PACED_SECONDS:
            raise DefinitionError(f"{flow.id}.{step.id}: paced sessions last 5 minutes or more")


def _check(flow: Flow) -> None:
    if not flow.steps:
        raise DefinitionError(f"{flow.id}: no steps")
    ids = [s.id for s in flow.steps]
    if len(set(ids)) != len(ids) or END in ids:
        raise DefinitionError(f"{flow.id}: step ids must be distinct and not {END!r}")
    for step in flow.steps:
        _check_step(flow, step)
    # Every step must be reachable from the first, or it is dead data nobody will ever see.
    seen, todo = set(), [ids[0]]
    while todo:
        step_id = todo.pop()
        if step_id in seen or step_id == END:
            continue
        seen.add(step_id)
        todo.extend(_targets(flow, flow.step(step_id)))  # type: ignore[arg-type]
    unreachable = [i for i in ids if i not in seen]
    if unreachable:
        raise DefinitionError(f"{flow.id}: steps never reached: {unreachable}")


def _load() -> dict[str, Flow]:
    found: dict[str, Flow] = {}
    for module_info in pkgutil.iter_modules(flows.__path__):
        if module_info.name.startswith("_"):
            continue
        flow: Flow = importlib.import_module(f"{flows.__name__}.{module_info.name}").FLOW
        if flow.id in found:
            raise DefinitionError(f"two flows use the id {flow.id!r}")
        _check(flow)
        found[flow.id] = flow
    return dict(sorted(found.items(), key=lambda pair: (pair[1].order, pair[0])))


FLOWS: dict[str, Flow] = _load()
FLOW_IDS: tuple[str, ...] = tuple(FLOWS)


def get_flow(flow_id: str) -> Flow:
    """The definition of one flow; raises UnknownFlow (a ValueError) for an unknown id."""
    try:
        return FLOWS[flow_id]
    except (KeyError, TypeError):
        raise UnknownFlow(f"unknown flow {flow_id!r}; known: {', '.join(FLOW_IDS)}") from None
