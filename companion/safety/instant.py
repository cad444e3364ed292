"""Scripted replies that never wait for the model (issue 16: "the imminent path never waits").

A crisis script, an aftercare step or a late crisis reply is plain text the app already has: it must be
on screen within 100 ms of the person pressing Send, whether the model is loading (seconds with a 3B
model), generating, busy with memory work, or absent. So it is not queued on the model thread (which
runs one job at a time) but delivered by this small thread of its own, owned by the session: it commits
the reply to the vault and hands the events on, exactly as a model reply would be.

One thread, started on first use, so deliveries keep their order; ``close`` drains what is queued and
joins it (the session does this before its vault closes, so a script is never half saved).
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable

log = logging.getLogger(__name__)


class InstantReplies:
    def __init__(self, name: str = "instant-replies") -> None:
        self._name = name
        self._jobs: queue.Queue[Callable[[], None] | None] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self._closed = False

    def send(self, deliver: Callable[[], None]) -> None:
        """Run ``deliver`` (commit and announce a scripted reply) at once, off the caller's thread."""
        with self._lock:
            if self._closed:
                # Locking: the vault is closing; deliver here rather than lose the reply's events.
                run_now = True
            else:
                run_now = False
                if self._thread is None:
                    self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                    self._thread.start()
                self._jobs.put(deliver)
        if run_now:
            _run_one(deliver)

    def close(self, timeout: float | None = 10.0) -> None:
        """Deliver what is queued, then stop the thread (idempotent)."""
        with self._lock:
            self._closed = True
            thread = self._thread
            if thread is not None:
                self._jobs.put(None)
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            _run_one(job)


def _run_one(job: Callable[[], None]) -> None:
    try:
        job()
    except Exception:  # one failed delivery must not stop the next crisis reply
        log.exception("a scripted reply could not be delivered")
