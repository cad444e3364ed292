"""Daily mood check-in: 0-10 and, if the person likes, one word. Trend only, no bands.

The word is free text: the caller should pass it through the safety screen like any message.
"""
from __future__ import annotations

from ..model import Instrument, Item
from ..text import Text

INSTRUMENT = Instrument(
    id="mood",
    order=5,
    title=Text("Mood check-in", "心情记录"),
    intro=Text("A quick note of how you are right now.", "花几秒钟，记下你此刻的心情。"),
    about=Text(
        "A check-in is just for you, not a test.",
        "心情记录只属于你自己，不是测试。",
    ),
    items=(
        Item("mood_rating", Text("How is your mood right now?", "你现在的心情怎么样？"),
             kind="scale", low=0, high=10,
             low_anchor=Text("Very low", "非常低落"), high_anchor=Text("Very good", "非常好")),
        Item("mood_word", Text("One word for how you feel (optional)", "用一个词形容你现在的感受（可以不填）"),
             kind="word", scored=False, required=False, max_length=40),
    ),
)
