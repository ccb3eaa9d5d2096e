"""Benchmarks behind ``voxroom bench …``; each writes a JSON result file.

The machine is shared and noisy, so every benchmark measures the variants it
compares side by side in one run (interleaved) and reports medians and ratios.
"""

from __future__ import annotations

import json
import platform
import statistics
import time
from pathlib import Path
from typing import Any


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100) of a non-empty list."""
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100.0 * (len(ordered) - 1))))
    return ordered[index]


def summarise_ms(seconds: list[float]) -> dict[str, float]:
    """Median, p95, p99 in milliseconds and the median-based rate per second."""
    ms = [s * 1000.0 for s in seconds]
    median = statistics.median(ms)
    return {
        "median_ms": round(median, 3),
        "p95_ms": round(percentile(ms, 95), 3),
        "p99_ms": round(percentile(ms, 99), 3),
        "per_second": round(1000.0 / median, 2) if median > 0 else 0.0,
        "samples": len(ms),
    }


def write_result(path: Path, name: str, results: dict[str, Any]) -> dict[str, Any]:
    """Write a benchmark result with machine context; returns the full document."""
    doc = {
        "benchmark": name,
        "when": time.strftime("%Y-%m-%dT%H:%M:%S"),
        "machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine()},
        "results": results,
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")
    return doc
