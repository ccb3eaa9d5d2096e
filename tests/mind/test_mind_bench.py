"""The mind benchmark runs end to end and writes its JSON (small round count; figures are not asserted)."""

from __future__ import annotations

import json
from pathlib import Path

from game.bench.mind import run_mind_bench


def test_bench_writes_results(tmp_path: Path) -> None:
    out = tmp_path / "mind.json"
    results = run_mind_bench(out, rounds=1, llm=False)
    saved = json.loads(out.read_text())
    assert saved == results
    default = results["default_brain"]
    assert default["replies"] >= 20 and 0 < default["reply_p50_ms"] <= default["reply_p95_ms"]
    assert default["rss_mb"] > 0
