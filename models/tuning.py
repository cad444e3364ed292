"""Settings chosen for this machine and this model, and the ones a person may change per model."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from models.gguf_info import GgufFacts
from models.machine import MachineFacts

# Longer prompts are slow on a CPU and long conversations are folded anyway.
MAX_CONTEXT = 8192
# The KV cache may take at most this share of the memory left once the weights are in.
_KV_SHARE = 0.5


@dataclass(frozen=True)
class ModelSettings:
    """What a person may change for each model (Models page); everything else is chosen for them."""

    temperature: float = 0.7
    top_p: float = 0.9
    n_ctx: int = 4096
    max_tokens: int = 384
    repeat_penalty: float = 1.1

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    def with_overrides(self, overrides: dict[str, Any] | None) -> ModelSettings:
        if not overrides:
            return self
        known = {k: type(getattr(self, k))(v) for k, v in overrides.items() if hasattr(self, k) and v is not None}
        return replace(self, **known)


@dataclass(frozen=True)
class RuntimeSettings:
    """How llama.cpp runs on this machine."""

    n_threads: int
    n_batch: int
    n_gpu_layers: int


def recommend_runtime(facts: GgufFacts, machine: MachineFacts) -> RuntimeSettings:
    """Threads: physical cores (hyper-threads slow decoding down). Batch: 512 (llama.cpp's sweet spot
    for prompt reading on a CPU), halved when memory is short because the compute buffers scale with
    it. GPU layers: all of them when this build can offload, else none. Threads: see below."""
    n_batch = 512
    if machine.available_memory and facts.memory_needed(2048, 512) > machine.available_memory:
        n_batch = 256
    layers = (facts.block_count + 1) if machine.gpu_offload and facts.block_count else 0
    # llama.cpp's threads wait for each other at every step: one thread that shares its core with
    # another busy process stalls them all (bench/models.py measured decode 35 -> 0.3 tokens/s with
    # 2 threads on 2 cores under a load of ~12). So on a machine already saturated by other work, leave
    # out the excess. Only then: an ordinary load (the app's own start-up, a browser) is no reason to
    # give up a core for the whole session (bench/chat.py: 1 thread instead of 2 at load 2 cost a
    # third of the decode speed).
    cores = machine.physical_cores
    excess = machine.load_average - cores
    threads = max(1, cores - int(excess + 0.5)) if machine.load_average >= 1.5 * cores else cores
    return RuntimeSettings(n_threads=max(1, threads), n_batch=n_batch, n_gpu_layers=layers)


def recommend_context(facts: GgufFacts, machine: MachineFacts) -> int:
    """The trained context capped at MAX_CONTEXT and by the memory the KV cache may take."""
    n_ctx = min(facts.context_length or 2048, MAX_CONTEXT)
    if machine.available_memory:
        room = max(0, machine.available_memory - facts.memory_needed(0)) * _KV_SHARE
        n_ctx = min(n_ctx, int(room) // max(1, facts.kv_bytes_per_token()))
    return max(512, n_ctx // 256 * 256)


def recommend_settings(facts: GgufFacts, machine: MachineFacts, temperature: float | None = None,
                       top_p: float | None = None, repeat_penalty: float | None = None,
                       max_tokens: int | None = None) -> ModelSettings:
    """The per-model defaults ("reset to recommended" restores these); sampling values come from the
    recommended-models entry when the file is one of them."""
    base = ModelSettings()
    return replace(base, n_ctx=recommend_context(facts, machine),
                   temperature=base.temperature if temperature is None else temperature,
                   top_p=base.top_p if top_p is None else top_p,
                   repeat_penalty=base.repeat_penalty if repeat_penalty is None else repeat_penalty,
                   max_tokens=base.max_tokens if max_tokens is None else max_tokens)
