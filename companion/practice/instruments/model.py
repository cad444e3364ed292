"""The shape of a self-check definition.

Definitions are plain data (one module per instrument in `definitions/`); `scoring.py` is the only
code that interprets them. Plain `str` fields are identifiers, never shown to people; everything
shown is a `Text`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from .text import Text

ItemKind = Literal["choice", "scale", "word"]


@dataclass(frozen=True)
class Option:
    """One answer option; `value` is what `score()` receives."""

    value: int
    label: Text


@dataclass(frozen=True)
class AskIf:
    """The item is asked only when one of the earlier items `any_of` was answered `equals`."""

    any_of: tuple[int, ...]
    equals: int


@dataclass(frozen=True)
class Item:
    id: str
    text: Text
    kind: ItemKind = "choice"
    # For "choice": None means the instrument's shared `options`.
    options: tuple[Option, ...] | None = None
    # For "scale": whole numbers low..high, with words for both ends.
    low: int = 0
    high: int = 10
    low_anchor: Text | None = None
    high_anchor: Text | None = None
    # For "word": a short free answer; blank is allowed when not required.
    max_length: int = 40
    required: bool = True
    scored: bool = True
    ask_if: AskIf | None = None


@dataclass(frozen=True)
class Band:
    """A severity band on the total. `low`/`high` are None for a band only set by an ItemFlag."""

    id: str
    low: int | None
    high: int | None
    label: Text
    message: Text


@dataclass(frozen=True)
class Subscore:
    """A sum over some items (0-based indexes), flagged when it reaches `threshold`."""

    id: str
    items: tuple[int, ...]
    label: Text
    threshold: int | None = None
    flag: str | None = None


@dataclass(frozen=True)
class ItemFlag:
    """Raise `flag` when item `item` (0-based) is at least `at_least`; optionally force a band."""

    item: int
    at_least: int
    flag: str
    sets_severity: str | None = None


@dataclass(frozen=True)
class ChangeRule:
    """Meaningful change for the progress view (CLINICAL.md section 5): both must be reached."""

    points: float
    percent: float


@dataclass(frozen=True)
class Instrument:
    id: str
    title: Text
    intro: Text
    items: tuple[Item, ...]
    about: Text  # what the result means, always "a self-check, not a diagnosis"
    options: tuple[Option, ...] = ()
    bands: tuple[Band, ...] = ()
    subscores: tuple[Subscore, ...] = ()
    item_flags: tuple[ItemFlag, ...] = ()
    # Total at or above which the flag "positive" is raised (screens such as SCOFF and the ASQ).
    positive_at: int | None = None
    # Flags that must open the safety flow at once (CLINICAL.md section 5).
    safety_flags: frozenset[str] = field(default_factory=frozenset)
    change_rule: ChangeRule | None = None
    order: int = 100  # position in menus

    def options_for(self, item: Item) -> tuple[Option, ...]:
        return item.options if item.options is not None else self.options

    @property
    def max_total(self) -> int:
        total = 0
        for item in self.items:
            if not item.scored:
                continue
            if item.kind == "choice":
                total += max(option.value for option in self.options_for(item))
            elif item.kind == "scale":
                total += item.high
        return total

    def band(self, band_id: str | None) -> Band | None:
        return next((b for b in self.bands if b.id == band_id), None)
