"""One canonical form of a message before any rule looks at it.

People in distress, and people testing a filter, write "su1c1de", "ＫＭＳ", "diiiie", "k*ll myself",
"自殺", "💊💊💊" or "s u i c i d e" (docs/clinical.md section 1: slang and obfuscation -> normalise before
matching). Each step below undoes one of those, so a rule author writes every pattern once, in plain
lower-case simplified form. The tables live in ``rules/common.json`` and ``rules/t2s.json``.
"""

from __future__ import annotations

import re
import unicodedata
from itertools import product

from .ruleset import Common, common_rules

#: Han characters, as the body of a regex character class (``f"[{HAN}]"``): CJK Unified Ideographs with
#: Extension A, and the Compatibility Ideographs. Defined once here for every module that counts them.
HAN = "\u3400-\u9fff\uf900-\ufaff"
#: ``HAN`` without the Yijing hexagram symbols (U+4DC0-U+4DFF) between Extension A and the unified block:
#: what the canonical form and language detection treat as Chinese.
HAN_STRICT = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK = HAN_STRICT
# Separators people put between the letters of a word to slip past filters: "s.u.i.c.i.d.e", "k-m-s".
_SPACED = re.compile(r"(?<![a-z0-9])([a-z])(?:([ .\-_*])[a-z](?:\2[a-z]){2,})(?![a-z0-9])")
_TOKEN = re.compile(r"[a-z0-9@$*]+(?:[!|][a-z0-9@$*]+)*")
_LEET_CHARS = re.compile(r"[013457@$!|]")
_NUMBER_UNIT = re.compile(
    r"[0-9]+(?:[.,][0-9]+)?(?:mg|mcg|ug|g|kg|ml|l|x|am|pm|s|st|nd|rd|th|k|m|h|hr|hrs|min|mins|lb|lbs|cm|ft"
    r"|km|mi|yo|yr|yrs|mo|d|w|%)?"
)
_RUN3 = re.compile(r"([a-z])\1{2,}")
_CJK_RUN3 = re.compile(r"([" + _CJK + r"])\1{2,}")
_CJK_GAP = re.compile(r"(?<=[" + _CJK + r"])[\s.\-_*·~/|]+(?=[" + _CJK + r"])")
_PUNCT = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201b": "'", "`": "'", "\u00b4": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"',
    "\u2013": " - ", "\u2014": " - ", "\u2015": " - ", "\u2026": "...",
})
_SPACES = re.compile(r"[ \t\r\f\v]+")
_WORD_HYPHEN = re.compile(r"(?<=[a-z])[-_~](?=[a-z])")


def normalise(text: str) -> str:
    """Return the canonical form of ``text`` that every rule is written against."""
    c = common_rules()
    t = unicodedata.normalize("NFKC", text)  # full-width letters and digits -> ASCII
    t = c.invisible_re.sub("", t)  # zero-width joiners and variation selectors split words invisibly
    t = t.translate(c.t2s)  # traditional -> simplified, for the characters the rules use
    # Names are only recognisable while capitalised: "Sarah said she wants to die" is about Sarah.
    t = c.name_re.sub(" zname ", t)
    t = t.lower().translate(_PUNCT)
    t = c.emoji_re.sub(lambda m: " " + c.emoji[m.group()] + " ", t)
    t = _SPACED.sub(lambda m: re.sub(r"[ .\-_*]", "", m.group()), t)
    t = _TOKEN.sub(lambda m: _fix_token(m.group(), c), t)
    t = _WORD_HYPHEN.sub(" ", t)  # "self-harm" and "self harm" are one pattern
    t = _CJK_RUN3.sub(r"\1\1", t)  # "死死死死" -> "死死"
    t = _CJK_GAP.sub("", t)  # "自 杀", "自.杀"
    for pattern, replacement in c.rewrites:  # contractions, chat abbreviations, homophones (紫砂)
        t = pattern.sub(replacement, t)
    t = _SPACES.sub(" ", t)
    return t.strip()


def _fix_token(token: str, c: Common) -> str:
    if "*" in token:
        repaired = _uncensor(token, c.vocab)
        if repaired:
            return repaired
    if _LEET_CHARS.search(token) and re.search(r"[a-z]", token) and not _NUMBER_UNIT.fullmatch(token):
        token = token.translate(c.leet)
    if _RUN3.search(token):
        token = _unstretch(token, c.vocab)
    return token


def _uncensor(token: str, vocab: frozenset[str]) -> str | None:
    """'k*ll' -> 'kill', 's**cide' -> 'suicide': a star hides one to three letters of a known word."""
    parts = [re.escape(p) for p in token.split("*")]
    if sum(len(p) for p in parts) < 2:
        return None
    pattern = re.compile("[a-z]{1,3}".join(parts).replace("[a-z]{1,3}[a-z]{1,3}", "[a-z]{1,4}"))
    hits = sorted(w for w in vocab if pattern.fullmatch(w))
    return hits[0] if len(hits) == 1 else (hits[0] if hits and len(hits) <= 3 else None)


def _unstretch(token: str, vocab: frozenset[str]) -> str:
    """'diiiie' -> 'die', 'killll' -> 'kill', 'sooooo' -> 'so': try one or two of each stretched letter
    and keep the first spelling the rules know; otherwise keep two, the common English double."""
    pieces = re.split(r"(([a-z])\2{2,})", token)
    # re.split with two groups yields [text, run, letter, text, run, letter, ...]
    texts = pieces[0::3]
    letters = pieces[2::3]
    if len(letters) > 4:  # pathological input: do not try 2**n spellings
        return _RUN3.sub(r"\1\1", token)
    for counts in product((1, 2), repeat=len(letters)):
        word = texts[0] + "".join(l * n + t for l, n, t in zip(letters, counts, texts[1:]))
        if word in vocab:
            return word
    return _RUN3.sub(r"\1\1", token)
