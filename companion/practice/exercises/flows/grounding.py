"""Grounding 5-4-3-2-1 (CLINICAL.md section 6). Every sense step is optional: people may just
notice things without typing. The last step offers a kind sentence as an alternative to taste so
that nothing needs to be about food (CLINICAL.md section 7).
"""
from __future__ import annotations

from ..model import Flow, Step
from ..text import Text

FLOW = Flow(
    id="grounding_54321",
    order=60,
    title=Text("Grounding 5-4-3-2-1", "5-4-3-2-1 着陆练习"),
    description=Text(
        "Come back to the present by noticing what is around you through your senses.",
        "通过感官留意身边的事物，把自己带回当下。"),
    steps=(
        Step("intro", "info", Text("How it works", "怎么做"), Text(
            "When feelings run high, your senses can bring you back to the here and now. Take your "
            "time with each step. You can type what you notice or simply notice it.",
            "情绪很强烈的时候，感官可以把你带回此时此地。每一步都慢慢来，可以把注意到的写下来，也可以只在心里留意。")),
        Step("distress_before", "rating", Text("Distress before (0-100)", "练习前的难受程度（0-100）"), Text(
            "How strong is the distress right now, from 0 to 100? (optional)",
            "你现在有多难受？请从 0 到 100 打分。（可以不填）"), required=False),
        Step("see", "text", Text("5 things I see", "看到的 5 样东西"), Text(
            "Look around. Name 5 things you can see.", "看看四周，说出你能看到的 5 样东西。"),
            required=False),
        Step("touch", "text", Text("4 things I feel", "感觉到的 4 样东西"), Text(
            "Name 4 things you can feel or touch: your feet on the floor, the chair, your clothes.",
            "说出 4 样你能感觉到或摸到的东西：脚踩在地上的感觉、椅子、身上的衣服。"),
            required=False),
        Step("hear", "text", Text("3 things I hear", "听到的 3 种声音"), Text(
            "Listen. Name 3 things you can hear.", "静下来听一听，说出你能听到的 3 种声音。"),
            required=False),
        Step("smell", "text", Text("2 things I smell", "闻到的 2 种气味"), Text(
            "Name 2 things you can smell, or two smells you like if nothing comes.",
            "说出 2 种你能闻到的气味；如果闻不到，就想两种你喜欢的气味。"),
            required=False),
        Step("last_one", "text", Text("1 last thing", "最后 1 样"), Text(
            "Name 1 thing you can taste right now, or, if you prefer, one kind thing you can say "
            "to yourself.",
            "说出 1 种你此刻能尝到的味道；如果你愿意，也可以换成一句对自己说的温柔的话。"),
            required=False),
        Step("distress_after", "rating", Text("Distress after (0-100)", "练习后的难受程度（0-100）"), Text(
            "And now, how strong is the distress, from 0 to 100? (optional)",
            "现在呢，你有多难受？请从 0 到 100 打分。（可以不填）"), required=False),
    ),
)
