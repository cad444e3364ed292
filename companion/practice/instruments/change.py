"""Meaningful change between a first and a latest self-check (CLINICAL.md section 5).

Two published figures are combined:
- about a 20% reduction (Kounali 2022, for moderate severity), and
- on average 3.7 PHQ-9 points and 3.3 GAD-7 points (Bauer-Staeb 2021).

An improvement counts as meaningful only when BOTH are reached. Each figure alone misleads at one
end of the scale: 5 -> 4 is a 20% drop but one point, within day-to-day noise; 25 -> 21 is four
points but only 16%, and people at high scores need a larger drop to feel different. Totals are
whole numbers, so 3.7 and 3.3 both mean "at least 4 points" in practice.

A worsening counts as meaningful on the points figure alone: a percentage of a low first score
inflates (2 -> 5 is +150%), and a clear rise deserves a gentle note whatever the starting point.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .scoring import InvalidAnswers, get_instrument
from .text import Text

Direction = Literal["improved", "worsened", "unchanged"]


@dataclass(frozen=True)
class MeaningfulChange:
    instrument_id: str
    first_total: int
    latest_total: int
    points_change: int  # latest - first; negative means fewer symptoms
    percent_reduction: float | None  # (first - latest) / first * 100; None when first is 0
    meaningful_improvement: bool
    meaningful_worsening: bool

    @property
    def is_meaningful(self) -> bool:
        return self.meaningful_improvement or self.meaningful_worsening

    @property
    def direction(self) -> Direction:
        if self.points_change < 0:
            return "improved"
        return "worsened" if self.points_change > 0 else "unchanged"


def meaningful_change(instrument_id: str, first_total: int, latest_total: int) -> MeaningfulChange:
    """Compare two totals of the same self-check; only PHQ-9 and GAD-7 have published figures."""
    instrument = get_instrument(instrument_id)
    rule = instrument.change_rule
    if rule is None:
        raise InvalidAnswers(f"{instrument_id}: there is no published meaningful-change figure")
    for name, value in (("first_total", first_total), ("latest_total", latest_total)):
        if isinstance(value, bool) or not isinstance(value, int):
            raise InvalidAnswers(f"{instrument_id}: {name} must be a whole number, got {value!r}")
        if not 0 <= value <= instrument.max_total:
            raise InvalidAnswers(
                f"{instrument_id}: {name} {value} is outside 0-{instrument.max_total}")
    reduction = first_total - latest_total
    percent = round(reduction / first_total * 100, 1) if first_total else None
    return MeaningfulChange(
        instrument_id=instrument_id,
        first_total=first_total,
        latest_total=latest_total,
        points_change=latest_total - first_total,
        percent_reduction=percent,
        meaningful_improvement=(reduction >= rule.points and percent is not None
                                and percent >= rule.percent),
        meaningful_worsening=-reduction >= rule.points,
    )


_IMPROVED = Text(
    "Since your first self-check your score has gone from {first} to {latest} ({percent}% lower). "
    "That is more than the change usually counted as meaningful.",
    "和第一次自我检查相比，你的分数从 {first} 降到了 {latest}（下降了 {percent}%），"
    "超过了通常认为有意义的变化幅度。",
)
_WORSENED = Text(
    "Since your first self-check your score has gone from {first} to {latest}. That is a clear "
    "rise; talking it over with someone you trust or a doctor may help.",
    "和第一次自我检查相比，你的分数从 {first} 升到了 {latest}，上升得比较明显。"
    "和信任的人或医生聊一聊，也许会有帮助。",
)


def describe_change(change: MeaningfulChange, lang: str) -> str | None:
    """The note for the progress view, or None when the change is not meaningful."""
    fields = {"first": change.first_total, "latest": change.latest_total,
              "percent": f"{change.percent_reduction:g}" if change.percent_reduction else ""}
    if change.meaningful_improvement:
        return _IMPROVED.get(lang).format(**fields)
    if change.meaningful_worsening:
        return _WORSENED.get(lang).format(**fields)
    return None
