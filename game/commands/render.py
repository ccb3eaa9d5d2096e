"""``voxroom render``: draw a scene to a PNG offscreen (EGL), without opening a window."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``render`` sub-command."""
    p = sub.add_parser("render", help="render a scene to a PNG without a window (headless)")
    p.add_argument("--scene", default="default", help="scene name in assets/scenes or a .toml path")
    p.add_argument("--out", required=True, help="PNG file to write")
    p.add_argument("--size", default="1280x720", help="image size WxH (default 1280x720)")
    p.add_argument("--camera", default="", help="x,y,z,yaw,pitch (default: the scene's spawn point)")
    p.add_argument("--time", type=float, default=0.0, help="simulated seconds before the picture (animation)")
    p.add_argument(
        "--msaa", type=int, default=4, choices=(0, 2, 4), help="multisample anti-aliasing (default 4)"
    )
    p.add_argument("--no-shadows", action="store_true", help="skip the shadow map")
    p.add_argument("--caption", default="", help="draw this caption in the HUD")
    p.set_defaults(handler=_render)


def _render(args: argparse.Namespace) -> int:
    from pathlib import Path

    from game.app import parse_size
    from game.errors import UserError
    from game.render.context import GLUnavailable, create_headless_context
    from game.render.offscreen import OffscreenView, write_png
    from game.render.overlay import HudState
    from game.render.shaders import ShaderError
    from game.sim.camera import Camera, parse_camera
    from game.sim.scene import SceneError, load_scene
    from game.sim.world import World

    size = parse_size(args.size)
    try:
        scene = load_scene(args.scene)
    except SceneError as exc:
        raise UserError(str(exc)) from None
    try:
        camera = parse_camera(args.camera) if args.camera else None
    except ValueError as exc:
        raise UserError(str(exc)) from None
    if camera is None:
        camera = Camera(position=scene.spawn.position, yaw=scene.spawn.yaw, pitch=scene.spawn.pitch)
    if args.time < 0:
        raise UserError("--time must be zero or positive seconds")
    try:
        ctx = create_headless_context()
    except GLUnavailable as exc:
        raise UserError(str(exc)) from None
    world = World(scene)
    world.advance(args.time)
    try:
        view = OffscreenView(ctx, size, args.msaa)
        hud = HudState(caption=args.caption) if args.caption else None
        view.render(world, camera, hud, shadows=not args.no_shadows)
    except ShaderError as exc:
        raise UserError(f"{exc} (fix the shader file, or restore it from git)") from None
    out = Path(args.out)
    try:
        write_png(view.pixels(), out)
    except Exception as exc:  # pygame.error for unwritable paths / unknown formats
        raise UserError(
            f"{out}: cannot write the image ({exc}); check the folder exists and ends in .png"
        ) from None
    print(f"wrote {out} ({size[0]}x{size[1]}, {scene.name})")
    return 0
