"""Check a model file in a child process before the app loads it.

llama.cpp calls ``abort()`` on some malformed files, which would take the whole app down with it. So
the first load of any file happens here, in a separate process that prints one line of JSON:

    python -m models.validate PATH        # exit 0: usable, 1: refused, 2: bad arguments

``validate_in_child`` runs it and turns a crash of the child into a refusal the app can explain.
The header is checked first (``gguf_info``) so the common problems (not a GGUF, truncated, a damaged
tensor table) are explained precisely without starting llama.cpp at all.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from models.gguf_info import BadModelFile, GgufFacts, read_facts
from models.machine import MachineFacts, machine_facts

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
# A model is refused when even a small context would not fit in this share of the machine's memory.
_MEMORY_SHARE = 0.9
MIN_CONTEXT = 512


@dataclass(frozen=True)
class ValidationReport:
    ok: bool
    kind: str = ""  # why not: not_gguf, truncated, corrupt_header, unsupported_architecture, too_big,
    #                 load_failed, crashed, missing, unreadable, unsupported_version, timeout
    detail: str = ""  # an English sentence (logs, command line); the UI words ``kind`` itself
    params: dict[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # no_chat_template, low_memory
    facts: GgufFacts | None = None

    def to_json(self) -> dict[str, Any]:
        return {"ok": self.ok, "kind": self.kind, "detail": self.detail, "params": self.params,
                "warnings": list(self.warnings), "facts": self.facts.to_json() if self.facts else None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ValidationReport:
        facts = data.get("facts")
        return cls(bool(data.get("ok")), str(data.get("kind", "")), str(data.get("detail", "")),
                   dict(data.get("params") or {}), tuple(data.get("warnings") or ()),
                   GgufFacts.from_json(facts) if facts else None)


def check_fits(facts: GgufFacts, machine: MachineFacts) -> tuple[str, str]:
    """("too_big", why) when the model cannot fit this machine at all, ("low_memory", why) when it
    fits but not in the memory free right now (it will be slow while the system swaps), else ("", "")."""
    need = facts.memory_needed(MIN_CONTEXT)
    if machine.total_memory and need > machine.total_memory * _MEMORY_SHARE:
        return "too_big", (f"The model needs about {need / 2**30:.1f} GB of memory; this computer has "
                           f"{machine.total_memory / 2**30:.1f} GB.")
    if machine.available_memory and need > machine.available_memory:
        return "low_memory", (f"The model needs about {need / 2**30:.1f} GB; {machine.available_memory / 2**30:.1f}"
                              " GB is free now.")
    return "", ""


def validate_here(path: str | Path, machine: MachineFacts | None = None, load: bool = True) -> ValidationReport:
    """The whole check in this process. Only the child process should call this with ``load=True``."""
    path = Path(path)
    try:
        facts = read_facts(path)
    except BadModelFile as exc:
        return ValidationReport(False, exc.kind, exc.detail, exc.params)
    machine = machine or machine_facts()
    warnings = [] if facts.has_chat_template else ["no_chat_template"]
    fit, why = check_fits(facts, machine)
    if fit == "too_big":
        need = facts.memory_needed(MIN_CONTEXT)
        return ValidationReport(False, "too_big", why, {"need": need, "total": machine.total_memory}, facts=facts)
    if fit:
        warnings.append(fit)
    if load:
        error = _try_load(path)
        if error is not None:
            kind, detail = error
            params = {"architecture": facts.architecture} if kind == "unsupported_architecture" else {}
            return ValidationReport(False, kind, detail, params, tuple(warnings), facts)
    return ValidationReport(True, warnings=tuple(warnings), facts=facts)


def _try_load(path: Path) -> tuple[str, str] | None:
    """Load the weights with a tiny context (mapped, so the page cache serves the real load next)."""
    import llama_cpp

    from models.llama_logging import install_log_callback

    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            lines.append(record.getMessage())

    logger = logging.getLogger("models.llama_cpp")
    logger.addHandler(Collect(logging.DEBUG))
    logger.setLevel(logging.DEBUG)
    install_log_callback()
    try:
        llm = llama_cpp.Llama(str(path), n_ctx=MIN_CONTEXT, n_batch=64, n_threads=1, n_gpu_layers=0,
                              verbose=False)
    except (ValueError, RuntimeError, OSError) as exc:
        text = "\n".join(lines)
        if "unknown model architecture" in text:
            return "unsupported_architecture", "This version of llama.cpp does not know this model's architecture."
        return "load_failed", f"llama.cpp could not load the model ({exc})."
    llm.close()
    return None


def validate_in_child(path: str | Path, timeout: float = 600.0) -> ValidationReport:
    """Run ``python -m models.validate PATH`` and read its verdict; a crash is a refusal, never ours."""
    path = Path(path)
    env = dict(os.environ)
    env["PYTHONIOENCODING"] = "utf-8"
    try:
        done = subprocess.run([sys.executable, "-m", "models.validate", str(path)], capture_output=True,
                              timeout=timeout, env=env, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return ValidationReport(False, "timeout", f"Checking {path.name} took longer than {timeout:.0f} s.")
    last = done.stdout.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    try:
        return ValidationReport.from_json(json.loads(last[0]))
    except (ValueError, TypeError, AttributeError):
        return ValidationReport(False, "crashed", f"llama.cpp stopped while reading {path.name} (exit "
                                f"{done.returncode}); the file is probably damaged.",
                                {"returncode": done.returncode})


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m models.validate PATH", file=sys.stderr)
        return EXIT_USAGE
    report = validate_here(argv[0])
    sys.stdout.write(json.dumps(report.to_json()) + "\n")
    sys.stdout.flush()
    return EXIT_OK if report.ok else EXIT_REFUSED


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
