"""Features of a reply for the learned reply scorer: hashed words, word pairs and character n-grams.

Deterministic and standard library only: the text is put in the rules' canonical form
(``companion.safety.normalise``), then English words and word pairs, character 3-5-grams inside
English words (so "psychologist" and "psychologists" share most features), and Chinese character
1-3-grams are hashed (CRC32, stable across runs and machines) into ``DIM`` buckets. A row is the
L2-normalised count vector, returned sparse as (indices, values). Since 2.1 the hand-made stance
features of ``stance.py`` are added on top, each with value ``STANCE_WEIGHT`` whatever the reply's length
(so a long kind reply does not dilute the one sentence that approves of dying).
"""

from __future__ import annotations

import re
import zlib

from ..normalise import HAN, normalise
from .stance import stance_tokens

DIM = 1 << 14
#: The value of each stance feature (chosen by cross-validation on the training files, train.py).
STANCE_WEIGHT = 0.5
_WORD = re.compile(r"[a-z][a-z']*|[0-9]+|\*")
_HAN_RUN = re.compile(f"[{HAN}]+")


def tokens(text: str, norm: str | None = None) -> list[str]:
    norm = normalise(text) if norm is None else norm
    out: list[str] = []
    words = _WORD.findall(norm)
    out += [f"w:{w}" for w in words]
    out += [f"b:{a}_{b}" for a, b in zip(words, words[1:])]
    for w in words:
        if len(w) > 3:
            padded = f" {w} "
            for n in (3, 4, 5):
                out += [f"c:{padded[i:i + n]}" for i in range(len(padded) - n + 1)]
    for run in _HAN_RUN.findall(norm):
        for n in (1, 2, 3):
            out += [f"h:{run[i:i + n]}" for i in range(len(run) - n + 1)]
    if "*" in text:
        out.append("x:asterisk_action")  # "*pulls you closer*": role-play stage directions
    return out


def featurise(text: str) -> tuple[list[int], list[float]]:
    norm_text = normalise(text)
    counts: dict[int, float] = {}
    for tok in tokens(text, norm_text):
        h = _bucket(tok)
        counts[h] = counts.get(h, 0.0) + 1.0
    norm = sum(v * v for v in counts.values()) ** 0.5 or 1.0
    values = {h: v / norm for h, v in counts.items()}
    for tok in stance_tokens(norm_text):
        h = _bucket(tok)
        values[h] = values.get(h, 0.0) + STANCE_WEIGHT
    idx = sorted(values)
    return idx, [values[i] for i in idx]


def _bucket(token: str) -> int:
    return zlib.crc32(token.encode("utf-8")) % DIM
