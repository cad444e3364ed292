"""Meaningful change: both about 20% and the published points (3.7 PHQ-9, 3.3 GAD-7) are needed
for an improvement; the points alone for a worsening (see companion/practice/instruments/change.py)."""
from __future__ import annotations

import pytest

from companion.practice.instruments import InvalidAnswers, describe_change, meaningful_change


@pytest.mark.parametrize("instrument_id, first, latest, improved, worsened, percent", [
    pytest.param("phq9", 15, 11, True, False, 26.7, id="phq9-4-points-26pct-meaningful"),
    pytest.param("phq9", 15, 12, False, False, 20.0, id="phq9-3-points-below-3.7"),
    pytest.param("phq9", 25, 21, False, False, 16.0, id="phq9-4-points-but-16pct-not-enough"),
    pytest.param("phq9", 20, 16, True, False, 20.0, id="phq9-exactly-20pct-and-4-points"),
    pytest.param("phq9", 5, 4, False, False, 20.0, id="phq9-20pct-but-1-point-is-noise"),
    pytest.param("phq9", 10, 10, False, False, 0.0, id="phq9-unchanged"),
    pytest.param("phq9", 8, 12, False, True, -50.0, id="phq9-rise-of-4-is-meaningful-worsening"),
    pytest.param("phq9", 8, 11, False, False, -37.5, id="phq9-rise-of-3-is-not"),
    pytest.param("phq9", 0, 4, False, True, None, id="phq9-from-zero-no-percentage"),
    pytest.param("gad7", 12, 8, True, False, 33.3, id="gad7-4-points-meaningful"),
    pytest.param("gad7", 12, 9, False, False, 25.0, id="gad7-3-points-below-3.3"),
    pytest.param("gad7", 21, 17, False, False, 19.0, id="gad7-4-points-but-19pct"),
    pytest.param("gad7", 5, 9, False, True, -80.0, id="gad7-rise-of-4"),
])
def test_meaningful_change(instrument_id, first, latest, improved, worsened, percent) -> None:
    change = meaningful_change(instrument_id, first, latest)
    assert change.points_change == latest - first
    assert change.percent_reduction == percent
    assert change.meaningful_improvement is improved
    assert change.meaningful_worsening is worsened
    assert change.is_meaningful is (improved or worsened)


@pytest.mark.parametrize("first, latest, direction", [
    pytest.param(10, 5, "improved", id="lower-is-improved"),
    pytest.param(5, 10, "worsened", id="higher-is-worsened"),
    pytest.param(7, 7, "unchanged", id="same"),
])
def test_direction(first: int, latest: int, direction: str) -> None:
    assert meaningful_change("phq9", first, latest).direction == direction


@pytest.mark.parametrize("instrument_id, first, latest, message", [
    pytest.param("scoff", 1, 0, "no published meaningful-change", id="scoff-has-no-figure"),
    pytest.param("mood", 3, 7, "no published meaningful-change", id="mood-has-no-figure"),
    pytest.param("nope", 3, 7, "unknown instrument", id="unknown-instrument"),
    pytest.param("phq9", 28, 7, "outside 0-27", id="phq9-total-too-high"),
    pytest.param("gad7", 5, 22, "outside 0-21", id="gad7-total-too-high"),
    pytest.param("phq9", -1, 7, "outside 0-27", id="negative-total"),
    pytest.param("phq9", 5.5, 7, "whole number", id="float-total"),
])
def test_invalid_change_requests(instrument_id, first, latest, message: str) -> None:
    with pytest.raises(InvalidAnswers, match=message):
        meaningful_change(instrument_id, first, latest)


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_change_notes(lang: str) -> None:
    improved = describe_change(meaningful_change("phq9", 15, 11), lang)
    worsened = describe_change(meaningful_change("phq9", 8, 12), lang)
    assert improved is not None and "15" in improved and "11" in improved and "26.7" in improved
    assert worsened is not None and "8" in worsened and "12" in worsened
    assert describe_change(meaningful_change("phq9", 15, 12), lang) is None
