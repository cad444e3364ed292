"""GAD-7 (Spitzer et al. 2006; free to use, Pfizer). CLINICAL.md section 5.

Spitzer's bands are used as published; some Chinese handouts use other cut-offs, on purpose not here.
"""
from __future__ import annotations

from ..model import Band, ChangeRule, Instrument, Item, Subscore
from ..text import Text
from ._scales import FREQUENCY, SELF_CHECK_NOT_DIAGNOSIS

INSTRUMENT = Instrument(
    id="gad7",
    order=20,
    title=Text("GAD-7 anxiety self-check (last 2 weeks)", "GAD-7 焦虑自查（近两周）"),
    intro=Text(
        "Over the last 2 weeks, how often have you been bothered by the following problems?",
        "在过去两周里，下面这些问题困扰你的频率有多高？",
    ),
    about=SELF_CHECK_NOT_DIAGNOSIS,
    options=FREQUENCY,
    items=(
        Item("gad7_nervous", Text("Feeling nervous, anxious, or on edge",
                                  "感到紧张、焦虑，或者心里不踏实")),
        Item("gad7_control", Text("Not being able to stop or control worrying",
                                  "停不下来，也控制不住地担心")),
        Item("gad7_too_much", Text("Worrying too much about different things",
                                   "对各种各样的事情担心过多")),
        Item("gad7_relax", Text("Trouble relaxing", "很难放松下来")),
        Item("gad7_restless", Text("Being so restless that it is hard to sit still",
                                   "烦躁不安到很难坐得住")),
        Item("gad7_irritable", Text("Becoming easily annoyed or irritable",
                                    "变得容易心烦或者急躁")),
        Item("gad7_afraid", Text("Feeling afraid, as if something awful might happen",
                                 "感到害怕，好像有什么可怕的事情要发生")),
    ),
    bands=(
        Band("minimal", 0, 4, Text("Minimal", "极轻或没有"), Text(
            "Your answers show few or no signs of anxiety over the last two weeks.",
            "你的回答显示，过去两周里几乎没有焦虑的迹象。")),
        Band("mild", 5, 9, Text("Mild", "轻度"), Text(
            "Your answers show some signs of anxiety over the last two weeks. Noticing what sets "
            "off the worry and repeating this check in two weeks can help.",
            "你的回答显示，过去两周里有一些焦虑的迹象。留意是什么引发了担心，两周后再做一次这个检查，会有帮助。")),
        Band("moderate", 10, 14, Text("Moderate", "中度"), Text(
            "Your answers show a moderate level of anxiety symptoms over the last two weeks. It "
            "would be worth talking to a doctor about how you have been.",
            "你的回答显示，过去两周里焦虑的症状达到了中等程度。建议找医生聊聊你最近的状态。")),
        Band("severe", 15, 21, Text("Severe", "重度"), Text(
            "Your answers show a high level of anxiety symptoms over the last two weeks. Please "
            "talk to a doctor as soon as you can; you deserve support with this.",
            "你的回答显示，过去两周里焦虑的症状很多，也很明显。请尽快去看医生，你值得被好好支持。")),
    ),
    subscores=(Subscore("gad2", (0, 1), Text("GAD-2 (first two questions)", "GAD-2（前两题）"),
                        threshold=3, flag="gad2_positive"),),
    change_rule=ChangeRule(points=3.3, percent=20.0),
)
