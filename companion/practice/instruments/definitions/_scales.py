"""Answer scales shared by several instruments."""
from __future__ import annotations

from ..model import Option
from ..text import Text

# PHQ-9 and GAD-7 share the standard frequency scale.
FREQUENCY: tuple[Option, ...] = (
    Option(0, Text("Not at all", "完全没有")),
    Option(1, Text("Several days", "有几天")),
    Option(2, Text("More than half the days", "一半以上的天数")),
    Option(3, Text("Nearly every day", "几乎每天")),
)

YES_NO: tuple[Option, ...] = (
    Option(0, Text("No", "否")),
    Option(1, Text("Yes", "是")),
)

SELF_CHECK_NOT_DIAGNOSIS = Text(
    "This is a self-check, not a diagnosis. Only a doctor or another qualified professional can "
    "assess what is going on; you are welcome to show them your answers.",
    "这只是自我检查，不是诊断。具体是什么情况，需要由医生或其他专业人员来评估；"
    "你可以把这些回答拿给他们看。",
)
