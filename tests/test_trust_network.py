"""The audit hook that guards every test run (tests/conftest.py) really refuses network access,
loudly, even when the code under test swallows the error. Unix sockets stay allowed."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests import conftest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("attempt", [
    "socket.socket().connect(('127.0.0.1', 9))",
    "socket.socket(socket.AF_INET6).connect_ex(('::1', 9))",
    "socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b'x', ('10.0.0.1', 53))",
    "socket.getaddrinfo('example.org', 443)",
])
def test_the_audit_hook_refuses_network_access_in_any_process_that_loads_it(attempt: str) -> None:
    result = subprocess.run([sys.executable, "-c", f"import tests.conftest, socket\n{attempt}"], cwd=ROOT,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode != 0 and "NETWORK ACCESS ATTEMPTED" in result.stderr


def test_a_swallowed_attempt_is_still_recorded_so_the_test_fails() -> None:
    before = len(conftest.NETWORK_ATTEMPTS)
    with socket.socket() as sock:
        try:
            sock.connect(("127.0.0.1", 9))
        except Exception:  # noqa: BLE001 - what careless code under test might do
            pass
    recorded = conftest.NETWORK_ATTEMPTS[before:]
    del conftest.NETWORK_ATTEMPTS[before:]  # this test provoked it on purpose; the fixture would fail it
    assert len(recorded) == 1 and "127.0.0.1" in recorded[0]


def test_unix_sockets_are_allowed() -> None:
    left, right = socket.socketpair(socket.AF_UNIX)
    with left, right:
        left.sendall(b"ok")
        assert right.recv(2) == b"ok"
