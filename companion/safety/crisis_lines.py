"""Crisis lines per region: the bundled list, a clinic's own list, and the fallback.

docs/clinical.md section 4: every shipped entry carries its source and last-verified date, a clinic can load
its own list, and where the region is unknown the person is told to call the local emergency number.
A file a clinic imports is checked by hand here (standard library only) and rejected whole, with a line
number and a reason, so a typo can never leave the app with a half-loaded list; the caller keeps the
previous list in force.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

KINDS = frozenset({"call", "text", "chat", "whatsapp"})
LANGS = ("en", "zh")
_REGION = re.compile(r"[A-Z]{2}")
_DATE = re.compile(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?")
_NUMBER = re.compile(r"\+?[0-9][0-9 \-]{1,20}")
# Region aliases people's locales produce: "en_GB" -> GB, "UK" -> GB.
_ALIASES = {"UK": "GB", "EL": "GR"}


class CrisisLinesError(ValueError):
    """A crisis-line file that cannot be used. ``line`` is 1-based (0 when unknown)."""

    def __init__(self, reason: str, line: int = 0, path: str | None = None) -> None:
        self.reason = reason
        self.line = line
        self.path = path
        where = f"{path or 'crisis lines'}" + (f", line {line}" if line else "")
        super().__init__(f"{where}: {reason}")


@dataclass(frozen=True)
class EmergencyNumber:
    number: str
    label: dict[str, str]


@dataclass(frozen=True)
class CrisisLine:
    name: dict[str, str]  # {"en": ..., "zh": ...}
    number: str
    kinds: tuple[str, ...]  # call, text, chat, whatsapp
    hours: dict[str, str] | None  # None: the source does not say
    languages: tuple[str, ...]
    note: dict[str, str] | None = None
    verified: str = "yes"  # "yes" | "partial"


@dataclass(frozen=True)
class RegionEntry:
    region: str | None  # None for the fallback
    name: dict[str, str]
    emergency: tuple[EmergencyNumber, ...]
    lines: tuple[CrisisLine, ...]
    source: str
    last_verified: str | None  # "2023-11"; None when the source gives no date
    instruction: dict[str, str]  # always present: what to do when nothing else is listed
    is_fallback: bool = False


@dataclass(frozen=True)
class CrisisLines:
    regions: dict[str, RegionEntry]
    fallback: RegionEntry
    origin: str  # "bundled" or the path of a clinic's file

    def __contains__(self, region: object) -> bool:
        return isinstance(region, str) and normalise_region(region) in self.regions


def normalise_region(region: str | None) -> str | None:
    """"gb", "en_GB", "zh-Hant-TW", "UK" -> "GB"; None or nonsense -> None."""
    if not region:
        return None
    parts = [p for p in re.split(r"[-_.@\s]", region.strip()) if p]
    for part in reversed(parts):
        code = part.upper()
        if len(code) == 2 and code.isalpha():
            return _ALIASES.get(code, code)
    return None


def load_crisis_lines(path: str | Path | None = None) -> CrisisLines:
    """Load and validate a crisis-line file; the bundled one when ``path`` is None.

    Raises ``CrisisLinesError`` (with ``.line`` and ``.reason``) for unreadable, malformed or incomplete
    files. Nothing is partially accepted.
    """
    if path is None:
        return _bundled()
    where = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise CrisisLinesError(f"not UTF-8 text ({exc.reason})", 0, where) from None
    except OSError as exc:
        raise CrisisLinesError(f"cannot read the file ({exc.strerror or exc})", 0, where) from None
    return parse_crisis_lines(text, where)


@lru_cache(maxsize=1)
def _bundled() -> CrisisLines:
    text = (resources.files(__package__) / "data" / "crisis_lines.json").read_text(encoding="utf-8")
    return parse_crisis_lines(text, "bundled")


def crisis_lines_for(region: str | None, lines: CrisisLines | None = None) -> RegionEntry:
    """The entry for ``region`` (a country code or a locale such as "en_GB"), or the fallback that says
    to call the local emergency number."""
    table = lines if lines is not None else _bundled()
    code = normalise_region(region)
    if code is not None and code in table.regions:
        return table.regions[code]
    return table.fallback


def parse_crisis_lines(text: str, where: str = "crisis lines") -> CrisisLines:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CrisisLinesError(f"not valid JSON: {exc.msg} (column {exc.colno})", exc.lineno, where) from None
    return _Validator(text, where).document(data)


class _Validator:
    """Checks the parsed document by hand and reports the line of the offending key (best effort: JSON
    parsing does not keep positions, so the key is searched for in the text after its parent's line)."""

    def __init__(self, text: str, where: str) -> None:
        self.text = text
        self.where = where

    def line_of(self, key: str, after_line: int = 0) -> int:
        offset = 0
        if after_line > 1:
            offset = sum(len(line) + 1 for line in self.text.split("\n")[: after_line - 1])
        m = re.compile(r'"' + re.escape(key) + r'"\s*:').search(self.text, offset)
        if m is None:
            return after_line
        return self.text.count("\n", 0, m.start()) + 1

    def fail(self, reason: str, line: int) -> CrisisLinesError:
        return CrisisLinesError(reason, line, self.where)

    def document(self, data: Any) -> CrisisLines:
        if not isinstance(data, dict):
            raise self.fail("the top level must be an object", 1)
        if data.get("schema") != 1:
            raise self.fail("\"schema\" must be 1", self.line_of("schema") or 1)
        regions = data.get("regions")
        if not isinstance(regions, dict) or not regions:
            raise self.fail("\"regions\" must be a non-empty object", self.line_of("regions") or 1)
        fallback = data.get("fallback")
        fb_line = self.line_of("fallback")
        if not isinstance(fallback, dict):
            raise self.fail("\"fallback\" must be an object with an \"instruction\"", fb_line or 1)
        instruction = self.texts(fallback.get("instruction"), "fallback.instruction",
                                 self.line_of("instruction", fb_line) or fb_line)
        out: dict[str, RegionEntry] = {}
        for code, entry in regions.items():
            line = self.line_of(code, self.line_of("regions"))
            if not isinstance(code, str) or not _REGION.fullmatch(code):
                raise self.fail(f"region code {code!r} must be two capital letters (ISO 3166-1)", line)
            out[code] = self.region(code, entry, line, instruction)
        fb = RegionEntry(None, {"en": "Unknown region", "zh": "未知地区"}, (), (), "", None, instruction, True)
        return CrisisLines(out, fb, self.where)

    def region(self, code: str, entry: Any, line: int, instruction: dict[str, str]) -> RegionEntry:
        if not isinstance(entry, dict):
            raise self.fail(f"{code}: must be an object", line)
        name = self.texts(entry.get("name"), f"{code}.name", self.line_of("name", line))
        emergency_raw = entry.get("emergency")
        em_line = self.line_of("emergency", line)
        if not isinstance(emergency_raw, list) or not emergency_raw:
            raise self.fail(f"{code}: \"emergency\" must list at least one number", em_line)
        emergency = []
        for i, item in enumerate(emergency_raw):
            if not isinstance(item, dict):
                raise self.fail(f"{code}: emergency[{i}] must be an object", em_line)
            emergency.append(EmergencyNumber(self.number(item.get("number"), f"{code}.emergency[{i}]", em_line),
                                             self.texts(item.get("label"), f"{code}.emergency[{i}].label", em_line)))
        lines_raw = entry.get("lines")
        ln_line = self.line_of("lines", line)
        if not isinstance(lines_raw, list):
            raise self.fail(f"{code}: \"lines\" must be a list", ln_line or line)
        lines = tuple(self.line(code, i, item, ln_line) for i, item in enumerate(lines_raw))
        source = entry.get("source")
        if not isinstance(source, str) or not source.strip():
            raise self.fail(f"{code}: \"source\" must say where the numbers were checked",
                            self.line_of("source", line) or line)
        verified = entry.get("last_verified", "missing")
        if verified == "missing":
            raise self.fail(f"{code}: \"last_verified\" is required (a date such as \"2025-06\", or null)", line)
        if verified is not None and (not isinstance(verified, str) or not _DATE.fullmatch(verified)):
            raise self.fail(f"{code}: \"last_verified\" must be YYYY, YYYY-MM or YYYY-MM-DD, or null",
                            self.line_of("last_verified", line))
        return RegionEntry(code, name, tuple(emergency), lines, source.strip(), verified, instruction)

    def line(self, code: str, i: int, item: Any, line: int) -> CrisisLine:
        label = f"{code}.lines[{i}]"
        if not isinstance(item, dict):
            raise self.fail(f"{label} must be an object", line)
        here = self.nth_key_line("number", line, i) or line
        kinds = item.get("kinds")
        if not isinstance(kinds, list) or not kinds or any(k not in KINDS for k in kinds):
            raise self.fail(f"{label}: \"kinds\" must list one or more of {sorted(KINDS)}",
                            self.line_of("kinds", here))
        langs = item.get("languages")
        if not isinstance(langs, list) or not all(isinstance(x, str) and x for x in langs):
            raise self.fail(f"{label}: \"languages\" must be a list of language codes",
                            self.line_of("languages", here))
        hours = item.get("hours")
        if hours is not None:
            hours = self.texts(hours, f"{label}.hours", here)
        note = item.get("note")
        if note is not None:
            note = self.texts(note, f"{label}.note", here)
        verified = item.get("verified", "yes")
        if verified not in ("yes", "partial"):
            raise self.fail(f"{label}: \"verified\" must be \"yes\" or \"partial\"", here)
        return CrisisLine(self.texts(item.get("name"), f"{label}.name", here),
                          self.number(item.get("number"), label, here), tuple(kinds), hours, tuple(langs), note,
                          verified)

    def nth_key_line(self, key: str, after_line: int, n: int) -> int:
        """Line of the n-th ``"key":`` after ``after_line`` (the n-th crisis line's number), or 0."""
        offset = sum(len(line) + 1 for line in self.text.split("\n")[: max(after_line - 1, 0)])
        pattern = re.compile(r'"' + re.escape(key) + r'"\s*:')
        for k, m in enumerate(pattern.finditer(self.text, offset)):
            if k == n:
                return self.text.count("\n", 0, m.start()) + 1
        return 0

    def texts(self, value: Any, label: str, line: int) -> dict[str, str]:
        if not isinstance(value, dict) or any(
                not isinstance(value.get(lang), str) or not value[lang].strip() for lang in LANGS):
            raise self.fail(f"{label} must give non-empty text for both \"en\" and \"zh\"", line)
        return {lang: value[lang] for lang in LANGS}

    def number(self, value: Any, label: str, line: int) -> str:
        if not isinstance(value, str) or not _NUMBER.fullmatch(value.strip()):
            raise self.fail(f"{label}: \"number\" must be a phone number written as text, e.g. \"116 123\"", line)
        return value.strip()
