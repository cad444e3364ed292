"""The one thread that owns the model.

llama-cpp-python is not thread-safe, so a single thread loads the model, generates and clears it;
everyone else talks to it through this object, which queues jobs and hands back plain values through
callbacks (called on the worker thread; the GUI turns them into queued Qt signals). The state is
explicit so that switching conversation, locking or quitting mid-reply is defined, not a race.

Cancellation works between tokens. Loading a model and reading a long prompt cannot be interrupted in
llama-cpp-python; the UI shows "thinking" for that time instead of pretending Stop works there.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum

from models import ChatBackend, GenerationOptions, ModelInfo, ModelLoadError
from models.backend import ChatMessage

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


@dataclass
class _Job:
    kind: str  # "load" | "generate" | "clear" | "call" | "switch" | "quit"
    request_id: int = 0
    messages: Sequence[ChatMessage] = ()
    options: GenerationOptions | None = None
    on_token: Callable[[int, str], None] | None = None
    on_done: Callable[[GenerationResult], None] | None = None
    callback: Callable[[], None] | None = None
    cancel: threading.Event | None = None
    factory: Callable[[], ChatBackend] | None = None  # "switch": the next model


class ModelWorker:
    def __init__(self, backend_factory: Callable[[], ChatBackend] | None,
                 warm_prefix: Sequence[ChatMessage] = ()) -> None:
        """``backend_factory`` None means there is no model at all: every reply fails politely.
        ``warm_prefix`` (the system prompt) is read right after loading and after each wipe, so a
        first reply does not wait for it; it holds nothing a person wrote."""
        self._factory = backend_factory
        # The loaded model's own settings (a backend's ``default_options``), for requests that bring none.
        self._model_options: GenerationOptions | None = None
        self._warm_prefix = tuple(warm_prefix)
        self._backend: ChatBackend | None = None
        self._jobs: queue.Queue[_Job] = queue.Queue()
        self._ids = itertools.count(1)
        self._lock = threading.Lock()
        self._active: _Job | None = None
        self._listeners: list[Callable[[StateChanged], None]] = []
        self._state = StateChanged(ModelState.UNLOADED if backend_factory else ModelState.FAILED,
                                   error="" if backend_factory else "no_model")
        self._load_requested = False
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

    # -- requests (any thread) -----------------------------------------------------------------
    def load(self) -> None:
        """Start loading in the background (once)."""
        with self._lock:
            if self._load_requested or self._factory is None:
                return
            self._load_requested = True
        self._jobs.put(_Job("load"))

    def reserve_id(self) -> int:
        """A fresh request id for a reply that does not come from the model (a scripted one)."""
        return next(self._ids)

    def generate(self, messages: Sequence[ChatMessage], options: GenerationOptions | None,
                 on_token: Callable[[int, str], None], on_done: Callable[[GenerationResult], None]) -> int:
        request_id = next(self._ids)
        self._jobs.put(_Job("generate", request_id, tuple(messages), options, on_token, on_done,
                            cancel=threading.Event()))
        return request_id

    def cancel(self, request_id: int | None = None) -> None:
        """Stop the running reply (or the given one) at the next token; queued ones are skipped."""
        with self._lock:
            active = self._active
            if active is not None and active.cancel is not None and request_id in (None, active.request_id):
                active.cancel.set()
        if request_id is not None:
            for job in list(self._jobs.queue):
                if job.request_id == request_id and job.cancel is not None:
                    job.cancel.set()

    def clear_memory(self, then: Callable[[], None] | None = None) -> None:
        """Wipe the model's memory of the conversation after the current reply; then call ``then``."""
        self._jobs.put(_Job("clear", callback=then))

    def warm(self, prefix: Sequence[ChatMessage]) -> None:
        """Read ``prefix`` (the start of the next prompt) ahead, once the jobs before it are done."""
        self._jobs.put(_Job("warm", messages=tuple(prefix)))

    def call_when_idle(self, callback: Callable[[], None]) -> None:
        """Run ``callback`` on the worker thread once every job queued before it is done."""
        self._jobs.put(_Job("call", callback=callback))

    def switch(self, backend_factory: Callable[[], ChatBackend],
               then: Callable[[StateChanged], None] | None = None) -> None:
        """Change the model. The running reply stops at its next token and is delivered (and so
        committed by its session) first; requests queued before this call are answered by the old
        model, later ones by the new. The new model reads the full history of the next request with
        its own chat template and context budget. ``then`` gets the state after loading."""
        with self._lock:
            active = self._active
            if active is not None and active.cancel is not None:
                active.cancel.set()
            self._load_requested = True
        self._jobs.put(_Job("switch", factory=backend_factory,
                            callback=(lambda: then(self._state)) if then else None))

    def shutdown(self, timeout: float | None = 30.0) -> None:
        """Stop generation, finish queued work, close the model and join the thread."""
        self.cancel()
        for job in list(self._jobs.queue):
            if job.cancel is not None:
                job.cancel.set()
        self._jobs.put(_Job("quit"))
        self._thread.join(timeout)

    # -- the worker thread ---------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            if job.kind == "quit":
                self._close_backend()
                self._set_state(ModelState.CLOSED)
                return
            try:
                if job.kind == "load":
                    self._do_load()
                elif job.kind == "generate":
                    self._do_generate(job)
                elif job.kind == "clear":
                    if self._backend is not None:
                        self._backend.clear_memory()
                    if job.callback:
                        job.callback()
                    if self._backend is not None:
                        self._backend.warm_up(self._warm_prefix)
                elif job.kind == "warm" and self._backend is not None:
                    self._backend.warm_up(job.messages)
                elif job.kind == "call" and job.callback:
                    job.callback()
                elif job.kind == "switch":
                    self._close_backend()
                    self._factory = job.factory
                    self._state = StateChanged(ModelState.UNLOADED)  # the old model's info is gone
                    self._do_load()
                    if job.callback:
                        job.callback()
            except Exception:  # keep serving: one failed job must not take the model thread down
                log.exception("model worker job %s failed", job.kind)

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
        try:
            backend.warm_up(self._warm_prefix)
        except Exception:  # only an optimisation: a failure here must not make the model unusable
            log.exception("warming up the model failed")
        self._set_state(ModelState.READY, info=info)

    def _do_generate(self, job: _Job) -> None:
        assert job.on_done is not None and job.cancel is not None
        options = job.options or self._model_options or GenerationOptions()
        if self._backend is None or self._state.state not in (ModelState.READY,):
            job.on_done(GenerationResult(job.request_id, "", False, error=self._state.error or "no_model"))
            return
        if job.cancel.is_set():
            job.on_done(GenerationResult(job.request_id, "", True))
            return
        with self._lock:
            self._active = job
        self._set_state(ModelState.GENERATING)
        pieces: list[str] = []
        error = ""
        try:
            for piece in self._backend.stream(job.messages, options, job.cancel):
                pieces.append(piece)
                if job.on_token:
                    job.on_token(job.request_id, piece)
        except Exception as exc:
            log.exception("generation failed")
            error = f"The model stopped with an error ({type(exc).__name__})."
        finally:
            with self._lock:
                self._active = None
        self._set_state(ModelState.READY)
        job.on_done(GenerationResult(job.request_id, "".join(pieces), job.cancel.is_set(), error))

    def _close_backend(self) -> None:
        backend, self._backend = self._backend, None
        self._model_options = None
        if backend is not None:
            try:
                backend.close()
            except Exception:
                log.exception("closing the model failed")
