"""The app survives any number of signals emitted from Python (PySide6 6.12.0 over-releases True)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from ui.qt_workarounds import emit_releases_true

ROOT = Path(__file__).resolve().parent.parent
# 20,000 emits: more than a long evening of streamed replies, and far more than True's references.
EMIT_MANY = """
from PySide6.QtCore import QObject, Signal
class Source(QObject):
    token = Signal(object)
source = Source()
source.token.connect(lambda piece: None)
for _ in range(20_000):
    source.token.emit("piece")
print("alive")
"""


def _child(code: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_twenty_thousand_emits_from_python_do_not_abort_the_app() -> None:
    child = _child("import ui\n" + EMIT_MANY)
    assert child.returncode == 0 and "alive" in child.stdout, child.stderr[-2000:]


def test_without_the_work_around_the_same_emits_abort_while_the_binding_has_the_bug() -> None:
    child = _child(EMIT_MANY)  # PySide6 alone, ui (and its work-around) never imported
    if emit_releases_true():
        assert child.returncode != 0 and "bool_dealloc" in child.stderr
    else:  # a fixed binding: then nothing is patched and nothing crashes
        assert child.returncode == 0
