"""Invented contact details never reach the screen (issue 16; GUIDE.md "What must always hold" 3).

A small model happily invents a "support line" or an email address. The app may only ever show phone
numbers from its own crisis-line data, and no email address or link at all (the data has none). This
module finds phone numbers, email addresses and links in a reply however they are written: full-width
digits (NFKC folds them), spaced or dashed digits, "+44 (0) 20", "nine eight eight", "support at
example dot com", "example点com", "www . example . org".

``cut_contacts`` removes each sentence holding one (the rest of the reply stands); ``ContactGate`` does
the same while the reply streams: from the first character that could begin a contact detail, the rest
of the sentence is held back until the sentence ends and is checked, so the detail is never painted.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from .crisis_lines import CrisisLines, RegionEntry

_TLDS = (r"(?:com|org|net|edu|gov|info|io|co|uk|cn|hk|tw|sg|us|ca|au|nz|ie|de|in|me|app|help|care|health|"
         r"online|support|life|life|chat|ai)")
_DOT = r"(?:\s*\.\s*|\s*\(dot\)\s*|\s*\[dot\]\s*|\s+dot\s+|\s*点\s*)"
_AT = r"(?:\s*@\s*|\s*\(at\)\s*|\s*\[at\]\s*|\s+at\s+|\s*艾特\s*)"
_LINK = re.compile(
    r"(?:https?|ftp)\s*:\s*/\s*/\s*\S+"
    r"|www" + _DOT + r"[\w-]+(?:" + _DOT + r"[\w-]+)*"
    r"|[\w-]+(?:" + _DOT + r"[\w-]+)*" + _DOT + _TLDS + r"(?![a-z])(?:\s*/\S*)?",
    re.IGNORECASE)
_EMAIL = re.compile(r"[\w.+-]+" + _AT + r"[\w-]+(?:" + _DOT + r"[\w-]+)*" + _DOT + _TLDS + r"(?![a-z])",
                    re.IGNORECASE)
_EMAIL_PLAIN = re.compile(r"[\w.+-]+\s*@\s*[\w-]+(?:\.[\w-]+)+")
_WORD_DIGITS = {"zero": "0", "oh": "0", "o": "0", "one": "1", "two": "2", "three": "3", "four": "4",
                "five": "5", "six": "6", "seven": "7", "eight": "8", "nine": "9",
                "零": "0", "〇": "0", "幺": "1", "一": "1", "二": "2", "两": "2", "三": "3", "四": "4",
                "五": "5", "六": "6", "七": "7", "八": "8", "九": "9",
                # The financial capitals, which a model may use to "spell" a number the same way.
                "壹": "1", "贰": "2", "貳": "2", "叁": "3", "參": "3", "肆": "4", "伍": "5", "陆": "6", "陸": "6",
                "柒": "7", "捌": "8", "玖": "9"}
_ZH_DIGIT = "[零〇幺一二两三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖]"
# Digits with the separators people and models put in phone numbers (not commas: "10,000 steps").
_PHONE = re.compile(r"\+?\(?\d(?:[\d\s\-./()·]{0,3}\d)+")
_WORD_PHONE = re.compile(
    r"\b(?:(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)(?:[\s\-,]+|$)){3,}"
    # Chinese digits, also in spaced or dashed groups ("幺三九 零二四七 八八五一"): five or more in a row.
    r"|" + _ZH_DIGIT + r"(?:[\s\-－]?" + _ZH_DIGIT + r"){4,}", re.IGNORECASE)
# Words that make a short number a contact detail ("call 611", "拨打 12356").
_CONTACT_CUE = re.compile(
    r"\b(?:call|calls|calling|dial|text|txt|phone|ring|hotline|helpline|line|number|contact|reach|sms|"
    r"whatsapp|wechat|telephone|tel|fax)\b|拨打|打|电话|热线|号码|联系|短信|微信|致电|拨",
    re.IGNORECASE)
_UNIT_AFTER = re.compile(
    r"\s*(?:%|percent|per cent|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?|seconds?|secs?|"
    r"times|steps|breaths?|am|pm|a\.m\.|p\.m\.|kg|g|mg|km|m|cm|°|degrees|分钟|小时|天|周|个月|月|年|岁|次|"
    r"秒|步|点|号|元|块|口|下|分)", re.IGNORECASE)
_DATE = re.compile(r"\d{4}[-/.]\d{1,2}(?:[-/.]\d{1,2})?|\d{1,2}:\d{2}")
_SENTENCE = re.compile(r"[^.!?。！？\n]*(?:[.!?。！？]+[\"'”」)]*\s*|\n+|$)")
# What could begin a contact detail in a streaming sentence: hold the rest of the sentence from here.
_TRIGGER = re.compile(
    r"\d|@|＠|www|https?|://|\bdot\b|\(at\)|\[at\]|[a-z]\.[a-z]|点\s*[a-z]"
    r"|" + _ZH_DIGIT + r"(?:[\s\-－]?" + _ZH_DIGIT + r"){2}"
    r"|\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b[\s\-,]+"
    r"\b(?:zero|oh|one|two|three|four|five|six|seven|eight|nine)\b", re.IGNORECASE)
# While streaming, "." ends a sentence only once the next character is a space ("care.com" is not an
# end, and a piece can stop right after the dot); CJK full stops end it at once.
_SENTENCE_END = re.compile(r"[.!?…][\"'”」)]*\s|\n|[。！？]")


def allowed_numbers(lines: CrisisLines | None = None, entries: Iterable[RegionEntry] = ()) -> frozenset[str]:
    """The digits of every number the app itself may show: all numbers in the crisis-line list in force
    (and in ``entries``, e.g. the entry the person's region resolves to)."""
    found: set[str] = set()
    all_entries = list(entries) + (list(lines.regions.values()) if lines is not None else [])
    for entry in all_entries:
        for number in entry.emergency:
            found.add(_digits(number.number))
        for line in entry.lines:
            found.add(_digits(line.number))
    return frozenset(d for d in found if d)


@dataclass(frozen=True)
class ContactFinding:
    kind: str  # "phone" | "email" | "link"
    start: int
    end: int


def find_contacts(text: str, allowed: frozenset[str]) -> list[ContactFinding]:
    """Phone numbers not in ``allowed``, and every email address and link, in ``text``.

    Positions refer to ``fold(text)``, which keeps the length of ``text`` for everything but rare
    compatibility characters; callers cut whole sentences, so a shifted position is harmless."""
    folded = fold(text)
    out: list[ContactFinding] = []
    for m in _EMAIL.finditer(folded):
        out.append(ContactFinding("email", m.start(), m.end()))
    for m in _EMAIL_PLAIN.finditer(folded):
        out.append(ContactFinding("email", m.start(), m.end()))
    for m in _LINK.finditer(folded):
        out.append(ContactFinding("link", m.start(), m.end()))
    for m in _PHONE.finditer(folded):
        if _is_invented_number(folded, m.start(), m.end(), _digits(m.group()), allowed):
            out.append(ContactFinding("phone", m.start(), m.end()))
    for m in _WORD_PHONE.finditer(folded):
        digits = "".join(_WORD_DIGITS.get(w.lower(), "") for w in re.findall(r"[a-z]+|[^\W\d_a-z]", m.group(),
                                                                             re.IGNORECASE))
        if digits and digits not in allowed and not _is_countdown(digits):
            out.append(ContactFinding("phone", m.start(), m.end()))
    return sorted(out, key=lambda f: f.start)


def cut_contacts(text: str, allowed: frozenset[str]) -> tuple[str, tuple[str, ...]]:
    """``text`` without the sentences that hold an invented contact detail, and the kinds cut."""
    folded = fold(text)
    findings = find_contacts(text, allowed)
    if not findings:
        return text, ()
    kept: list[str] = []
    for m in _SENTENCE.finditer(folded):
        if m.start() == m.end():
            continue
        if any(f.start < m.end() and f.end > m.start() for f in findings):
            continue
        kept.append(m.group())
    return "".join(kept).strip(), tuple(dict.fromkeys(f.kind for f in findings))


def fold(text: str) -> str:
    """Full-width digits and letters, "＠" and "．" to their ASCII forms (same length for these)."""
    return unicodedata.normalize("NFKC", text) if _needs_fold(text) else text


def _needs_fold(text: str) -> bool:
    return any(ord(c) >= 0xFF00 or c in "﹫" for c in text)


def _digits(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKC", text) if c.isdigit() and c.isascii())


def _is_countdown(digits: str) -> bool:
    """"5-4-3-2-1" grounding, "1 2 3 4": a run of consecutive single digits, not a number."""
    if len(digits) < 3:
        return False
    steps = {int(b) - int(a) for a, b in zip(digits, digits[1:])}
    return steps in ({1}, {-1})


def _is_invented_number(text: str, start: int, end: int, digits: str, allowed: frozenset[str]) -> bool:
    if digits in allowed or _is_countdown(digits):
        return False
    if any(digits.endswith(a) and len(a) >= 5 for a in allowed):
        return False  # an allowed number with a country code in front ("+44 116 123")
    if _DATE.fullmatch(text[start:end].strip()):
        return False
    if _UNIT_AFTER.match(text, end):
        return False
    if len(digits) >= 5:
        return True
    if len(digits) < 3:
        return False
    sentence_start = max(text.rfind(c, 0, start) for c in ".!?。！？\n") + 1
    return _CONTACT_CUE.search(text[sentence_start:start]) is not None


@dataclass
class ContactGate:
    """Streams a reply through, holding back from the first possible contact detail to the end of its
    sentence, and dropping that sentence when it holds an invented one.

    ``feed(piece)`` returns the text that may be painted now; ``finish()`` returns the rest. ``text``
    is everything let through (what may be stored); ``cut`` lists the kinds dropped.
    """

    allowed: frozenset[str]
    text: str = ""
    cut: list[str] = field(default_factory=list)
    _sentence: str = ""  # the current, unfinished sentence
    _shown: int = 0  # how much of ``_sentence`` was already painted
    _held: bool = False

    def feed(self, piece: str) -> str:
        out: list[str] = []
        rest = piece
        while rest:
            m = _SENTENCE_END.search(self._sentence + rest, len(self._sentence))
            if m is None:
                self._sentence += rest
                rest = ""
                out.append(self._paint())
                break
            cut_at = m.end() - len(self._sentence)
            self._sentence += rest[:cut_at]
            rest = rest[cut_at:]
            out.append(self._close_sentence())
        return "".join(out)

    def finish(self) -> str:
        return self._close_sentence() if self._sentence else ""

    def _paint(self) -> str:
        if not self._held:
            m = _TRIGGER.search(fold(self._sentence))
            limit = m.start() if m is not None else len(self._sentence)
            if m is not None:
                self._held = True
            new = self._sentence[self._shown:limit]
            self._shown = max(self._shown, limit)
            self.text += new
            return new
        return ""

    def _close_sentence(self) -> str:
        sentence, shown = self._sentence, self._shown
        self._sentence, self._shown, self._held = "", 0, False
        kept, kinds = cut_contacts(sentence, self.allowed)
        if kinds:
            self.cut.extend(kinds)
            # The beginning of the sentence may already be painted; it is dropped from what is stored,
            # and the finished reply (the stored text) replaces the bubble's content.
            self.text = self.text[: len(self.text) - shown]
            return ""
        new = sentence[shown:]
        self.text += new
        return new
