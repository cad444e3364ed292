"""SCOFF (Morgan, Reid & Lacey, BMJ 1999). CLINICAL.md sections 5 and 7.

"One stone" is given as about 6 kg. Two or more "yes" answers are a prompt to talk to a doctor,
never a diagnosis: in the general population most positive screens are not eating disorders.
The answers are yes/no only; nothing asks for or stores a weight.
"""
from __future__ import annotations

from ..model import Band, Instrument, Item
from ..text import Text
from ._scales import YES_NO

INSTRUMENT = Instrument(
    id="scoff",
    order=40,
    title=Text("SCOFF eating self-check", "SCOFF 饮食自查"),
    intro=Text(
        "Five yes-or-no questions about eating. Answer for how things are for you these days.",
        "下面是关于饮食的五个问题，用“是”或“否”回答，按你最近的实际情况来答就好。",
    ),
    about=Text(
        "This is a self-check, not a diagnosis. It cannot tell whether someone has an eating "
        "problem; it only suggests when a conversation with a doctor could help.",
        "这只是自我检查，不是诊断。它不能判断一个人是否有进食方面的问题，只是提示什么时候值得和医生聊一聊。",
    ),
    options=YES_NO,
    items=(
        Item("scoff_sick", Text("Do you make yourself sick because you feel uncomfortably full?",
                                "你会不会因为吃得太撑、难受，而让自己吐出来？")),
        Item("scoff_control", Text("Do you worry that you have lost control over how much you eat?",
                                   "你是否担心自己控制不住吃多少？")),
        Item("scoff_one_stone", Text(
            "Have you recently lost more than about 6 kg in a 3-month period?",
            "最近，你是否在三个月内瘦了大约 6 公斤以上？")),
        Item("scoff_fat", Text("Do you believe yourself to be fat when others say you are too thin?",
                               "别人都说你太瘦了，你却仍然觉得自己胖吗？")),
        Item("scoff_food", Text("Would you say that food dominates your life?",
                                "你会不会觉得，食物占据了你的生活？")),
    ),
    positive_at=2,
    bands=(
        Band("negative", 0, 1, Text("Below the screening line", "未达到提示线"), Text(
            "Fewer than two of your answers were 'yes'. If eating or food still troubles you, it "
            "is always fine to talk to a doctor about it.",
            "回答“是”的题目少于两道。如果吃东西或食物的事情仍然让你困扰，随时都可以找医生聊聊。")),
        Band("positive", 2, 5, Text("Worth talking to a doctor", "建议和医生聊聊"), Text(
            "Two or more of your answers were 'yes'. This does not mean you have an eating "
            "disorder; it means talking with a doctor or an eating-disorder service could help.",
            "有两道或以上的题目回答了“是”。这并不代表你有进食障碍，只是说明和医生或进食障碍方面的专业服务聊一聊，可能会有帮助。")),
    ),
)
