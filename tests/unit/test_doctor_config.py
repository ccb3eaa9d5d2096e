"""``voxroom doctor``'s config line: where the file is, its first problem, the mods it enables."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.commands.doctor import check_config


def test_config_line_reports_problems_and_mods(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("VOXROOM_CONFIG", str(path))
    assert check_config().status == "ok" and "not written yet" in check_config().detail
    path.write_text('[mods]\nenabled = ["cafe", "quiz"]\n', encoding="utf-8")
    line = check_config()
    assert line.status == "ok" and "mods enabled: cafe, quiz" in line.detail
    path.write_text("[display]\ntext_size = 90\nbogus = 1\n", encoding="utf-8")
    line = check_config()
    assert line.status == "warn" and "text_size = 90" in line.detail and "(+1 more)" in line.detail
    path.write_text("not [toml", encoding="utf-8")
    line = check_config()
    assert line.status == "warn" and "unreadable" in line.detail
    assert path.read_text(encoding="utf-8") == "not [toml"  # doctor never moves the file aside
