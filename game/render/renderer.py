"""Draw a :class:`~game.sim.world.World` with moderngl: shadow pass, lit pass, HUD.

Every primitive kind is one instanced draw (room shell and props in separate
instance buffers so only props cast shadows — the ceiling would otherwise shade the
whole room). Instance data is re-uploaded only when the world's revision changes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import moderngl
import numpy as np

from game.render.avatars import AvatarPass
from game.render.contact_shadows import ContactShadows
from game.render.dynamic_res import Upscaler, reduced_size
from game.render.meshes import unit_meshes
from game.render.shaders import ShaderLibrary
from game.sim.camera import Camera
from game.sim.scene import MAX_POINT_LIGHTS, Scene
from game.sim.transform import Mat4, look_at, orthographic
from game.sim.world import KINDS, DrawList, World

INSTANCE_FORMAT = "16f 3f 1f /i"
INSTANCE_ATTRS = ("in_model", "in_colour", "in_emissive")


def _set(program: moderngl.Program, name: str, value: Any) -> None:
    """Set a uniform if the (possibly reloaded) shader still uses it."""
    if name in program:
        member = program[name]
        if isinstance(value, (bytes, bytearray)):
            member.write(value)  # type: ignore[union-attr]
        else:
            member.value = value  # type: ignore[union-attr]


def _mat_bytes(m: Mat4) -> bytes:
    """Numpy row-major → GLSL column-major."""
    return np.ascontiguousarray(m.T, dtype=np.float32).tobytes()


def _linear(rgb: tuple[float, float, float], intensity: float = 1.0) -> tuple[float, float, float]:
    r, g, b = (c * c * intensity for c in rgb)  # gamma 2.0, as the shaders
    return (r, g, b)


class FrameTarget:
    """Where a frame is drawn: an offscreen framebuffer, optionally multisampled.

    The scene is always drawn into an offscreen ``draw_fbo`` with a depth buffer we
    own (so the static layer can be copied into it, depth included) and copied —
    resolving MSAA — into ``output`` (the window's screen or an offscreen
    framebuffer) by ``finish``; without MSAA an offscreen output is drawn into directly.
    Only colour goes to the screen: a blit of depth into the window's own depth
    buffer fails (formats differ) and would take the colour with it.
    """

    def __init__(
        self,
        ctx: moderngl.Context,
        size: tuple[int, int],
        msaa: int = 0,
        screen: bool = False,
        texture: bool = False,
    ) -> None:
        """``texture``: the output's colour is a texture (``colour_texture``) that can be sampled."""
        self.ctx, self.size, self.samples = ctx, size, msaa
        self._owned: list[Any] = []
        self._layer: moderngl.Framebuffer | None = None
        self.layer_key: tuple[object, ...] | None = None
        self.last_camera: Camera | None = None  # the camera of the last frame: moving or still
        self._reduced: FrameTarget | None = None
        self.colour_texture: moderngl.Texture | None = None
        if screen:
            self.output = ctx.screen
        else:
            colour: Any
            if texture:
                colour = self.colour_texture = ctx.texture(size, 4)
            else:
                colour = ctx.renderbuffer(size)
            depth = ctx.depth_renderbuffer(size)
            self.output = ctx.framebuffer(colour, depth)
            self._owned += [colour, depth, self.output]
        if msaa or screen:
            self.draw_fbo = self._framebuffer(msaa)
        else:
            self.draw_fbo = self.output
        # What finish() copies from: draw_fbo's colour alone (a blit skips buffers the
        # source lacks, so no depth is copied).
        self._present = ctx.framebuffer(self.draw_fbo.color_attachments)
        self._owned.append(self._present)

    def _framebuffer(self, samples: int) -> moderngl.Framebuffer:
        colour = self.ctx.renderbuffer(self.size, samples=samples)
        depth = self.ctx.depth_renderbuffer(self.size, samples=samples)
        fbo = self.ctx.framebuffer(colour, depth)
        self._owned += [colour, depth, fbo]
        return fbo

    def layer(self) -> moderngl.Framebuffer:
        """A framebuffer like ``draw_fbo`` (size, samples, depth) that the renderer caches into."""
        if self._layer is None:
            self._layer = self._framebuffer(self.samples)
        return self._layer

    def reduced(self, scale: float) -> FrameTarget:
        """A smaller target, its colour a texture, for frames drawn while the camera moves."""
        size = reduced_size(self.size, scale)
        if self._reduced is None or self._reduced.size != size:
            if self._reduced is not None:
                self._reduced.release()
            self._reduced = FrameTarget(self.ctx, size, texture=True)
        return self._reduced

    def finish(self) -> None:
        """Resolve multisampling into the output framebuffer."""
        if self.draw_fbo is not self.output:
            self.ctx.copy_framebuffer(self.output, self._present)

    def read_rgb(self) -> np.ndarray[Any, np.dtype[np.uint8]]:
        """The finished frame as an H×W×3 uint8 array, top row first."""
        w, h = self.size
        raw = self.output.read(components=3, alignment=1)
        return np.frombuffer(raw, dtype=np.uint8).reshape(h, w, 3)[::-1].copy()

    def release(self) -> None:
        """Free the GL objects this target created."""
        for obj in self._owned:
            obj.release()
        self._owned.clear()
        if self._reduced is not None:
            self._reduced.release()
        self._layer, self.layer_key, self._reduced = None, None, None


@dataclass
class _Batch:
    """GPU instance buffer for one primitive kind of one group (room or props)."""

    buffer: moderngl.Buffer
    count: int = 0


class Renderer:
    """Draws worlds; owns meshes, instance buffers, the shadow map and the programs."""

    def __init__(
        self, ctx: moderngl.Context, shaders: ShaderLibrary | None = None, shadow_size: int = 2048
    ) -> None:
        self.ctx = ctx
        self.shaders = shaders or ShaderLibrary(ctx)
        self.mesh_vbos = {kind: ctx.buffer(mesh.tobytes()) for kind, mesh in unit_meshes().items()}
        self.batches = {
            (group, kind): _Batch(ctx.buffer(reserve=80 * 64, dynamic=True))
            for group in ("room", "props")
            for kind in KINDS
        }
        self.shadow_size = shadow_size
        self.shadow_tex = ctx.depth_texture((shadow_size, shadow_size))
        self.shadow_tex.compare_func = "<="
        self.shadow_tex.filter = (moderngl.LINEAR, moderngl.LINEAR)
        self.shadow_fbo = ctx.framebuffer(depth_attachment=self.shadow_tex)
        self._vaos: dict[tuple[str, str, str], moderngl.VertexArray] = {}
        self._vao_generation = -1
        self._uploaded: tuple[int, int] | None = None
        self._shadow_key: tuple[object, ...] | None = None
        self._avatars: AvatarPass | None = None
        self._contact: ContactShadows | None = None
        self.contact_shadows = True  # soft shadows under avatars (bench render --compare turns it off)
        self.moving_scale = 1.0  # < 1: 3D at this scale while the camera moves (see dynamic_res.py)
        self._upscaler: Upscaler | None = None

    @property
    def avatars(self) -> AvatarPass:
        """The avatar pass, built on first use (its meshes take a moment to generate)."""
        if self._avatars is None:
            self._avatars = AvatarPass(self.ctx, self.shaders)
        return self._avatars

    # --- instance data --------------------------------------------------------------------
    def upload(self, world: World) -> None:
        """Send the world's instances to the GPU if it changed since the last upload."""
        key = (id(world.scene), world.revision)
        if key == self._uploaded:
            return
        self._upload_group("props", world.props_draw_list())
        self._upload_group("room", world.room_draw_list())
        self._uploaded = key

    def _upload_group(self, group: str, draw: DrawList) -> None:
        for kind in KINDS:
            n = len(draw.models[kind])
            batch = self.batches[(group, kind)]
            batch.count = n
            if n == 0:
                continue
            data = np.empty((n, 20), dtype=np.float32)
            data[:, :16] = draw.models[kind].transpose(0, 2, 1).reshape(n, 16)
            data[:, 16:19] = draw.colours[kind]
            data[:, 19] = draw.emissive[kind]
            raw = data.tobytes()
            if len(raw) > batch.buffer.size:
                batch.buffer.orphan(len(raw) * 2)
            batch.buffer.write(raw)

    def _vao(self, program_name: str, group: str, kind: str) -> moderngl.VertexArray:
        if self._vao_generation != self.shaders.generation:
            for vao in self._vaos.values():
                vao.release()
            self._vaos.clear()
            self._vao_generation = self.shaders.generation
        key = (program_name, group, kind)
        if key not in self._vaos:
            program = self.shaders.get(program_name)
            mesh_attrs = ["in_position"] + (["in_normal"] if "in_normal" in program else [])
            mesh_fmt = "3f 3f" if "in_normal" in program else "3f 12x"
            inst_attrs = [a for a in INSTANCE_ATTRS if a in program]
            inst_fmt = "16f 3f 1f /i" if len(inst_attrs) == 3 else "16f 16x /i"
            self._vaos[key] = self.ctx.vertex_array(
                program,
                [
                    (self.mesh_vbos[kind], mesh_fmt, *mesh_attrs),
                    (self.batches[(group, kind)].buffer, inst_fmt, *inst_attrs),
                ],
            )
        return self._vaos[key]

    # --- passes ---------------------------------------------------------------------------
    def light_view_proj(self, scene: Scene) -> Mat4:
        """Orthographic sun camera that covers the whole room."""
        sun = scene.sun
        direction = np.array(sun.direction if sun else (-0.3, -1.0, -0.2), dtype=np.float64)
        direction /= np.linalg.norm(direction)
        w, h, d = scene.room.size
        radius = 0.5 * math.sqrt(w * w + h * h + d * d)
        center = np.array([0.0, h / 2, 0.0])
        eye = center - direction * radius * 2.0
        view = look_at(tuple(eye), tuple(center))
        return orthographic(radius, radius, 0.1, radius * 4.0) @ view

    def _shadow_pass(self, light_vp: Mat4) -> None:
        self.shadow_fbo.use()
        self.shadow_fbo.clear(depth=1.0)
        program = self.shaders.get("shadow")
        _set(program, "u_light_view_proj", _mat_bytes(light_vp))
        for kind in KINDS:
            batch = self.batches[("props", kind)]
            if batch.count:
                self._vao("shadow", "props", kind).render(instances=batch.count)

    def draw(self, world: World, camera: Camera, target: FrameTarget, shadows: bool = True) -> None:
        """Render one frame of the world into ``target.draw_fbo``, smaller while the camera moves.

        With ``moving_scale`` below 1, a frame whose camera differs from the target's last
        one is drawn at that scale and stretched (see :mod:`game.render.dynamic_res`); a
        still camera is drawn at full size straight away.
        """
        moving = target.last_camera is not None and camera != target.last_camera
        target.last_camera = camera
        if not moving or self.moving_scale >= 1.0:
            self._draw_frame(world, camera, target, shadows)
            return
        small = target.reduced(self.moving_scale)
        self._draw_frame(world, camera, small, shadows)
        small.finish()
        if self._upscaler is None:
            self._upscaler = Upscaler(self.ctx, self.shaders)
        assert small.colour_texture is not None
        self._upscaler.draw(small.colour_texture, target.draw_fbo, target.size)
        target.layer_key = None  # the full-size layer is stale once the camera has moved

    def _draw_frame(self, world: World, camera: Camera, target: FrameTarget, shadows: bool) -> None:
        """Render one frame of the world into ``target.draw_fbo`` (call ``target.finish`` after the HUD).

        The room and props (the static layer) are drawn into the target's cache
        framebuffer only when the camera, the world or the shaders changed; otherwise
        last frame's colour and depth are copied, and only the avatars are drawn on
        top. On a software rasteriser that turns a full-screen lit pass into a copy
        while the user stands and talks, which is most of the time.
        """
        scene = world.scene
        self.upload(world)
        ctx = self.ctx
        sun = scene.sun
        use_shadows = bool(shadows and sun is not None and sun.shadows)
        light_vp = self.light_view_proj(scene)
        w, h = target.size
        view_proj = camera.projection(w / max(h, 1)) @ camera.view()
        key = (self._uploaded, camera, use_shadows, self.shaders.generation)
        if key != target.layer_key:
            layer = target.layer()
            self._draw_static(scene, camera, layer, (w, h), view_proj, light_vp, use_shadows)
            target.layer_key = key
        ctx.copy_framebuffer(target.draw_fbo, target.layer())
        target.draw_fbo.use()
        ctx.viewport = (0, 0, w, h)
        if world.animator.avatars and shadows and self.contact_shadows:
            if self._contact is None:
                self._contact = ContactShadows(ctx, self.shaders)
            self._contact.draw(world, target.draw_fbo, _mat_bytes(view_proj), sun.direction if sun else None)
        if world.animator.avatars:
            ctx.enable(moderngl.DEPTH_TEST | moderngl.CULL_FACE)
            self.avatars.draw(
                world,
                camera,
                view_proj,
                lambda p: self._set_lighting(p, scene, camera, view_proj, light_vp, use_shadows),
                viewport_height=h,
            )

    def _draw_static(
        self,
        scene: Scene,
        camera: Camera,
        fbo: moderngl.Framebuffer,
        size: tuple[int, int],
        view_proj: Mat4,
        light_vp: Mat4,
        shadows: bool,
    ) -> None:
        """The room shell and props, lit and shadowed, into ``fbo``."""
        ctx = self.ctx
        ctx.enable(moderngl.DEPTH_TEST | moderngl.CULL_FACE)
        # The shadow map depends only on the props and the sun, so it is redrawn only when
        # they change: on llvmpipe that saves a 2048² depth clear and raster every frame.
        shadow_key = (self._uploaded, scene.sun)
        if shadows and shadow_key != self._shadow_key:
            self._shadow_pass(light_vp)
            self._shadow_key = shadow_key
        fbo.use()
        ctx.viewport = (0, 0, *size)
        fog = _linear(scene.fog.colour)
        fbo.clear(red=fog[0] ** 0.5, green=fog[1] ** 0.5, blue=fog[2] ** 0.5)
        program = self.shaders.get("lit")
        self._set_lighting(program, scene, camera, view_proj, light_vp, shadows)
        for group in ("room", "props"):
            for kind in KINDS:
                batch = self.batches[(group, kind)]
                if batch.count:
                    self._vao("lit", group, kind).render(instances=batch.count)

    def _set_lighting(
        self,
        program: moderngl.Program,
        scene: Scene,
        camera: Camera,
        view_proj: Mat4,
        light_vp: Mat4,
        shadows: bool,
    ) -> None:
        sun = scene.sun
        ambient = scene.ambient
        _set(program, "u_view_proj", _mat_bytes(view_proj))
        _set(program, "u_light_view_proj", _mat_bytes(light_vp))
        _set(program, "u_camera", camera.position)
        _set(program, "u_ambient", _linear(ambient.colour, ambient.intensity))
        if sun is not None:
            d = np.array(sun.direction, dtype=np.float64)
            _set(program, "u_sun_dir", tuple(float(c) for c in d / np.linalg.norm(d)))
            _set(program, "u_sun_colour", _linear(sun.colour, sun.intensity))
        else:
            _set(program, "u_sun_dir", (0.0, -1.0, 0.0))
            _set(program, "u_sun_colour", (0.0, 0.0, 0.0))
        _set(program, "u_shadows", shadows)
        _set(program, "u_shadow_texel", 1.0 / self.shadow_size)
        if "u_shadow_map" in program:
            self.shadow_tex.use(location=0)
            _set(program, "u_shadow_map", 0)
        points = scene.point_lights[:MAX_POINT_LIGHTS]
        pos = np.zeros((MAX_POINT_LIGHTS, 3), dtype=np.float32)
        col = np.zeros((MAX_POINT_LIGHTS, 3), dtype=np.float32)
        rng = np.ones(MAX_POINT_LIGHTS, dtype=np.float32)
        for i, light in enumerate(points):
            pos[i], col[i], rng[i] = light.position, _linear(light.colour, light.intensity), light.range
        _set(program, "u_point_count", len(points))
        _set(program, "u_point_pos", pos.tobytes())
        _set(program, "u_point_colour", col.tobytes())
        _set(program, "u_point_range", rng.tobytes())
        _set(program, "u_fog_colour", _linear(scene.fog.colour))
        _set(program, "u_fog_density", scene.fog.density)
