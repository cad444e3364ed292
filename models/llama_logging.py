"""Route llama.cpp's log lines into Python logging instead of the terminal.

llama_cpp installs a callback at import that prints straight to stderr; we replace it with one that
hands each line to the ``models.llama_cpp`` logger (only warnings and errors are shown by default).
None of these lines contain what a person wrote: llama.cpp logs model facts, never prompt text.
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import logging
from collections.abc import Iterator

import llama_cpp

log = logging.getLogger("models.llama_cpp")

# ggml_log_level: NONE=0, DEBUG=1, INFO=2, WARN=3, ERROR=4, CONT=5 (continuation, logged at DEBUG).
_LEVELS = {1: logging.DEBUG, 2: logging.INFO, 3: logging.WARNING, 4: logging.ERROR}


@llama_cpp.llama_log_callback
def _forward(level: int, text: bytes, user_data: ctypes.c_void_p) -> None:
    # Level 5 continues the previous line; logging it at DEBUG is good enough.
    line = text.decode("utf-8", "replace").rstrip()
    if line:
        log.log(_LEVELS.get(level, logging.DEBUG), "%s", line)


def install_log_callback() -> None:
    """Idempotent; ``_forward`` lives at module level so ctypes never frees it while in use."""
    llama_cpp.llama_log_set(_forward, ctypes.c_void_p(0))


@contextlib.contextmanager
def quiet_python_prints() -> Iterator[None]:
    """Send llama-cpp-python's construction-time prints (model metadata, system info) to the log."""
    buffer = io.StringIO()
    with contextlib.redirect_stderr(buffer):
        yield
    for line in buffer.getvalue().splitlines():
        log.debug("%s", line[:500])
