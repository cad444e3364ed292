"""Facts about this machine that decide thread count and context size."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


def physical_cores() -> int:
    """Physical cores (llama.cpp gains nothing from hyper-threads and defaults to half the logical
    CPUs, which is one thread on a 2-core laptop)."""
    try:
        pairs = set()
        phys = core = None
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            key = key.strip()
            if key == "physical id":
                phys = value.strip()
            elif key == "core id":
                core = value.strip()
            elif not line.strip():
                if core is not None:
                    pairs.add((phys, core))
                phys = core = None
        if core is not None:
            pairs.add((phys, core))
        if pairs:
            return max(1, len(pairs))
    except OSError:
        pass
    return max(1, os.cpu_count() or 1)


def available_memory_bytes() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def total_memory_bytes() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        return os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return None


def gpu_offload_supported() -> bool:
    """Whether this llama.cpp build can put layers on a GPU (CUDA, Metal, Vulkan...)."""
    try:
        import llama_cpp

        return bool(llama_cpp.llama_supports_gpu_offload())
    except (ImportError, AttributeError, OSError):
        return False


@dataclass(frozen=True)
class MachineFacts:
    physical_cores: int
    total_memory: int | None
    available_memory: int | None
    gpu_offload: bool
    load_average: float = 0.0  # runnable processes over the last minute (others' work competing for cores)


def _load_average() -> float:
    try:
        return os.getloadavg()[0]
    except (OSError, AttributeError):
        return 0.0


def machine_facts() -> MachineFacts:
    return MachineFacts(physical_cores(), total_memory_bytes(), available_memory_bytes(), gpu_offload_supported(),
                        _load_average())
