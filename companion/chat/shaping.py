"""Light shaping of a generated reply, while it streams and when it is finished (issue 14).

Small models run on: into a second paragraph, a list of tips, the person's next turn ("User: ..."),
another language. ``StreamShaper`` sits between the model and the screen: it passes text on as it
comes (so the first word is not delayed), holds back only what might be the start of a role tag or a
list, and says when the reply is complete so generation can stop early. ``shape`` gives the final
text: cut at a role tag, a list or a change of language, markdown removed, at most five sentences and
one question, ending at the last finished sentence.
"""

from __future__ import annotations

import re

from companion.chat.reply_checks import MAX_CHARS_ZH, MAX_SENTENCES, MAX_WORDS_EN, ROLE_TAG
from companion.safety.screen.normalise import HAN

_HAN = re.compile(f"[{HAN}]")
_LIST_START = re.compile(r"(?m)^[ \t]*(?:[-*•·][ \t]|\d{1,2}[.)、][ \t]?|#{1,6}[ \t])")
_WRONG_EN = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af\u0400-\u04ff]")
_WRONG_ZH = re.compile(r"[\u3040-\u30ff\u31f0-\u31ff\uac00-\ud7af\u0400-\u04ff]")
_LATIN_RUN = re.compile(r"(?:[A-Za-z]+[\s,.'’-]*){4,}")  # four English words in a row in a Chinese reply
_SENTENCE_END = re.compile(r"[.!?。！？…]+[\"'”’)）]*(?=\s|$)|[。！？]+[”’）]*")
_QUESTION_END = re.compile(r"[?？]+[\"'”’)）]*(?=\s|$)|？+[”’）]*")
_MARKDOWN = re.compile(r"\*\*|__|`+|^#+\s*", re.MULTILINE)
# Text at the end that may still become a role tag or a list marker: hold it back.
_MAYBE_TAG = re.compile(r"(?:<[^>\n]{0,24}|\n[^\n]{0,16})$")
# A reply's first word alone may still be a speaker's name ("Companion:", "用户：").
_MAYBE_NAME = re.compile(r"^\s*(?:\*\*)?[A-Za-z\u4e00-\u9fff]{0,12}$")
_MAX_TAIL = 40


def _problem_at(text: str, lang: str) -> int:
    """Where the reply stops being fit to show (a role tag, a list, another language), or -1."""
    cuts = []
    tag = ROLE_TAG.search(text)
    if tag:
        cuts.append(tag.start())
    listing = _LIST_START.search(text)
    if listing:
        cuts.append(listing.start())
    wrong = (_WRONG_ZH if lang == "zh" else _WRONG_EN).search(text)
    if wrong:
        cuts.append(wrong.start())
    if lang == "zh":
        run = _LATIN_RUN.search(text)
        if run:
            cuts.append(run.start())
    blank = text.find("\n\n")  # a second paragraph: small models start a new topic or a sign-off there
    if blank >= 0:
        cuts.append(blank)
    return min(cuts) if cuts else -1


def _complete_at(text: str, lang: str) -> int:
    """Where the reply is long enough: after the first question, the fifth sentence or the word
    limit (the end of the sentence that reaches it); -1 when it may go on."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    question = _QUESTION_END.search(text)
    limits = []
    if question:
        limits.append(question.end())
    if len(ends) >= MAX_SENTENCES:
        limits.append(ends[MAX_SENTENCES - 1])
    for end in ends:
        size = len(re.sub(r"\s", "", text[:end])) if lang == "zh" else len(text[:end].split())
        if size > (MAX_CHARS_ZH if lang == "zh" else MAX_WORDS_EN):
            limits.append(end)
            break
    return min(limits) if limits else -1


def shape(text: str, lang: str) -> str:
    """The finished reply as it may be shown; "" when nothing fit to show is left."""
    problem = _problem_at(text, lang)
    if problem >= 0:
        text = text[:problem]
    complete = _complete_at(text, lang)
    if complete >= 0:
        text = text[:complete]
    text = _MARKDOWN.sub("", text)
    text = re.sub(r"[ \t]*\n[ \t]*", " ", text).strip()
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    if text.endswith((":", "：")):  # the lead-in to a list that was cut off
        text = text[: ends[-1]] if ends else ""
        ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    if ends:
        text = text[: ends[-1]]  # an unfinished last sentence goes
    else:
        text = text.rstrip(" ,;:，；：、-—")  # one unfinished sentence is all there is: keep it
    # Several short sentences that are over the length limit after all (a long run-on one).
    if (len(text.split()) > MAX_WORDS_EN if lang != "zh" else len(text) > MAX_CHARS_ZH):
        ends = [m.end() for m in _SENTENCE_END.finditer(text)]
        fitting = [e for e in ends if (len(text[:e].split()) <= MAX_WORDS_EN if lang != "zh"
                                       else len(text[:e]) <= MAX_CHARS_ZH)]
        text = text[: fitting[-1]] if fitting else ""
    return text.strip()


class StreamShaper:
    """Feed the model's pieces; get back what may be shown now. ``done`` turns true once the reply is
    complete or has gone off the rails (the caller stops generation then)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.raw = ""
        self.released = ""
        self.done = False
        self._limit = -1

    def feed(self, piece: str) -> str:
        if self.done:
            return ""
        self.raw += piece
        text = self.raw
        problem = _problem_at(text, self.lang)
        complete = _complete_at(text, self.lang)
        cut = min([c for c in (problem, complete) if c >= 0], default=-1)
        if cut >= 0:
            self.done = True
            text = text[:cut]
        else:
            tail = _MAYBE_TAG.search(text[-_MAX_TAIL:])
            if tail:
                text = text[: len(text) - len(tail.group(0))]
            elif _MAYBE_NAME.match(text):
                text = ""
        if self.lang == "zh" and not self._chinese_so_far(text):
            return ""  # wait until it is clearly Chinese
        if not text.startswith(self.released):
            return ""
        new = text[len(self.released):]
        if not self.released:
            new = new.lstrip()
            if not new:
                return ""
            self.released = text[: len(text) - len(new)]
        self.released += new
        return new

    @staticmethod
    def _chinese_so_far(text: str) -> bool:
        han = len(_HAN.findall(text))
        latin = len(re.findall(r"[A-Za-z]{2,}", text))
        return han >= 2 and latin * 4 <= han

    def final(self) -> str:
        return shape(self.raw, self.lang)
