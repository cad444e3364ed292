"""The shape of an exercise flow.

A flow is plain data (one module per exercise in `flows/`); `engine.py` is the only code that runs
it. Plain `str` fields are identifiers, never shown to people; everything shown is a `Text`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from collections.abc import Mapping
from typing import Literal, Union

from .text import Text

StepKind = Literal["text", "rating", "single_choice", "multi_choice", "timer", "info"]
STEP_KINDS: tuple[str, ...] = ("text", "rating", "single_choice", "multi_choice", "timer", "info")

# A `next` or branch target meaning "the flow is finished".
END = "end"

# Values a step stores in the engine state; all JSON-serialisable.
Value = Union[str, int, list, None]


@dataclass(frozen=True)
class Option:
    """A choice. `description` explains it (the thinking traps); `settings` feed a timer step."""

    value: str
    label: Text
    description: Text | None = None
    settings: Mapping[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Branch:
    """Go to `goto` when the answer matches every condition given (first matching branch wins).

    equals: a single choice is this value; includes: a multiple choice contains this value;
    at_least / at_most: a rating or timer answer lies in this range.
    """

    goto: str
    equals: str | None = None
    includes: str | None = None
    at_least: int | None = None
    at_most: int | None = None


@dataclass(frozen=True)
class TimerSpec:
    """A countdown, optionally with a breathing pace.

    There are deliberately no hold phases: breath-holding patterns are avoided for people prone
    to panic (CLINICAL.md section 6). `settings_from` names earlier choice steps whose chosen
    option's `settings` (seconds, inhale_seconds, exhale_seconds) override these defaults.
    """

    seconds: int = 300
    inhale_seconds: float | None = None
    exhale_seconds: float | None = None
    settings_from: tuple[str, ...] = ()


@dataclass(frozen=True)
class Step:
    id: str
    kind: StepKind
    label: Text  # short name used in the summary, e.g. "Evidence for"
    prompt: Text  # what the person is asked or told
    help: Text | None = None
    required: bool = True
    # text
    max_length: int = 4000
    # rating (whole numbers)
    min_value: int = 0
    max_value: int = 100
    low_anchor: Text | None = None
    high_anchor: Text | None = None
    # single_choice / multi_choice
    options: tuple[Option, ...] = ()
    default: str | None = None  # preselected by the UI; answering None picks it
    min_choices: int = 0
    max_choices: int | None = None
    # timer
    timer: TimerSpec | None = None
    # where to go next: first matching branch, else `next`, else the following step
    branches: tuple[Branch, ...] = ()
    next: str | None = None

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)


@dataclass(frozen=True)
class Flow:
    id: str
    title: Text
    description: Text
    steps: tuple[Step, ...]
    category: Literal["exercise", "card"] = "exercise"
    order: int = 100  # position in menus

    def step(self, step_id: str) -> Step | None:
        return next((s for s in self.steps if s.id == step_id), None)

    def following(self, step_id: str) -> str:
        """The step after `step_id` in writing order, or END."""
        ids = [s.id for s in self.steps]
        index = ids.index(step_id)
        return ids[index + 1] if index + 1 < len(ids) else END
