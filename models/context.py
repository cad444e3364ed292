"""Choosing the context size from the model's metadata and this machine's free memory."""

from __future__ import annotations

from collections.abc import Mapping

from models.machine import available_memory_bytes

# The KV cache is allowed at most this share of the memory that is free when the model loads.
_KV_MEMORY_SHARE = 0.25


def _arch_int(metadata: Mapping[str, str], key: str) -> int | None:
    arch = metadata.get("general.architecture", "llama")
    value = metadata.get(f"{arch}.{key}")
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def kv_bytes_per_token(metadata: Mapping[str, str]) -> int:
    """K and V, f16, for every layer: 2 * layers * kv_heads * head_dim * 2 bytes."""
    layers = _arch_int(metadata, "block_count") or 32
    embd = _arch_int(metadata, "embedding_length") or 4096
    heads = _arch_int(metadata, "attention.head_count") or 32
    kv_heads = _arch_int(metadata, "attention.head_count_kv") or heads
    head_dim = _arch_int(metadata, "attention.key_length") or max(1, embd // max(1, heads))
    return 2 * layers * kv_heads * head_dim * 2


def choose_context_size(metadata: Mapping[str, str], max_context: int = 8192,
                        free_memory: int | None = None) -> int:
    """The model's trained context, capped by ``max_context`` (longer prompts are slow on a CPU and
    long conversations are folded anyway) and by what the KV cache may take of free memory."""
    trained = _arch_int(metadata, "context_length") or 2048
    n_ctx = min(trained, max_context)
    free = free_memory if free_memory is not None else available_memory_bytes()
    if free:
        fits = int(free * _KV_MEMORY_SHARE) // max(1, kv_bytes_per_token(metadata))
        n_ctx = min(n_ctx, fits)
    # Multiples of 256 keep llama.cpp's buffers aligned; never below a usable minimum.
    return max(512, n_ctx // 256 * 256)
