"""The learned risk scorer as the app uses it: ``RiskScorer`` (load in the background, score on any thread).

    scorer = RiskScorer()          # nothing loaded yet: ``score`` returns None and the rules alone decide
    scorer.start()                 # a daemon thread reads the weights (~1 MB, well under a second)
    verdict = scorer.score(text)   # ScorerVerdict or None; pure, thread-safe, keeps and writes nothing
    level, reasons, raised = layer(rules_level, rules_reasons, verdict)   # can only raise

The scorer's inputs are never logged, cached or written: log lines name events only ("loaded", "failed").
Levels (CLINICAL.md section 1): "elevated" when P(risk) reaches the language's threshold; "imminent" only when
the message is flagged at all (by the rules or the scorer) AND the imminent head, trained on plans, means,
times and attempts under way, reaches its threshold (on chat-length text the rules saw nothing in, only when
the caller allows it: the guard does not during the staying-present flow after a crisis).
"""

from __future__ import annotations

import json
import logging
import re
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

from typing import TYPE_CHECKING

from ..screen.analyses import AnalysisMemo
from ..screen.detect_lang import resolve_lang
from ..screen.message import assess

if TYPE_CHECKING:  # numpy is imported on the loading thread, not by whoever imports this module
    from .model import RiskModel
    from .semantic import SemanticLayer
    from ..shared_embedder import SharedEmbedder

log = logging.getLogger(__name__)
LEVELS = ("none", "elevated", "imminent")
WEIGHTS_PATH = Path(__file__).resolve().parent / "weights" / "risk.npz"


@dataclass(frozen=True)
class ScorerVerdict:
    level: str  # the scorer's reading of the message, already layered over the rules' reading of it alone
    risk: float  # P(elevated or imminent)
    imminent: float  # P(imminent)
    reasons: tuple[str, ...]  # in ``lang``, for the card; empty when level is "none"
    lang: str
    version: str


@lru_cache(maxsize=1)
def _reason_table() -> dict[str, dict[str, str]]:
    text = (resources.files(__package__) / "reasons.json").read_text(encoding="utf-8")
    return json.loads(text)["reasons"]


def scorer_reason(key: str, lang: str) -> str:
    return _reason_table()[key]["en" if lang != "zh" else "zh"]


# On its own (the rules saw nothing), the scorer may flag forum-length text at its threshold, and chat-length
# text only at the higher per-language "alone" threshold (chosen by cross-validation, train/fit.py). Its first merged build
# flagged everyday chat ("thank you so much for listening to me", "are you still there"): on chat-length
# messages its false positives were 0.13 against the rules' 0.08 (English dev set) for little recall, while
# on posts of forum length, where it was trained, it added recall at near the rules' false positives. On a
# message the rules flagged, it may still raise elevated to imminent at any length.
MIN_WORDS = 40
MIN_CJK_CHARACTERS = 60
_WORD = re.compile(r"[A-Za-z\u00C0-\u024F']+")
_CJK = re.compile(r"[\u3400-\u9fff]")


# Below this the scorer never flags on its own, whatever its "alone" threshold (risk-1.3). On a message of one
# to three words its probability rests on a gram or two, and the training rows that short are mostly replies
# in the middle of a conversation whose label came from what was asked before ("yes", "same", "thank you").
# Opening the English gate made risk-1.3 flag "thanks", "thank you" and "are you there" (tests/safety/
# test_risk_scorer.py); the rules still read every short message, and the scorer may still raise a level the
# rules gave.
MIN_ALONE_WORDS = 4
MIN_ALONE_CJK = 4


def enough_text(text: str, min_words: int = MIN_WORDS, min_cjk: int = MIN_CJK_CHARACTERS) -> bool:
    return len(_WORD.findall(text)) >= min_words or len(_CJK.findall(text)) >= min_cjk


def enough_for_alone(text: str) -> bool:
    return enough_text(text, MIN_ALONE_WORDS, MIN_ALONE_CJK)


def decide(model: RiskModel, text: str, lang: str | None = None, min_words: int = MIN_WORDS,
           min_cjk: int = MIN_CJK_CHARACTERS, memo: AnalysisMemo | None = None,
           alone_imminent: bool = True) -> ScorerVerdict:
    """The scorer's verdict for one message (deterministic; no state of its own). ``memo``: the caller's
    memo of the rules' analyses (the guard's), which the screen has just filled with this message.
    ``alone_imminent``: may the scorer alone rate chat-length text imminent? The caller decides from the
    conversation (the guard: not during the staying-present flow after a crisis, ``guard.in_crisis_flow``);
    a message scored on its own, with no conversation, takes the default."""
    out_lang = resolve_lang(lang, text)
    memo = memo if memo is not None else AnalysisMemo(size=1)
    p_risk, p_imm = model.probabilities(text, memo)
    # Thresholds follow the language the message is written in, not the interface language.
    written = resolve_lang(None, text)
    t = model.thresholds.get(written) or model.thresholds["en"]
    rules_level = assess(text, memo=memo).level
    # Chat-length text the rules did not flag: only at the cross-validated "alone" threshold (weights from
    # risk-1.1 on; older weights have none and keep the plain gate).
    alone = t.get("alone")
    forum_length = enough_text(text, min_words, min_cjk)
    risky = p_risk >= t["risk"] and (rules_level != "none" or forum_length
                                     or (alone is not None and p_risk >= alone and enough_for_alone(text)))
    flagged = rules_level != "none" or risky
    level = "none"
    if risky:
        level = "elevated"
    # Chat-length text has its own imminent threshold from risk-1.3 (chosen on chat-like rows; the plain one is
    # tuned on forum posts); older weights have none and use the plain one.
    t_imm = t["imminent"] if forum_length else t.get("imminent_chat", t["imminent"])
    # On chat-length text the rules saw nothing in, the scorer alone says imminent only when the caller allows it.
    # The guard forbids it during the staying-present flow after a crisis: there, the person answering the
    # aftercare questions talks about the means and the moment in the crisis's own words, and risk-1.3 read
    # "ok. I put them back in the cupboard. I'm still here." as imminent, sending the person who had just moved
    # the means away back to the emergency script (tests/safety/test_aftercare.py). Elsewhere the cap cost the
    # imminent recall of people who describe a plan, means or time in their own words with no rule firing.
    if flagged and p_imm >= t_imm and (rules_level != "none" or forum_length or alone_imminent):
        level = "imminent"
    reasons: tuple[str, ...] = ()
    if level == "imminent":
        reasons = (scorer_reason("plan", out_lang),)
    elif level == "elevated":
        reasons = (scorer_reason("thoughts", out_lang),)
    return ScorerVerdict(level, round(p_risk, 6), round(p_imm, 6), reasons, out_lang, model.version)


def layer(rules_level: str, rules_reasons: Sequence[str], verdict: ScorerVerdict | None
          ) -> tuple[str, tuple[str, ...], bool]:
    """The layered level: the stronger of the two, never lower than the rules'. Returns (level, reasons,
    raised by the scorer)."""
    if verdict is None or LEVELS.index(verdict.level) <= LEVELS.index(rules_level):
        return rules_level, tuple(rules_reasons), False
    reasons = tuple(dict.fromkeys((*verdict.reasons, *rules_reasons)))[:5]
    return verdict.level, reasons, True


def semantic_layer(embedder: SharedEmbedder | None = None) -> SemanticLayer:
    """The shipped semantic layer: its weights and the sentence embedder (``models``), loaded now.
    ``embedder``: shared with the reply scorer by the composition root (None: one of its own)."""
    from .semantic import load_semantic_layer

    return load_semantic_layer(embedder=embedder)


class _LoadFailed(Exception):
    pass


class RiskScorer:
    """Owns the loaded weights. ``start`` loads them on a daemon thread; until then, or if loading fails,
    ``score`` returns None and the rules alone decide (said once in the log, never on screen)."""

    def __init__(self, path: Path = WEIGHTS_PATH, loader: Callable[[Path], RiskModel] | None = None,
                 min_words: int = MIN_WORDS, min_cjk: int = MIN_CJK_CHARACTERS,
                 semantic: Callable[[], SemanticLayer] | None = semantic_layer) -> None:
        """``min_words``/``min_cjk``: how much text the scorer needs to flag a message on its own.
        ``semantic``: loads the semantic layer (weights and embedder) with the scorer; the shipped one by default,
        None leaves the layer off (mechanism tests with fake weights)."""
        self._min = (min_words, min_cjk)
        self._path = path
        self._loader = loader
        self._semantic_source = semantic
        self._semantic: SemanticLayer | None = None
        self._model: RiskModel | None = None
        self._done = threading.Event()
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self.failed = False

    def start(self) -> None:
        with self._lock:
            if self._thread is not None:
                return
            log.info("risk scorer: loading in the background; the rules alone decide until it is ready")
            self._thread = threading.Thread(target=self._load, name="risk-scorer-load", daemon=True)
            self._thread.start()

    def load_now(self) -> bool:
        """Load on the calling thread (tools, tests, the bench). True when ready."""
        self._load()
        return self.ready()

    def _load(self) -> None:
        t0 = time.perf_counter()
        try:
            from .features import warm_up
            from .model import ModelError, RiskModel

            try:
                model = (self._loader or RiskModel.load)(self._path)
            except (ModelError, OSError) as exc:
                raise _LoadFailed(str(exc)) from exc
            except Exception as exc:  # noqa: BLE001 - a damaged file, or CPython 3.11's spurious AST error while
                # numpy reads a header (gh-106905): never an unhandled error on this thread; the rules decide
                raise _LoadFailed(type(exc).__name__) from exc
            warm_up()  # before the scorer is ready: its first verdict must not compile on the GUI thread
            self._semantic = self._load_semantic()
        except (_LoadFailed, ImportError) as exc:
            self.failed = True
            log.warning("risk scorer: could not load (%s); the rules alone decide", exc)
        else:
            self._model = model
            log.info("risk scorer %s ready in %.0f ms", model.version, (time.perf_counter() - t0) * 1000)
        finally:
            self._done.set()

    def _load_semantic(self) -> SemanticLayer | None:
        """The semantic layer, or None (logged once): without it the rules and the n-gram scorer decide."""
        source = self._semantic_source
        if source is None:
            return None
        try:
            layer = source()
        except Exception as exc:  # a missing package or a damaged file must never take the scorer down
            log.warning("risk scorer: the semantic layer is off (%s)", type(exc).__name__)
            return None
        log.info("risk scorer: semantic layer %s ready", layer.head.version)
        return layer

    def ready(self) -> bool:
        return self._model is not None

    def semantic_ready(self) -> bool:
        return self._model is not None and self._semantic is not None

    @property
    def semantic_version(self) -> str | None:
        return self._semantic.head.version if self._semantic is not None else None

    def wait(self, timeout: float | None = None) -> bool:
        """Block until loading has finished (or failed); True when the scorer is ready."""
        self._done.wait(timeout)
        return self.ready()

    @property
    def version(self) -> str | None:
        return self._model.version if self._model is not None else None

    def score(self, text: str, lang: str | None = None, memo: AnalysisMemo | None = None,
              alone_imminent: bool = True, semantic: bool = True) -> ScorerVerdict | None:
        """The scorer's verdict on one message, or None while it is not loaded. Any thread. ``memo``: the
        caller's (the guard's) memo of analyses; the scorer keeps none of its own. ``alone_imminent``: as in
        ``decide`` (the guard's choice from the conversation; the scorer keeps no conversation).
        ``semantic=False``: the n-gram scorer alone (milliseconds); the semantic layer's embedding takes
        tens, so the reply path asks for it later, off the GUI thread (``SafetyGuard.screen_later``)."""
        model = self._model
        if model is None or not text or not text.strip():
            return None
        memo = memo if memo is not None else AnalysisMemo(size=1)
        verdict = decide(model, text, lang, *self._min, memo=memo, alone_imminent=alone_imminent)
        layer = self._semantic if semantic else None
        if layer is None or enough_text(text, *self._min) or not enough_for_alone(text):
            return verdict
        return layer.raise_verdict(verdict, text, memo, alone_imminent)
