"""The one thread that owns the model.

llama-cpp-python is not thread-safe, so a single thread loads the model, generates and clears it;
everyone else talks to it through this object, which queues jobs and hands back plain values through
callbacks (called on the worker thread; the GUI turns them into queued Qt signals). The state is
explicit so that switching conversation, locking or quitting mid-reply is defined, not a race.

Every job is a ``Job``: what to run on the model thread, its owner (a session's ``JobOwner``, or None
for the app's own jobs: loading, the wipe), and a cancel event created when it is queued. A job is
"live" from the moment it is queued until it has finished, and ``cancel`` / ``cancel_owner`` look in
that one registry, so a Stop can never fall between the queue and the running job. Closing an owner
(locking its session) cancels all its jobs, queued or running, and any job it queues later is born
cancelled: nothing of a locked session starts after the wipe.

Cancellation works between tokens. Loading a model and reading a long prompt cannot be interrupted in
llama-cpp-python; the UI shows "thinking" for that time instead of pretending Stop works there.

The loaded model's safety second opinion (issue 16) is part of its state here: qualified at load (a model of
1B parameters or more that answers the built-in check right), dropped with the model, and asked only by a
job on this thread (``raise_by_second_opinion``), since asking it is generating.
"""

from __future__ import annotations

import collections
import itertools
import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum

from companion.safety.scorer.second_opinion import MIN_PARAMETERS, SecondOpinion
from models import ChatBackend, GenerationOptions, ModelInfo, ModelLoadError
from models.backend import ChatMessage
from models.yes_no import yes_no_asker

log = logging.getLogger(__name__)


class ModelState(str, Enum):
    UNLOADED = "unloaded"
    LOADING = "loading"
    READY = "ready"
    GENERATING = "generating"
    FAILED = "failed"
    CLOSED = "closed"


@dataclass(frozen=True)
class StateChanged:
    state: ModelState
    info: ModelInfo | None = None
    error: str = ""


@dataclass(frozen=True)
class GenerationResult:
    request_id: int
    text: str
    stopped: bool
    error: str = ""  # non-empty when no reply could be produced (no model, model failed)


class JobOwner:
    """Whose jobs these are (one per session). Once closed, its jobs are cancelled and new ones are
    born cancelled; ``closed`` tells a job's own callbacks that it was stopped by a lock, not a Stop."""

    def __init__(self, name: str = "") -> None:
        self.name = name
        self.closed = threading.Event()


@dataclass(eq=False)
class Job:
    name: str  # what it is, for logs and ``live``: "reply" | "summary" | "fold" | "warm" | "wipe" | ...
    run: Callable[[Job], None]  # called on the model thread; it checks ``cancel`` itself
    owner: JobOwner | None = None
    request_id: int = 0  # non-zero for jobs that generate text
    label: str = ""  # what the owner wants to know it by (a reply's conversation id)
    cancel: threading.Event = field(default_factory=threading.Event)


class _JobQueue:
    """First in, first out; ``get`` blocks. A class of its own so the dequeue is one visible step."""

    def __init__(self) -> None:
        self._items: collections.deque[Job] = collections.deque()
        self._ready = threading.Condition()

    def put(self, job: Job) -> None:
        with self._ready:
            self._items.append(job)
            self._ready.notify()

    def get(self) -> Job:
        with self._ready:
            while not self._items:
                self._ready.wait()
            return self._items.popleft()


class ModelWorker:
    def __init__(self, backend_factory: Callable[[], ChatBackend] | None,
                 warm_prefix: Sequence[ChatMessage] | Callable[[ModelInfo | None], Sequence[ChatMessage]] = ()) -> None:
        """``backend_factory`` None means there is no model at all: every reply fails politely.
        ``warm_prefix`` (the system prompt) is read right after loading and after each wipe, so a
        first reply does not wait for it; it holds nothing a person wrote. It may be a function of the
        loaded model's info (small models get a different prefix, issue 14)."""
        self._factory = backend_factory
        # The loaded model's own settings (a backend's ``default_options``), for requests that bring none.
        self._model_options: GenerationOptions | None = None
        self._warm_prefix = warm_prefix if callable(warm_prefix) else tuple(warm_prefix)
        self._backend: ChatBackend | None = None
        # The loaded model's yes/no safety second opinion, or None (off: no model, under 1B, failed the check).
        self._second_opinion: SecondOpinion | None = None
        self._jobs = _JobQueue()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._live: list[Job] = []  # queued or running, oldest first (guarded by _lock)
        self._active: Job | None = None
        self._listeners: list[Callable[[StateChanged], None]] = []
        self._state = StateChanged(ModelState.UNLOADED if backend_factory else ModelState.FAILED,
                                   error="" if backend_factory else "no_model")
        self._load_requested = False
        self._quitting = False
        self._quit_done = False  # the model thread has ended and run everything queued for after it
        self._after_quit: list[Callable[[], None]] = []
        self._thread = threading.Thread(target=self._run, name="model-worker", daemon=True)
        self._thread.start()

    # -- state ---------------------------------------------------------------------------------
    @property
    def state(self) -> StateChanged:
        return self._state

    def add_listener(self, listener: Callable[[StateChanged], None]) -> None:
        """``listener`` is called on the worker thread with every state change."""
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[StateChanged], None]) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def _set_state(self, state: ModelState, info: ModelInfo | None = None, error: str = "") -> None:
        self._state = StateChanged(state, info if info is not None else self._state.info, error)
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(self._state)
            except Exception:  # a broken listener must not kill the worker
                log.exception("state listener failed")

    # -- queueing (any thread) -------------------------------------------------------------------
    def submit(self, name: str, run: Callable[[Job], None], owner: JobOwner | None = None,
               request_id: int = 0, label: str = "") -> Job:
        """Queue ``run`` for the model thread. A job of a closed owner is queued already cancelled
        (its ``run`` still sees it, so a reply can still say it is done)."""
        job = Job(name, run, owner, request_id, label)
        with self._lock:
            if owner is not None and owner.closed.is_set():
                job.cancel.set()
            self._live.append(job)
        self._jobs.put(job)
        return job

    def live(self, owner: JobOwner | None = None) -> list[Job]:
        """The jobs queued or running now (of ``owner``, if given), oldest first."""
        with self._lock:
            return [job for job in self._live if owner is None or job.owner is owner]

    def reserve_id(self) -> int:
        """A fresh request id (for a reply that knows its id before it is queued, or a scripted one)."""
        return next(self._ids)

    # -- requests (any thread) -----------------------------------------------------------------
    def load(self) -> None:
        """Start loading in the background (once)."""
        with self._lock:
            if self._load_requested or self._factory is None:
                return
            self._load_requested = True
        self.submit("load", lambda _job: self._do_load())

    def generate(self, messages: Sequence[ChatMessage], options: GenerationOptions | None,
                 on_token: Callable[[int, str], None], on_done: Callable[[GenerationResult], None],
                 owner: JobOwner | None = None, name: str = "reply", request_id: int = 0,
                 label: str = "", prepare: Callable[[Job], Sequence[ChatMessage] | None] | None = None) -> int:
        """Generate a reply to ``messages``: ``on_token`` with each piece, then ``on_done`` exactly once
        (also when cancelled before it started: empty and stopped).

        ``prepare(job)``, if given, runs on the model thread just before generation, once the model is ready
        (a reply asks the safety second opinion there); it may return the messages to use instead. A job
        cancelled while it ran generates nothing."""
        request_id = request_id or next(self._ids)
        messages = tuple(messages)
        self.submit(name, lambda job: self._do_generate(job, messages, options, on_token, on_done, prepare),
                    owner, request_id, label)
        return request_id

    @property
    def second_opinion_on(self) -> bool:
        """Whether the loaded model gives the safety screen a second opinion (issue 16)."""
        return self._second_opinion is not None

    def raise_by_second_opinion(self, level: str, text: str) -> str:
        """``level``, or "elevated" when it is "none" and the loaded model's second opinion says the person
        may be at risk (issue 16). It can only raise, never decides "imminent", and a model error, no opinion,
        or a cancel of the job asking leaves ``level`` as it was. Only from a job running on the model
        thread (asking is generating); the text stays in memory and is never logged."""
        if threading.current_thread() is not self._thread:
            raise RuntimeError("the second opinion is asked on the model thread only")
        opinion = self._second_opinion
        if opinion is None or self._backend is None:
            return level
        return opinion.raise_level(level, text)

    def cancel(self, request_id: int | None = None) -> None:
        """Stop the given reply, queued or running (None: the one generating now) at the next token."""
        with self._lock:
            for job in self._live:
                if job.request_id and (job.request_id == request_id
                                       or (request_id is None and job is self._active)):
                    job.cancel.set()

    def cancel_owner(self, owner: JobOwner) -> None:
        """Close ``owner``: cancel every job of it, queued or running; later ones are born cancelled."""
        with self._lock:
            owner.closed.set()
            for job in self._live:
                if job.owner is owner:
                    job.cancel.set()

    def clear_memory(self, then: Callable[[], None] | None = None) -> None:
        """Wipe the model's memory of the conversation after the jobs queued before; then call ``then``."""

        def wipe(_job: Job) -> None:
            if self._backend is not None:
                self._backend.clear_memory()
            if then is not None:
                then()
            if self._backend is not None:
                self._backend.warm_up(self._prefix(self._state.info))

        self.submit("wipe", wipe)

    def warm(self, prefix: Sequence[ChatMessage], owner: JobOwner | None = None) -> None:
        """Read ``prefix`` (the start of the next prompt) ahead, once the jobs before it are done."""
        prefix = tuple(prefix)

        def warm(job: Job) -> None:
            if self._backend is not None and not job.cancel.is_set():
                self._backend.warm_up(prefix)

        self.submit("warm", warm, owner)

    def call_when_idle(self, callback: Callable[[], None], owner: JobOwner | None = None) -> None:
        """Run ``callback`` on the worker thread once every job queued before it is done."""
        self.submit("call", lambda _job: callback(), owner)

    def switch(self, backend_factory: Callable[[], ChatBackend],
               then: Callable[[StateChanged], None] | None = None) -> None:
        """Change the model. The running reply stops at its next token and is delivered (and so
        committed by its session) first; requests queued before this call are answered by the old
        model, later ones by the new. The new model reads the full history of the next request with
        its own chat template and context budget. ``then`` gets the state after loading."""

        def switch(_job: Job) -> None:
            self._close_backend()
            self._factory = backend_factory
            self._state = StateChanged(ModelState.UNLOADED)  # the old model's info is gone
            self._do_load()
            if then is not None:
                then(self._state)

        with self._lock:
            self._load_requested = True
        self.cancel()
        self.submit("switch", switch)

    def shutdown(self, timeout: float | None = 30.0, then: Callable[[], None] | None = None) -> bool:
        """Stop generation, close the model on its own thread, then call ``then`` (close the vaults).

        Every live job is cancelled; the model thread finishes what it is doing (a reply stopped here is
        still delivered and committed), closes the model, runs ``then`` and ends. Returns whether it
        ended within ``timeout``. If it did not, ``then`` still runs on it once it does, never before:
        a vault is never closed under a job that may still write to it."""
        run_now = False
        with self._lock:
            if then is not None:
                if self._quit_done:
                    run_now = True  # the model thread has ended: nothing can write any more
                else:
                    self._after_quit.append(then)
            first = not self._quitting
            self._quitting = True
            for job in self._live:
                job.cancel.set()
        if run_now and then is not None:
            then()
        if first:
            self.submit("quit", lambda _job: None)
        self._thread.join(timeout)
        if self._thread.is_alive():
            log.warning("the model thread did not stop within %s s; it closes the vaults when it does", timeout)
            return False
        return True

    def _run_after_quit(self) -> None:
        while True:
            with self._lock:
                callbacks, self._after_quit = self._after_quit, []
                if not callbacks:
                    self._quit_done = True
                    return
            for callback in callbacks:
                try:
                    callback()
                except Exception:
                    log.exception("closing after the model thread failed")

    # -- the worker thread ---------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            with self._lock:
                self._active = job
            try:
                if job.name == "quit":
                    self._close_backend()
                    self._set_state(ModelState.CLOSED)
                    return
                job.run(job)
            except Exception:  # keep serving: one failed job must not take the model thread down
                log.exception("model worker job %s failed", job.name)
            finally:
                with self._lock:
                    self._active = None
                    if job in self._live:
                        self._live.remove(job)
                if job.name == "quit":
                    self._run_after_quit()

    def _prefix(self, info: ModelInfo | None) -> Sequence[ChatMessage]:
        return tuple(self._warm_prefix(info)) if callable(self._warm_prefix) else self._warm_prefix

    def _do_load(self) -> None:
        assert self._factory is not None
        self._set_state(ModelState.LOADING)
        try:
            backend = self._factory()
            info = backend.load()
        except ModelLoadError as exc:
            self._set_state(ModelState.FAILED, error=str(exc))
            return
        except Exception as exc:  # llama.cpp raises plain errors for odd files; keep the app alive
            log.exception("model failed to load")
            self._set_state(ModelState.FAILED, error=f"The model could not be loaded ({type(exc).__name__}).")
            return
        self._backend = backend
        self._model_options = getattr(backend, "default_options", None)
        # Before the warm-up, so the system prompt is what the model holds when the first reply comes.
        self._second_opinion = self._qualify_second_opinion(backend, info)
        try:
            backend.warm_up(self._prefix(info))
        except Exception:  # only an optimisation: a failure here must not make the model unusable
            log.exception("warming up the model failed")
        self._set_state(ModelState.READY, info=info)

    def _qualify_second_opinion(self, backend: ChatBackend, info: ModelInfo) -> SecondOpinion | None:
        """The model's second opinion when it is capable: 1B parameters or more (known from the weights)
        and every answer of the built-in check right. A smaller or unknown model is not asked anything."""
        count = info.parameter_count
        if count is None or count < MIN_PARAMETERS:
            log.info("second opinion: off (the model's size is %s)", "unknown" if count is None else "under 1B")
            return None
        try:
            return SecondOpinion.qualify(yes_no_asker(backend, self._running_cancel), count)
        except Exception:  # the check must never keep the model from loading
            log.exception("second opinion: the built-in check failed to run; off")
            return None

    def _running_cancel(self) -> threading.Event:
        """The cancel event of the job running on the model thread now (so a lock stops a question)."""
        job = self._active
        return job.cancel if job is not None else threading.Event()

    def _do_generate(self, job: Job, messages: Sequence[ChatMessage], options: GenerationOptions | None,
                     on_token: Callable[[int, str], None], on_done: Callable[[GenerationResult], None],
                     prepare: Callable[[Job], Sequence[ChatMessage] | None] | None = None) -> None:
        options = options or self._model_options or GenerationOptions()
        if self._backend is None or self._state.state not in (ModelState.READY,):
            on_done(GenerationResult(job.request_id, "", False, error=self._state.error or "no_model"))
            return
        if job.cancel.is_set():
            on_done(GenerationResult(job.request_id, "", True))
            return
        self._set_state(ModelState.GENERATING)
        if prepare is not None:
            try:
                messages = tuple(prepare(job) or messages)
            except Exception as exc:  # the reply still comes, from the messages it was queued with
                log.error("preparing the reply failed (%s)", type(exc).__name__)  # no traceback: it may quote text
            if job.cancel.is_set():  # a Stop or a lock while it ran (the question): nothing follows
                self._set_state(ModelState.READY)
                on_done(GenerationResult(job.request_id, "", True))
                return
        pieces: list[str] = []
        error = ""
        try:
            for piece in self._backend.stream(messages, options, job.cancel):
                pieces.append(piece)
                on_token(job.request_id, piece)
        except Exception as exc:
            log.exception("generation failed")
            error = f"The model stopped with an error ({type(exc).__name__})."
        self._set_state(ModelState.READY)
        on_done(GenerationResult(job.request_id, "".join(pieces), job.cancel.is_set(), error))

    def _close_backend(self) -> None:
        backend, self._backend = self._backend, None
        self._model_options = None
        self._second_opinion = None  # it was this model's
        if backend is not None:
            try:
                backend.close()
            except Exception:
                log.exception("closing the model failed")
