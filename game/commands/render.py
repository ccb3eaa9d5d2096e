"""``voxroom render``: draw a scene to a PNG offscreen (EGL), without opening a window."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from game.sim.camera import Camera
    from game.sim.world import World


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``render`` sub-command."""
    p = sub.add_parser("render", help="render a scene to a PNG without a window (headless)")
    p.add_argument("--scene", default="default", help="scene name in assets/scenes or a .toml path")
    p.add_argument("--out", default="", help="PNG file to write")
    p.add_argument(
        "--sheet",
        default="",
        metavar="OUT.png",
        help="write a contact sheet of every viseme, emotion and gesture of one NPC (--npc) instead",
    )
    p.add_argument("--npc", default="", help="the NPC of --sheet (default: the scene's first)")
    p.add_argument("--size", default="1280x720", help="image size WxH (default 1280x720)")
    p.add_argument("--camera", default="", help="x,y,z,yaw,pitch (default: the scene's spawn point)")
    p.add_argument("--time", type=float, default=0.0, help="simulated seconds before the picture (animation)")
    p.add_argument(
        "--msaa", type=int, default=4, choices=(0, 2, 4), help="multisample anti-aliasing (default 4)"
    )
    p.add_argument("--no-shadows", action="store_true", help="skip the shadow map")
    p.add_argument("--caption", default="", help="draw this caption in the HUD")
    p.add_argument("--no-labels", action="store_true", help="hide name tags and speech bubbles")
    p.add_argument(
        "--pose",
        action="append",
        default=[],
        metavar="NPC:GESTURE",
        help="start a gesture (wave, nod, shake_head, shrug, point, think, sit, walk); repeatable",
    )
    p.add_argument(
        "--viseme",
        action="append",
        default=[],
        metavar="NPC:VISEME",
        help="hold a mouth shape (sil, PP, FF, TH, DD, kk, CH, SS, nn, RR, aa, E, ih, oh, ou); repeatable",
    )
    p.add_argument(
        "--emotion",
        action="append",
        default=[],
        metavar="NPC:EMOTION",
        help="neutral, happy, sad, angry, surprised or thinking; repeatable",
    )
    p.add_argument(
        "--look-at", default="", metavar="x,y,z", help="every NPC looks at this point (default: the camera)"
    )
    p.set_defaults(handler=_render)


def _render(args: argparse.Namespace) -> int:
    from pathlib import Path

    from game.errors import UserError
    from game.render.context import GLUnavailable, create_headless_context, parse_size
    from game.render.labels import avatar_labels
    from game.render.offscreen import OffscreenView
    from game.render.overlay import HudState
    from game.render.shaders import ShaderError
    from game.sim.camera import Camera, parse_camera
    from game.sim.scene import SceneError, load_scene
    from game.sim.world import World

    if not args.out and not args.sheet:
        raise UserError("say where to write the picture: --out FILE.png (or --sheet FILE.png)")
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
    from game.mind.persona import appearances_for

    looks, problems = appearances_for(scene)
    for problem in problems:
        print(f"voxroom: warning: {problem}", file=sys.stderr)
    if args.sheet:
        return _sheet(ctx, scene, looks, args)
    try:
        world = posed_world(World(scene, looks), args, camera)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    try:
        view = OffscreenView(ctx, size, args.msaa)
        tags, bubbles = ((), ()) if args.no_labels else avatar_labels(world, camera, size)
        hud = HudState(caption=args.caption, labels=tags, bubbles=bubbles)
        view.render(world, camera, hud, shadows=not args.no_shadows)
    except ShaderError as exc:
        raise UserError(f"{exc} (fix the shader file, or restore it from git)") from None
    _write(view.pixels(), Path(args.out))
    print(f"wrote {args.out} ({size[0]}x{size[1]}, {scene.name})")
    return 0


def _write(pixels: Any, out: Path) -> None:
    from game.errors import UserError
    from game.render.offscreen import write_png

    try:
        write_png(pixels, out)
    except Exception as exc:  # pygame.error for unwritable paths / unknown formats
        raise UserError(
            f"{out}: cannot write the image ({exc}); check the folder exists and ends in .png"
        ) from None


def _sheet(ctx: Any, scene: Any, looks: Any, args: argparse.Namespace) -> int:
    """``--sheet``: every viseme, emotion and gesture of one NPC in a labelled grid."""
    from pathlib import Path

    from game.errors import UserError
    from game.render.sheet import contact_sheet

    npc = args.npc or (scene.npcs[0].name if scene.npcs else "")
    try:
        pixels = contact_sheet(ctx, scene, looks, npc, msaa=args.msaa)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    _write(pixels, Path(args.sheet))
    h, w, _ = pixels.shape
    print(f"wrote {args.sheet} ({w}x{h}, {npc} in {scene.name})")
    return 0


def _pairs(values: list[str], option: str) -> list[tuple[str, str]]:
    out = []
    for value in values:
        name, sep, what = value.partition(":")
        if not sep or not name or not what:
            raise ValueError(f"{option} {value!r} must look like NPC:NAME, e.g. Ada:wave")
        out.append((name, what))
    return out


def posed_world(world: World, args: argparse.Namespace, camera: Camera) -> World:
    """``world`` posed as the options say and run forward to ``--time`` (ValueError on bad names).

    Gestures need time to play (a second by default); held visemes and emotions show at
    once, so ``--time 0`` pictures them as asked.
    """
    apply_posing(world, args, camera)
    world.advance(args.time if args.time > 0 else (1.0 if args.pose else 0.0))
    return world


def apply_posing(world: object, args: argparse.Namespace, camera: object) -> None:
    """Apply --pose/--viseme/--emotion/--look-at to a world's animator (ValueError on bad names)."""
    from game.sim.camera import Camera
    from game.sim.world import World

    assert isinstance(world, World) and isinstance(camera, Camera)
    animator = world.animator
    target = camera.position
    if args.look_at:
        try:
            x, y, z = (float(v) for v in args.look_at.split(","))
        except ValueError:
            raise ValueError(f"--look-at {args.look_at!r} must be x,y,z") from None
        target = (x, y, z)
    for avatar in animator.avatars:
        animator.look_at(avatar.name, target)
    for name, gesture in _pairs(args.pose, "--pose"):
        if gesture == "sit":
            animator.sit(name)
        elif gesture == "walk":
            a = animator.get(name)
            animator.walk_to(name, a.position[0], a.position[2] - 5.0)
        else:
            animator.play(name, gesture, at=target)
    for name, viseme in _pairs(args.viseme, "--viseme"):
        animator.hold_viseme(name, viseme)
    for name, emotion in _pairs(args.emotion, "--emotion"):
        animator.set_emotion(name, emotion, instant=True)
    # Pose the skeleton now: without this, ``--time 0`` drew the pose from before the
    # posing (a held viseme looked exactly like ``sil``).
    animator.update(0.0)
