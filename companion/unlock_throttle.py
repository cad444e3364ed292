"""An increasing wait after repeated wrong passphrases, enforced in the core (not only the GUI).

Argon2id already makes each guess cost memory and time; this makes guessing at the keyboard (or a
script driving the app) slow as well, while a person who mistypes a few times never notices:
three free tries, then 2 s, 4 s, 8 s ... up to 5 minutes between tries. The count is per profile and
lives in memory only: a file would tell others how often someone failed, and a person who can edit
files as this user can copy key.json and guess offline anyway (see SECURITY.md).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

from storage.errors import StorageError

FREE_TRIES = 3
FIRST_WAIT = 2.0
LONGEST_WAIT = 300.0


class UnlockThrottled(StorageError):
    """Too many wrong passphrases: try again in ``seconds``. The key file was not even read."""

    kind = "throttled"

    def __init__(self, seconds: float) -> None:
        super().__init__(f"Too many wrong passphrases; try again in {seconds:.0f} s.")
        self.seconds = seconds


class UnlockThrottle:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._lock = threading.Lock()
        self._failures: dict[str, int] = {}
        self._not_before: dict[str, float] = {}

    def wait_for(self, profile: str) -> float:
        """Seconds until ``profile`` may be tried again (0 when it may be tried now)."""
        with self._lock:
            return max(0.0, self._not_before.get(profile, 0.0) - self._clock())

    def check(self, profile: str) -> None:
        wait = self.wait_for(profile)
        if wait > 0:
            raise UnlockThrottled(wait)

    def failed(self, profile: str) -> float:
        """Count a wrong passphrase; return the wait it imposes before the next try."""
        with self._lock:
            count = self._failures.get(profile, 0) + 1
            self._failures[profile] = count
            wait = 0.0 if count <= FREE_TRIES else min(FIRST_WAIT * 2 ** (count - FREE_TRIES - 1), LONGEST_WAIT)
            self._not_before[profile] = self._clock() + wait
            return wait

    def succeeded(self, profile: str) -> None:
        with self._lock:
            self._failures.pop(profile, None)
            self._not_before.pop(profile, None)
