"""What a GGUF file is, read from its header without loading the weights.

The ``gguf`` package (llama.cpp's own reader) memory-maps the file and parses the key/values and the
tensor table; nothing is copied into memory and no llama.cpp code runs, so a malformed file raises a
Python exception here instead of aborting the process. Only ``models`` imports ``gguf``.
"""

from __future__ import annotations

import struct
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

# A real model has a few hundred to a few thousand tensors and a few dozen key/values; a header that
# claims more than this is damaged (or hostile) and is refused before anything tries to read them.
MAX_TENSORS = 1_000_000
MAX_KEYS = 100_000
_HEADER = struct.Struct("<4sIQQ")  # magic, version, tensor count, key/value count


class BadModelFile(Exception):
    """The file cannot be used. ``kind`` says why (a key the UI turns into a sentence); ``detail``
    is an English sentence for logs and the command line."""

    def __init__(self, kind: str, detail: str, **params: Any) -> None:
        super().__init__(detail)
        self.kind = kind
        self.detail = detail
        self.params = params


@dataclass(frozen=True)
class GgufFacts:
    """The facts the library shows and the tuning needs. Sizes in bytes."""

    file_size: int
    architecture: str
    name: str
    parameter_count: int
    quantisation: str
    context_length: int
    block_count: int
    embedding_length: int
    head_count: int
    head_count_kv: int
    key_length: int
    vocab_size: int
    tensor_count: int
    has_chat_template: bool
    chat_template: str = field(repr=False, default="")
    size_label: str = ""
    license: str = ""
    license_name: str = ""
    license_link: str = ""
    languages: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("chat_template")
        data["languages"] = list(self.languages)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> GgufFacts:
        known = {f for f in cls.__dataclass_fields__}
        values = {k: v for k, v in data.items() if k in known}
        values["languages"] = tuple(values.get("languages") or ())
        return cls(**values)

    def kv_bytes_per_token(self) -> int:
        """K and V in f16 for every layer."""
        heads = max(1, self.head_count)
        head_dim = self.key_length or max(1, self.embedding_length // heads)
        return 2 * max(1, self.block_count) * max(1, self.head_count_kv or heads) * head_dim * 2

    def memory_needed(self, n_ctx: int, n_batch: int = 512) -> int:
        """An estimate of the resident memory with a context of ``n_ctx`` tokens: the weights (mapped
        from the file), the KV cache, and llama.cpp's compute buffers (logits for a batch plus
        activations, a rough allowance that bench/models.py checks against measured peaks)."""
        compute = n_batch * (self.vocab_size * 4 + self.embedding_length * 4 * 16) + 48 * 2**20
        return self.file_size + self.kv_bytes_per_token() * n_ctx + compute


# ggml file types (general.file_type) to the names people see on download pages.
def _quantisation_name(file_type: int | None, tensor_types: Counter[str]) -> str:
    if file_type is not None:
        try:
            from gguf import LlamaFileType

            return LlamaFileType(file_type).name.removeprefix("MOSTLY_").removeprefix("ALL_")
        except (ImportError, ValueError):
            pass
    return tensor_types.most_common(1)[0][0] if tensor_types else "unknown"


def check_header(path: Path) -> tuple[int, int, int]:
    """The GGUF version, tensor count and key count, refusing what is plainly not a usable GGUF."""
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(_HEADER.size)
    except FileNotFoundError:
        raise BadModelFile("missing", f"{path.name} was not found.") from None
    except OSError as exc:
        raise BadModelFile("unreadable", f"{path.name} could not be read ({exc.strerror}).") from None
    if len(head) < 4 or head[:4] != b"GGUF":
        raise BadModelFile("not_gguf", f"{path.name} is not a GGUF model file.")
    if len(head) < _HEADER.size:
        raise BadModelFile("truncated", f"{path.name} is incomplete: it ends inside its header.")
    _, version, tensors, keys = _HEADER.unpack(head)
    if version not in (2, 3):
        raise BadModelFile("unsupported_version", f"{path.name} uses GGUF version {version}, which this app "
                           "cannot read.", version=version)
    if tensors > MAX_TENSORS or keys > MAX_KEYS or tensors * 24 > size:
        raise BadModelFile("corrupt_header", f"{path.name} is damaged: its header claims {tensors} tensors "
                           f"and {keys} settings.", tensors=tensors, keys=keys)
    return version, tensors, keys


def read_facts(path: str | Path) -> GgufFacts:
    """Parse the header and tensor table. Raises BadModelFile for anything unusable."""
    path = Path(path)
    _, tensor_count, _ = check_header(path)
    size = path.stat().st_size
    try:
        from gguf import GGUFReader

        reader = GGUFReader(str(path), "r")
    except (ValueError, IndexError, struct.error, OverflowError, TypeError, KeyError, MemoryError) as exc:
        raise BadModelFile("truncated", f"{path.name} is incomplete or damaged ({type(exc).__name__}).") from None

    def value(key: str, default: Any = None) -> Any:
        item = reader.fields.get(key)
        if item is None:
            return default
        try:
            return item.contents()
        except (ValueError, IndexError, UnicodeDecodeError):
            return default

    end = reader.data_offset
    tensor_types: Counter[str] = Counter()
    params = 0
    for tensor in reader.tensors:
        params += int(tensor.n_elements)
        end = max(end, int(tensor.data_offset) + int(tensor.n_bytes))  # data_offset is absolute
        if len(tensor.shape) > 1:
            tensor_types[tensor.tensor_type.name] += int(tensor.n_elements)
    if end > size:
        raise BadModelFile("truncated", f"{path.name} is incomplete: {size} of {end} bytes are there.",
                           have=size, need=end)
    arch = str(value("general.architecture", "") or "")
    if not arch:
        raise BadModelFile("corrupt_header", f"{path.name} does not say which model architecture it is.")

    def arch_int(key: str) -> int:
        raw = value(f"{arch}.{key}")
        try:
            return int(raw) if raw is not None and not isinstance(raw, list) else 0
        except (TypeError, ValueError):
            return 0

    template = value("tokenizer.chat_template", "") or ""
    tokens = reader.fields.get("tokenizer.ggml.tokens")
    vocab = arch_int("vocab_size") or (len(tokens.data) if tokens is not None else 0)
    languages = value("general.languages", []) or []
    file_type = value("general.file_type")
    return GgufFacts(
        file_size=size,
        architecture=arch,
        name=str(value("general.name", "") or path.stem),
        parameter_count=params,
        quantisation=_quantisation_name(int(file_type) if isinstance(file_type, int) else None, tensor_types),
        context_length=arch_int("context_length"),
        block_count=arch_int("block_count"),
        embedding_length=arch_int("embedding_length"),
        head_count=arch_int("attention.head_count"),
        head_count_kv=arch_int("attention.head_count_kv"),
        key_length=arch_int("attention.key_length"),
        vocab_size=vocab,
        tensor_count=tensor_count,
        has_chat_template=bool(template),
        chat_template=str(template),
        size_label=str(value("general.size_label", "") or ""),
        license=str(value("general.license", "") or ""),
        license_name=str(value("general.license.name", "") or ""),
        license_link=str(value("general.license.link", "") or ""),
        languages=tuple(str(x) for x in languages) if isinstance(languages, list) else (),
    )
