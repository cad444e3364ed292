"""Worry postponement for generalised anxiety (CLINICAL.md section 6): note the worry, put it off
to a fixed daily worry time of about 30 minutes (not near bedtime), problem-solve there, and stop
when the time is up. The second step branches: during the day the worry is parked; in worry time
it is worked on.
"""
from __future__ import annotations

from ..model import END, Branch, Flow, Option, Step
from ..text import Text

FLOW = Flow(
    id="worry_postponement",
    order=30,
    title=Text("Worry postponement", "推迟担忧"),
    description=Text(
        "Write a worry down and save it for your daily worry time, instead of wrestling with it "
        "all day.",
        "把担忧写下来，留到每天固定的“担忧时间”再处理，而不是一整天都和它纠缠。"),
    steps=(
        Step("worry", "text", Text("The worry", "担忧"), Text(
            "What is the worry? Put it in one sentence.", "你在担心什么？用一句话写下来。")),
        Step("when", "single_choice", Text("When", "现在是"), Text(
            "Is this your worry time, or did the worry come up during the day?",
            "现在是你的担忧时间，还是这个担忧在白天突然冒了出来？"),
            options=(
                Option("during_day", Text("It came up during the day", "它是白天冒出来的")),
                Option("worry_time", Text("This is my worry time", "现在是我的担忧时间")),
            ),
            default="during_day",
            branches=(Branch(goto="can_act", equals="worry_time"),)),
        Step("worry_time_slot", "text", Text("My worry time", "我的担忧时间"), Text(
            "Choose a fixed time each day for about 30 minutes of worry time, not close to bedtime "
            "(for example, 6 pm at the kitchen table). When will you come back to this worry?",
            "每天定一个固定的时间，大约 30 分钟，作为担忧时间，别离睡觉太近（比如晚上 6 点，坐在餐桌旁）。你打算什么时候回来处理这个担忧？")),
        Step("refocus", "text", Text("Back to now", "回到当下"), Text(
            "The worry is written down and will wait for you. What will you turn your attention to "
            "now? (optional)",
            "担忧已经记下来了，它会等着你。现在你想把注意力放回到什么事情上？（可以不填）"),
            required=False, next=END),
        Step("can_act", "single_choice", Text("Can I do something about it?", "我能做点什么吗？"), Text(
            "Look at the worry. Is it about a problem you can do something about?",
            "看看这个担忧。它涉及的问题，是你能做点什么的吗？"),
            options=(
                Option("yes", Text("Yes, at least partly", "能，至少能做一部分")),
                Option("no", Text("No, it is out of my hands", "不能，这不在我的掌控之中")),
            ),
            branches=(Branch(goto="let_be", equals="no"),)),
        Step("next_step", "text", Text("A first small step", "第一小步"), Text(
            "What is one small, concrete step you could take, and when?",
            "你能迈出的一小步具体是什么？打算什么时候做？"),
            next="stop"),
        Step("let_be", "text", Text("Letting it be", "先放一放"), Text(
            "Some worries cannot be solved by thinking harder. What could help you let this one be "
            "for now: something calming, talking to someone, or simply noticing it and moving on?",
            "有些担忧，想得再多也解决不了。有什么能帮你暂时放下它？做点让自己平静的事、找人聊聊，或者只是注意到它，然后继续往前走？"),
            required=False),
        Step("stop", "info", Text("Ending worry time", "结束担忧时间"), Text(
            "When your worry time is over, stop, even in the middle of a thought. Whatever is left "
            "can wait for tomorrow's worry time.",
            "担忧时间一到就停下来，哪怕想到一半也没关系。没想完的，留到明天的担忧时间再说。")),
    ),
)
