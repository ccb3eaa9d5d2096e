"""``bench render --compare NAME``: one render option off and on, side by side in one run.

The machine is shared and noisy, so a figure from yesterday's run says little next to
one from today's. Here the four views (off/on × still/turning camera) take turns frame
by frame, so every variant sees the same load, and the ratio of medians is what counts.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from game.bench import summarise_ms

Setter = Callable[[Any, bool, float], None]


def _contact(renderer: Any, on: bool, scale: float) -> None:
    renderer.contact_shadows = on
    renderer.moving_scale = 1.0


def _dynamic(renderer: Any, on: bool, scale: float) -> None:
    renderer.contact_shadows = True
    renderer.moving_scale = scale if on else 1.0


def _both(renderer: Any, on: bool, scale: float) -> None:
    renderer.contact_shadows = on
    renderer.moving_scale = scale if on else 1.0


OPTIONS: dict[str, Setter] = {
    "contact-shadows": _contact,  # off: today's frame; on: with contact shadows (no dynamic resolution)
    "dynamic-resolution": _dynamic,  # contact shadows in both; on: 3D at --scale while turning
    "all": _both,  # off: today's renderer; on: what the app draws now
}


def compare(
    ctx: Any, scene: Any, option: str, counts: list[int], sizes: list[str], frames: int, scale: float
) -> dict[str, Any]:
    """Median frame times of ``option`` off and on, still and turning, per crowd and size."""
    from game.bench.crowd import animate_crowd, crowd, turning
    from game.render.context import parse_size
    from game.render.offscreen import OffscreenView
    from game.sim.camera import Camera
    from game.sim.world import World

    setter = OPTIONS[option]
    out: dict[str, Any] = {"option": option, "scale": scale}
    camera = Camera(position=(0.0, 1.6, scene.room.size[2] / 2 - 0.3), yaw=0.0, pitch=-10.0)
    for count in counts:
        world = World(crowd(scene, count))
        animate_crowd(world)
        for size_text in sizes:
            views: dict[tuple[str, str], Any] = {}
            times: dict[tuple[str, str], list[float]] = {}
            for state in ("off", "on"):
                for motion in ("still", "turning"):
                    view = OffscreenView(ctx, parse_size(size_text))
                    setter(view.renderer, state == "on", scale)
                    views[(state, motion)], times[(state, motion)] = view, []
            for i in range(frames + 5):
                world.animator.update(1 / 60, audio_clock=(i / 60) % 9.0)
                for key, view in views.items():
                    cam = turning(camera, i) if key[1] == "turning" else camera
                    start = time.perf_counter()
                    view.render(world, cam)
                    view.ctx.finish()
                    if i >= 5:
                        times[key].append(time.perf_counter() - start)
            for view in views.values():
                view.release()
            entry: dict[str, Any] = {}
            for motion in ("still", "turning"):
                off, on = summarise_ms(times[("off", motion)]), summarise_ms(times[("on", motion)])
                ratio = round(on["median_ms"] / off["median_ms"], 3)
                entry[motion] = {"off": off, "on": on, "on_vs_off_time_ratio": ratio}
                print(
                    f"{count} avatars {size_text} {motion}: off {off['median_ms']:.1f} ms "
                    f"({off['per_second']:.0f} fps), on {on['median_ms']:.1f} ms "
                    f"({on['per_second']:.0f} fps), on/off time {ratio:.2f}"
                )
            out[f"{count} {size_text}"] = entry
    return out
