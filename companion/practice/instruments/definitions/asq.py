"""ASQ Suicide Risk Screening Toolkit (NIMH; free). CLINICAL.md sections 1, 2 and 5.

Four yes/no questions, then the acuity question only if any answer was yes. Any yes is a positive
screen and opens the safety flow; a yes to the acuity question means imminent risk ("acute").
The toolkit's follow-up "how? when?" after a past attempt is left out on purpose: the app must not
invite descriptions of methods (safe-messaging guidelines).
"""
from __future__ import annotations

from ..model import AskIf, Band, Instrument, Item, ItemFlag
from ..text import Text
from ._scales import YES_NO

INSTRUMENT = Instrument(
    id="asq",
    order=30,
    title=Text("ASQ safety self-check", "ASQ 安全自查"),
    intro=Text(
        "These questions ask directly about suicide. Asking does not put the idea in anyone's "
        "mind, and honest answers help the app offer the right support.",
        "下面的问题会直接问到自杀。问这些并不会让人产生这样的念头；如实回答，能帮助应用给你合适的支持。",
    ),
    about=Text(
        "This is a self-check, not a diagnosis. It helps you and the people who support you see "
        "when to reach out for more help.",
        "这只是自我检查，不是诊断。它能帮你和支持你的人判断，什么时候需要寻求更多帮助。",
    ),
    options=YES_NO,
    items=(
        Item("asq_wish_dead", Text("In the past few weeks, have you wished you were dead?",
                                   "过去几周里，你有没有希望过自己已经死了？")),
        Item("asq_better_off", Text(
            "In the past few weeks, have you felt that you or your family would be better off if "
            "you were dead?",
            "过去几周里，你有没有觉得，如果你死了，你自己或家人会过得更好？")),
        Item("asq_thoughts", Text("In the past week, have you been having thoughts about killing yourself?",
                                  "过去一周里，你有没有想过要自杀？")),
        Item("asq_attempt", Text("Have you ever tried to kill yourself?", "你以前有没有尝试过自杀？")),
        Item("asq_acuity", Text("Are you having thoughts of killing yourself right now?",
                                "此时此刻，你有想要自杀的念头吗？"),
             scored=False, ask_if=AskIf(any_of=(0, 1, 2, 3), equals=1)),
    ),
    positive_at=1,
    bands=(
        Band("negative", 0, 0, Text("No risk signs in these answers", "这些回答里没有风险信号"), Text(
            "You answered no to all four questions. If things change, you can come back to this "
            "check or open your safety plan at any time.",
            "四个问题你都回答了“否”。如果情况有变化，你随时可以再做这个检查，或者打开你的安全计划。")),
        Band("non_acute_positive", 1, 4, Text("Some risk signs: let's look at support together",
                                              "有一些风险信号：我们一起看看可以怎样获得支持"), Text(
            "Thank you for answering honestly. Some of your answers show you have been going "
            "through a lot. Let's look at your safety plan together, and please talk to a doctor "
            "or a crisis line soon.",
            "谢谢你如实回答。有些回答说明你最近承受了很多。我们一起看看你的安全计划；也请尽快和医生或心理援助热线聊一聊。")),
        Band("acute_positive", None, None, Text("You need support right now", "你现在就需要支持"), Text(
            "Thank you for telling me. Because you are having thoughts of suicide right now, "
            "please contact a crisis line or emergency services now; the app will show you how.",
            "谢谢你告诉我。你此刻有自杀的念头，请现在就联系心理援助热线或急救电话，应用会告诉你怎么联系。")),
    ),
    item_flags=(ItemFlag(item=4, at_least=1, flag="acute", sets_severity="acute_positive"),),
    safety_flags=frozenset({"positive", "acute"}),
)
