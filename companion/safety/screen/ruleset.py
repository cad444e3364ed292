"""Load the versioned rule data (``rules/*.json``) once and compile it.

Why data files: clinicians and translators review patterns and weights without reading Python, and every
assessment carries ``RULES_VERSION`` so a flagged event can be traced to the exact rules that raised it
(issue 3). The loaders are wrapped in ``functools.lru_cache``: the files are read and compiled on first
use and never again, and that cache is the only module-level state. It holds only the app's own rule data,
read-only once loaded, never anything a person wrote (analyses of messages live in an owner's
``AnalysisMemo``, cleared when a session locks).

Pattern conventions (see the ``_about`` key of each file):
- patterns run on normalised text (``normalise.py``): lower case, simplified Chinese, contractions
  expanded ("can't" -> "can not"), one space between words;
- ``{NAME}`` expands to the file's ``macros`` entry, so word families are written once;
- English patterns get word boundaries added here; Chinese patterns are used as written.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

_MACRO = re.compile(r"\{([A-Z][A-Z0-9_]*)\}")
_WORD = re.compile(r"[a-z]{2,}")
LANGS = ("en", "zh")


class RulesError(ValueError):
    """The bundled rule data is inconsistent (a bug in the package, not a user error)."""


def _read(name: str) -> dict[str, Any]:
    text = (resources.files(__package__) / "rules" / name).read_text(encoding="utf-8")
    return json.loads(text)


def expand(pattern: str, macros: dict[str, str], depth: int = 0) -> str:
    """Replace ``{NAME}`` by its macro; macros may use other macros (a few levels deep)."""
    if depth > 4:
        raise RulesError(f"macro nesting too deep in {pattern!r}")

    def one(m: re.Match[str]) -> str:
        try:
            return "(?:" + expand(macros[m.group(1)], macros, depth + 1) + ")"
        except KeyError:
            raise RulesError(f"unknown macro {{{m.group(1)}}} in {pattern!r}") from None

    return _MACRO.sub(one, pattern)


def compile_pattern(pattern: str, lang: str, macros: dict[str, str]) -> re.Pattern[str]:
    source = expand(pattern, macros)
    if lang == "en":
        # Whole words only: "die" must not fire inside "diet" or "studies".
        source = r"(?<![a-z0-9])(?:" + source + r")(?![a-z0-9])"
    try:
        return re.compile(source)
    except re.error as exc:  # pragma: no cover - caught by the rule tests
        raise RulesError(f"bad pattern {pattern!r}: {exc}") from None


def compile_any(patterns: list[str], lang: str, macros: dict[str, str]) -> re.Pattern[str] | None:
    """One alternation for a list of patterns where only 'is there a match' matters."""
    if not patterns:
        return None
    return compile_pattern("|".join(f"(?:{p})" for p in patterns), lang, macros)


@dataclass(frozen=True)
class Category:
    name: str
    weight: float
    tags: frozenset[str]
    stack: bool  # several distinct hits add up (distress words); otherwise the strongest hit counts
    cap: float


@dataclass(frozen=True)
class Combo:
    id: str
    all: frozenset[str]
    level: str
    history_ok: bool  # may be met by earlier messages alone (an attempt under way stays urgent)


@dataclass(frozen=True)
class Common:
    version: str
    categories: dict[str, Category]
    combos: tuple[Combo, ...]
    modifiers: dict[str, float]
    elevated_at: float
    decay: float
    max_history: int
    carry_cap: float
    history_tag_min: dict[str, float]
    short_message_tokens: int
    reasons: dict[str, dict[str, str]]
    # normalisation tables
    t2s: dict[int, str]
    emoji: dict[str, str]
    emoji_re: re.Pattern[str]
    leet: dict[int, str]
    rewrites: tuple[tuple[re.Pattern[str], str], ...]
    invisible_re: re.Pattern[str]
    name_re: re.Pattern[str]
    vocab: frozenset[str]


@lru_cache(maxsize=1)
def common_rules() -> Common:
    data = _read("common.json")
    t2s_data = _read("t2s.json")
    pairs = "".join(t2s_data["pairs"].split())
    if len(pairs) % 2:
        raise RulesError("t2s.json pairs must come in twos")
    t2s = {ord(pairs[i]): pairs[i + 1] for i in range(0, len(pairs), 2)}
    emoji = dict(data["emoji"])
    emoji_re = re.compile("|".join(re.escape(e) for e in sorted(emoji, key=len, reverse=True)))
    rewrites = tuple(
        (re.compile(r"(?<![a-z0-9'])(?:" + src + r")(?![a-z0-9'])" if src[:1].isascii() else src), dst)
        for src, dst in data["rewrites"]
    )
    cats = {
        name: Category(name, float(c["weight"]), frozenset(c["tags"]), bool(c.get("stack", False)),
                       float(c.get("cap", c["weight"])))
        for name, c in data["categories"].items()
    }
    combos = tuple(
        Combo(c["id"], frozenset(c["all"]), c["level"], bool(c.get("history_ok", False)))
        for c in data["combos"]
    )
    reasons = _read("reasons.json")["reasons"]
    for key, text in reasons.items():
        if set(text) != set(LANGS):
            raise RulesError(f"reason {key!r} needs exactly en and zh")
    # Vocabulary for repairing stretched or censored words ("diiiie", "k*ll"): every English word the
    # rules mention, so the repair can only ever produce words that matter.
    vocab: set[str] = set(data["extra_vocab"])
    for name in ("en.json", "reply_en.json"):
        vocab.update(_WORD.findall(json.dumps(_read(name)["cues"])))
        vocab.update(_WORD.findall(json.dumps(_read(name).get("macros", {}))))
    for _src, dst in data["rewrites"]:
        vocab.update(_WORD.findall(dst))
    h = data["history"]
    return Common(
        version=data["version"],
        categories=cats,
        combos=combos,
        modifiers={k: float(v) for k, v in data["modifiers"].items() if not k.startswith("_")},
        elevated_at=float(data["thresholds"]["elevated"]),
        decay=float(h["decay"]),
        max_history=int(h["max_messages"]),
        carry_cap=float(h["carry_cap"]),
        history_tag_min={k: float(v) for k, v in h["tag_min"].items()},
        short_message_tokens=int(data["short_message_tokens"]),
        reasons=reasons,
        t2s=t2s,
        emoji=emoji,
        emoji_re=emoji_re,
        leet={ord(k): v for k, v in data["leet"].items()},
        rewrites=rewrites,
        invisible_re=re.compile("[" + "".join(data["invisible"]) + "]"),
        name_re=re.compile(data["name_before_verb"]),
        vocab=frozenset(vocab),
    )


@dataclass(frozen=True)
class Cue:
    id: str
    category: str
    regex: re.Pattern[str]
    weight: float | None  # None: the category's weight
    extra_tags: frozenset[str] = frozenset()  # e.g. "how to die painlessly" is also ideation (I)


@dataclass(frozen=True)
class Context:
    """The per-language word lists that decide whose risk a match is and how sure it is."""

    lang: str
    idioms: re.Pattern[str] | None
    negation: re.Pattern[str]  # searched on the text just before a cue, anchored at its end
    intent: re.Pattern[str]  # likewise: "going to", "要" right before an ideation cue
    first_person: re.Pattern[str]
    third_person: re.Pattern[str]
    second_person: re.Pattern[str]
    frames: re.Pattern[str]
    frame_links: re.Pattern[str]
    reporting: re.Pattern[str]  # "says", "sings", "说": a quotation follows
    post_frame: re.Pattern[str] | None
    study_frames: re.Pattern[str]
    past: re.Pattern[str]
    recent: re.Pattern[str]
    current: re.Pattern[str]
    recovery: re.Pattern[str] | None  # "I'm in a good place now": past thoughts, not present ones
    joke: re.Pattern[str]
    joke_cancel: re.Pattern[str] | None  # "lol no but seriously": the joke marker no longer softens
    conditional: re.Pattern[str]
    conditional_lead: re.Pattern[str]  # a clause opening with "if": the next clause is its consequence
    benign_question: re.Pattern[str]
    location_question: re.Pattern[str] | None
    inner_negation: re.Pattern[str]  # a negator inside a cue's own words
    relative_other: re.Pattern[str] | None  # "...的人" right after a cue: a relative clause about others
    thought_frame: re.Pattern[str] | None = None  # "I keep having thoughts of ...": a method imagined, not held
    danger_over: re.Pattern[str] | None = None  # "survivor", "after I left him": violence told as over


def _context(data: dict[str, Any], lang: str) -> Context:
    m = data.get("macros", {})
    c = data["context"]

    def any_(key: str) -> re.Pattern[str] | None:
        return compile_any(c.get(key, []), lang, m)

    def need(key: str) -> re.Pattern[str]:
        pat = any_(key)
        if pat is None:
            raise RulesError(f"{lang}: context.{key} is empty")
        return pat

    neg_src = expand(c["negation"], m)
    intent_src = expand(c["intent"], m)
    return Context(
        lang=lang,
        idioms=compile_any(data.get("idioms", []), lang, m),
        negation=re.compile(neg_src),
        intent=re.compile(intent_src),
        first_person=need("first_person"),
        third_person=need("third_person"),
        second_person=need("second_person"),
        frames=need("frames"),
        frame_links=need("frame_links"),
        reporting=need("reporting"),
        post_frame=any_("post_frame"),
        study_frames=need("study_frames"),
        past=need("past"),
        recent=need("recent"),
        current=need("current"),
        recovery=any_("recovery"),
        thought_frame=any_("thought_frame"),
        danger_over=any_("danger_over"),
        joke=need("joke"),
        joke_cancel=any_("joke_cancel"),
        conditional=need("conditional"),
        conditional_lead=need("conditional_lead"),
        benign_question=need("benign_question"),
        location_question=any_("location_question"),
        inner_negation=need("inner_negation"),
        relative_other=any_("relative_other"),
    )


def _cues(data: dict[str, Any], lang: str, known: set[str] | dict[str, Any]) -> tuple[Cue, ...]:
    macros = data.get("macros", {})
    out: list[Cue] = []
    for category, entries in data["cues"].items():
        if category not in known:
            raise RulesError(f"{lang}: unknown category {category!r}")
        for i, entry in enumerate(entries):
            if isinstance(entry, str):
                entry = {"re": entry}
            out.append(Cue(f"{lang}.{category}.{i}", category, compile_pattern(entry["re"], lang, macros),
                           entry.get("w"), frozenset(entry.get("tags", ()))))
    return tuple(out)


@dataclass(frozen=True)
class LangRules:
    lang: str
    version: str
    cues: tuple[Cue, ...]
    context: Context


@lru_cache(maxsize=None)
def screen_rules(lang: str) -> LangRules:
    common = common_rules()
    data = _read(f"{lang}.json")
    _check_version(data, f"{lang}.json", common.version)
    return LangRules(lang, data["version"], _cues(data, lang, common.categories), _context(data, lang))


@dataclass(frozen=True)
class ReplyRules:
    lang: str
    cues: tuple[Cue, ...]
    negation: re.Pattern[str]
    hedges: re.Pattern[str]  # "might", "sounds like", "可能": a diagnosis offered, not stated
    reported: re.Pattern[str]  # "you feel like", "你觉得": naming the person's thought, not insulting
    prescriber: re.Pattern[str]  # "talk to your doctor": medication advice routed to a prescriber
    context_only: frozenset[str]  # categories that only count when the user's message was risky
    categories: dict[str, dict[str, Any]]


REPLY_CATEGORIES = (
    "method", "location", "encouragement", "secrecy", "contract", "eating", "claims", "diagnosis",
    "medication", "sexual", "insult", "minimising",
)


@lru_cache(maxsize=None)
def reply_rules(lang: str) -> ReplyRules:
    common = common_rules()
    data = _read(f"reply_{lang}.json")
    _check_version(data, f"reply_{lang}.json", common.version)
    m = data.get("macros", {})
    c = data["context"]
    cats = data["categories"]
    if set(cats) != set(REPLY_CATEGORIES):
        raise RulesError(f"reply_{lang}.json: categories must be exactly {REPLY_CATEGORIES}")
    return ReplyRules(
        lang=lang,
        cues=_cues(data, lang, cats),
        negation=re.compile(expand(c["negation"], m)),
        hedges=compile_any(c["hedges"], lang, m) or re.compile(r"(?!x)x"),
        reported=compile_any(c["reported"], lang, m) or re.compile(r"(?!x)x"),
        prescriber=compile_any(c["prescriber"], lang, m) or re.compile(r"(?!x)x"),
        context_only=frozenset(k for k, v in cats.items() if v.get("context_only")),
        categories=cats,
    )


def _check_version(data: dict[str, Any], name: str, version: str) -> None:
    # All rule files move together: one version string identifies the whole rule set.
    if data.get("version") != version:
        raise RulesError(f"{name} has version {data.get('version')!r}, common.json has {version!r}")


def rules_version() -> str:
    return common_rules().version
