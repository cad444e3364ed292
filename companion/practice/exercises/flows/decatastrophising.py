"""Decatastrophising (CLINICAL.md section 6): worst, best and most likely outcome, how I would
cope, and what I would tell a friend. A high anxiety rating at the end branches to a pointer to
the calming exercises instead of just stopping.
"""
from __future__ import annotations

from ..model import END, Branch, Flow, Step
from ..text import Text

FLOW = Flow(
    id="decatastrophising",
    order=40,
    title=Text("What's most likely? (decatastrophising)", "最可能发生什么？（去灾难化）"),
    description=Text(
        "When your mind jumps to the worst, look at the whole range of what could happen and how "
        "you would cope.",
        "当脑子一下子跳到最坏的结果时，把各种可能都看一看，也想想你会怎样应对。"),
    steps=(
        Step("fear", "text", Text("What I'm afraid of", "我担心的事"), Text(
            "What situation are you worried about?", "你在担心什么情况？")),
        Step("anxiety_before", "rating", Text("Anxiety before (0-100)", "练习前的焦虑（0-100）"), Text(
            "How anxious do you feel about it, from 0 (not at all) to 100 (extremely)?",
            "想到这件事，你有多焦虑？0 表示一点也不，100 表示极度焦虑。")),
        Step("worst", "text", Text("Worst case", "最坏的情况"), Text(
            "What is the worst that could happen?", "最坏可能会发生什么？")),
        Step("best", "text", Text("Best case", "最好的情况"), Text(
            "What is the best that could happen?", "最好可能会发生什么？")),
        Step("most_likely", "text", Text("Most likely", "最可能的情况"), Text(
            "Realistically, what is most likely to happen?", "现实地看，最有可能发生的是什么？")),
        Step("cope", "text", Text("How I would cope", "我会怎样应对"), Text(
            "If the worst did happen, how would you cope? Who or what could help?",
            "如果最坏的情况真的发生了，你会怎么应对？有谁或有什么可以帮上忙？")),
        Step("friend", "text", Text("What I'd tell a friend", "我会对朋友说的话"), Text(
            "If a friend had this worry, what would you tell them?",
            "如果朋友也有同样的担心，你会对他说什么？")),
        Step("anxiety_after", "rating", Text("Anxiety now (0-100)", "现在的焦虑（0-100）"), Text(
            "How anxious do you feel now, from 0 to 100?", "现在你有多焦虑？请从 0 到 100 打分。"),
            branches=(Branch(goto="still_anxious", at_least=70),), next=END),
        Step("still_anxious", "info", Text("Still very anxious", "仍然很焦虑"), Text(
            "It is all right that the anxiety is still high; thinking it through does not always "
            "settle the body. A few minutes of slow breathing or grounding can help, and both are "
            "in Exercises.",
            "焦虑还是很强，这没关系；想清楚了，身体也不一定马上平静下来。花几分钟做做慢呼吸或着陆练习会有帮助，它们都在“练习”里。")),
    ),
)
