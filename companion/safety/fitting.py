"""A withdrawn reply's replacement fits what the person said (issue 16).

A poor reply to "I can't sleep again" used to be replaced by a text about the person's life mattering,
as if they had spoken of suicide: that reads as not being listened to. The replacement is chosen in two
steps: what the person's message is about (sleep, loneliness, feeling a burden, self-harm, eating...;
from the screen's own signals and a few plain words), and whether it showed risk at all. Texts that
speak of safety or of the person's life are only used after a message that showed risk.

Used for every withdrawn reply, and after an elevated message when the model's reply does not pass
the stricter review (a scripted, warm reply that fits what was said).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from companion.bilingual import Text

# Topics by plain words in normalised text (lower case, simplified Chinese), checked in this order.
_TOPICS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("self_harm", re.compile(r"\b(?:cut|cutting|cuts|burn(?:ed|ing)? myself|hurt(?:ing)? myself|self ?harm)\b"
                             r"|自残|自伤|划(?:自己|手|伤)|割(?:自己|手|腕)|伤害自己")),
    ("eating", re.compile(r"\b(?:eat|eating|ate|food|meal|meals|binge|purge|weight|calories|fat|starve|"
                          r"thin)\b|吃饭|吃东西|进食|暴食|催吐|体重|节食|减肥|胖")),
    ("sleep", re.compile(r"\b(?:sleep|sleeping|slept|insomnia|awake|nightmares?|can'?t rest|tired)\b"
                         r"|失眠|睡不着|睡不好|没睡|睡眠|噩梦|醒着|熬夜|困")),
    ("burden", re.compile(r"\bburden\b|better off without me|累赘|拖累|负担")),
    ("lonely", re.compile(r"\b(?:lonely|alone|no one|nobody|no friends|isolated)\b|孤单|孤独|一个人|没人|没有朋友")),
    ("panic", re.compile(r"\b(?:panic|anxious|anxiety|scared|afraid|terrified|worried|worry)\b"
                         r"|惊恐|焦虑|害怕|担心|紧张|心慌")),
)
# The screen's signals that name a topic directly.
_SIGNAL_TOPICS = {"self_harm": "self_harm", "ed_danger": "eating", "burden": "burden"}

FITTING = {
    "sleep": Text(
        "Let me put that better. Nights without sleep wear anyone down, and everything feels heavier at "
        "this hour. What usually goes through your mind when you lie down?",
        "我换个方式说。睡不好觉谁都会被拖垮，到了这个时间，什么都显得更沉重。你躺下以后，脑子里一般在想些什么？"),
    "lonely": Text(
        "Let me put that better. Feeling alone like this is really hard, and I'm glad you're talking to "
        "me. When did it start feeling this way?",
        "我换个方式说。这样孤单的感觉真的很难受，我很高兴你愿意跟我说。从什么时候开始有这种感觉的？"),
    "panic": Text(
        "Let me put that better. That sounds frightening, and it makes sense you're shaken. If it helps, "
        "we can slow your breathing down together first. What happened?",
        "我换个方式说。听起来真的很吓人，你会心有余悸很正常。如果有帮助，我们可以先一起把呼吸放慢。发生了什么？"),
    "eating": Text(
        "Let me put that better. I won't talk about food rules or numbers, but I'd really like to hear "
        "how you're feeling. What's been going on?",
        "我换个方式说。饮食规矩和数字我就不谈了，不过我很想听听你的感受。最近发生了什么？"),
    "burden": Text(
        "Let me put that better. Feeling like a burden is such a heavy thing to carry, and I'm glad you "
        "told me. What's been making you feel that way?",
        "我换个方式说。觉得自己是别人的负担，这种感觉很沉重，谢谢你告诉我。是什么让你有这种感觉的？"),
    "self_harm": Text(
        "Let me put that better. Thank you for telling me; I'm not judging you. Is there any injury that "
        "needs looking after right now?",
        "我换个方式说。谢谢你告诉我，我不会评判你。现在有没有需要处理的伤口？"),
    "risk": Text(
        "Let me put that better. What you're feeling sounds really painful, and I'm staying right here "
        "with you. Are you safe right now?",
        "我换个方式说。你现在的感受听起来真的很痛苦，我就在这里陪着你。你现在安全吗？"),
    "general": Text(
        "Let me put that another way. I'm still here with you. How are you feeling right now?",
        "我换个方式说。我还在这里陪着你。你现在感觉怎么样？"),
}
#: Reply categories whose own replacement text speaks of safety or of the person's life: only used
#: after a message that showed risk.
RISK_TEXT_CATEGORIES = frozenset({"method", "location", "encouragement", "secrecy", "contract"})


def topic_of(norm_user: str, signals: Sequence[str] = ()) -> str:
    """What the person's message is about ("sleep", "lonely", ...; "general" when nothing stands out)."""
    for signal in signals:
        if signal in _SIGNAL_TOPICS:
            return _SIGNAL_TOPICS[signal]
    for name, pattern in _TOPICS:
        if pattern.search(norm_user):
            return name
    return "general"


def fitting_reply(norm_user: str, lang: str, risky: bool, signals: Sequence[str] = ()) -> str:
    """A warm reply that fits the person's message; ``risky``: it (or the conversation) showed risk."""
    topic = topic_of(norm_user, signals)
    if topic == "general" and risky:
        topic = "risk"
    return FITTING[topic].get(lang)
