"""``voxroom bench render``: frame times of the default scene, full vs bare, side by side.

"Full" is what the app draws (shadow pass, lit pass, HUD); "bare" is the same
geometry lit without the shadow pass or HUD. Blocks of frames alternate between the
two so both see the same machine load, and the ratio of their medians is reported.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from game.bench import summarise_ms, write_result


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bench render``."""
    p = sub.add_parser("render", help="frames per second of a scene at 1280x720 and 640x360 (JSON)")
    p.add_argument("--scene", default="default", help="scene name or .toml path")
    p.add_argument("--sizes", default="1280x720,640x360", help="comma-separated WxH list")
    p.add_argument("--frames", type=int, default=120, help="frames per variant and size (default 120)")
    p.add_argument("--out", default="bench-results/render.json", help="JSON file to write")
    p.set_defaults(handler=run)


def _measure(view: Any, world: Any, camera: Any, hud: Any, shadows: bool, frames: int) -> list[float]:
    times = []
    for _ in range(frames):
        start = time.perf_counter()
        view.render(world, camera, hud, shadows=shadows)
        view.ctx.finish()
        times.append(time.perf_counter() - start)
    return times


def run(args: argparse.Namespace) -> int:
    """Run the render benchmark and print a summary."""
    from game.app import parse_size
    from game.errors import UserError
    from game.render.context import GLUnavailable, create_headless_context, describe
    from game.render.offscreen import OffscreenView
    from game.render.overlay import HudState
    from game.sim.camera import Camera
    from game.sim.scene import SceneError, load_scene
    from game.sim.world import World

    try:
        scene = load_scene(args.scene)
        ctx = create_headless_context()
    except (SceneError, GLUnavailable) as exc:
        raise UserError(str(exc)) from None
    world = World(scene)
    camera = Camera(position=scene.spawn.position, yaw=scene.spawn.yaw, pitch=scene.spawn.pitch)
    hud = HudState(
        top_left=("60 fps · 16.7 ms",), top_right=("F1 help",), caption="Ada: Hello! What can I do for you?"
    )
    results: dict[str, Any] = {"renderer": describe(ctx), "scene": scene.name, "sizes": {}}
    block = 10
    for size_text in args.sizes.split(","):
        size = parse_size(size_text.strip())
        view = OffscreenView(ctx, size)
        full: list[float] = []
        bare: list[float] = []
        _measure(view, world, camera, hud, True, 5)  # warm-up: compile, upload
        _measure(view, world, camera, None, False, 5)
        while len(full) < args.frames:
            full += _measure(view, world, camera, hud, True, block)
            bare += _measure(view, world, camera, None, False, block)
        view.release()
        f, b = summarise_ms(full), summarise_ms(bare)
        ratio = round(b["median_ms"] / f["median_ms"], 3)
        results["sizes"][size_text] = {"full": f, "bare": b, "full_vs_bare_fps_ratio": ratio}
        print(
            f"{size_text}: full {f['per_second']:.1f} fps (p99 {f['p99_ms']:.1f} ms), "
            f"bare {b['per_second']:.1f} fps, full/bare {ratio:.2f}"
        )
    write_result(Path(args.out), "render", results)
    print(f"wrote {args.out}")
    return 0
