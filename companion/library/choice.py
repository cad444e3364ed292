"""Which model the app uses, with which settings, and how it gets loaded safely (issue 7).

The library (``models.library``) knows files; this module adds the app's choices: the default model
(the one ``AppPreferences.model_path`` names), the settings tuned to this machine, the person's
per-model overrides, and a backend factory that only loads a file after a child process has checked
that llama.cpp can read it (a malformed file can make llama.cpp abort the whole process).
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from companion.paths import models_dir
from models import ChatBackend, GenerationOptions, ModelLoadError, embedded_model_path, open_llama_backend
from models.gguf_info import BadModelFile, GgufFacts, read_facts
from models.library import LibraryEntry, ModelLibrary, Progress
from models.machine import MachineFacts, machine_facts
from models.recommended import Recommended, match_hash, match_name, recommended_models
from models.tuning import ModelSettings, RuntimeSettings, recommend_runtime, recommend_settings
from models.validate import ValidationReport, validate_in_child

log = logging.getLogger(__name__)

LIBRARY_INDEX = "model-library.json"

# Plain sentences for each refusal; the UI has its own (translated) wording for the same kinds.
REFUSALS = {
    "missing": "The model file was not found.",
    "unreadable": "The model file could not be read.",
    "not_gguf": "This is not a GGUF model file.",
    "truncated": "This model file is incomplete (it may not have finished copying).",
    "corrupt_header": "This model file is damaged: its header does not make sense.",
    "unsupported_version": "This GGUF file is from a format version this app cannot read.",
    "unsupported_architecture": "This app's llama.cpp does not support this kind of model.",
    "too_big": "This model needs more memory than this computer has.",
    "load_failed": "llama.cpp could not load this model.",
    "crashed": "llama.cpp stopped while reading this file; it is probably damaged.",
    "timeout": "Checking this model took too long.",
}


def refusal_sentence(report: ValidationReport) -> str:
    return REFUSALS.get(report.kind, report.detail or "This model cannot be used.")


@dataclass(frozen=True)
class ModelPlan:
    """Everything needed to load one model on this machine."""

    path: Path
    facts: GgufFacts | None
    recommended: ModelSettings
    settings: ModelSettings  # recommended + the person's overrides
    runtime: RuntimeSettings | None

    def options(self) -> GenerationOptions:
        return GenerationOptions(temperature=self.settings.temperature, top_p=self.settings.top_p,
                                 repeat_penalty=self.settings.repeat_penalty, max_tokens=self.settings.max_tokens)


class ModelManager:
    def __init__(self, home: Path, get_default: Callable[[], str], set_default: Callable[[str], None],
                 validator: Callable[[Path], ValidationReport] = validate_in_child) -> None:
        """``get_default``/``set_default`` read and write the chosen model's path in the preferences."""
        self.home = home
        self.library = ModelLibrary(models_dir(home), home / LIBRARY_INDEX, validator)
        self._get_default = get_default
        self._set_default = set_default
        self._validate = validator
        self._validated: dict[tuple[str, int, int], ValidationReport] = {}
        self._lock = threading.Lock()
        self._machine: MachineFacts | None = None

    # -- facts ---------------------------------------------------------------------------------
    @property
    def machine(self) -> MachineFacts:
        """Measured once per run (cores and GPU support do not change; free memory is a snapshot)."""
        if self._machine is None:
            self._machine = machine_facts()
        return self._machine

    def entries(self) -> list[LibraryEntry]:
        return self.library.entries()

    def recommended(self) -> list[Recommended]:
        return recommended_models()

    def add_embedded(self, progress: Progress | None = None) -> LibraryEntry | None:
        """List the built-in model in the library (hashes and checks it once; slow: a worker thread)."""
        path = embedded_model_path()
        if path is None:
            return None
        return self.library.find_path(path) or self.library.import_file(path, reference=True, stored="embedded",
                                                                        progress=progress)

    # -- the default ---------------------------------------------------------------------------
    def default_path(self) -> Path | None:
        """The model the app loads: the chosen one, else the first GGUF in the models folder, else
        the embedded one (``models.resolve_model_path``)."""
        from models import resolve_model_path

        return resolve_model_path(self._get_default() or None, models_dir(self.home))

    def default_entry(self) -> LibraryEntry | None:
        path = self.default_path()
        return self.library.find_path(path) if path is not None else None

    def set_default(self, entry_id: str) -> LibraryEntry:
        entry = self.library.get(entry_id)
        if entry is None:
            raise KeyError(entry_id)
        self._set_default(entry.path)
        return entry

    def remove(self, entry_id: str) -> LibraryEntry | None:
        """Forget a model (a copy in the models folder is deleted); a removed default falls back."""
        entry = self.library.remove(entry_id)
        if entry is not None and os.path.abspath(self._get_default() or "") == os.path.abspath(entry.path):
            self._set_default("")
        return entry

    # -- settings ------------------------------------------------------------------------------
    def plan(self, path: str | Path) -> ModelPlan:
        """Recommended and effective settings for ``path`` on this machine."""
        path = Path(path)
        entry = self.library.find_path(path)
        facts = entry.facts if entry is not None else None
        if facts is None:
            try:
                facts = read_facts(path)
            except BadModelFile:
                return ModelPlan(path, None, ModelSettings(), ModelSettings(), None)
        known = (match_hash(entry.sha256) if entry is not None else None) or match_name(path.name)
        recommended = recommend_settings(facts, self.machine, known.temperature if known else None,
                                         known.top_p if known else None,
                                         known.repeat_penalty if known else None,
                                         known.max_tokens if known else None)
        settings = recommended.with_overrides(entry.settings if entry is not None else None)
        return ModelPlan(path, facts, recommended, settings, recommend_runtime(facts, self.machine))

    def known(self, path: str | Path) -> Recommended | None:
        """The recommended-models entry this file is (by its hash once imported, else by its name)."""
        entry = self.library.find_path(path)
        return (match_hash(entry.sha256) if entry is not None else None) or match_name(Path(path).name)

    def capability(self, path: str | Path, lang: str) -> float | None:
        """The capability gate's score of this model in ``lang`` (issue 14): measured here and stored
        with the model, else the figure shipped for a known file, else None (not measured)."""
        entry = self.library.find_path(path)
        if entry is not None and lang in entry.capability:
            return entry.capability[lang]
        known = self.known(path)
        if known is not None and known.capability and lang in known.capability:
            return float(known.capability[lang])
        return None

    def poor_at(self, path: str | Path, lang: str) -> bool:
        """The shipped list says this model writes ``lang`` poorly (both embedded models, Chinese). The
        hard checks cannot tell fluent-looking nonsense from Chinese, so that judgement stands whatever
        the score (issue 14: Chinese goes through the guided path until a capable model is imported)."""
        known = self.known(path)
        return lang == "zh" and known is not None and known.chinese == "poor"

    def record_capability(self, path: str | Path, lang: str, score: float) -> None:
        entry = self.library.find_path(path)
        if entry is not None:
            self.library.set_capability(entry.id, lang, score)

    def save_settings(self, entry_id: str, settings: ModelSettings) -> LibraryEntry:
        """Keep only what differs from the recommendation, so a better recommendation still applies."""
        entry = self.library.get(entry_id)
        if entry is None:
            raise KeyError(entry_id)
        recommended = self.plan(entry.path).recommended
        overrides = {k: v for k, v in settings.to_json().items() if getattr(recommended, k) != v}
        return self.library.set_settings(entry_id, overrides)

    def reset_settings(self, entry_id: str) -> LibraryEntry:
        return self.library.reset_settings(entry_id)

    # -- loading -------------------------------------------------------------------------------
    def check(self, path: str | Path) -> ValidationReport:
        """The child-process check, once per file version per run."""
        path = Path(path)
        try:
            stat = path.stat()
        except OSError:
            return ValidationReport(False, "missing", f"{path.name} was not found.")
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        with self._lock:
            cached = self._validated.get(key)
        if cached is not None:
            return cached
        report = self._trusted_embedded(path, stat.st_size) or self._validate(path)
        if report.ok:
            with self._lock:
                self._validated[key] = report
        return report

    @staticmethod
    def _trusted_embedded(path: Path, size: int) -> ValidationReport | None:
        """The model shipped inside the app's own package, intact (its size as the package records
        it), needs no child-process check at every start: only its header is read."""
        from models.locate import embedded_model_record_size

        embedded = embedded_model_path()
        if embedded is None or os.path.abspath(embedded) != os.path.abspath(path):
            return None
        if embedded_model_record_size() != size:
            return None
        try:
            facts = read_facts(path)
        except BadModelFile:
            return None
        return ValidationReport(True, warnings=() if facts.has_chat_template else ("no_chat_template",), facts=facts)

    def backend_factory(self, path: str | Path) -> Callable[[], ChatBackend]:
        """A factory the model worker calls on its own thread: check the file in a child process,
        then open llama.cpp with the settings chosen for this machine and this model."""
        path = Path(path)

        def open_backend() -> ChatBackend:
            report = self.check(path)
            if not report.ok:
                log.warning("model refused: %s (%s)", report.kind, report.detail)
                raise ModelLoadError(refusal_sentence(report))
            plan = self.plan(path)
            runtime = plan.runtime or recommend_runtime(report.facts, self.machine)
            backend = open_llama_backend(path, n_ctx=plan.settings.n_ctx, n_threads=runtime.n_threads,
                                         n_batch=runtime.n_batch, n_gpu_layers=runtime.n_gpu_layers)
            backend.default_options = plan.options()  # the worker uses them for requests that bring none
            return backend

        return open_backend

    def options(self, path: str | Path) -> GenerationOptions:
        return self.plan(path).options()
