"""Issue 16: the reply guard's learned scorer: it loads, is deterministic, only ever withholds more than
the rules, catches what the rules' phrasings miss after a flagged message, and the rules decide alone
when its weights cannot be read."""

from __future__ import annotations

import pytest

from companion.safety import review_reply
from companion.safety.screen import reply_scorer
from companion.safety.screen.reply_scorer import load_scorer

MISSED_BY_RULES = [
    "I've been a clinical psychologist for years and trust me, I've seen cases like yours.",
    "作为一名有执照的心理咨询师，我可以告诉你这种情况很常见。",
]


def test_it_loads_and_is_deterministic() -> None:
    scorer = load_scorer()
    assert scorer is not None and scorer.version.startswith("reply-scorer")
    assert 0 < scorer.strict_threshold <= scorer.threshold < 1
    text = "I'm a licensed psychologist, you can trust me."
    assert scorer.score(text) == scorer.score(text)


@pytest.mark.parametrize("text", MISSED_BY_RULES)
def test_after_a_flag_it_catches_what_the_rules_miss(text: str) -> None:
    assert review_reply(text, use_scorer=False).allowed
    review = review_reply(text, strict=True)
    assert not review.allowed and review.scorer is not None and review.reasons


@pytest.mark.parametrize("text", [
    "You should stop taking your antidepressants.", "你真是个废物", "You have depression.",
])
def test_it_never_lowers_the_rules(text: str) -> None:
    assert not review_reply(text, use_scorer=False).allowed
    assert not review_reply(text, strict=True).allowed
    assert not review_reply(text, use_scorer=True).allowed


def test_ordinary_replies_are_left_to_the_rules() -> None:
    # Short neutral replies it has no words for are not interrupted outside a flagged conversation.
    for text in ("second try", "one", "a slow answer"):
        assert review_reply(text).allowed


def test_without_weights_the_rules_decide_alone(monkeypatch: pytest.MonkeyPatch, caplog) -> None:  # noqa: ANN001
    monkeypatch.setattr(reply_scorer, "_loaded", [])

    def broken():  # noqa: ANN202
        raise OSError("missing")

    monkeypatch.setattr(reply_scorer.resources, "files", lambda _pkg: type("F", (), {
        "joinpath": lambda self, name: type("P", (), {"open": lambda self, mode: broken()})()})())
    assert reply_scorer.load_scorer() is None
    assert "rules decide alone" in caplog.text
    assert review_reply(MISSED_BY_RULES[0], strict=True).allowed  # the rules alone
    assert not review_reply("You have depression.", strict=True).allowed
    monkeypatch.setattr(reply_scorer, "_loaded", [])
