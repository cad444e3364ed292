"""Psychoeducation card: the CBT model of thoughts, feelings, body and actions."""
from __future__ import annotations

from ..model import Flow, Step
from ..text import Text

FLOW = Flow(
    id="card_cbt_model",
    category="card",
    order=130,
    title=Text("How thoughts, feelings and actions connect", "想法、情绪和行为如何相互影响"),
    description=Text("The idea behind the exercises in this app, with an everyday example.",
                     "这个应用里各项练习背后的思路，附一个日常的例子。"),
    steps=(
        Step("four_parts", "info", Text("Four parts", "四个部分"), Text(
            "Cognitive behavioural approaches (CBT) look at how four things affect each other: "
            "what we think, how we feel, what happens in our body, and what we do. A change in one "
            "changes the others.",
            "认知行为方法（CBT）关注四样东西怎样相互影响：我们怎么想、有什么感受、身体有什么反应、做了什么。其中一样变了，其他几样也会跟着变。")),
        Step("example", "info", Text("An example", "举个例子"), Text(
            "A friend walks past without saying hello. If you think 'they are angry with me', you "
            "may feel anxious and avoid them. If you think 'they did not see me', you may feel fine "
            "and say hello later. Same situation, different thought, different outcome.",
            "朋友从你身边走过，没打招呼。如果你想“他在生我的气”，可能会感到不安，然后躲着他；如果你想“他没看见我”，可能就没什么感觉，之后照常打招呼。同样的情境，不同的想法，带来不同的结果。")),
        Step("not_facts", "info", Text("Thoughts are not facts", "想法不等于事实"), Text(
            "Thoughts that pop up by themselves can feel true, especially when we are low. The "
            "exercises help you slow them down and check them: not to think positively, but to "
            "think accurately.",
            "自己冒出来的想法常常让人觉得就是真的，尤其是在情绪低落的时候。这些练习能帮你放慢速度、检验这些想法：不是要强迫自己往好处想，而是想得更符合实际。")),
        Step("experiments", "info", Text("Small experiments", "小小的实验"), Text(
            "Changing what you do is often the easiest way in: try an activity or face a small "
            "fear, and notice what really happens.",
            "改变行为往往是最容易的入口：尝试一项活动，或者面对一个小小的恐惧，然后留意实际发生了什么。")),
    ),
)
