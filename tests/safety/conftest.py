"""The reply guard's learned scorer for the tests that review replies as the app does (rules and scorer).
Built here, explicitly, like the app builds its own: the engine has no shared instance to fall back on."""

from __future__ import annotations

import pytest

from companion.safety.screen.reply_scorer import ReplyScorer
from companion.safety.shared_embedder import SharedEmbedder


@pytest.fixture(scope="session")
def reply_scorer() -> ReplyScorer:
    scorer = ReplyScorer(embedder=SharedEmbedder())  # the semantic head, as the composition root gives it
    assert scorer.load_now(), "the shipped reply scorer weights could not be read"
    return scorer
