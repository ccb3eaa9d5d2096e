from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pygame
import pytest

from tests.e2e.cli import voxroom


def _load_png(path: Path) -> np.ndarray:
    surf = pygame.image.load(str(path))
    return pygame.surfarray.array3d(surf).transpose(1, 0, 2).astype(np.int32)


def test_help_lists_commands_and_every_command_has_help() -> None:
    out = voxroom("--help")
    assert out.returncode == 0
    for command in ("run", "render", "doctor", "bench"):
        assert command in out.stdout
        sub = voxroom(command, "--help")
        assert sub.returncode == 0 and "usage:" in sub.stdout


def test_render_writes_a_png_that_shows_the_scene(tmp_path: Path, gl_ctx: Any) -> None:
    out = tmp_path / "room.png"
    result = voxroom(
        "render",
        "--scene",
        "default",
        "--out",
        str(out),
        "--size",
        "320x180",
        "--camera",
        "1.6,1.4,-0.6,0,-30",
    )
    assert result.returncode == 0, result.stderr
    img = _load_png(out)
    assert img.shape == (180, 320, 3)
    assert img.std() > 10, "not a blank image"
    red = (img[..., 0] > 120) & (img[..., 1] < 60) & (img[..., 2] < 60)
    assert red.sum() > 50, "the red box on the table is visible"


def test_render_bad_input_is_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[scene]\nname = "x"\n[room]\nsize = [5, 3, 5]\n'
        '[[props]]\nname = "a"\ntype = "dragon"\nposition = [0, 0, 0]\n'
    )
    cases = [
        (("--scene", str(bad)), "props[0].type: unknown prop type 'dragon'"),
        (("--scene", "nowhere"), "no such scene"),
        (("--size", "huge"), "must look like 1280x720"),
        (("--camera", "1,2"), "x,y,z,yaw,pitch"),
    ]
    for extra, words in cases:
        result = voxroom("render", "--out", str(tmp_path / "x.png"), *extra)
        assert result.returncode == 2, result.stderr
        lines = [line for line in result.stderr.splitlines() if line.startswith("voxroom: error:")]
        assert len(lines) == 1 and words in lines[0], result.stderr
        assert "Traceback" not in result.stderr


def test_doctor_reports_gl_and_exits_zero() -> None:
    result = voxroom("doctor")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "opengl" in result.stdout and "OpenGL" in result.stdout
    for name in ("audio out", "microphone", "espeak-ng", "vosk", "pocketsphinx"):
        assert name in result.stdout


@pytest.mark.slow
def test_window_runs_frames_and_saves_screenshot(tmp_path: Path, gl_ctx: Any) -> None:
    """The real pygame OpenGL window (SDL's offscreen driver without a display)."""
    shot = tmp_path / "window.png"
    result = voxroom("run", "--frames", "10", "--size", "320x180", "--screenshot", str(shot), timeout=120)
    assert result.returncode == 0, result.stderr
    img = _load_png(shot)
    assert img.shape == (180, 320, 3) and img.std() > 10
    assert img[60:120, 100:220].mean() > 40, "the room reaches the window (not only the HUD)"
    # The HUD's "F1 help" hint sits in the top-right corner.
    assert np.abs(np.diff(img[5:25, 260:320].astype(np.int32), axis=1)).sum() > 500


def test_bench_render_writes_json(tmp_path: Path, gl_ctx: Any) -> None:
    import json

    out = tmp_path / "render.json"
    result = voxroom("bench", "render", "--sizes", "160x90", "--frames", "10", "--out", str(out))
    assert result.returncode == 0, result.stderr
    doc = json.loads(out.read_text())
    entry = doc["results"]["sizes"]["160x90"]
    assert entry["full"]["samples"] >= 10 and entry["full"]["median_ms"] > 0
    assert 0 < entry["full_vs_bare_fps_ratio"] <= 2


def test_render_posing_options(tmp_path: Path, gl_ctx: Any) -> None:
    out = tmp_path / "pose.png"
    ok = voxroom(
        "render",
        "--out",
        str(out),
        "--size",
        "320x180",
        "--pose",
        "Ada:wave",
        "--viseme",
        "Bo:aa",
        "--emotion",
        "Cleo:happy",
        "--time",
        "0.5",
    )
    assert ok.returncode == 0, ok.stderr
    assert _load_png(out).std() > 10
    for option, value, words in (
        ("--pose", "Ada:moonwalk", "unknown gesture 'moonwalk'"),
        ("--viseme", "Ada:zz", "unknown viseme 'zz'"),
        ("--emotion", "Ada:smug", "unknown emotion 'smug'"),
        ("--pose", "Zed:wave", "no avatar called 'Zed'"),
        ("--pose", "wave", "must look like NPC:NAME"),
    ):
        bad = voxroom("render", "--out", str(tmp_path / "x.png"), "--size", "64x64", option, value)
        assert bad.returncode == 2, bad.stderr
        assert words in bad.stderr and "Traceback" not in bad.stderr


def test_render_sheet_writes_the_contact_sheet(tmp_path: Path, gl_ctx: Any) -> None:
    out = tmp_path / "sheet.png"
    result = voxroom("render", "--sheet", str(out), "--npc", "Bo", "--msaa", "0")
    assert result.returncode == 0, result.stderr
    image = _load_png(out)
    assert image.shape == (1000, 1200, 3) and image.std() > 20
    assert out.stat().st_size < 300_000, "small enough to keep in docs/"
    missing = voxroom("render", "--size", "64x64")
    assert missing.returncode == 2 and "--out" in missing.stderr
