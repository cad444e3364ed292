"""A deterministic rule for offering an exercise in conversation (issue 4, "In conversation").

Offering an exercise must not depend on the model, so this is a keyword table in both languages,
checked in priority order: the most urgent state wins. This is not a safety screen: the caller
runs the crisis screen first and does not offer exercises in its place when risk is found.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .text import normalise_lang


@dataclass(frozen=True)
class Rule:
    flow_id: str
    en: tuple[str, ...] = ()  # regular expressions, matched anywhere
    zh: tuple[str, ...] = ()  # plain substrings
    # Feeling words that a negation just before cancels ("I'm not anxious", 我不焦虑). Phrases
    # above are not negatable because several contain a negation themselves ("no energy").
    en_feelings: tuple[str, ...] = ()
    zh_feelings: tuple[str, ...] = ()


RULES: tuple[Rule, ...] = (
    # Panic with breathlessness or unreality: focusing on the breath can feel like suffocating
    # then, so attention goes outwards to the senses instead.
    Rule("grounding_54321",
         en=(r"can'?t breathe", r"cannot breathe", r"hyperventilat", r"feel(s|ing)? (so )?unreal",
             r"nothing feels real", r"dissociat", r"spacing out", r"flashback"),
         zh=("喘不过气", "喘不上气", "呼吸困难", "不真实", "解离", "灵魂出窍", "闪回")),
    Rule("paced_breathing",
         en=(r"heart (is )?(racing|pounding)", r"can'?t calm down", r"can'?t relax",
             r"(so|really|very) tense", r"shaking all over"),
         zh=("心跳很快", "心跳好快", "心跳加速", "心慌", "静不下来", "放松不下来", "冷静不下来"),
         en_feelings=(r"panic(ky|king|ked|s)?\b",),
         zh_feelings=("惊恐", "恐慌")),
    Rule("decatastrophising",
         en=(r"\bwhat if\b", r"worst[- ]case", r"\bthe worst\b", r"catastroph",
             r"everything (will|is going to) go wrong", r"(going to|gonna) be a disaster"),
         zh=("万一", "最坏", "最糟", "要完蛋", "完蛋了", "会搞砸")),
    Rule("thought_record",
         en=(r"\buseless\b", r"\bworthless\b", r"i'?m (a |such a )?(failure|loser|stupid|idiot|pathetic)",
             r"i am (a |such a )?(failure|loser|stupid|idiot|pathetic)", r"always (fail|mess)",
             r"never (do|get) anything right", r"can'?t do anything right", r"not good enough",
             r"(everyone|everybody) hates me", r"nobody likes me"),
         zh=("没用", "一无是处", "废物", "失败者", "总是失败", "老是失败", "总是搞砸", "什么都做不好",
             "什么都做不成", "我好差劲", "我很差劲", "我太笨", "不够好", "没人喜欢我", "大家都讨厌我")),
    Rule("behavioural_activation",
         en=(r"no (energy|motivation)", r"(don'?t|do not) have (any )?(the )?energy",
             r"can'?t get (out of bed|up)", r"stuck in bed", r"in bed all day",
             r"can'?t be bothered", r"lost interest", r"unmotivated",
             r"(don'?t|do not) (feel like|want to) do(ing)? anything", r"can'?t get (myself )?(started|going)"),
         zh=("没精力", "没有精力", "没力气", "没有力气", "没动力", "没有动力", "起不来床", "不想起床",
             "躺了一整天", "躺一整天", "什么都不想做", "提不起劲", "提不起兴趣", "懒得动")),
    Rule("worry_postponement",
         en=(r"can'?t stop thinking about", r"overthink", r"on edge"),
         zh=("想太多", "胡思乱想", "心神不宁", "停不下来地想"),
         en_feelings=(r"worr(y|ied|ies|ying)\b", r"anxious", r"anxiety", r"nervous"),
         zh_feelings=("担心", "焦虑", "紧张", "忐忑", "发愁")),
)

# Negations right before a feeling word. "can't" is left out on purpose: "I can't stop worrying".
_EN_NEGATION = re.compile(
    r"\b(not|no|never|isn'?t|aren'?t|wasn'?t|don'?t|doesn'?t|didn'?t|without|hardly)\b"
    r"(\s+\w+)?\s*$")
_ZH_NEGATIONS = ("不", "没", "没有", "不再", "并不", "不太", "不怎么", "不用", "不是", "别")


def _normalise(text: str) -> str:
    # NFKC folds full-width letters (ＡＮＸＩＯＵＳ) and curly quotes are made straight.
    text = unicodedata.normalize("NFKC", text).lower().replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text)


def _en_feeling(pattern: str, text: str) -> bool:
    return any(not _EN_NEGATION.search(text[: m.start()])
               for m in re.finditer(r"\b" + pattern, text))


def _zh_feeling(word: str, text: str) -> bool:
    start = text.find(word)
    while start != -1:
        if not text[:start].endswith(_ZH_NEGATIONS):
            return True
        start = text.find(word, start + 1)
    return False


def _matches(rule: Rule, text: str, langs: tuple[str, ...]) -> bool:
    if "en" in langs and (any(re.search(p, text) for p in rule.en)
                          or any(_en_feeling(p, text) for p in rule.en_feelings)):
        return True
    return "zh" in langs and (any(w in text for w in rule.zh)
                              or any(_zh_feeling(w, text) for w in rule.zh_feelings))


def suggest_exercise(text: str, lang: str | None = None) -> str | None:
    """The id of an exercise that fits `text`, or None. `lang` limits the keywords to one
    language; None checks both (people mix languages)."""
    if not isinstance(text, str) or not text.strip():
        return None
    langs = ("en", "zh") if lang is None else (normalise_lang(lang),)
    normalised = _normalise(text)
    for rule in RULES:
        if _matches(rule, normalised, langs):
            return rule.flow_id
    return None
