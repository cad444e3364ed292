"""A tiny text extractor for the PDFs Qt writes (tests only; no PDF library is a dependency).

Qt's PDF engine embeds Type0/Identity-H fonts with a ToUnicode CMap and places every glyph with its
own ``<gid> Tj``. Spaces are advances, not glyphs, so the text comes back without them: compare with
whitespace removed.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path

_OBJ = re.compile(rb"(\d+) 0 obj(.*?)endobj", re.S)
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def _stream(body: bytes) -> bytes | None:
    m = _STREAM.search(body)
    if m is None:
        return None
    raw = m.group(1)
    # A decompressor object, not zlib.decompress: the regex may have taken a last data byte of \r for
    # the line end before "endstream" (binary streams, e.g. a chart image), and only the text matters.
    return zlib.decompressobj().decompress(raw) if b"FlateDecode" in body[: m.start()] else raw


def _cmap(data: bytes) -> dict[int, str]:
    out: dict[int, str] = {}
    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = bytes.fromhex(dst.decode()).decode("utf-16-be")
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, rest in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]+>)", block):
            lo_i, hi_i = int(lo, 16), int(hi, 16)
            if rest.startswith(b"["):
                for k, dst in enumerate(re.findall(rb"<([0-9A-Fa-f]+)>", rest)):
                    out[lo_i + k] = bytes.fromhex(dst.decode()).decode("utf-16-be")
            else:
                start = int(rest[1:-1], 16)
                for k in range(hi_i - lo_i + 1):
                    out[lo_i + k] = chr(start + k)
    return out


def pdf_text(path: str | Path) -> str:
    data = Path(path).read_bytes()
    objects = {int(m.group(1)): m.group(2) for m in _OBJ.finditer(data)}
    cmaps: dict[bytes, dict[int, str]] = {}  # font resource name -> glyph id -> text
    for body in objects.values():
        fonts = re.search(rb"/Font\s*<<(.*?)>>", body, re.S)
        if not fonts:
            continue
        for name, number in re.findall(rb"/(\w+)\s+(\d+) 0 R", fonts.group(1)):
            font = objects.get(int(number), b"")
            to_unicode = re.search(rb"/ToUnicode (\d+) 0 R", font)
            if to_unicode:
                cmaps[name] = _cmap(_stream(objects[int(to_unicode.group(1))]) or b"")
    text: list[str] = []
    for body in objects.values():
        content = _stream(body)
        if content is None or b" Tf" not in content:
            continue
        current: dict[int, str] = {}
        for font, glyphs in re.findall(rb"/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]+)> Tj", content):
            if font:
                current = cmaps.get(font, {})
            else:
                hexes = glyphs.decode()
                text.extend(current.get(int(hexes[i:i + 4], 16), "?") for i in range(0, len(hexes), 4))
        text.append("\n")
    return "".join(text)
