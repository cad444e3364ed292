"""Scoring rules of CLINICAL.md section 5, one row per band boundary."""
from __future__ import annotations

import pytest

from companion.practice.instruments import INSTRUMENT_IDS, get_instrument, score


def fill(total: int, count: int, top: int = 3) -> list[int]:
    """`count` answers of at most `top` that add up to `total`, filled from the first."""
    answers = [min(top, max(0, total - top * i)) for i in range(count)]
    assert sum(answers) == total, "total is larger than the items allow"
    return answers


def answers_for_total(instrument_id: str, total: int) -> list[int]:
    return fill(total, len(get_instrument(instrument_id).items))


def phq9_answers(total: int, item9: int = 0) -> list[int]:
    """PHQ-9 answers with the given total and item 9 fixed, so the safety flag stays controlled."""
    return fill(total - item9, 8) + [item9]


@pytest.mark.parametrize("total, severity", [
    pytest.param(0, "minimal", id="phq9-0-lowest-minimal"),
    pytest.param(4, "minimal", id="phq9-4-top-of-minimal"),
    pytest.param(5, "mild", id="phq9-5-bottom-of-mild"),
    pytest.param(9, "mild", id="phq9-9-top-of-mild"),
    pytest.param(10, "moderate", id="phq9-10-bottom-of-moderate"),
    pytest.param(14, "moderate", id="phq9-14-top-of-moderate"),
    pytest.param(15, "moderately_severe", id="phq9-15-bottom-of-moderately-severe"),
    pytest.param(19, "moderately_severe", id="phq9-19-top-of-moderately-severe"),
    pytest.param(20, "severe", id="phq9-20-bottom-of-severe"),
    pytest.param(27, "severe", id="phq9-27-maximum"),
])
def test_phq9_band_boundaries(total: int, severity: str) -> None:
    item9 = 3 if total == 27 else 0  # 27 needs every item at 3
    result = score("phq9", phq9_answers(total, item9))
    assert (result.total, result.severity, result.max_total) == (total, severity, 27)


@pytest.mark.parametrize("total, severity", [
    pytest.param(0, "minimal", id="gad7-0-lowest-minimal"),
    pytest.param(4, "minimal", id="gad7-4-top-of-minimal"),
    pytest.param(5, "mild", id="gad7-5-bottom-of-mild"),
    pytest.param(9, "mild", id="gad7-9-top-of-mild"),
    pytest.param(10, "moderate", id="gad7-10-bottom-of-moderate"),
    pytest.param(14, "moderate", id="gad7-14-top-of-moderate"),
    pytest.param(15, "severe", id="gad7-15-bottom-of-severe"),
    pytest.param(21, "severe", id="gad7-21-maximum"),
])
def test_gad7_band_boundaries(total: int, severity: str) -> None:
    result = score("gad7", answers_for_total("gad7", total))
    assert (result.total, result.severity, result.max_total) == (total, severity, 21)
    assert not result.opens_safety_flow  # GAD-7 has no safety item


def test_example_from_the_issue() -> None:
    result = score("phq9", [0, 1, 2, 3, 0, 1, 2, 0, 1])
    assert (result.total, result.severity) == (10, "moderate")
    assert result.flags == frozenset({"item9_positive"})
    assert result.opens_safety_flow


@pytest.mark.parametrize("answers, opens", [
    pytest.param([0] * 8 + [1], True, id="item9-1-with-total-1-still-opens"),
    pytest.param([0] * 8 + [3], True, id="item9-3-opens"),
    pytest.param([3] * 8 + [0], False, id="total-24-with-item9-0-does-not-open"),
    pytest.param([0] * 9, False, id="all-zero-does-not-open"),
])
def test_phq9_item9_opens_safety_flow_whatever_the_total(answers: list[int], opens: bool) -> None:
    result = score("phq9", answers)
    assert result.opens_safety_flow is opens
    assert ("item9_positive" in result.flags) is opens


@pytest.mark.parametrize("instrument_id, first_two, flagged", [
    pytest.param("phq9", [1, 1], False, id="phq2-2-below-threshold"),
    pytest.param("phq9", [2, 1], True, id="phq2-3-at-threshold"),
    pytest.param("phq9", [3, 3], True, id="phq2-6-maximum"),
    pytest.param("gad7", [2, 0], False, id="gad2-2-below-threshold"),
    pytest.param("gad7", [0, 3], True, id="gad2-3-at-threshold"),
    pytest.param("gad7", [3, 3], True, id="gad2-6-maximum"),
])
def test_two_item_subscores(instrument_id: str, first_two: list[int], flagged: bool) -> None:
    rest = len(get_instrument(instrument_id).items) - 2
    result = score(instrument_id, first_two + [0] * rest)
    sub_id = "phq2" if instrument_id == "phq9" else "gad2"
    assert result.subscores[sub_id] == sum(first_two)
    assert (f"{sub_id}_positive" in result.flags) is flagged


def test_phq2_negative_does_not_hide_item9() -> None:
    # CLINICAL.md: never use PHQ-2 to skip item 9.
    result = score("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 2])
    assert "phq2_positive" not in result.flags and result.opens_safety_flow


@pytest.mark.parametrize("answers, severity, positive", [
    pytest.param([0, 0, 0, 0, 0], "negative", False, id="scoff-0"),
    pytest.param([0, 0, 1, 0, 0], "negative", False, id="scoff-1-below-threshold"),
    pytest.param([1, 0, 0, 0, 1], "positive", True, id="scoff-2-at-threshold"),
    pytest.param([1, 1, 1, 1, 1], "positive", True, id="scoff-5-maximum"),
])
def test_scoff_threshold(answers: list[int], severity: str, positive: bool) -> None:
    result = score("scoff", answers)
    assert (result.total, result.severity) == (sum(answers), severity)
    assert ("positive" in result.flags) is positive
    assert not result.opens_safety_flow  # a prompt to see a doctor, not a crisis


@pytest.mark.parametrize("answers, severity, flags", [
    pytest.param([0, 0, 0, 0], "negative", set(), id="asq-all-no-acuity-not-asked"),
    pytest.param([0, 0, 0, 0, None], "negative", set(), id="asq-all-no-acuity-given-as-none"),
    pytest.param([1, 0, 0, 0, 0], "non_acute_positive", {"positive"}, id="asq-wish-dead-yes"),
    pytest.param([0, 1, 0, 0, 0], "non_acute_positive", {"positive"}, id="asq-burden-yes"),
    pytest.param([0, 0, 1, 0, 0], "non_acute_positive", {"positive"}, id="asq-thoughts-yes"),
    pytest.param([0, 0, 0, 1, 0], "non_acute_positive", {"positive"}, id="asq-past-attempt-yes"),
    pytest.param([0, 0, 0, 1, 1], "acute_positive", {"positive", "acute"}, id="asq-acuity-yes"),
    pytest.param([1, 1, 1, 1, 1], "acute_positive", {"positive", "acute"}, id="asq-all-yes"),
])
def test_asq(answers: list, severity: str, flags: set[str]) -> None:
    result = score("asq", answers)
    assert result.severity == severity
    assert result.flags == frozenset(flags)
    assert result.opens_safety_flow is bool(flags)
    assert result.is_acute is ("acute" in flags)
    assert result.total == sum(a for a in answers[:4])  # acuity is not part of the count


@pytest.mark.parametrize("answers, total, word", [
    pytest.param([0], 0, None, id="mood-0-no-word"),
    pytest.param([10, "hopeful"], 10, "hopeful", id="mood-10-with-word"),
    pytest.param([5, "  累  "], 5, "累", id="mood-word-is-stripped"),
    pytest.param([5, ""], 5, None, id="mood-blank-word-is-no-word"),
])
def test_mood_checkin(answers: list, total: int, word: str | None) -> None:
    result = score("mood", answers)
    assert (result.total, result.severity, result.flags) == (total, None, frozenset())
    assert result.answers == (total, word)


def test_alliance_is_trend_only_with_theme_subscores() -> None:
    result = score("alliance", [4, 3, 2, 1, 0, 4])
    assert (result.total, result.max_total, result.severity) == (14, 24, None)
    assert result.subscores == {"task": 7, "goal": 3, "bond": 4}
    assert not result.flags and not result.opens_safety_flow


def test_results_are_plain_frozen_values() -> None:
    result = score("gad7", [1] * 7)
    with pytest.raises(AttributeError):
        result.total = 0  # type: ignore[misc]
    assert isinstance(result.flags, frozenset)


def test_every_instrument_scores_its_lowest_answers() -> None:
    for instrument_id in INSTRUMENT_IDS:
        instrument = get_instrument(instrument_id)
        answers = [item.low if item.kind == "scale" else
                   None if item.kind == "word" else
                   min(o.value for o in instrument.options_for(item))
                   for item in instrument.items if item.ask_if is None]
        result = score(instrument_id, answers)
        assert result.total == 0, instrument_id
        assert not result.opens_safety_flow, instrument_id
