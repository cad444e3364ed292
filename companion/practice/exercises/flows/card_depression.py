"""Psychoeducation card: low mood and depression. Information only; no diagnosis."""
from __future__ import annotations

from ..model import Flow, Step
from ..text import Text

FLOW = Flow(
    id="card_depression",
    category="card",
    order=110,
    title=Text("About low mood and depression", "了解情绪低落和抑郁"),
    description=Text("What depression is, the low-mood cycle, and what helps.",
                     "抑郁是什么、低落情绪的循环，以及什么会有帮助。"),
    steps=(
        Step("what", "info", Text("What it is", "抑郁是什么"), Text(
            "Depression is more than a bad day. It is low mood or loss of interest that lasts for "
            "weeks, often with poor sleep, tiredness, trouble concentrating and harsh thoughts "
            "about yourself. It is common, and it is not a weakness or your fault.",
            "抑郁不只是心情不好的一天。它是持续好几周的情绪低落或对事物失去兴趣，常常伴随睡不好、疲惫、注意力难以集中，以及对自己很苛刻的想法。抑郁很常见，它不是软弱，也不是你的错。")),
        Step("cycle", "info", Text("The low-mood cycle", "低落情绪的循环"), Text(
            "Low mood drains energy, so we do less. Doing less means fewer moments of enjoyment or "
            "achievement, and mood drops further. Small, planned activities can turn the cycle the "
            "other way.",
            "情绪低落会耗掉精力，于是我们做得越来越少；做得少了，开心和有成就感的时刻也少了，情绪就更低。一些有计划的小活动，可以让这个循环慢慢往回转。")),
        Step("helps", "info", Text("What helps", "有帮助的做法"), Text(
            "Regular routines, time with other people, small steps towards what matters to you, "
            "and support from a doctor or another qualified professional all help. A doctor can "
            "talk the options through with you.",
            "规律的作息、和别人在一起的时间、朝着自己在乎的事迈出的小步子，以及来自医生或其他专业人员的支持，都会有帮助。医生可以和你一起商量有哪些选择。")),
        Step("dark", "info", Text("If it gets very dark", "如果感觉非常黑暗"), Text(
            "If you have thoughts of ending your life, you do not have to carry them alone. The "
            "help button, always on screen, shows who you can contact right now.",
            "如果你有结束生命的念头，你不必独自承受。屏幕上一直都有求助按钮，点开就能看到现在可以联系谁。")),
    ),
)
