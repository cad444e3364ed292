"""Behavioural activation after the BATD-R (CLINICAL.md section 6): monitor activities and mood,
life areas and values, activities from easy to hard, a schedule, and a later review.

The first step branches between planning and reviewing, so one flow covers both visits.
Activities are never about food, eating or body shape (CLINICAL.md section 7).
"""
from __future__ import annotations

from ..model import END, Branch, Flow, Option, Step
from ..text import Text

LIFE_AREAS: tuple[Option, ...] = (
    Option("relationships", Text("Relationships: family, friends, partner", "人际关系：家人、朋友、伴侣")),
    Option("work_study", Text("Work or study", "工作或学习")),
    Option("rest_self_care", Text("Rest, sleep and looking after yourself", "休息、睡眠和照顾自己")),
    Option("interests", Text("Interests and fun", "兴趣和乐趣")),
    Option("community", Text("Helping others and community", "帮助别人、参与社区")),
    Option("home", Text("Home and everyday tasks", "家务和日常事务")),
    Option("meaning", Text("Beliefs, nature or a sense of meaning", "信仰、自然或意义感")),
)

FLOW = Flow(
    id="behavioural_activation",
    order=20,
    title=Text("Small steps (behavioural activation)", "一小步行动（行为激活）"),
    description=Text(
        "Notice how what you do affects your mood, then plan small, doable activities linked to "
        "what matters to you.",
        "留意做的事情怎样影响心情，再安排一些做得到、又和你在乎的事有关的小活动。"),
    steps=(
        Step("mode", "single_choice", Text("Today", "这次要做的"), Text(
            "Would you like to plan new activities, or look back at one you planned?",
            "你想安排新的活动，还是回顾一下之前安排好的活动？"),
            options=(
                Option("plan", Text("Plan new activities", "安排新的活动")),
                Option("review", Text("Look back at a planned activity", "回顾安排过的活动")),
            ),
            default="plan",
            branches=(Branch(goto="review_activity", equals="review"),)),
        Step("log_activity", "text", Text("Something I did", "做过的一件事"), Text(
            "Think of the last day or so. Write down one thing you did, however small (for "
            "example: got up, messaged a friend, watched TV).",
            "回想一下最近这一天左右，写下你做过的一件事，再小都可以（比如：起床、给朋友发消息、看电视）。")),
        Step("log_mood", "rating", Text("Mood during it (0-100)", "当时的心情（0-100）"), Text(
            "How was your mood while you did it, from 0 (very low) to 100 (very good)?",
            "做这件事的时候，你的心情怎么样？0 表示非常低落，100 表示非常好。")),
        Step("life_areas", "multi_choice", Text("Areas that matter", "重要的生活领域"), Text(
            "Which areas of life matter most to you right now? Pick one or more.",
            "眼下，哪些生活领域对你来说最重要？选一个或几个。"),
            options=LIFE_AREAS, min_choices=1),
        Step("value", "text", Text("What matters to me", "我在乎的"), Text(
            "In one of those areas, what kind of person would you like to be? (For example: a "
            "friend who keeps in touch.)",
            "在其中一个领域里，你希望自己成为什么样的人？（比如：一个常和朋友保持联系的人。）")),
        Step("easy_activity", "text", Text("An easy activity", "一件容易的事"), Text(
            "Name an easy activity that fits this, something you could do even on a low day, in "
            "ten minutes or less.",
            "想一件和这一点有关、很容易做到的小事，即使状态不好也能完成，十分钟以内就行。")),
        Step("medium_activity", "text", Text("A bit harder", "稍难一点的事"), Text(
            "Now one that is a bit harder (optional).",
            "再想一件稍微难一点的事（可以不填）。"), required=False),
        Step("hard_activity", "text", Text("Harder, for later", "以后再做的难事"), Text(
            "And one that feels hard right now, to work up to later (optional).",
            "再想一件现在觉得有难度、以后可以慢慢去做的事（可以不填）。"), required=False),
        Step("schedule", "text", Text("When and where", "时间和地点"), Text(
            "When will you do the easy one? Choose a day, a time and a place.",
            "你打算什么时候做那件容易的事？定下哪天、几点、在哪里。")),
        Step("plan_done", "info", Text("Plan made", "计划完成"), Text(
            "Good. Doing it even when you do not feel like it is the point: motivation often comes "
            "after action, not before. Come back afterwards to look at how it went.",
            "很好。哪怕不想做也去做，正是这个练习的关键：动力往往在行动之后才出现，而不是之前。做完以后，回来看看效果如何。"),
            next=END),
        Step("review_activity", "text", Text("Planned activity", "安排过的活动"), Text(
            "Which activity did you plan?", "你之前安排的是什么活动？")),
        Step("review_done", "single_choice", Text("Did it happen?", "做了吗？"), Text(
            "Did it happen?", "这件事做了吗？"),
            options=(
                Option("done", Text("Yes", "做了")),
                Option("partly", Text("Partly", "做了一部分")),
                Option("not_done", Text("Not this time", "这次没做")),
            ),
            branches=(Branch(goto="review_obstacle", equals="not_done"),)),
        Step("review_mood", "rating", Text("Mood afterwards (0-100)", "做完后的心情（0-100）"), Text(
            "How was your mood during or after it, from 0 (very low) to 100 (very good)?",
            "做的时候或做完之后，你的心情怎么样？0 表示非常低落，100 表示非常好。")),
        Step("review_learned", "text", Text("What I noticed", "我的发现"), Text(
            "What did you notice? Anything you would keep or change next time? (optional)",
            "你注意到了什么？下次有什么想保留或调整的？（可以不填）"),
            required=False, next=END),
        Step("review_obstacle", "text", Text("What got in the way", "遇到的阻碍"), Text(
            "That is useful to know, not a failure. What got in the way?",
            "知道这一点很有用，这不是失败。是什么挡住了你？")),
        Step("review_smaller", "text", Text("A smaller next step", "更小的下一步"), Text(
            "What smaller or easier version could you try next time?",
            "下次可以试一个更小、更容易的版本吗？会是什么？")),
    ),
)
