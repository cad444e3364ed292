"""PHQ-9 (Kroenke, Spitzer & Williams 2001; free to use, Pfizer 2010). CLINICAL.md section 5.

The English item wording is the standard one; the Chinese follows its meaning. The unscored 10th
"difficulty" question is left out: it does not change the score or the bands.
"""
from __future__ import annotations

from ..model import Band, ChangeRule, Instrument, Item, ItemFlag, Subscore
from ..text import Text
from ._scales import FREQUENCY, SELF_CHECK_NOT_DIAGNOSIS

INSTRUMENT = Instrument(
    id="phq9",
    order=10,
    title=Text("PHQ-9 mood self-check (last 2 weeks)", "PHQ-9 情绪自查（近两周）"),
    intro=Text(
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?",
        "在过去两周里，下面这些问题困扰你的频率有多高？",
    ),
    about=SELF_CHECK_NOT_DIAGNOSIS,
    options=FREQUENCY,
    items=(
        Item("phq9_interest", Text("Little interest or pleasure in doing things",
                                   "做什么事都提不起兴趣，或者感受不到乐趣")),
        Item("phq9_down", Text("Feeling down, depressed, or hopeless",
                               "感到心情低落、沮丧，或者觉得没有希望")),
        Item("phq9_sleep", Text("Trouble falling or staying asleep, or sleeping too much",
                                "入睡困难、睡不踏实，或者睡得太多")),
        Item("phq9_energy", Text("Feeling tired or having little energy",
                                 "感觉疲倦，或者没什么精力")),
        Item("phq9_appetite", Text("Poor appetite or overeating", "没有胃口，或者吃得太多")),
        Item("phq9_self", Text(
            "Feeling bad about yourself, or that you are a failure or have let yourself or your "
            "family down",
            "觉得自己很糟糕，或者觉得自己很失败，让自己或家人失望了")),
        Item("phq9_concentration", Text(
            "Trouble concentrating on things, such as reading the newspaper or watching television",
            "很难集中注意力，比如看书看报或者看电视的时候")),
        Item("phq9_movement", Text(
            "Moving or speaking so slowly that other people could have noticed; or the opposite, "
            "being so fidgety or restless that you have been moving around a lot more than usual",
            "动作或说话慢到别人都能察觉出来；或者正好相反，坐立不安、静不下来，比平时动得多很多")),
        Item("phq9_self_harm", Text(
            "Thoughts that you would be better off dead, or of hurting yourself in some way",
            "觉得自己死了会更好，或者有过用某种方式伤害自己的念头")),
    ),
    bands=(
        Band("minimal", 0, 4, Text("Minimal", "极轻或没有"), Text(
            "Your answers show few or no signs of low mood over the last two weeks.",
            "你的回答显示，过去两周里几乎没有情绪低落的迹象。")),
        Band("mild", 5, 9, Text("Mild", "轻度"), Text(
            "Your answers show some signs of low mood over the last two weeks. Noticing how you "
            "feel and repeating this check in two weeks can help.",
            "你的回答显示，过去两周里有一些情绪低落的迹象。多留意自己的感受，两周后再做一次这个检查，会有帮助。")),
        Band("moderate", 10, 14, Text("Moderate", "中度"), Text(
            "Your answers show a moderate level of low-mood symptoms over the last two weeks. It "
            "would be worth talking to a doctor about how you have been.",
            "你的回答显示，过去两周里情绪低落的症状达到了中等程度。建议找医生聊聊你最近的状态。")),
        Band("moderately_severe", 15, 19, Text("Moderately severe", "中重度"), Text(
            "Your answers show many low-mood symptoms over the last two weeks. Please think about "
            "talking to a doctor soon; support can make a real difference.",
            "你的回答显示，过去两周里情绪低落的症状比较多。请考虑尽快找医生谈谈，得到支持真的会不一样。")),
        Band("severe", 20, 27, Text("Severe", "重度"), Text(
            "Your answers show a high level of low-mood symptoms over the last two weeks. Please "
            "talk to a doctor as soon as you can; you deserve support with this.",
            "你的回答显示，过去两周里情绪低落的症状很多，也很明显。请尽快去看医生，你值得被好好支持。")),
    ),
    # PHQ-2 is reported, but never used to skip item 9 (CLINICAL.md section 5).
    subscores=(Subscore("phq2", (0, 1), Text("PHQ-2 (first two questions)", "PHQ-2（前两题）"),
                        threshold=3, flag="phq2_positive"),),
    # Any answer above 0 on item 9 opens the safety flow, whatever the total.
    item_flags=(ItemFlag(item=8, at_least=1, flag="item9_positive"),),
    safety_flags=frozenset({"item9_positive"}),
    change_rule=ChangeRule(points=3.7, percent=20.0),
)
