"""Whether a GGUF model suits this machine: memory it needs, tokens per second it reaches.

A bigger model is only better if it answers in time. ``voxroom models list`` shows both
figures for every curated model, and the brain factory uses the same two checks before
it lets a fetched model speak: one that would not fit in the memory available now, or
that decodes slower than :data:`MIN_TOKENS_PER_S`, gives way to the bundled SmolLM2.

The memory figure is a rule of thumb, not a measurement: the file is mapped whole, the
runtime adds about a fifth on top, and the KV cache of a 1,024-token context is at most
a couple of hundred MB for these models (:data:`CONTEXT_BYTES`). The speed figure is
measured: a short greedy generation, timed from the first token to the last so the
prompt and the load are not counted.
"""

from __future__ import annotations

import importlib
import os
import time
from pathlib import Path
from typing import Any

OVERHEAD = 1.2
"""Model memory as a multiple of the file size (weights plus runtime buffers)."""
CONTEXT_BYTES = 256 * 2**20
"""Room for the KV cache and scratch buffers of the brain's 1,024-token context."""
MIN_TOKENS_PER_S = 5.0
"""Below this, a two-sentence reply (about 30 tokens) misses the brain's 3 s budget on most turns."""
PROBE_TOKENS = 16
PROBE_SECONDS = 4.0
PROBE_PROMPT = "Once upon a time, in a small village by the sea, there lived"
"""Plain text to continue: any model keeps going for the probe's few tokens (a chat turn may just end)."""
MEMINFO = Path("/proc/meminfo")


def mem_available(meminfo: Path = MEMINFO) -> int | None:
    """Bytes the kernel says can be used without swapping (``MemAvailable``); None off Linux."""
    try:
        for line in meminfo.read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def memory_needed(file_bytes: int) -> int:
    """Roughly what loading a GGUF of ``file_bytes`` takes: file × 1.2 + the context."""
    return int(file_bytes * OVERHEAD) + CONTEXT_BYTES


def fits(file_bytes: int, available: int | None) -> bool | None:
    """True/False when the available memory is known, None when it is not (not Linux)."""
    return None if available is None else memory_needed(file_bytes) <= available


def too_big(path: Path, available: int | None) -> str:
    """Why ``path`` should not be loaded now ('' when it fits or memory is unknown)."""
    need = memory_needed(path.stat().st_size)
    if available is None or need <= available:
        return ""
    return f"{path.name} needs about {gib(need)} of memory and {gib(available)} is available"


def gib(n: int) -> str:
    """Bytes as ``1.2 GiB`` (or MiB under one GiB), for one-line messages."""
    return f"{n / 2**30:.1f} GiB" if n >= 2**30 else f"{n / 2**20:.0f} MiB"


def llama_cpp_module() -> Any:
    """llama-cpp-python, imported late (the ``[llm]`` extra is optional); ImportError when missing."""
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")  # do not spin on a 2-core machine that also renders
    return importlib.import_module("llama_cpp")


def gpu_layers(llama_cpp: Any) -> int:
    """All layers to the GPU when llama.cpp was built with CUDA/Metal/Vulkan/…, else none.

    ``-1`` asks llama.cpp to offload every layer; a CPU-only build reports no offload
    support, and 0 keeps it from trying. How to build with a GPU: docs/mind.md.
    """
    supports = getattr(llama_cpp, "llama_supports_gpu_offload", None)
    return -1 if supports is not None and bool(supports()) else 0


def probe(llm: Any, tokens: int = PROBE_TOKENS, seconds: float = PROBE_SECONDS) -> float:
    """Tokens per second of a short greedy generation on an already loaded ``llama_cpp.Llama``.

    Timed from the first token to the last, so prompt evaluation is not counted; stops
    after ``seconds`` so a model too slow to use is found out quickly. Resets the
    model's KV state afterwards.
    """
    first = last = 0.0
    count = 0
    stream = llm.create_completion(PROBE_PROMPT, max_tokens=tokens, temperature=0.0, stream=True)
    try:
        for _chunk in stream:
            last = time.perf_counter()
            if count == 0:
                first = last
            count += 1
            if last - first > seconds:
                break
    finally:
        if hasattr(stream, "close"):
            stream.close()
        llm.reset()
    if count < 2 or last <= first:
        return 0.0
    return (count - 1) / (last - first)


def probe_file(path: Path, n_threads: int = 1) -> float:
    """Load ``path`` as the brain would (same threads, GPU offload) and :func:`probe` it."""
    llama_cpp = llama_cpp_module()
    llm = llama_cpp.Llama(
        model_path=str(path),
        n_ctx=256,
        n_threads=n_threads,
        n_threads_batch=n_threads,
        n_gpu_layers=gpu_layers(llama_cpp),
        verbose=False,
    )
    try:
        return probe(llm)
    finally:
        close = getattr(llm, "close", None)
        if close is not None:
            close()


def estimate(reference_tps: float, reference_bytes: int, file_bytes: int) -> float:
    """Tokens per second of a model not yet here, scaled from a measured one by file size.

    Decoding on a CPU is bound by memory bandwidth: every token reads all the weights,
    so speed falls about in proportion to the file's size.
    """
    return reference_tps * reference_bytes / max(file_bytes, 1)
