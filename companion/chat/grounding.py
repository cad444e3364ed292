"""Is a memory or summary the model wrote grounded in what the person actually wrote? (issue 14)

Small models invent facts about the person ("I was born with a rare genetic disorder..."). A proposed
memory is kept only if most of its content words (English stems, Chinese character bigrams) appear in
the person's own messages; a summary likewise, once the words every summary uses ("talked", "felt",
"用户", "对话") are set aside. Deterministic; standard library only.
"""

from __future__ import annotations

from collections.abc import Sequence

from companion.chat.reply_checks import content_bigrams, content_stems, stem

#: Words a summary or a memory uses to talk about the person and the conversation, not facts.
_FRAME_EN = {stem(w) for w in """
person user they them their theirs he she him her his talked talk talks discussed discuss mentioned mention
shared share said says expressed express felt feeling feelings conversation chat companion about also
helped help helps seems seemed wants want wanted like likes worried worry trying try tried having
""".split()}
_FRAME_ZH = {"用户", "对话", "谈到", "提到", "表示", "感到", "觉得", "希望", "他们", "这次", "聊天", "说到", "分享",
             "担心", "想要", "喜欢", "讨论"}

MEMORY_SHARE = 0.6
SUMMARY_SHARE = 0.5


def _words(text: str, lang: str) -> set[str]:
    if lang == "zh":
        return content_bigrams(text) - _FRAME_ZH
    return content_stems(text) - _FRAME_EN


def grounded_share(text: str, person_messages: Sequence[str], lang: str) -> float:
    """The share of ``text``'s content words that the person used; 0 when it has none."""
    words = _words(text, lang)
    if not words:
        return 0.0
    said = set().union(set(), *(_words(m, lang) for m in person_messages))
    return len(words & said) / len(words)


def is_grounded(text: str, person_messages: Sequence[str], lang: str, share: float = MEMORY_SHARE) -> bool:
    return grounded_share(text, person_messages, lang) >= share
