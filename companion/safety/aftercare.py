"""Careful after risk (issue 16, CLINICAL.md section 2): what the companion says after a crisis.

After an imminent message the model does not answer again straight away: the next replies are a
staying-present flow, written here in both languages, one step per message of the person's:

1. is the person safe right now, and distance from the means (acknowledged when they say they did it);
2. grounding, one small thing at a time;
3. their own safety plan: what helps them and their reasons for living (or making one together);
4. the crisis lines again, without a wall of numbers;
5. and after that, listening.

It ends when the person says they are safe, or once the four steps have been offered and the
conversation has been calm (no flagged message) for ``CALM_TURNS`` of the person's messages; that
message gets a gentle hand-back, and the model answers again from the next one, under the carry-over
note and the stricter reply review.

Everything here is derived from what is stored (the messages and the safety events), so the flow
survives lock and unlock: nothing is kept in memory between turns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from companion.bilingual import Text

#: Calm messages after a crisis before the model answers again (decision: three ordinary exchanges;
#: at 2 a.m. that is a few minutes of the person talking about something else).
CALM_TURNS = 3
#: The flow's own steps (safe now, grounding, the plan, the lines): a calm hand-back comes after them.
FLOW_STEPS = 4

# "I'm safe", "I'm okay now", "I won't do anything", "我安全了", "我不会做傻事" ... in normalised text
# (lower case, simplified Chinese). Not preceded by a doubt ("not sure I'm safe") in the same clause.
_SAFE = re.compile(
    r"(?:i'?m|i am|i feel|feeling|i'?ll be|i will be)\s+(?:a bit |a little |much |more |way )?"
    r"(?:safe|safer|okay now|ok now|alright now|all right now|better now|fine now|calmer now)"
    r"|(?:i|i'?m)\s+(?:won'?t|will not|am not going to|not going to|'m not going to) "
    r"(?:do it|do anything|hurt myself|go through with it|act on it|kill myself)"
    r"|(?:我|我现在|现在我)(?:已经|暂时|还算|比较|好像)?(?:安全了|是安全的|很安全|安全|没事了|好多了|平静(?:一些|一点|下来)了?|冷静(?:一些|一点|下来)了?)"
    r"|(?:我)?不会(?:做傻事|伤害自己|自杀|去做|那样做|这么做)"
)
_DOUBT = re.compile(r"(?:not sure|don'?t know if|dont know if|whether|if|不知道|不确定|不一定|不)\W*\w*\W*$")
# Distance from the means, said by the person ("I put them back", "threw them away", "放回去了").
_DISTANCE = re.compile(
    r"(?:put|threw|thrown|gave|given|locked|handed|flushed|moved|took)\s+(?:them|it|the \w+|those|that|"
    r"everything)?\s*(?:back|away|out|to|in|up)"
    r"|(?:放回|扔掉|扔了|丢掉|丢了|交给|锁起来|锁上|拿走|收起来|收好|冲掉)"
)


@dataclass(frozen=True)
class AfterImminent:
    """Where the conversation is after its latest imminent message.

    ``since``: the person's messages after it, counting the one being answered (1 = the next one);
    0 when there was none. ``handed_back``: the flow already ended at an earlier message.
    ``ending``: it ends with this message (calm long enough, or the person said they are safe).
    """

    since: int = 0
    handed_back: bool = False
    ending: bool = False

    @property
    def scripted(self) -> bool:
        """Does this message get a scripted aftercare reply (a step, or the hand-back)?"""
        return self.since > 0 and not self.handed_back


def says_safe(norm_text: str) -> bool:
    """Does the person say they are safe now? ``norm_text``: normalised (``companion.safety.normalise``)."""
    for m in _SAFE.finditer(norm_text):
        clause_start = max(norm_text.rfind(c, 0, m.start()) for c in ",.;!?，。；！？") + 1
        if not _DOUBT.search(norm_text[clause_start:m.start()]):
            return True
    return False


def after_imminent(flags: Sequence[str], safe: Sequence[bool]) -> AfterImminent:
    """The state for the person's latest message.

    ``flags[i]``: the level ("none" | "elevated" | "imminent") of their i-th message of the conversation,
    the last one being the message answered now; ``safe[i]``: whether it says they are safe.
    """
    last = max((i for i, level in enumerate(flags) if level == "imminent"), default=None)
    current = len(flags) - 1
    if last is None or last == current:
        return AfterImminent()
    calm = 0
    for i in range(last + 1, current + 1):
        calm = 0 if flags[i] != "none" else calm + 1
        if (safe[i] and flags[i] == "none") or (calm >= CALM_TURNS and i - last > FLOW_STEPS):
            return AfterImminent(current - last, handed_back=i < current, ending=i == current)
    return AfterImminent(current - last)


@dataclass(frozen=True)
class PlanExcerpt:
    """What of the person's safety plan the flow may quote: what helps, and their reasons for living."""

    coping: str = ""
    reasons: str = ""
    people: bool = False  # they listed people they could ask (not quoted: it may hold numbers)


def aftercare_reply(state: AfterImminent, norm_text: str, lang: str, plan: PlanExcerpt,
                    lines: Sequence[str], emergency: str) -> str:
    """The scripted reply for a message after a crisis (``state.scripted`` must be true).

    ``lines``: the crisis lines already formatted for ``lang`` (a few); ``emergency``: the emergency
    number(s) formatted, or "" when the region is unknown.
    """
    if state.ending:
        return HAND_BACK.get(lang)
    step = state.since
    if step == 1:
        if _DISTANCE.search(norm_text):
            return SAFE_NOW_DISTANCE_DONE.get(lang)
        return SAFE_NOW.get(lang)
    if step == 2:
        return GROUNDING.get(lang)
    if step == 3:
        return _plan_step(plan, lang)
    if step == 4:
        return _lines_step(lines, emergency, lang)
    return LISTENING[(step - 5) % len(LISTENING)].get(lang)


def _plan_step(plan: PlanExcerpt, lang: str) -> str:
    parts = []
    if plan.reasons or plan.coping:
        parts.append(PLAN_INTRO.get(lang))
        if plan.reasons:
            parts.append(PLAN_REASONS.get(lang).format(text=_short(plan.reasons)))
        if plan.coping:
            parts.append(PLAN_COPING.get(lang).format(text=_short(plan.coping)))
        if plan.people:
            parts.append(PLAN_PEOPLE.get(lang))
        parts.append(PLAN_ASK.get(lang))
        return "\n\n".join(parts)
    return PLAN_NONE.get(lang)


def _lines_step(lines: Sequence[str], emergency: str, lang: str) -> str:
    parts = [LINES_STEP.get(lang)]
    if lines:
        parts.append("\n".join(f"- {line}" for line in lines))
    if emergency:
        parts.append(LINES_EMERGENCY.get(lang).format(emergency=emergency))
    else:
        parts.append(LINES_LOCAL.get(lang))
    parts.append(LINES_LISTEN.get(lang))
    return "\n\n".join(parts)


def _short(text: str, limit: int = 160) -> str:
    """The person's own words, trimmed to one readable paragraph."""
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


# -- the words (warm, brief, one question at a time; UX.md "Sound") --------------------------------
SAFE_NOW = Text(
    "Thank you for staying and talking with me. I'm still right here. Are you safe right now, for the "
    "next little while? If there's anything near you that you could hurt yourself with, could you put "
    "it somewhere harder to reach, or give it to someone, while we keep talking?",
    "谢谢你还在这里跟我说话，我也一直在。你现在安全吗？接下来这一会儿呢？如果身边有可能用来伤害自己的东西，"
    "能不能先把它放到不容易拿到的地方，或者交给别人，我们接着聊？")
SAFE_NOW_DISTANCE_DONE = Text(
    "Putting them away was a really important step, and I'm glad you did it. I'm still right here with "
    "you. How are you feeling right now: are you safe for the next little while?",
    "你把它们收起来了，这一步真的很重要，我很高兴你做到了。我一直在这里陪着你。你现在感觉怎么样？"
    "接下来这一会儿，你是安全的吗？")
GROUNDING = Text(
    "Let's slow things down together for a moment. If you can, feel your feet on the floor and let "
    "one breath out, slowly, longer than the breath in. Then look around: what are three things you "
    "can see right now?",
    "我们一起先慢下来一会儿。如果可以，感受一下双脚踩在地上，然后慢慢地呼一口气，呼气比吸气长一点。"
    "再看看四周：你现在能看到哪三样东西？")
PLAN_INTRO = Text(
    "You wrote a safety plan for moments like this one. Some of your own words from it:",
    "你之前为这样的时刻写过一份安全计划。这里有你自己写下的话：")
PLAN_REASONS = Text("Your reasons for living: “{text}”", "你活下去的理由：“{text}”")
PLAN_COPING = Text("Something that helps you: “{text}”", "能帮到你的事：“{text}”")
PLAN_PEOPLE = Text(
    "You also listed people you could reach out to; they're in your plan under \"Need help now\".",
    "你还写下了可以求助的人，他们就在“现在需要帮助”里的安全计划中。")
PLAN_ASK = Text(
    "Could you try one of these now, even a small part of it? I'll be here.",
    "现在能试试其中一件吗？哪怕只做一小部分也好。我在这里。")
PLAN_NONE = Text(
    "When things feel like this, it can help to have a few small steps ready: something you can do on "
    "your own for the next hour, someone you could message, and the things that matter to you, even "
    "faintly. What is one thing, however small, that has helped you get through a hard night before? "
    "Later, if you like, we can write these down as a safety plan under \"Need help now\".",
    "在这种时候，手边有几个小步骤会有帮助：接下来一小时你自己能做的一件事、一个可以发消息的人，还有对你重要的东西，"
    "哪怕现在只感觉到一点点。以前熬过难熬的夜晚时，有什么哪怕很小的事帮到过你？之后如果你愿意，"
    "我们可以把这些写进“现在需要帮助”里的安全计划。")
LINES_STEP = Text(
    "I'm still here with you. Talking to a person can help a lot right now, and these lines are there "
    "for exactly this:",
    "我还在这里陪着你。这个时候跟一个真人聊聊，会很有帮助，这些热线就是为这样的时刻准备的：")
LINES_EMERGENCY = Text(
    "If you feel you might act on these thoughts, please call {emergency}.",
    "如果你觉得自己可能会按这些念头去做，请拨打 {emergency}。")
LINES_LOCAL = Text(
    "If you feel you might act on these thoughts, please call your local emergency number.",
    "如果你觉得自己可能会按这些念头去做，请拨打当地的紧急电话。")
LINES_LISTEN = Text(
    "They're also under \"Need help now\". What's happening for you at the moment?",
    "它们也都在“现在需要帮助”里。你现在怎么样？")
LISTENING = (
    Text("I'm listening. Tell me more about what's happening for you right now.",
         "我在听。跟我多说说你现在的情况吧。"),
    Text("Thank you for telling me. What feels hardest at this moment?",
         "谢谢你告诉我。此刻最难熬的是什么？"),
    Text("I'm still right here. How are you doing now, compared with a little while ago?",
         "我一直都在。跟刚才比，你现在感觉怎么样？"),
)
HAND_BACK = Text(
    "I'm really glad to hear that. I'll stay here as long as you'd like to talk, about what happened "
    "tonight or about anything else. Your safety plan and the crisis lines are always under \"Need help "
    "now\". What would help you most right now?",
    "听到你这么说，我真的很高兴。只要你想聊，我都会在这里，聊今晚发生的事，或者别的什么都可以。"
    "你的安全计划和危机热线一直都在“现在需要帮助”里。现在最能帮到你的是什么？")
#: Shown under a scripted crisis reply when the person asks for another one.
NOT_REGENERATED = Text(
    "This reply is fixed, not written by the model: when someone may be in danger, the app answers "
    "with words checked in advance, so it is not written again.",
    "这条回复是预先写好的，不是模型生成的：当有人可能处于危险中时，应用会用事先核对过的话来回应，所以不会重新生成。")
