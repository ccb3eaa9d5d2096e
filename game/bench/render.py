"""``voxroom bench render``: frame times of the default scene, full vs bare, side by side.

"Full" is what the app draws (shadow pass, lit pass, HUD); "bare" is the same
geometry lit without the shadow pass or HUD. Blocks of frames alternate between the
two so both see the same machine load, and the ratio of their medians is reported.
The camera turns a little every frame here, so the room is really redrawn each time
(a still camera reuses the cached static layer, see ``Renderer.draw``).

The avatar crowds are timed twice, side by side: with a still camera (the usual
case while talking: the room comes from the cache, only avatars are drawn) and with
a turning camera (everything redrawn, the worst case).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import Any

from game.bench import summarise_ms, write_result
from game.bench.crowd import animate_crowd, crowd, turning


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bench render``."""
    p = sub.add_parser("render", help="frames per second of a scene at 1280x720 and 640x360 (JSON)")
    p.add_argument("--scene", default="default", help="scene name or .toml path")
    p.add_argument("--sizes", default="1280x720,640x360", help="comma-separated WxH list")
    p.add_argument("--frames", type=int, default=120, help="frames per variant and size (default 120)")
    p.add_argument(
        "--avatars", default="", help="comma-separated avatar counts, e.g. 1,8,16,64 (animated, talking)"
    )
    p.add_argument(
        "--compare",
        default="",
        choices=("", "contact-shadows", "dynamic-resolution", "all"),
        help="time one option off and on, side by side, with the --avatars crowds (all: today vs now)",
    )
    p.add_argument(
        "--scale", type=float, default=0.0, help="3D scale while turning, for --compare (default: the app's)"
    )
    p.add_argument("--out", default="bench-results/render.json", help="JSON file to write")
    p.set_defaults(handler=run)


def _measure(view: Any, world: Any, camera: Any, hud: Any, shadows: bool, frames: int) -> list[float]:
    times = []
    for i in range(frames):
        start = time.perf_counter()
        view.render(world, turning(camera, i), hud, shadows=shadows)
        view.ctx.finish()
        times.append(time.perf_counter() - start)
    return times


def avatar_bench(ctx: Any, scene: Any, counts: list[int], sizes: list[str], frames: int) -> dict[str, Any]:
    """Frame time and animation CPU time for crowds of avatars."""
    from game.render.context import parse_size
    from game.render.dynamic_res import MOVING_SCALE
    from game.render.offscreen import OffscreenView
    from game.sim.camera import Camera
    from game.sim.world import World

    out: dict[str, Any] = {}
    camera = Camera(position=(0.0, 1.6, scene.room.size[2] / 2 - 0.3), yaw=0.0, pitch=-10.0)
    for count in counts:
        world = World(crowd(scene, count))
        animate_crowd(world)
        entry: dict[str, Any] = {}
        anim_times: list[float] = []
        for size_text in sizes:
            # One view each: a view caches its own static layer.
            views = [OffscreenView(ctx, parse_size(size_text)) for _ in range(2)]
            for view in views:  # as the app draws: 3D at a reduced scale while turning
                view.renderer.moving_scale = MOVING_SCALE
            still: list[float] = []
            moving: list[float] = []
            for i in range(frames + 5):
                # Alternate still and turning frames so both see the same machine load.
                for view, times, cam in ((views[0], still, camera), (views[1], moving, turning(camera, i))):
                    start = time.perf_counter()
                    world.animator.update(1 / 60, audio_clock=(i / 60) % 9.0)
                    mid = time.perf_counter()
                    view.render(world, cam)
                    view.ctx.finish()
                    if i >= 5:
                        times.append(time.perf_counter() - start)
                        anim_times.append(mid - start)
            for view in views:
                view.release()
            entry[size_text] = summarise_ms(still)
            entry[f"{size_text} turning"] = summarise_ms(moving)
        entry["animation_cpu"] = summarise_ms(anim_times)
        out[str(count)] = entry
        fps = ", ".join(
            f"{s} {entry[s]['per_second']:.1f} fps (turning {entry[s + ' turning']['per_second']:.1f})"
            for s in sizes
        )
        print(f"{count} avatars: {fps}; animation {entry['animation_cpu']['median_ms']:.2f} ms/frame")
    return out


def run(args: argparse.Namespace) -> int:
    """Run the render benchmark and print a summary."""
    from game.errors import UserError
    from game.render.context import GLUnavailable, create_headless_context, describe, parse_size
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
    from game.mind.persona import appearances_for

    world = World(scene, appearances_for(scene)[0])
    camera = Camera(position=scene.spawn.position, yaw=scene.spawn.yaw, pitch=scene.spawn.pitch)
    hud = HudState(
        top_left=("60 fps · 16.7 ms",), top_right=("F1 help",), caption="Ada: Hello! What can I do for you?"
    )
    if args.compare:
        return _compare(ctx, scene, args)
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
    if args.avatars:
        try:
            counts = [int(c) for c in args.avatars.split(",")]
        except ValueError:
            raise UserError(f"--avatars {args.avatars!r} must be numbers like 1,8,16,64") from None
        sizes = [s.strip() for s in args.sizes.split(",")]
        results["avatars"] = avatar_bench(ctx, scene, counts, sizes, max(10, args.frames // 2))
    write_result(Path(args.out), "render", results)
    print(f"wrote {args.out}")
    return 0


def _compare(ctx: Any, scene: Any, args: argparse.Namespace) -> int:
    """``--compare``: only the side-by-side crowd frames of one option (see render_compare.py)."""
    from game.bench.render_compare import compare
    from game.errors import UserError
    from game.render.dynamic_res import MOVING_SCALE

    try:
        counts = [int(c) for c in (args.avatars or "8").split(",")]
    except ValueError:
        raise UserError(f"--avatars {args.avatars!r} must be numbers like 1,8,16,64") from None
    sizes = [s.strip() for s in args.sizes.split(",")]
    scale = args.scale or MOVING_SCALE
    result = compare(ctx, scene, args.compare, counts, sizes, max(10, args.frames // 2), scale)
    write_result(Path(args.out), "render-compare", result)
    print(f"wrote {args.out}")
    return 0
