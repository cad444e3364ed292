"""The core the GUI calls, and the one a test or a script can call headlessly.

    app = Companion(home=path)            # model_path None: settings, then the models folder, then embedded
    s = app.create_profile("Sam", "a long passphrase")
    cid = s.new_conversation()
    turn = s.send(cid, "I can't sleep again")
    s.lock(); app.close()
"""

from __future__ import annotations

import dataclasses
import functools
import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path

from companion.chat.prompting import warm_prefix
from companion.chat.prompts import SYSTEM_PROMPT
from companion.chat.session import Session
from companion.chat.talk import TalkPolicy
from companion.chat.worker import ModelWorker
from companion.library.choice import ModelManager
from companion.paths import resolve_home
from companion.portability.retention import apply_retention
from companion.preferences import AppPreferences, load_preferences, save_preferences
from companion.safety import warm_up as warm_up_safety
from companion.safety.crisis_directory import CrisisDirectory
from companion.safety.guard import SafetyGuard
from companion.safety.scorer.runtime import RiskScorer, semantic_layer
from companion.safety.screen.reply_scorer import ReplyScorer
from companion.safety.seam import Guard
from companion.safety.shared_embedder import SharedEmbedder
from companion.unlock_throttle import UnlockThrottle
from models import ChatBackend, GenerationOptions
from storage import ProfileStore, WrongPassphrase
from storage.keyfile import KdfParams

log = logging.getLogger(__name__)


class Companion:
    def __init__(self, home: str | os.PathLike[str] | None = None, model_path: str | os.PathLike[str] | None = None,
                 *, backend_factory: Callable[[], ChatBackend] | None = None, guard: Guard | None = None,
                 kdf: KdfParams | None = None, options: GenerationOptions | None = None,
                 warm_up: bool = True) -> None:
        """``model_path``: an explicit model file (used as is, even if missing: the failure is shown);
        None resolves the model chosen in preferences, then the first GGUF in the models folder,
        then the embedded one. ``backend_factory`` replaces llama.cpp entirely (tests, tools)."""
        self.home = resolve_home(home)
        self.preferences = load_preferences(self.home)
        self.profiles = ProfileStore(self.home, kdf)
        self.crisis = CrisisDirectory(self.home, self.preferences.region, self.preferences.language)
        # One sentence embedder (about 72 MB) for both scorers' semantic heads, loaded by whichever loads first.
        embedder = SharedEmbedder()
        # The learned risk scorer (issue 16) loads on its own thread; until it is ready the rules alone decide.
        self.risk_scorer = RiskScorer(semantic=functools.partial(semantic_layer, embedder))
        # The learned reply scorer loads on its own thread too; a reply reviewed before it is ready waits
        # for it (the rules alone miss most harmful replies). Both are owned here, nowhere else.
        self.reply_scorer = ReplyScorer(embedder=embedder)
        self._scorer_wanted = guard is None
        if warm_up:
            self.start_warm_up()
        # The real safety screen for every session; tests that need none pass NoGuard explicitly.
        self._guard = guard if guard is not None else SafetyGuard(self.crisis.entry, scorer=self.risk_scorer,
                                                                  reply_scorer=self.reply_scorer)
        self._options = options
        self._sessions: list[Session] = []
        self.unlock_throttle = UnlockThrottle()  # increasing waits after wrong passphrases
        # Issue 7: the model library, the default model and its settings; loads are checked first.
        self.models = ModelManager(self.home, lambda: self.preferences.model_path, self._set_model_path)
        if backend_factory is None:
            self.model_path: Path | None = Path(model_path) if model_path is not None else self.models.default_path()
            backend_factory = self.models.backend_factory(self.model_path) if self.model_path is not None else None
        else:
            self.model_path = None
        # The stable prompt prefix suits the loaded model's size (companion.chat.prompting).
        self.worker = ModelWorker(backend_factory, warm_prefix=warm_prefix)


    def start_warm_up(self) -> None:
        """Compile the safety rules and load the risk and reply scorers on background threads (daemon
        threads: they never hold up quitting), so the person's first message is screened at full speed.
        The window calls this once it is on screen (``warm_up=False``): they hold the GIL for a few hundred
        milliseconds on a 2-core machine, time the unlock screen would otherwise wait for
        (bench/startup.py). Until they are done the rules compile on first use, the rules alone screen
        messages, and a reply's review waits for the reply scorer."""
        threading.Thread(target=warm_up_safety, name="safety-warm-up", daemon=True).start()
        if self._scorer_wanted:
            self.risk_scorer.start()
            # One after the other, not side by side: numpy reads each weights file's header with
            # ast.literal_eval, and CPython 3.11's AST constructor can raise a spurious SystemError when two
            # threads parse at once (gh-106905; a CI run lost the risk scorer to it). The reply scorer also gets
            # the sentence embedder the risk scorer's load has just loaded.
            self.reply_scorer.start(after=self.risk_scorer.wait)

    # -- preferences ---------------------------------------------------------------------------
    def save_preferences(self, prefs: AppPreferences) -> None:
        self.preferences = prefs
        save_preferences(self.home, prefs)
        self.crisis.preferred_region = prefs.region
        if prefs.language:
            self.crisis.interface_language = prefs.language

    def _set_model_path(self, path: str) -> None:
        self.save_preferences(dataclasses.replace(self.preferences, model_path=path))

    def switch_model(self, path: str | os.PathLike[str]) -> None:
        """Load another model now; the conversation goes on with it (see ModelWorker.switch)."""
        self.model_path = Path(path)
        self.worker.switch(self.models.backend_factory(self.model_path))

    # -- profiles ------------------------------------------------------------------------------
    def profile_names(self) -> list[str]:
        return [p.nickname for p in self.profiles.list()]

    def _session(self, info, vault, lang: str | None) -> Session:  # noqa: ANN001
        if lang:  # the language the interface actually uses (it decides what a region guess may be)
            self.crisis.interface_language = lang
        session = Session(info, vault, self.profiles, self.worker, guard=self._guard,
                          options=self._options, lang=lang,
                          # Issue 14: the model talks freely in a language only past the capability gate.
                          talk=TalkPolicy(self.worker, self.models.capability, self.models.poor_at))
        self._sessions = [s for s in self._sessions if not s.is_locked] + [session]
        self.worker.load()  # in the background; the first reply waits for it
        return session

    def create_profile(self, name: str, passphrase: str, lang: str | None = None) -> Session:
        info, vault = self.profiles.create(name, passphrase)
        return self._session(info, vault, lang)

    def unlock(self, name: str, passphrase: str, lang: str | None = None) -> Session:
        """Raises WrongPassphrase (the vault file is not opened), UnlockThrottled (too many wrong
        passphrases: not even the key file is read), VaultFromFuture, DamagedVault..."""
        self.unlock_throttle.check(name)
        try:
            info, vault = self.profiles.unlock(name, passphrase)
        except WrongPassphrase:
            self.unlock_throttle.failed(name)
            raise
        self.unlock_throttle.succeeded(name)
        apply_retention(vault)  # issue 12: the profile's "delete conversations older than N days"
        return self._session(info, vault, lang)

    # -- shutdown ------------------------------------------------------------------------------
    def close(self) -> None:
        """Stop generation, let the model thread finish and close the model, then close every vault.

        The vaults are closed by the model thread itself after its last job, so a reply being committed
        as it stops is never cut off. If that thread does not end in time (a model stuck in a long read),
        this returns anyway and the vaults stay open until it ends (or the process exits with them open:
        safe, every commit is already on disk), never closed under it."""
        sessions, self._sessions = self._sessions, []

        def close_vaults() -> None:
            for session in sessions:
                session.close_now()

        self.worker.shutdown(then=close_vaults)
