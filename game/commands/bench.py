"""``voxroom bench …``: benchmarks that write JSON results (one module per area)."""

from __future__ import annotations

import argparse
import importlib

BENCH_MODULES = (
    "game.bench.render",
    "game.bench.hearing",
    "game.bench.speaking",
    "game.bench.mind",
    "game.bench.voice",
    "game.bench.understanding",
    "game.bench.turns",
    "game.bench.soak",
    "game.bench.startup",
    "game.bench.room",
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bench`` and one sub-command per benchmark module."""
    p = sub.add_parser("bench", help="run a benchmark and write JSON (render, …)")
    bench_sub = p.add_subparsers(dest="bench", metavar="BENCHMARK", required=True)
    for name in BENCH_MODULES:
        importlib.import_module(name).register(bench_sub)
