"""Which language a single message is in: "en" or "zh".

Detected per message because people switch mid-conversation and mix scripts ("我真的 want to die").
The screen itself always runs the English and the Chinese rules together, so detection only decides the
language of the reasons shown back to the person; it can therefore stay a cheap character count.
"""

from __future__ import annotations

import re

from .normalise import HAN_STRICT

_HAN = re.compile(f"[{HAN_STRICT}]")
_LATIN = re.compile(r"[A-Za-z\uff21-\uff3a\uff41-\uff5a]")


def detect_lang(text: str) -> str:
    """"zh" when Chinese characters carry the message, else "en".

    One Chinese character carries about as much as a short English word (four letters), so a message
    that is mostly Chinese with an English phrase in it counts as Chinese, and an English message that
    names one Chinese dish does not.
    """
    han = len(_HAN.findall(text))
    if han == 0:
        return "en"
    latin = len(_LATIN.findall(text))
    return "zh" if han >= 2 and han * 4 >= latin or latin == 0 else "en"


def resolve_lang(lang: str | None, text: str) -> str:
    """Honour an explicit ``lang`` ("en", "zh", "zh-Hant", "en_GB"...); detect when it is absent or
    names a language the rules do not cover."""
    if isinstance(lang, str) and lang:
        code = lang.strip().lower().replace("_", "-")
        if code.startswith("zh"):
            return "zh"
        if code.startswith("en"):
            return "en"
    return detect_lang(text)
