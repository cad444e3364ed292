"""One sentence splitter for replies: ``sentences(text)``.

The reply checks (``companion.chat.reply_checks``: length, loops, reflections) and the reply scorer's
stance features (``reply_scorer/stance.py``) both look at a reply one sentence at a time; with two
splitters they disagreed on ellipses and closing quotes, so a sentence counted by one was two for the
other. A sentence ends at . ! ? (or their Chinese forms, or an ellipsis), keeps any closing quotes or
brackets after its end mark, and a line break ends one too. Works on raw text and on the canonical form
(``normalise`` turns "…" into "...", which ends a sentence the same way).
"""

from __future__ import annotations

import re

# The end mark is optional before a line break or the end: list lines and a streamed last sentence
# count too (the old reply-checks pattern silently dropped an unpunctuated line followed by another).
SENTENCE = re.compile(r"[^.!?。！？…\n]+(?:[.!?。！？…]+[\"'”’」)）]*|(?=\n)|$)")
_WORDLIKE = re.compile(r"\w")


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, stripped; pieces with no letter, digit or Han character are dropped."""
    return [s.strip() for s in SENTENCE.findall(text) if s.strip() and _WORDLIKE.search(s)]
