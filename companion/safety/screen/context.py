"""Where a match sits in the message, and what the words around it change.

The same words mean different things in different places: "kill myself" after "I would never", inside a
quoted song title, after "my friend says she wants to", or in "I tried to kill myself when I was 15"
(docs/clinical.md section 1, failure modes). These helpers answer those questions for one match; the word
lists they use are in the ``context`` section of ``rules/en.json`` and ``rules/zh.json``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .ruleset import Context

# Sentence ends; a clause also ends at a comma or at "but"-like words, which is where negation and
# "I" stop reaching ("I'm not suicidal, just tired": the "not" does not carry past the comma).
_SENTENCE_END = re.compile(r"[.!?;。！？；\n]+")
_CLAUSE_BREAK = re.compile(
    r"[,，、:：()（）]|(?<![a-z])(?:but|though|although|however|except|because|whereas)(?![a-z])"
    r"|但是|可是|不过|然而|只是|因为|所以"
)
# Inside a frame, a colon introduces the quoted words ("the lyrics go: I want to die"); other breaks end it.
_FRAME_BREAK = re.compile(
    r"[,，、()（）](?! ?(?:it is about|it is all about|which is about|about|where|in which|讲的是|说的是|里面))"
    r"|(?<![a-z])(?:but|and then|then|so|because)(?![a-z])|但是|可是|不过|所以|然后"
)
_QUOTES = re.compile(r'"[^"\n]{1,300}"|「[^」]{1,300}」|『[^』]{1,300}』')
_TITLES = re.compile(r"《[^》]{1,100}》")
_OTHER_REFLEXIVE = re.compile(r"(?<![a-z])(?:himself|herself|themselves|themself)(?![a-z])|[他她]们?自己")
_TOKENS = re.compile(r"[a-z0-9']+|[\u3400-\u9fff]")


@dataclass(frozen=True)
class Layout:
    """Sentence, clause and quote spans of a normalised message, computed once per message."""

    text: str
    sentences: tuple[tuple[int, int], ...]
    clauses: tuple[tuple[int, int], ...]
    quotes: tuple[tuple[int, int], ...]
    titles: tuple[tuple[int, int], ...]
    tokens: int

    @classmethod
    def of(cls, text: str) -> Layout:
        return cls(text, _spans(text, _SENTENCE_END), _spans(text, _CLAUSE_BREAK, _SENTENCE_END),
                   tuple(m.span() for m in _QUOTES.finditer(text)),
                   tuple(m.span() for m in _TITLES.finditer(text)),
                   _count_tokens(text))

    def sentence_of(self, pos: int) -> int:
        for i, (s, e) in enumerate(self.sentences):
            if s <= pos < e:
                return i
        return len(self.sentences) - 1

    def clause_index(self, pos: int) -> int:
        for i, (s, e) in enumerate(self.clauses):
            if s <= pos < e:
                return i
        return len(self.clauses) - 1

    def in_quote(self, pos: int) -> bool:
        return any(s < pos < e for s, e in self.quotes)

    def in_title(self, pos: int) -> bool:
        return any(s < pos < e for s, e in self.titles)


class SpanSearches:
    """Does a pattern occur in a span of one message? Each (pattern, span) is searched once.

    Every cue in a sentence asks the same questions of it (is it framed, in the past, conditional?). In a
    long post with no full stop, one 2,000-character sentence holding a hundred cues made those questions
    quadratic: the layered screen's p99 on 2,000-character text was over its 500 ms target (issue 16).
    The span is searched as a string of its own, exactly as ``pattern.search(text[start:end])`` (anchors
    and look-arounds see the span's ends), so the answers are the same as without it. One per message."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._found: dict[tuple[re.Pattern[str], int, int], bool] = {}

    def found(self, pattern: re.Pattern[str], start: int, end: int) -> bool:
        key = (pattern, start, end)
        hit = self._found.get(key)
        if hit is None:
            hit = self._found[key] = pattern.search(self._text[start:end]) is not None
        return hit


def _spans(text: str, *breaks: re.Pattern[str]) -> tuple[tuple[int, int], ...]:
    cuts = sorted({0, len(text)} | {m.end() for b in breaks for m in b.finditer(text)})
    return tuple((a, b) for a, b in zip(cuts, cuts[1:]) if b > a) or ((0, len(text)),)


def _count_tokens(text: str) -> int:
    # A Chinese character is about half a word for "is this a short reply" purposes.
    words = 0.0
    for tok in _TOKENS.findall(text):
        words += 0.5 if "\u3400" <= tok <= "\u9fff" else 1
    return int(words + 0.5)


def last_match(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    found = None
    for found in pattern.finditer(text):
        pass
    return found


def last_end(pattern: re.Pattern[str], text: str) -> int:
    m = last_match(pattern, text)
    return -1 if m is None else m.end()


def subject(ctx: Context, match_text: str, before_clause: str, earlier_clauses: list[str]) -> str:
    """Who the matched words are about: "self", "other" (third person) or "you".

    The match itself may name the speaker ("kill myself", "without me", "我"). Otherwise the nearest
    person word before it in its clause decides ("my friend says she wants to die" -> "she"). A clause
    with no person word inherits the subject of the clause before it, which sits at its start ("my
    friend is struggling, wants to die" -> friend; "我写好了给爸妈的信，明天就去跳楼" -> 我). With none at
    all the subject was dropped, which in chat almost always means the speaker ("want to die", "不想活了").
    """
    if ctx.first_person.search(match_text):
        return "self"
    if _OTHER_REFLEXIVE.search(match_text):
        return "other"
    ends = {
        "self": last_end(ctx.first_person, before_clause),
        "other": last_end(ctx.third_person, before_clause),
        "you": last_end(ctx.second_person, before_clause),
    }
    who, pos = max(ends.items(), key=lambda kv: kv[1])
    if pos >= 0:
        return who
    for clause in reversed(earlier_clauses):
        found = clause_subject(ctx, clause)
        if found:
            return found
    return "self"


def clause_subject(ctx: Context, clause: str) -> str | None:
    """The first person word of a clause, reading "我朋友" / "my friend" as the friend."""
    found = []
    for who, pattern in (("self", ctx.first_person), ("other", ctx.third_person), ("you", ctx.second_person)):
        m = pattern.search(clause)
        if m:
            found.append((m.start(), m.end(), who))
    if not found:
        return None
    found.sort()
    start, end, who = found[0]
    for s2, _e2, who2 in found[1:]:
        if who == "self" and who2 == "other" and s2 <= end + 1:
            return "other"  # a possessive: "我朋友", "我妈"
    return who


def framed(ctx: Context, layout: Layout, start: int, sentence: str, before_sentence: str,
           after_sentence: str, has_frame: bool | None = None) -> bool:
    """True when the words are quoted from fiction, news, a song or a study rather than said about now.

    A frame word alone is not enough ("after watching the news I want to die" is the person's own risk):
    the match must sit in a quote or a title, be linked to the frame word without the speaker stepping
    in ("a song about wanting to die", "the character says 'I want to die'"), or be labelled afterwards
    ("... is a line from the film"). ``has_frame``: whether ``sentence`` has a frame word, if known already.
    """
    if layout.in_title(start):
        return True
    if has_frame is None:
        has_frame = ctx.frames.search(sentence) is not None
    if layout.in_quote(start) and (has_frame or ctx.reporting.search(sentence)):
        return True
    if has_frame:
        frame = last_match(ctx.frames, before_sentence)
        if frame is not None:
            gap = before_sentence[frame.end():]
            if not _FRAME_BREAK.search(gap):
                link = last_match(ctx.frame_links, gap)
                said = last_match(ctx.reporting, gap)
                if said is not None and (link is None or said.end() >= link.end()):
                    # "the character says I want to die": the "I" is the character's.
                    if not ctx.first_person.search(gap[said.end():][4:]):
                        return True
                elif link is not None and not ctx.first_person.search(gap[link.end():]):
                    return True
    return bool(ctx.post_frame and ctx.post_frame.search(after_sentence))
