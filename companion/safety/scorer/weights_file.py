"""The learned scorers' weights files: numpy arrays plus a JSON header, in one ``.npz`` (numpy only).

``np.savez`` (not ``_compressed``): numpy fixes the zip timestamps, so the same weights give the same bytes. The
header is stored as UTF-8 bytes in an array, so loading needs no pickle.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import numpy as np


def write(path: Path, header: dict, **arrays: np.ndarray) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(header, sort_keys=True, ensure_ascii=False)
    buf = io.BytesIO()
    np.savez(buf, **arrays, header=np.frombuffer(text.encode(), dtype=np.uint8))
    path.write_bytes(buf.getvalue())


def read(path: Path, *names: str) -> tuple[list[np.ndarray], dict]:
    """The named arrays and the header. Raises OSError, KeyError or ValueError for a missing or damaged file."""
    with np.load(path, allow_pickle=False) as data:
        arrays = [data[name] for name in names]
        header = json.loads(bytes(data["header"]).decode())
    return arrays, header
