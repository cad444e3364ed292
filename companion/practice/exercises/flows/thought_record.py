"""Thought record: the 7 columns of Greenberger & Padesky (CLINICAL.md section 6), with a picker
for Burns's thinking traps. The trap definitions are our own plain-language wording.
"""
from __future__ import annotations

from ..model import Flow, Option, Step
from ..text import Text

THINKING_TRAPS: tuple[Option, ...] = (
    Option("all_or_nothing", Text("All-or-nothing thinking", "非黑即白"), Text(
        "Seeing things in only two boxes, such as perfect or a total failure, with nothing in between.",
        "只用两个格子看事情，比如要么完美、要么彻底失败，中间什么都没有。")),
    Option("overgeneralising", Text("Overgeneralising", "以偏概全"), Text(
        "Taking one thing that went wrong as proof that it will always go wrong. Words like "
        "'always', 'never' and 'everyone' are clues.",
        "把一次不顺当成“以后都会这样”的证据。“总是”“从来不”“所有人”这类词就是线索。")),
    Option("mental_filter", Text("Mental filter", "心理过滤"), Text(
        "Picking out one bad detail and dwelling on it until the whole picture looks dark.",
        "挑出一个不好的细节反复琢磨，直到整件事看起来都灰暗了。")),
    Option("discounting_positive", Text("Discounting the positive", "否定积极面"), Text(
        "Telling yourself good things don't count: it was luck, anyone could have done it.",
        "告诉自己好的事情不算数：只是运气好，换谁都能做到。")),
    Option("mind_reading", Text("Mind reading", "读心术"), Text(
        "Being sure you know what others think of you, usually something bad, without checking.",
        "没有确认过，就认定自己知道别人怎么看你，而且往往是不好的看法。")),
    Option("fortune_telling", Text("Fortune telling", "算命式预测"), Text(
        "Predicting that things will turn out badly and treating the prediction as a fact.",
        "预测事情会变糟，并且把这个预测当成了事实。")),
    Option("catastrophising_minimising", Text("Catastrophising and minimising", "灾难化与缩小化"), Text(
        "Blowing up how bad something is or will be, or shrinking what you did well and your "
        "ability to cope.",
        "把事情的糟糕程度想得过大，或者把自己做得好的地方、应对的能力看得太小。")),
    Option("emotional_reasoning", Text("Emotional reasoning", "情绪化推理"), Text(
        "Taking a feeling as proof: 'I feel useless, so I must be useless.'",
        "把感受当成证据：“我觉得自己没用，所以我一定没用。”")),
    Option("should_statements", Text("'Should' statements", "“应该”思维"), Text(
        "Holding yourself or others to rigid rules ('I should', 'I must', 'they ought to') and "
        "feeling bad when the rules are broken.",
        "用死板的规则要求自己或别人（“我应该”“我必须”“他们本该”），一旦做不到就很难受。")),
    Option("labelling", Text("Labelling", "贴标签"), Text(
        "Summing up a whole person, yourself or someone else, with one harsh word after a single "
        "event, such as 'loser'.",
        "因为一件事，就用一个刺耳的词概括整个人（自己或别人），比如“废物”。")),
    Option("personalisation_blame", Text("Personalisation and blame", "个人化与归咎他人"), Text(
        "Taking all the blame for something that had many causes, or putting all of it on "
        "someone else.",
        "事情明明有很多原因，却把责任全揽到自己身上，或者全推到别人身上。")),
)

FLOW = Flow(
    id="thought_record",
    order=10,
    title=Text("Thought record", "思维记录"),
    description=Text(
        "Slow down one upsetting moment and look at the thought behind it, step by step.",
        "把一个让你难受的时刻放慢，一步一步看清背后的想法。"),
    steps=(
        Step("situation", "text", Text("Situation", "情境"), Text(
            "What was happening? Where were you, who was there, what were you doing? Just the "
            "facts, as a camera would record them.",
            "当时发生了什么？你在哪里、和谁在一起、在做什么？只写事实，就像摄像机拍下来的那样。")),
        Step("mood", "text", Text("Mood", "情绪"), Text(
            "What did you feel? Name the strongest mood in a word or two, such as sad, anxious, "
            "angry or ashamed.",
            "你当时是什么感受？用一两个词说出最强烈的情绪，比如难过、焦虑、生气、羞愧。"),
            max_length=80),
        Step("mood_rating", "rating", Text("How strong (0-100)", "强度（0-100）"), Text(
            "How strong was that mood, from 0 (not at all) to 100 (the strongest you can imagine)?",
            "这种情绪有多强烈？0 表示完全没有，100 表示你能想象到的最强烈。")),
        Step("automatic_thoughts", "text", Text("Automatic thoughts", "自动思维"), Text(
            "What went through your mind just before and while you felt this way? Write the "
            "thoughts or pictures down as they came.",
            "在产生这种情绪之前和当时，你脑子里闪过了什么？把那些想法或画面原样写下来。")),
        Step("hot_thought", "text", Text("Hot thought", "“热”想法"), Text(
            "Which of those thoughts carries the most feeling? Write that one here: it is the "
            "'hot' thought we will look at.",
            "这些想法里，哪一个带来的情绪最强烈？把它写在这里，这就是我们接下来要看的“热”想法。")),
        Step("thinking_traps", "multi_choice", Text("Thinking traps", "思维陷阱"), Text(
            "Does the hot thought fall into any of these thinking traps? Pick any that fit, or none.",
            "这个“热”想法有没有掉进下面这些思维陷阱？选出符合的，也可以一个都不选。"),
            help=Text(
                "Everyone falls into these sometimes. Spotting one does not make the thought "
                "wrong; it gives you something to check.",
                "每个人都会时不时掉进这些陷阱。认出它并不代表这个想法就是错的，只是给了你一个可以检验的地方。"),
            options=THINKING_TRAPS, required=False),
        Step("evidence_for", "text", Text("Evidence for", "支持的证据"), Text(
            "What facts support the hot thought? Facts, not feelings or guesses.",
            "有哪些事实支持这个“热”想法？写事实，而不是感受或猜测。")),
        Step("evidence_against", "text", Text("Evidence against", "不支持的证据"), Text(
            "What facts do not fit the hot thought? What would you tell a friend who had this "
            "thought? Have there been times when it was not true?",
            "有哪些事实和这个“热”想法对不上？如果朋友有这样的想法，你会对他说什么？有没有哪些时候，它并不成立？")),
        Step("balanced_thought", "text", Text("Balanced thought", "更平衡的想法"), Text(
            "Taking all the evidence into account, what is a more balanced way to see it? It does "
            "not have to be positive, just fair.",
            "把两边的证据都考虑进来，有没有一种更平衡的看法？不一定要积极，只要公道。")),
        Step("balanced_belief", "rating", Text("Belief in the balanced thought (0-100)",
                                               "对这个想法的相信程度（0-100）"), Text(
            "How much do you believe this balanced thought, from 0 to 100?",
            "你有多相信这个更平衡的想法？请从 0 到 100 打分。")),
        Step("mood_rerating", "rating", Text("Mood now (0-100)", "现在的情绪强度（0-100）"), Text(
            "Think of the mood you named at the start. How strong is it now, from 0 to 100?",
            "想想你一开始写下的那种情绪，它现在有多强烈？请从 0 到 100 打分。")),
    ),
)
