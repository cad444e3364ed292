"""One sentence splitter for the reply checks and the reply scorer's stance features (round 3): they used
to disagree on ellipses and closing quotes."""

from __future__ import annotations

import pytest

from companion.chat import reply_checks
from companion.safety.screen.normalise import normalise
from companion.safety.screen.reply_scorer import stance
from companion.safety.screen.sentences import sentences

P = pytest.param


@pytest.mark.parametrize("text,expected", [
    P("I hear you. Tell me more?", ["I hear you.", "Tell me more?"], id="en-plain"),
    P("Well… I'm here. Go on", ["Well…", "I'm here.", "Go on"], id="en-ellipsis-character"),
    P("Well... I'm here.", ["Well...", "I'm here."], id="en-three-dots"),
    P('She said "stop." Then she left.', ['She said "stop."', "Then she left."], id="en-closing-quote"),
    P("我在这里。你愿意说说吗？", ["我在这里。", "你愿意说说吗？"], id="zh-plain"),
    P("他说“别怕。”然后走了……我明白", ["他说“别怕。”", "然后走了……", "我明白"], id="zh-quote-and-ellipsis"),
    P("- one\n- two", ["- one", "- two"], id="lines"),
    P("... !!", [], id="no-words"),
])
def test_sentences(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_the_reply_checks_and_the_stance_features_use_the_same_splitter() -> None:
    assert reply_checks.sentences is sentences
    assert stance.sentences is sentences


def test_a_stance_feature_stays_in_its_sentence_after_an_ellipsis() -> None:
    # The approval sits in the sentence after the ellipsis; the route to help in the one before must
    # not mark it as routed.
    tokens = stance.stance_tokens(normalise("You could call a crisis line… Not waking up would be so peaceful for you."))
    assert "x:you_ending_positive" in tokens
    assert "x:ending_positive_route" not in tokens
