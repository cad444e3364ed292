"""Guided replies: a whole reply written from a CBT move and the person's own words, with no model.

Used when there is no model at all, when the model has not passed the capability gate in the person's
language (both embedded models in Chinese), and as the fallback when a generated reply fails a hard
check. Each reply is one or two sentences that take up what the person said (their words, with
"I"/"my" turned into "you"/"your") and exactly one question or offer, in English or in Chinese
written as it would be said, never translated word for word. Deterministic: the same conversation
gets the same reply; the wording varies with the message so it does not read like a loop.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Sequence

from companion.chat.cbt_moves import EXERCISE_NAMES, Move, choose_move
from companion.chat.reply_checks import content_bigrams, content_stems, guard_ok
from companion.safety.screen.reply_scorer import ReplyScorer

_EN_SWAP = {
    "i": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself", "am": "are",
    "i'm": "you're", "im": "you're", "i've": "you've", "i'll": "you'll", "i'd": "you'd", "we": "you",
    "us": "you", "our": "your", "ours": "yours", "ourselves": "yourselves",
}
_EN_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]+(?:['’][A-Za-z]+)?")
# Words that start or end a spoken clause but say nothing ("Well, ...", "... though").
_LEAD = re.compile(r"^(?:(?:well|so|and|but|maybe|yes|yeah|ok|okay|now|also|though|i mean)\b[,\s]*)+", re.IGNORECASE)
_TRAIL = re.compile(r"[,\s]+(?:though|anyway|i guess|either)$", re.IGNORECASE)
_ZH_LEAD = re.compile(r"^(?:不过|但是|可是|其实|所以|嗯|哎)[，,]?")
_ZH_SWAP = (("我爸妈", "你爸妈"), ("我妈", "你妈妈"), ("我爸", "你爸爸"), ("我们", "你们"), ("我自己", "你自己"), ("我", "你"))

# The feeling a message carries, for "That sounds ..." / "这真的...": checked in order.
_FEELINGS = (
    (r"died|passed away|miss (?:her|him|them)|funeral|去世|走了|过世|想念", "really painful", "很痛"),
    (r"lonely|alone|invisible|don't (?:really )?know anyone|no friends|孤单|孤独|一个朋友都没有|一个人", "lonely",
     "很孤单"),
    (r"sleep|awake|wake up|3am|tired|失眠|睡不着|醒|犯困", "exhausting", "很折磨人"),
    (r"panic|heart was racing|chest|scared|afraid|shaking|心跳|喘不上气|胸口|害怕|紧张", "frightening", "很吓人"),
    (r"angry|furious|snapped|resent|annoyed|火|气", "frustrating", "让人窝火"),
    (r"stupid|cringing|ashamed|laughed|lied|horrible|disgusting|尴尬|撒了谎|差劲|难看|笨", "painful", "让人难受"),
    (r"exam|test|deadline|fired|report|criticis|manager|boss|考|加班|批评|领导|老板", "stressful", "压力很大"),
    (r"broke up|separate|breakup|girlfriend|boyfriend|husband|wife|分手|结婚|恋爱", "painful", "让人心里很痛"),
)

EN = {
    "reflect": ("{echo} That sounds {feeling}. What has it been like for you?",
                "{echo} That sounds {feeling}. What part of it weighs on you most right now?"),
    "thought": ("{echo} When that happens, what goes through your mind?",
                "{echo} What do you find yourself telling yourself about it?"),
    "evidence": ("{echo} That's a hard conclusion to carry. What makes you so sure of it?",
                 "{echo} That sounds like a harsh thing to tell yourself. What would you say to a friend who "
                 "thought the same?"),
    "thought_loss": ("{echo} What do you find yourself missing most?",
                     "{echo} What comes back to you most when you think of them?"),
    "balance": ("You said {focus_you}. That doesn't quite fit the harsher thought from before. "
                "How might you put it now, with both in mind?",),
    "exercise": ("{echo} It might help to try {exercise}; you'll find it on the Exercises page. "
                 "Would you like to give it a go?",),
    "step": ("{echo} What is one small thing you could do for yourself today or tomorrow?",),
    "step_named": ("You mentioned that {focus_you}. That sounds like a kind, doable step. When might you try it?",),
    "check_in": ("{echo} That sounds really heavy, and I'm glad you told me. Are you safe right now? Your safety "
                 "plan and the Need help now button are there whenever you want them.",),
}
ZH = {
    "reflect": ("听起来{echo}，这真的{feeling}。这段时间你是怎么过来的？",
                "听起来{echo}，这真的{feeling}。现在最让你难受的是哪一部分？"),
    "thought": ("你说{echo}。这种时候，你脑子里会冒出什么样的念头？",
                "你说{echo}。这种时候，你心里会对自己说些什么？"),
    "evidence": ("你说{echo}。这个结论对自己挺苛刻的。是什么让你这么确定呢？",
                 "你说{echo}。这样想自己，心里一定很沉。如果好朋友这样说自己，你会怎么跟他说？"),
    "thought_loss": ("你说{echo}。现在想起来，你最舍不得的是什么？",
                     "你说{echo}。想到那段日子，最常浮现在你心里的是什么？"),
    "balance": ("你提到{focus_you}。这和之前那个很苛刻的想法好像不太一样。把两方面放在一起看，你现在会怎么看这件事？",),
    "exercise": ("你说{echo}。也许可以试试{exercise}，在“练习”页面里就能找到。要不要现在试一下？",),
    "step": ("你说{echo}。今天或明天，有没有一件小事是你可以为自己做的？",),
    "step_named": ("你说{focus_you}，这是很实在的一小步。你打算什么时候试试？",),
    "check_in": ("你说{echo}。听起来真的很沉重，谢谢你愿意告诉我。你现在安全吗？你的安全计划和“现在需要帮助”按钮随时都在。",),
}
SAFE_EN = ("That sounds like a harsh thing to carry. What makes you so sure of it?",)
SAFE_ZH = ("这样想一定很不好受。是什么让你这么确定呢？",)
_DEFAULT_FEELING = ("hard", "不容易")


def to_second_person_en(text: str) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        key = word.lower().replace("’", "'")
        return _EN_SWAP.get(key, word)

    out = _EN_WORD.sub(swap, text)
    out = re.sub(r"\byou was\b", "you were", out)
    out = re.sub(r"\byou wasn't\b", "you weren't", out)
    return out


def to_second_person_zh(text: str) -> str:
    for mine, yours in _ZH_SWAP:
        text = text.replace(mine, yours)
    return text


def _best_clause(text: str, lang: str) -> str:
    """The part of the message with the most content, short enough to say back."""
    if lang == "zh":
        parts = [p for p in re.split(r"[。！？!?；;…]+", text) if p.strip()]
        best = max(parts, key=lambda p: len(content_bigrams(p)), default=text)
        best = best.strip(" ，,、")
        while len(best) > 26 and "，" in best:
            head, _, tail = best.rpartition("，")
            best = head if len(content_bigrams(head)) >= len(content_bigrams(tail)) else tail
        return best[:30]
    parts = [p for p in re.split(r"(?<=[.!?;])\s+", text) if p.strip()]
    best = max(parts, key=lambda p: len(content_stems(p)), default=text)
    best = best.strip().rstrip(".!?;… ")
    words = best.split()
    if len(words) > 16:
        clauses = re.split(r",\s*|\s+(?:and|but|so|because)\s+", best)
        best = max(clauses, key=lambda p: len(content_stems(p)))
        words = best.split()[:16]
        best = " ".join(words)
    return best


def _tidy(clause: str) -> str:
    return _TRAIL.sub("", _LEAD.sub("", clause.strip())).strip(" ,")


def _echo_en(text: str) -> str:
    clause = to_second_person_en(_tidy(_best_clause(text, "en")))
    if not clause:
        return "Thank you for telling me that."
    first = clause.split()[0].lower()
    if first in ("you", "you're", "you've", "you'll", "you'd", "your"):
        return f"It sounds like {clause}."
    if first in ("maybe", "well", "yes", "no", "yeah", "ok", "okay"):
        return f"You said: “{_best_clause(text, 'en')}.”"
    return f"It sounds like {clause[0].lower() + clause[1:]}." if not clause[:2].isupper() else f"{clause}."


def _echo_zh(text: str) -> str:
    clause = _ZH_LEAD.sub("", _best_clause(text, "zh"))
    return to_second_person_zh(clause) or "你愿意说出来"


def _feeling(text: str, lang: str) -> str:
    lowered = text.lower()
    for pattern, en, zh in _FEELINGS:
        if re.search(pattern, lowered):
            return zh if lang == "zh" else en
    return _DEFAULT_FEELING[1] if lang == "zh" else _DEFAULT_FEELING[0]


def _pick(options: Sequence[str], text: str, variant: int = 0) -> str:
    return options[(zlib.crc32(text.encode("utf-8")) + variant) % len(options)]


def guided_reply(move: Move, user_messages: Sequence[str], variant: int = 0,
                 scorer: ReplyScorer | None = None) -> str:
    """The reply for ``move`` to the last of ``user_messages`` (oldest first); ``variant`` picks another
    wording where there is one ("Try another reply"). ``scorer``: the reply guard's learned scorer, for
    the check of the person's words said back (None: the guard's rules alone)."""
    text = user_messages[-1] if user_messages else ""
    lang = move.lang
    table = ZH if lang == "zh" else EN
    kind = "step_named" if move.kind == "step" and move.focus else move.kind
    if kind == "thought" and move.topic == "loss":
        kind = "thought_loss"
    everything = " ".join(user_messages)
    exercise = EXERCISE_NAMES.get(move.exercise, ("a short exercise", "一个简短的练习"))[1 if lang == "zh" else 0]
    focus = _tidy(move.focus.strip().rstrip(".。!！?？"))
    if lang == "zh":
        focus = _ZH_LEAD.sub("", focus)
        values = {"echo": _echo_zh(text).rstrip("。"), "feeling": _feeling(everything, "zh"),
                  "focus": focus, "focus_you": to_second_person_zh(focus), "exercise": exercise}
    else:
        values = {"echo": _echo_en(text), "feeling": _feeling(everything, "en"), "focus": focus,
                  "focus_you": to_second_person_en(focus[0].lower() + focus[1:] if focus[:2] not in ("I ", "I'")
                                                   else focus) if focus else "",
                  "exercise": exercise}
    reply = _pick(table[kind], text, variant).format(**values)
    if not guard_ok(reply, text, lang, scorer):
        # The person's words said back would trip the reply guard ("you're an idiot"): say the move
        # without them.
        reply = _pick(SAFE_ZH if lang == "zh" else SAFE_EN, text)
    return reply


def moves_so_far(user_messages: Sequence[str], lang: str) -> list[Move]:
    """The move of every turn of the conversation, replayed from its start (so nothing is stored)."""
    moves: list[Move] = []
    for i in range(len(user_messages)):
        moves.append(choose_move(user_messages[: i + 1], [m.kind for m in moves], lang))
    return moves


def next_move(user_messages: Sequence[str], lang: str) -> Move:
    return moves_so_far(user_messages, lang)[-1] if user_messages else Move("reflect", lang)
