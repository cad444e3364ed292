"""Psychoeducation card: sleep and mood."""
from __future__ import annotations

from ..model import Flow, Step
from ..text import Text

FLOW = Flow(
    id="card_sleep",
    category="card",
    order=140,
    title=Text("About sleep", "了解睡眠"),
    description=Text("How sleep and mood affect each other, and habits that help.",
                     "睡眠和情绪怎样相互影响，以及有帮助的习惯。"),
    steps=(
        Step("link", "info", Text("Sleep and mood", "睡眠和情绪"), Text(
            "Sleep and mood affect each other: poor sleep makes low mood and worry harder to "
            "manage, and worry makes it harder to sleep. Small, steady habits help more than big "
            "changes.",
            "睡眠和情绪会互相影响：睡不好会让低落和担忧更难应对，而担忧又让人更难入睡。小而稳定的习惯，比大刀阔斧的改变更管用。")),
        Step("rhythm", "info", Text("A steady rhythm", "稳定的作息"), Text(
            "Get up at about the same time every day, even after a bad night. Daylight in the "
            "morning helps set your body clock. Try not to nap for long during the day.",
            "每天大约在同一时间起床，即使前一晚没睡好也一样。早上多见见日光，有助于调整生物钟。白天尽量不要长时间午睡。")),
        Step("bed_for_sleep", "info", Text("Bed is for sleeping", "床是用来睡觉的"), Text(
            "If you cannot sleep after about 20 minutes, get up and do something calm in dim "
            "light, and go back when you feel sleepy. This teaches your body that bed means sleep, "
            "not lying awake worrying.",
            "如果躺了大约 20 分钟还睡不着，就起来在昏暗的光线下做点安静的事，等有了困意再回到床上。这样能让身体记住：床是用来睡觉的，不是睁着眼担心的地方。")),
        Step("wind_down", "info", Text("Winding down", "睡前放松"), Text(
            "Give yourself a calm hour before bed with screens away and lights low, and avoid "
            "caffeine from the afternoon on. Keep worry time earlier in the day, not at bedtime. "
            "If poor sleep goes on for weeks, or you snore loudly and feel exhausted in the day, "
            "talk to a doctor.",
            "睡前给自己留一个小时安静下来，放下手机、调暗灯光；从下午开始就别再喝含咖啡因的饮料。担忧时间安排在白天早些时候，而不是睡前。如果睡不好持续了好几周，或者打鼾很响、白天非常疲惫，请去看医生。")),
    ),
)
