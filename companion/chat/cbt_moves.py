"""The next CBT move, chosen deterministically from the conversation so far (issue 14).

A small model cannot run a CBT conversation; it can at most write one sentence of it. So the core
decides what the next turn should do, in the order a CBT-informed listener would usually follow:

    reflect   -> name the feeling in the person's own words, ask what it has been like
    thought   -> ask what goes through their mind (the thought behind the feeling)
    evidence  -> a harsh, all-or-nothing thought was said: what makes them sure, what doesn't fit
    balance   -> they named something that doesn't fit the harsh thought: help them hold both
    exercise  -> offer one fitting exercise from the app
    step      -> plan one small, concrete step

The move is given to a model as a one-line instruction after the history (``instruction``), and the
guided path (``companion.chat.guided``) writes a whole reply from it when no capable model talks.
Standard library and the exercise keyword table only: no model, no Qt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from companion.practice.exercises.suggest import suggest_exercise

MOVES = ("reflect", "thought", "evidence", "balance", "exercise", "step", "check_in")

# Harsh, all-or-nothing or mind-reading thoughts (Burns's thinking traps) in the person's words.
_HARSH_EN = re.compile(
    r"\b(?:i'?m|i am) (?:just |so |such |a |an |the )*(?:bad|terrible|awful|useless|worthless|stupid|idiot|"
    r"failure|fraud|loser|horrible|disgusting|pathetic|hopeless|weak|broken|too much|not good enough)\b"
    r"|\b(?:always|never|every time|everyone|everybody|nobody|no one|all my|ruin(?:ed|s)? every)\b"
    r"|\b(?:probably|must) think\b|\bthink i'?m\b|\bwill be so\b|\bgoing to be awful\b|\bi'?ll (?:never|probably)\b"
    r"|\bit was a mistake\b|\bit'?s all my fault\b|\bshe'?s right\b|\bhe'?s right\b|\bthey'?re right\b",
    re.IGNORECASE)
_HARSH_ZH = re.compile(
    r"(?:很|太|真|特别|就是)?(?:差劲|没用|失败|糟糕|蠢|笨|难看|没出息|一无是处|废物)"
    r"|总是|从来|永远|每次|所有人|大家都|没有人|谁都|肯定(?:觉得|会|是)|根本|一定会|是不是(?:真的|根本)?"
    r"|迟早|一个字都没|什么都(?:没|做不)|(?:我|自己)(?:真的)?不行")
# Something that does not fit the harsh thought ("though", "but I did", 其实, 不过).
_COUNTER_EN = re.compile(
    r"\b(?:though|but i did|i did|actually|at least|to be fair|nobody has actually|the doctor said|"
    r"says i'?m|said i was|good feedback|i passed|i apologi[sz]ed|i know that'?s not)\b", re.IGNORECASE)
_COUNTER_ZH = re.compile(r"其实|不过|但是我|至少|还行|还挺|还算|已经.{0,6}(?:道过歉|做了)|说我(?:挺好|没问题)|没问题")
# The person names something they could do.
_STEP_EN = re.compile(r"\b(?:maybe i (?:could|can|will|should)|i could|i want to|i'?d like to|i might|"
                      r"i'?ll try|i will try|i want to make it right)\b", re.IGNORECASE)
_STEP_ZH = re.compile(r"也许可以|或许可以|可以先|想试试|试试|打算|我想(?:弥补|能|要|好好)|想好好")
# Grief and loss: not a thinking-trap conversation; stay with the feeling, then a small step of care.
_LOSS = re.compile(r"\b(?:died|passed away|funeral|death|lost (?:my|our))\b|去世|走了|过世|葬礼", re.IGNORECASE)


@dataclass(frozen=True)
class Move:
    kind: str  # one of MOVES
    lang: str  # "en" | "zh"
    focus: str = ""  # the person's own words the move is about (a harsh thought, a step...)
    exercise: str = ""  # an exercise flow id, for "exercise"
    topic: str = ""  # "loss" for grief: no thinking traps, ask about who or what was lost


def _lang_re(lang: str, en: re.Pattern[str], zh: re.Pattern[str]) -> re.Pattern[str]:
    return zh if lang == "zh" else en


def clause_with(pattern: re.Pattern[str], text: str) -> str:
    """The clause of ``text`` where ``pattern`` matched (for quoting the person's own words)."""
    for clause in re.split(r"(?<=[.!?。！？；;])\s*|[,，]\s*(?=(?:but|and|so|though|可是|但是|不过|所以))", text):
        if pattern.search(clause):
            return clause.strip()
    return ""


def choose_move(user_messages: Sequence[str], previous_moves: Sequence[str], lang: str) -> Move:
    """The next move, from the person's messages in this conversation (oldest first, the one being
    answered last) and the moves already made in it (oldest first)."""
    text = user_messages[-1] if user_messages else ""
    earlier = list(user_messages[:-1])
    done = list(previous_moves)
    last = done[-1] if done else ""
    harsh = _lang_re(lang, _HARSH_EN, _HARSH_ZH)
    counter = _lang_re(lang, _COUNTER_EN, _COUNTER_ZH)
    step = _lang_re(lang, _STEP_EN, _STEP_ZH)
    everything = " ".join(user_messages)
    loss = bool(_LOSS.search(everything))

    if not done:
        return Move("reflect", lang)
    if step.search(text) and "step" not in done[-2:]:
        return Move("step", lang, focus=clause_with(step, text))
    if counter.search(text) and any(harsh.search(m) for m in earlier) and last != "balance":
        return Move("balance", lang, focus=clause_with(counter, text))
    if harsh.search(text) and not loss and last != "evidence":
        return Move("evidence", lang, focus=clause_with(harsh, text))
    if "thought" not in done:
        return Move("thought", lang, topic="loss" if loss else "")
    exercise = suggest_exercise(everything, lang) or _default_exercise(everything, lang, loss)
    if "exercise" not in done and exercise:
        return Move("exercise", lang, exercise=exercise)
    if last != "step":
        return Move("step", lang)
    return Move("reflect", lang)


def _default_exercise(text: str, lang: str, loss: bool) -> str:
    if loss:
        return ""
    lowered = text.lower()
    if re.search(r"sleep|awake|wake up|3am|失眠|睡不着|醒", lowered):
        return "worry_postponement"
    if re.search(r"panic|chest|heart|心跳|胸口|喘", lowered):
        return "paced_breathing"
    if re.search(r"enjoy|boring|interest|没意思|兴趣", lowered):
        return "behavioural_activation"
    return "thought_record"


# What each move asks of a model, as one short line after the history (English: small models follow
# English instructions best; the reply language is named separately).
INSTRUCTIONS = {
    "reflect": "Reply in two short sentences: first say back how they feel using their own words, "
               "then ask one gentle question about it.",
    "thought": "Reply in two short sentences: reflect what they just said, then ask what goes through "
               "their mind when it happens.",
    "evidence": "Reply in two short sentences: gently name the harsh thought \"{focus}\", then ask what "
                "makes them sure of it or what they would tell a friend.",
    "balance": "Reply in two short sentences: notice that \"{focus}\" does not fit the harsh thought, "
               "then ask how they might see it now.",
    "exercise": "Reply in two short sentences: reflect what they said, then suggest trying {exercise} "
                "from the Exercises page.",
    "step": "Reply in two short sentences: reflect what they said, then ask about one small step they "
            "could take today or tomorrow.",
    "check_in": "Reply in two or three short sentences: reflect what they said, then ask gently whether they "
                "are safe right now.",
}
EXERCISE_NAMES = {
    "grounding_54321": ("the five-senses grounding exercise", "“五感着陆”练习"),
    "paced_breathing": ("a few minutes of slow breathing", "几分钟的慢呼吸练习"),
    "decatastrophising": ("a \"what's most likely?\" exercise", "“最可能发生什么？”这个练习"),
    "thought_record": ("a short thought record", "一次简短的思维记录"),
    "behavioural_activation": ("planning one small, pleasant activity", "安排一件小小的、让你舒服一点的事"),
    "worry_postponement": ("setting the worries aside for a fixed worry time", "给担忧定一个固定的“担忧时间”"),
}


def instruction(move: Move) -> str:
    """The one-line instruction for a model (no personal data beyond the person's quoted words)."""
    exercise = EXERCISE_NAMES.get(move.exercise, ("a short exercise", ""))[0]
    focus = move.focus[:80]
    language = "Chinese (简体中文)" if move.lang == "zh" else "English"
    return INSTRUCTIONS[move.kind].format(focus=focus, exercise=exercise) + f" Write in {language}. No lists."
