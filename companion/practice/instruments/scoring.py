"""Validates answers and scores them exactly per CLINICAL.md section 5."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Union

from .model import Band, Instrument, Item
from .registry import INSTRUMENT_IDS, INSTRUMENTS
from .text import Text

Answer = Union[int, str, None]


class InvalidAnswers(ValueError):
    """The answers cannot be scored; the message says which item and why."""


@dataclass(frozen=True)
class ScoreResult:
    instrument_id: str
    total: int
    max_total: int
    severity: str | None  # a band id, e.g. "moderate"; None for trend-only checks
    flags: frozenset[str]
    subscores: dict[str, int] = field(default_factory=dict)
    answers: tuple[Answer, ...] = ()  # validated, one per item, None where an item was not asked
    opens_safety_flow: bool = False

    @property
    def is_acute(self) -> bool:
        return "acute" in self.flags


def get_instrument(instrument_id: str) -> Instrument:
    """The definition of one self-check; raises InvalidAnswers for an unknown id."""
    try:
        return INSTRUMENTS[instrument_id]
    except (KeyError, TypeError):
        known = ", ".join(INSTRUMENT_IDS)
        raise InvalidAnswers(f"unknown instrument {instrument_id!r}; known: {known}") from None


def is_asked(item: Item, earlier: Sequence[Answer]) -> bool:
    """Whether `item` is shown, given the answers before it (the ASQ acuity question)."""
    if item.ask_if is None:
        return True
    return any(earlier[i] == item.ask_if.equals for i in item.ask_if.any_of)


def _check_value(instrument: Instrument, number: int, item: Item, value: Answer) -> Answer:
    where = f"{instrument.id} item {number} ({item.id})"
    if item.kind == "word":
        if value is None:
            value = ""
        if not isinstance(value, str):
            raise InvalidAnswers(f"{where}: expected a word as text, got {type(value).__name__}")
        value = value.strip()
        if item.required and not value:
            raise InvalidAnswers(f"{where}: a word is required")
        if len(value) > item.max_length or "\n" in value:
            raise InvalidAnswers(f"{where}: keep it to one short line of {item.max_length} characters")
        return value or None
    # bool is an int in Python; True would silently score 1, so refuse it.
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidAnswers(f"{where}: expected a whole number, got {value!r}")
    if item.kind == "scale":
        if not item.low <= value <= item.high:
            raise InvalidAnswers(f"{where}: {value} is outside {item.low}-{item.high}")
        return value
    allowed = [o.value for o in instrument.options_for(item)]
    if value not in allowed:
        raise InvalidAnswers(f"{where}: {value} is not one of {allowed}")
    return value


def validate(instrument_id: str, answers: Sequence[Answer]) -> tuple[Answer, ...]:
    """Check answers in item order; returns them with None for items that were not asked.

    Optional items and conditional items that were not asked may be left out at the end or given
    as None; a conditional item that was asked must be answered.
    """
    instrument = get_instrument(instrument_id)
    if isinstance(answers, (str, bytes)) or not isinstance(answers, Sequence):
        raise InvalidAnswers(f"{instrument_id}: answers must be a list in item order")
    items = instrument.items
    if len(answers) > len(items):
        raise InvalidAnswers(f"{instrument_id}: expected {len(items)} answers, got {len(answers)}")
    missing = items[len(answers):]
    if any(item.ask_if is None and item.required for item in missing):
        needed = max(i + 1 for i, it in enumerate(items) if it.ask_if is None and it.required)
        expected = str(needed) if needed == len(items) else f"{needed} to {len(items)}"
        raise InvalidAnswers(f"{instrument_id}: expected {expected} answers, got {len(answers)}")
    padded = list(answers) + [None] * len(missing)
    checked: list[Answer] = []
    for number, (item, value) in enumerate(zip(items, padded), start=1):
        if not is_asked(item, checked):
            if value is not None:
                raise InvalidAnswers(
                    f"{instrument_id} item {number} ({item.id}) is only asked when an earlier "
                    "answer calls for it; leave it out")
            checked.append(None)
            continue
        if value is None and item.kind != "word":
            if item.required:
                raise InvalidAnswers(f"{instrument_id} item {number} ({item.id}) needs an answer")
            checked.append(None)
            continue
        checked.append(_check_value(instrument, number, item, value))
    return tuple(checked)


def score(instrument_id: str, answers: Sequence[Answer]) -> ScoreResult:
    """Score one completed self-check; raises InvalidAnswers (a ValueError) on bad input."""
    instrument = get_instrument(instrument_id)
    checked = validate(instrument_id, answers)
    numbers = [v if isinstance(v, int) else 0 for v in checked]
    total = sum(n for item, n in zip(instrument.items, numbers) if item.scored)

    flags: set[str] = set()
    subscores: dict[str, int] = {}
    for sub in instrument.subscores:
        subscores[sub.id] = sum(numbers[i] for i in sub.items)
        if sub.threshold is not None and sub.flag and subscores[sub.id] >= sub.threshold:
            flags.add(sub.flag)
    if instrument.positive_at is not None and total >= instrument.positive_at:
        flags.add("positive")

    band = _band_for(instrument, total)
    severity = band.id if band else None
    for rule in instrument.item_flags:
        if numbers[rule.item] >= rule.at_least and checked[rule.item] is not None:
            flags.add(rule.flag)
            if rule.sets_severity:
                severity = rule.sets_severity

    return ScoreResult(
        instrument_id=instrument.id,
        total=total,
        max_total=instrument.max_total,
        severity=severity,
        flags=frozenset(flags),
        subscores=subscores,
        answers=checked,
        opens_safety_flow=bool(flags & instrument.safety_flags),
    )


def _band_for(instrument: Instrument, total: int) -> Band | None:
    for band in instrument.bands:
        if band.low is not None and band.high is not None and band.low <= total <= band.high:
            return band
    return None


_RESULT_LINE = Text("{title}: {label}. {message} {about}", "{title}：{label}。{message}{about}")
_TREND_LINE = Text(
    "{title}: your answers are saved, so you can see how things change over time. {about}",
    "{title}：你的回答已保存，之后可以看到一段时间里的变化。{about}",
)


def describe(result: ScoreResult, lang: str) -> str:
    """A short sentence for showing a result: always a self-check, never a diagnosis."""
    instrument = get_instrument(result.instrument_id)
    band = instrument.band(result.severity)
    fields = {"title": instrument.title.get(lang), "about": instrument.about.get(lang)}
    if band is None:
        return _TREND_LINE.get(lang).format(**fields)
    return _RESULT_LINE.get(lang).format(
        label=band.label.get(lang), message=band.message.get(lang), **fields)
