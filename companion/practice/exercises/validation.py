"""Checks one answer against its step, and picks the branch it leads to."""
from __future__ import annotations

from .model import Branch, Step, Value


class InvalidAnswer(ValueError):
    """The answer does not fit the current step; the message says why."""


def _whole_number(step: Step, value: object) -> int:
    # bool is an int in Python; a checkbox's True must not pass as a rating of 1.
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidAnswer(f"step {step.id!r}: expected a whole number, got {value!r}")
    return value


def check_value(step: Step, value: object, timer_seconds: int | None = None) -> Value:
    """Return the value as it is stored (stripped text, a list for multiple choice, None when
    an optional step is skipped), or raise InvalidAnswer."""
    if step.kind == "info":
        if value is not None:
            raise InvalidAnswer(f"step {step.id!r} only shows information; answer it with None")
        return None
    if value is None and step.kind == "single_choice" and step.default is not None:
        value = step.default  # the UI preselects it, so "no change" means the default
    if value is None or (isinstance(value, str) and not value.strip()) or value == []:
        if step.required and step.kind != "multi_choice":
            raise InvalidAnswer(f"step {step.id!r} needs an answer")
        if step.kind != "multi_choice":
            return None
        value = []

    if step.kind == "text":
        if not isinstance(value, str):
            raise InvalidAnswer(f"step {step.id!r}: expected text, got {type(value).__name__}")
        value = value.strip()
        if len(value) > step.max_length:
            raise InvalidAnswer(f"step {step.id!r}: please keep it under {step.max_length} characters")
        return value

    if step.kind == "rating":
        number = _whole_number(step, value)
        if not step.min_value <= number <= step.max_value:
            raise InvalidAnswer(
                f"step {step.id!r}: {number} is outside {step.min_value}-{step.max_value}")
        return number

    if step.kind == "timer":
        seconds = _whole_number(step, value)
        limit = timer_seconds if timer_seconds is not None else (step.timer.seconds if step.timer else 0)
        if not 0 <= seconds <= limit:
            raise InvalidAnswer(f"step {step.id!r}: elapsed time {seconds}s is outside 0-{limit}s")
        return seconds

    allowed = [o.value for o in step.options]
    if step.kind == "single_choice":
        if value not in allowed:
            raise InvalidAnswer(f"step {step.id!r}: {value!r} is not one of {allowed}")
        return value

    # multi_choice
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise InvalidAnswer(f"step {step.id!r}: expected a list of choices, got {value!r}")
    chosen = list(value)
    unknown = [v for v in chosen if v not in allowed]
    if unknown:
        raise InvalidAnswer(f"step {step.id!r}: {unknown!r} not among {allowed}")
    if len(set(chosen)) != len(chosen):
        raise InvalidAnswer(f"step {step.id!r}: a choice was picked twice")
    least = max(step.min_choices, 1 if step.required else 0)
    if len(chosen) < least:
        raise InvalidAnswer(f"step {step.id!r}: pick at least {least}")
    if step.max_choices is not None and len(chosen) > step.max_choices:
        raise InvalidAnswer(f"step {step.id!r}: pick at most {step.max_choices}")
    # Stored in the options' order so that the same choice always looks the same.
    return [v for v in allowed if v in chosen]


def branch_matches(branch: Branch, value: Value) -> bool:
    if branch.equals is not None and value != branch.equals:
        return False
    if branch.includes is not None and not (isinstance(value, list) and branch.includes in value):
        return False
    if branch.at_least is not None or branch.at_most is not None:
        if not isinstance(value, int) or isinstance(value, bool):
            return False  # a skipped rating matches no range
        if branch.at_least is not None and value < branch.at_least:
            return False
        if branch.at_most is not None and value > branch.at_most:
            return False
    return True
