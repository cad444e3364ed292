"""Walking declarative content (flows, instruments) for the both-languages checks."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterator

from companion.bilingual import Text

# Chinese characters, or for sentence templates at least Chinese punctuation (：。（）).
CJK = re.compile(r"[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]")


def walk(value: object, path: str = "") -> Iterator[tuple[str, object]]:
    """Every Text and every bare string (dict keys included) inside a definition, with where it is."""
    if isinstance(value, (Text, str)):
        yield path, value
    elif dataclasses.is_dataclass(value):
        for f in dataclasses.fields(value):
            yield from walk(getattr(value, f.name), f"{path}.{f.name}")
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from walk(key, f"{path}<key>")
            yield from walk(item, f"{path}[{key!r}]")
    elif isinstance(value, (tuple, list, frozenset, set)):
        for index, item in enumerate(sorted(value) if isinstance(value, (set, frozenset)) else value):
            yield from walk(item, f"{path}[{index}]")
