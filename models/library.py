"""The model library: GGUF files a person imported, with their hash, header facts and settings.

The index is a small JSON file in the data folder. It holds facts about model files and the
per-model settings, never anything a person wrote, so it is not encrypted (like preferences.json).
Imported files are copied into the models folder (hashed while copying, one pass over the file) or,
for files too big to copy, kept where they are as a reference.

Every method may block on disk for a while (hashing a 2 GB file): call them off the GUI thread.
``progress(stage, done, total)`` is called from the calling thread; ``cancel`` stops between chunks.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from models.gguf_info import BadModelFile, GgufFacts, read_facts
from models.recommended import match_hash
from models.validate import ValidationReport, validate_in_child

CHUNK = 4 * 2**20
INDEX_VERSION = 1
# Kept free on the disk after a copy; below that the file is referenced where it is instead.
_DISK_MARGIN = 2**30

Progress = Callable[[str, int, int], None]  # stage ("copying" | "hashing" | "checking"), done, total


class ImportCancelled(Exception):
    """The person cancelled; nothing was added and no partial copy is left behind."""


class ImportRejected(Exception):
    """The file cannot be used; ``report.kind`` says why."""

    def __init__(self, report: ValidationReport) -> None:
        super().__init__(report.detail)
        self.report = report


@dataclass(frozen=True)
class LibraryEntry:
    id: str
    file_name: str
    path: str
    stored: str  # "copy" (in the models folder) | "reference" (left where it was) | "embedded"
    sha256: str
    size: int
    facts: GgufFacts
    verified_as: str = ""  # the recommended entry's id when the hash matches a published one
    warnings: tuple[str, ...] = ()
    settings: dict[str, Any] = field(default_factory=dict)  # the person's overrides only
    added: float = 0.0
    #: The capability gate's score per language ("en", "zh"): the share of replies passing every hard
    #: check of the conversation bench, measured once on this machine (issue 14).
    capability: dict[str, float] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.facts.name or Path(self.file_name).stem

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "file_name": self.file_name, "path": self.path, "stored": self.stored,
                "sha256": self.sha256, "size": self.size, "facts": self.facts.to_json(),
                "verified_as": self.verified_as, "warnings": list(self.warnings), "settings": self.settings,
                "added": self.added, "capability": self.capability}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> LibraryEntry:
        return cls(str(data["id"]), str(data["file_name"]), str(data["path"]), str(data["stored"]),
                   str(data["sha256"]), int(data["size"]), GgufFacts.from_json(data["facts"]),
                   str(data.get("verified_as", "")), tuple(data.get("warnings") or ()),
                   dict(data.get("settings") or {}), float(data.get("added", 0.0)),
                   {str(k): float(v) for k, v in (data.get("capability") or {}).items()})


@dataclass(frozen=True)
class VerifyResult:
    entry: LibraryEntry
    unchanged: bool  # the file still has the hash it had when imported
    missing: bool = False


def hash_file(path: Path, progress: Progress | None = None, cancel: threading.Event | None = None,
              copy_to: Path | None = None, stage: str = "hashing") -> str:
    """SHA-256 in chunks; optionally writing a copy in the same pass."""
    total = path.stat().st_size
    digest = hashlib.sha256()
    done = 0
    out = open(copy_to, "wb") if copy_to is not None else None  # noqa: SIM115 - closed below
    try:
        with open(path, "rb") as fh:
            while block := fh.read(CHUNK):
                if cancel is not None and cancel.is_set():
                    raise ImportCancelled()
                digest.update(block)
                if out is not None:
                    out.write(block)
                done += len(block)
                if progress is not None:
                    progress(stage, done, total)
        if out is not None:
            out.flush()
            os.fsync(out.fileno())
    finally:
        if out is not None:
            out.close()
    return digest.hexdigest()


class ModelLibrary:
    def __init__(self, models_dir: Path, index_path: Path,
                 validator: Callable[[Path], ValidationReport] = validate_in_child) -> None:
        self.models_dir = Path(models_dir)
        self.index_path = Path(index_path)
        self._validate = validator
        self._lock = threading.Lock()

    # -- the index -----------------------------------------------------------------------------
    def _read(self) -> list[LibraryEntry]:
        try:
            raw = json.loads(self.index_path.read_text("utf-8"))
            return [LibraryEntry.from_json(item) for item in raw.get("models", [])]
        except (OSError, ValueError, KeyError, TypeError):
            return []

    def _write(self, entries: list[LibraryEntry]) -> None:
        self.index_path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.index_path.with_name(self.index_path.name + ".tmp")
        tmp.write_text(json.dumps({"version": INDEX_VERSION, "models": [e.to_json() for e in entries]},
                                  indent=1, ensure_ascii=False), "utf-8")
        os.replace(tmp, self.index_path)

    def entries(self) -> list[LibraryEntry]:
        with self._lock:
            return self._read()

    def get(self, entry_id: str) -> LibraryEntry | None:
        return next((e for e in self.entries() if e.id == entry_id), None)

    def find_path(self, path: str | Path) -> LibraryEntry | None:
        target = os.path.normcase(os.path.abspath(path))
        return next((e for e in self.entries() if os.path.normcase(os.path.abspath(e.path)) == target), None)

    def _put(self, entry: LibraryEntry) -> None:
        with self._lock:
            entries = self._read()
            ids = [e.id for e in entries]
            if entry.id in ids:
                entries[ids.index(entry.id)] = entry
            else:
                entries.append(entry)
            self._write(entries)

    # -- importing -----------------------------------------------------------------------------
    def import_file(self, source: str | Path, *, reference: bool | None = None, stored: str = "",
                    progress: Progress | None = None, cancel: threading.Event | None = None) -> LibraryEntry:
        """Check, copy (or reference), hash and validate ``source``; returns the new entry (or the
        existing one when the same file is already in the library). ``reference`` None: copy unless
        the disk has no room for it. Raises ImportRejected, ImportCancelled or OSError."""
        source = Path(source)
        try:
            read_facts(source)  # in this process (pure Python): refuse a bad file before copying it
        except BadModelFile as exc:
            raise ImportRejected(ValidationReport(False, exc.kind, exc.detail, exc.params)) from None
        size = source.stat().st_size
        self.models_dir.mkdir(parents=True, exist_ok=True)
        inside = source.resolve().parent == self.models_dir.resolve()
        if reference is None:
            reference = inside or shutil.disk_usage(self.models_dir).free < size + _DISK_MARGIN
        existing = self.find_path(source)
        if existing is not None:
            return existing
        if reference:
            digest = hash_file(source, progress, cancel)
            target = source
        else:
            target = self._free_name(source.name)
            partial = target.with_name(target.name + ".partial")
            try:
                digest = hash_file(source, progress, cancel, copy_to=partial, stage="copying")
            except BaseException:
                partial.unlink(missing_ok=True)
                raise
        same = next((e for e in self.entries() if e.sha256 == digest), None)
        if same is not None:
            if not reference:
                partial.unlink(missing_ok=True)
            return same
        if not reference:
            os.replace(partial, target)
        if progress is not None:
            progress("checking", 0, 0)
        report = self._validate(target)
        if not report.ok or report.facts is None:
            if not reference:
                target.unlink(missing_ok=True)
            raise ImportRejected(report)
        match = match_hash(digest)
        entry = LibraryEntry(
            id=digest[:16], file_name=source.name, path=str(target),
            stored=stored or ("reference" if reference else "copy"), sha256=digest, size=size,
            facts=report.facts, verified_as=match.id if match else "", warnings=report.warnings,
            added=time.time())
        self._put(entry)
        return entry

    def _free_name(self, name: str) -> Path:
        target = self.models_dir / name
        stem, suffix = Path(name).stem, Path(name).suffix or ".gguf"
        n = 2
        while target.exists() or target.with_name(target.name + ".partial").exists():
            target = self.models_dir / f"{stem} ({n}){suffix}"
            n += 1
        return target

    # -- the rest ------------------------------------------------------------------------------
    def remove(self, entry_id: str) -> LibraryEntry | None:
        """Forget the entry; a copy in the models folder is deleted, a referenced file is left alone."""
        with self._lock:
            entries = self._read()
            entry = next((e for e in entries if e.id == entry_id), None)
            if entry is None:
                return None
            self._write([e for e in entries if e.id != entry_id])
        if entry.stored == "copy":
            Path(entry.path).unlink(missing_ok=True)
        return entry

    def verify(self, entry_id: str, progress: Progress | None = None,
               cancel: threading.Event | None = None) -> VerifyResult:
        """Hash the file again: is it still the file that was imported?"""
        entry = self.get(entry_id)
        if entry is None:
            raise KeyError(entry_id)
        path = Path(entry.path)
        if not path.is_file():
            return VerifyResult(entry, unchanged=False, missing=True)
        digest = hash_file(path, progress, cancel)
        return VerifyResult(entry, unchanged=digest == entry.sha256)

    def set_settings(self, entry_id: str, overrides: dict[str, Any]) -> LibraryEntry:
        entry = self.get(entry_id)
        if entry is None:
            raise KeyError(entry_id)
        updated = replace(entry, settings={k: v for k, v in overrides.items() if v is not None})
        self._put(updated)
        return updated

    def set_capability(self, entry_id: str, lang: str, score: float) -> LibraryEntry:
        entry = self.get(entry_id)
        if entry is None:
            raise KeyError(entry_id)
        updated = replace(entry, capability={**entry.capability, lang: round(float(score), 3)})
        self._put(updated)
        return updated

    def reset_settings(self, entry_id: str) -> LibraryEntry:
        return self.set_settings(entry_id, {})
