"""Short alliance check: six statements of our own on the themes of the Digital Working Alliance
Inventory (agreement on tasks, agreement on goals, and the bond). CLINICAL.md section 5.

The wording is written for this app; neither the DWAI's nor the WAI-SR's items are reproduced
(the WAI-SR is copyrighted). Shown as a trend only, so there are no bands.
"""
from __future__ import annotations

from ..model import Instrument, Item, Option, Subscore
from ..text import Text

AGREEMENT = (
    Option(0, Text("Not at all true", "完全不符合")),
    Option(1, Text("A little true", "有一点符合")),
    Option(2, Text("Somewhat true", "部分符合")),
    Option(3, Text("Mostly true", "大部分符合")),
    Option(4, Text("Completely true", "完全符合")),
)

INSTRUMENT = Instrument(
    id="alliance",
    order=50,
    title=Text("How the app is working for you", "应用使用感受"),
    intro=Text(
        "Six short statements about using this app. There are no right answers; your view helps "
        "it fit you better.",
        "下面六句话，关于你使用这个应用的感受。答案没有对错，你的想法能让它更适合你。",
    ),
    about=Text(
        "This is about how well the app fits you, not a judgement of you.",
        "这里了解的是应用适不适合你，而不是在评价你。",
    ),
    options=AGREEMENT,
    items=(
        Item("alliance_task_fit", Text("The exercises here fit the things I am dealing with.",
                                       "这里的练习和我正在面对的事情对得上。")),
        Item("alliance_task_use", Text("I can see how what I do in this app could make a difference for me.",
                                       "我能看出，在这个应用里做的事可能会给我带来一些改变。")),
        Item("alliance_goal_shared", Text("This app and I are working towards what matters to me.",
                                          "我和这个应用在朝着对我重要的方向努力。")),
        Item("alliance_goal_clear", Text("I am clear about what I want to get out of using this app.",
                                         "我清楚自己想通过这个应用得到什么。")),
        Item("alliance_bond_serious", Text("I feel that what I say here is taken seriously.",
                                           "我觉得自己在这里说的话会被认真对待。")),
        Item("alliance_bond_honest", Text("I feel comfortable being honest here.",
                                          "在这里，我可以放心地说真话。")),
    ),
    subscores=(
        Subscore("task", (0, 1), Text("Tasks", "练习任务")),
        Subscore("goal", (2, 3), Text("Goals", "目标")),
        Subscore("bond", (4, 5), Text("Feeling heard", "被倾听的感觉")),
    ),
)
