"""Normalisation and language detection: the canonical form every rule is written against."""

from __future__ import annotations

import pytest

from companion.safety import detect_lang, normalise
from companion.safety.screen.detect_lang import resolve_lang

P = pytest.param


@pytest.mark.parametrize("raw,expected", [
    P("ＩＷＡＮＴ", "iwant", id="full-width-letters-nfkc"),
    P("ＫＭＳ", "kms", id="full-width-slang"),
    P("su1c1de", "suicide", id="leetspeak-digits"),
    P("$uicidal", "suicidal", id="leetspeak-dollar"),
    P("k1ll mys3lf", "kill myself", id="leetspeak-two-words"),
    P("d!e", "die", id="leetspeak-exclamation-inside-word"),
    P("help!", "help!", id="exclamation-at-end-is-punctuation"),
    P("diiiiie", "die", id="stretched-vowel"),
    P("killllll", "kill", id="stretched-double-letter"),
    P("sooooo tired", "so tired", id="stretched-common-word"),
    P("k*ll", "kill", id="censored-star"),
    P("s.u.i.c.i.d.e", "suicide", id="dotted-letters"),
    P("s u i c i d e", "suicide", id="spaced-letters"),
    P("I'm", "i am", id="contraction-im"),
    P("can't", "can not", id="contraction-cant"),
    P("don't", "do not", id="contraction-dont"),
    P("gonna", "going to", id="slang-gonna"),
    P("wanna", "want to", id="slang-wanna"),
    P("self-harm", "self harm", id="hyphen-split"),
    P("500mg", "500mg", id="dose-is-not-leetspeak"),
    P("3am", "3am", id="time-is-not-leetspeak"),
    P("tn", "tonight", id="abbreviation-tonight"),
    P("💊", "zpill", id="emoji-pill"),
    P("🔪", "zknife", id="emoji-knife"),
    P("🪢", "zrope", id="emoji-rope"),
    P("😂", "zlaugh", id="emoji-laugh"),
    P("ki\u200bll myself", "kill myself", id="zero-width-space-removed"),
    P("自殺", "自杀", id="traditional-to-simplified"),
    P("我們", "我们", id="traditional-common-character"),
    P("紫砂", "自杀", id="homophone-zisha"),
    P("自 杀", "自杀", id="space-between-chinese"),
    P("自-杀", "自杀", id="separator-between-chinese"),
    P("死死死死", "死死", id="repeated-chinese-character"),
    P("想死你了", "想死你了", id="idiom-left-intact-for-the-idiom-rules"),
    P("  many   spaces\t here ", "many spaces here", id="whitespace-collapsed"),
])
def test_normalise(raw: str, expected: str) -> None:
    assert normalise(raw) == expected


def test_normalise_is_idempotent() -> None:
    for text in ["I'm gonna k1ll mys3lf tn 💊", "我不想活了，今晚就自殺", "s.u.i.c.i.d.a.l"]:
        once = normalise(text)
        assert normalise(once) == once


@pytest.mark.parametrize("text,expected", [
    P("I want to die", "en", id="english"),
    P("我不想活了", "zh", id="chinese"),
    P("我真的 want to die", "zh", id="mixed-mostly-chinese-weight"),
    P("I had 饺子 for dinner and I feel awful", "en", id="english-with-one-chinese-word"),
    P("", "en", id="empty-defaults-to-english"),
    P("😭😭", "en", id="emoji-only-defaults-to-english"),
    P("我", "zh", id="single-chinese-character"),
    P("自殺", "zh", id="traditional-chinese"),
])
def test_detect_lang(text: str, expected: str) -> None:
    assert detect_lang(text) == expected


@pytest.mark.parametrize("lang,text,expected", [
    P("zh", "I want to die", "zh", id="explicit-zh-wins"),
    P("en", "我想死", "en", id="explicit-en-wins"),
    P("zh-Hant-TW", "hello", "zh", id="locale-style-zh"),
    P("en_GB", "你好", "en", id="locale-style-en"),
    P("fr", "我想死", "zh", id="unsupported-language-falls-back-to-detection"),
    P(None, "我想死", "zh", id="none-detects"),
])
def test_resolve_lang(lang: str | None, text: str, expected: str) -> None:
    assert resolve_lang(lang, text) == expected
