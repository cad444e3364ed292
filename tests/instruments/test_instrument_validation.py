"""score() refuses what it cannot score, with a message that names the problem."""
from __future__ import annotations

import pytest

from companion.practice.instruments import InvalidAnswers, score


@pytest.mark.parametrize("instrument_id, answers, message", [
    pytest.param("phq10", [0] * 9, "unknown instrument", id="unknown-instrument"),
    pytest.param(None, [0] * 9, "unknown instrument", id="instrument-id-not-a-string"),
    pytest.param("phq9", [0] * 8, "expected 9 answers, got 8", id="phq9-too-few"),
    pytest.param("phq9", [0] * 10, "expected 9 answers, got 10", id="phq9-too-many"),
    pytest.param("phq9", [], "expected 9 answers, got 0", id="phq9-empty"),
    pytest.param("gad7", [0] * 6, "expected 7 answers, got 6", id="gad7-too-few"),
    pytest.param("phq9", [0] * 8 + [4], "4 is not one of [0, 1, 2, 3]", id="phq9-above-range"),
    pytest.param("phq9", [-1] + [0] * 8, "-1 is not one of", id="phq9-negative"),
    pytest.param("gad7", [0, 0, 0, 0, 0, 0, 7], "item 7", id="gad7-message-names-the-item"),
    pytest.param("phq9", [0] * 8 + ["1"], "expected a whole number", id="phq9-string-number"),
    pytest.param("phq9", [0] * 8 + [1.0], "expected a whole number", id="phq9-float"),
    pytest.param("scoff", [True, False, 0, 0, 0], "expected a whole number", id="scoff-bool-refused"),
    pytest.param("scoff", [0, 0, 0, 0, 2], "2 is not one of [0, 1]", id="scoff-not-yes-no"),
    pytest.param("phq9", "000000000", "must be a list", id="answers-as-string"),
    pytest.param("phq9", 9, "must be a list", id="answers-not-a-sequence"),
    pytest.param("phq9", [0] * 8 + [None], "needs an answer", id="phq9-item9-missing"),
    pytest.param("asq", [0, 0, 0], "expected 4 to 5 answers, got 3", id="asq-too-few"),
    pytest.param("asq", [0, 0, 0, 0, 0, 0], "expected 5 answers, got 6", id="asq-too-many"),
    pytest.param("asq", [0, 0, 0, 0, 1], "only asked when", id="asq-acuity-without-any-yes"),
    pytest.param("asq", [0, 0, 1, 0], "needs an answer", id="asq-acuity-missing-after-yes"),
    pytest.param("asq", [0, 0, 1, 0, None], "needs an answer", id="asq-acuity-none-after-yes"),
    pytest.param("mood", [11], "outside 0-10", id="mood-above-10"),
    pytest.param("mood", [-1], "outside 0-10", id="mood-below-0"),
    pytest.param("mood", [], "expected 1 to 2 answers", id="mood-missing"),
    pytest.param("mood", [5, 3], "expected a word", id="mood-word-not-text"),
    pytest.param("mood", [5, "x" * 41], "one short line", id="mood-word-too-long"),
    pytest.param("mood", [5, "two\nlines"], "one short line", id="mood-word-multiline"),
    pytest.param("alliance", [0, 0, 0, 0, 0, 5], "5 is not one of", id="alliance-out-of-range"),
])
def test_invalid_answers(instrument_id, answers, message: str) -> None:
    with pytest.raises(InvalidAnswers, match=message.replace("[", r"\[").replace("]", r"\]")):
        score(instrument_id, answers)


def test_invalid_answers_is_a_value_error() -> None:
    # Callers that only know ValueError still catch it.
    with pytest.raises(ValueError):
        score("phq9", [9] * 9)


def test_tuple_answers_are_accepted() -> None:
    assert score("gad7", (1, 1, 1, 1, 1, 1, 1)).total == 7
