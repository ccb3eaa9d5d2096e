"""Per-avatar animation state, updated for all avatars at once each simulation step.

An avatar has a locomotion layer (idle, walk, sit) cross-faded over
:data:`BLEND_SECONDS`, a gesture layer that owns a subset of bones while it plays,
look-at on the neck, head and eyes within anatomical limits, and a face (visemes on
the audio clock, emotions, blinks). The output is one skinning matrix per bone per
avatar, ready for the GPU.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from game.sim.anim import clips
from game.sim.anim.face import (
    EMOTION_MATRIX,
    EMOTIONS,
    VISEMES,
    Blinker,
    VisemeTimeline,
    check_emotion,
    check_viseme,
    linger_seconds,
    revealed_words,
)
from game.sim.anim.skeleton import (
    COUNT,
    INDEX,
    REST,
    Proportions,
    bind_inverse,
    body_scale,
    forward_kinematics,
    placement,
)
from game.sim.transform import angles_to

Array = npt.NDArray[np.float32]
Vec3 = tuple[float, float, float]
BLEND_SECONDS = 0.3
BASES = ("idle", "walk", "sit")
NECK_YAW, NECK_PITCH = math.radians(70), math.radians(35)
EYE_LIMIT = math.radians(25)
TURN_SPEED = 180.0  # degrees per second
J = INDEX


class AnimationError(ValueError):
    """Unknown avatar, gesture, viseme or emotion; the message lists what is known."""


@dataclass
class AvatarState:
    """What one avatar is doing; plain Python data, mutated only by :class:`Animator`."""

    name: str
    position: list[float]
    yaw: float
    proportions: Proportions
    blinker: Blinker
    base: str = "idle"
    speed: float = 1.2
    walk_target: tuple[float, float] | None = None
    face_target: float | None = None  # yaw to turn to in place
    phase: float = 0.0
    gesture: str | None = None
    gesture_start: float = 0.0
    point_at: Vec3 | None = None
    look_target: Vec3 | None = None
    emotion: str = "neutral"
    timeline: VisemeTimeline | None = None
    timeline_start: float = 0.0
    fixed_viseme: str | None = None
    time_offset: float = 0.0
    following: str | None = None
    status: str = ""  # "listening", "thinking" or "" — shown next to the name tag
    subtitle: str = ""  # what the avatar is saying, revealed word by word
    subtitle_until: float | None = None  # after the speech: the clock at which the bubble goes
    arrivals: int = 0  # walks that reached their target (not stopped, not following): for on_arrived
    route: list[tuple[float, float]] = field(default_factory=list)  # floor points still to walk through
    sit_facing: float | None = None  # at the end of the walk: turn to this yaw and sit (a seat)


class Animator:
    """All avatars of a room; :meth:`update` advances them, :meth:`skinning` reads them out."""

    def __init__(self) -> None:
        self.avatars: list[AvatarState] = []
        self.time = 0.0
        self.inv_bind = bind_inverse(REST)
        self._alloc(0)

    def _alloc(self, n: int) -> None:
        self.base_w = np.zeros((n, len(BASES)), dtype=np.float32)
        self.base_w[:, 0] = 1.0
        self.emotion_w = np.zeros((n, len(EMOTIONS)), dtype=np.float32)
        self.emotion_w[:, 0] = 1.0
        self.look = np.zeros((n, 2), dtype=np.float32)
        self.world = np.zeros((n, COUNT, 4, 4), dtype=np.float32)
        self.pose = np.zeros((n, COUNT, 3), dtype=np.float32)  # last local Euler pose (for retargeting)
        self.roots = np.zeros((n, 4, 4), dtype=np.float32)  # last root placements
        self._scales = np.ones((n, COUNT, 3), dtype=np.float32)

    # --- roster ----------------------------------------------------------------------------
    def add(self, name: str, position: Vec3, yaw: float, proportions: Proportions | None = None) -> int:
        """Add an avatar; returns its index. Seeds its blinks from its name."""
        props = proportions or Proportions()
        seed = sum(ord(c) * (i + 1) for i, c in enumerate(name))
        self.avatars.append(
            AvatarState(name, list(position), yaw, props, Blinker(seed), time_offset=(seed % 97) / 13.0)
        )
        n = len(self.avatars)
        old = (self.base_w, self.emotion_w, self.look)
        self._alloc(n)
        if n > 1:
            self.base_w[:-1], self.emotion_w[:-1], self.look[:-1] = old
        self.update(0.0)
        return n - 1

    def remove(self, name: str) -> None:
        """Take an avatar out (mods can remove NPCs); the others keep their blend state."""
        i = self.index(name)
        del self.avatars[i]
        keep = [k for k in range(len(self.avatars) + 1) if k != i]
        old = (self.base_w[keep], self.emotion_w[keep], self.look[keep])
        self._alloc(len(self.avatars))
        self.base_w[:], self.emotion_w[:], self.look[:] = old
        self.update(0.0)

    def index(self, name: str) -> int:
        """Avatar index by name (case-insensitive)."""
        low = name.lower()
        for i, a in enumerate(self.avatars):
            if a.name.lower() == low:
                return i
        known = ", ".join(a.name for a in self.avatars) or "none"
        raise AnimationError(f"no avatar called {name!r}; avatars here: {known}")

    def get(self, name: str) -> AvatarState:
        """Avatar state by name."""
        return self.avatars[self.index(name)]

    # --- commands --------------------------------------------------------------------------
    def walk_to(self, name: str, x: float, z: float) -> None:
        """Walk to a floor point (turning first if it is behind)."""
        a = self.get(name)
        a.walk_target, a.base, a.route, a.sit_facing = (x, z), "walk", [], None

    def stop(self, name: str) -> None:
        """Stop walking or following and stand."""
        a = self.get(name)
        a.walk_target, a.following, a.base, a.route, a.sit_facing = None, None, "idle", [], None

    def stop_gesture(self, name: str) -> None:
        """End a gesture at once (the pose blends back to the base)."""
        a = self.get(name)
        a.gesture, a.point_at = None, None

    def sit(self, name: str, route: tuple[tuple[float, float], ...] = (), yaw: float = 0.0) -> None:
        """Sit down where the avatar stands, or walk ``route`` first and sit facing ``yaw`` (a seat)."""
        a = self.get(name)
        if not route:
            a.walk_target, a.base, a.route, a.sit_facing = None, "sit", [], None
            return
        a.walk_target, a.route, a.sit_facing = route[0], list(route[1:]), yaw
        a.base, a.following = "walk", None

    def turn_to(self, name: str, target: Vec3) -> None:
        """Turn the whole body in place to face a point."""
        a = self.get(name)
        dx, dz = target[0] - a.position[0], target[2] - a.position[2]
        a.face_target = math.degrees(math.atan2(-dx, -dz))

    def look_at(self, name: str, target: Vec3 | None) -> None:
        """Track a point with head and eyes (None: look ahead)."""
        self.get(name).look_target = target

    def play(self, name: str, gesture: str, at: Vec3 | None = None) -> None:
        """Play a one-shot gesture; ``at`` is the point for ``point``."""
        if gesture not in clips.GESTURES:
            raise AnimationError(f"unknown gesture {gesture!r}; known: {', '.join(clips.GESTURES)}")
        a = self.get(name)
        a.gesture, a.gesture_start, a.point_at = gesture, self.time, at

    def set_emotion(self, name: str, emotion: str, instant: bool = False) -> None:
        """Blend toward an emotion over :data:`BLEND_SECONDS`; ``instant`` skips the blend.

        A still picture (``voxroom render``, the contact sheet) has no time to blend in,
        so posing asks for the held expression at once.
        """
        try:
            canonical = check_emotion(emotion)
        except ValueError as exc:
            raise AnimationError(str(exc)) from None
        self.get(name).emotion = canonical
        if instant:
            row = self.index(name)
            self.emotion_w[row] = 0.0
            self.emotion_w[row, EMOTIONS.index(canonical)] = 1.0

    def speak(self, name: str, timeline: VisemeTimeline, start_clock: float) -> None:
        """Drive the mouth from ``timeline`` against the audio clock that starts at ``start_clock``."""
        a = self.get(name)
        a.timeline, a.timeline_start, a.subtitle_until = timeline, start_clock, None

    def stop_speaking(self, name: str) -> None:
        """Close the mouth and clear the subtitle (barge-in or end of speech)."""
        a = self.get(name)
        a.timeline, a.subtitle = None, ""

    def spoken_text(self, a: AvatarState, audio_clock: float | None) -> str:
        """The part of the subtitle already spoken; the whole of it once the clip has played.

        See :func:`~game.sim.anim.face.revealed_words` for why the reveal cannot lose the
        last word; after the speech the whole sentence stays for :func:`linger_seconds`.
        """
        clock = audio_clock if audio_clock is not None else self.time
        if a.subtitle_until is not None and clock >= a.subtitle_until:
            a.subtitle, a.subtitle_until = "", None
        if not a.subtitle or a.timeline is None:
            return a.subtitle
        words = a.subtitle.split()
        return " ".join(words[: revealed_words(a.timeline, clock - a.timeline_start, len(words))])

    def hold_viseme(self, name: str, viseme: str | None) -> None:
        """Freeze the mouth on one viseme (posing, tests); None releases it."""
        try:
            self.get(name).fixed_viseme = check_viseme(viseme) if viseme else None
        except ValueError as exc:
            raise AnimationError(str(exc)) from None

    # --- simulation ------------------------------------------------------------------------
    def _locomotion(self, a: AvatarState, dt: float) -> None:
        if a.walk_target is not None:
            dx, dz = a.walk_target[0] - a.position[0], a.walk_target[1] - a.position[2]
            dist = math.hypot(dx, dz)
            if dist < 0.08:  # there: on to the route's next point, or stand (or sit, at a seat)
                a.walk_target = a.route.pop(0) if a.route else None
                if a.walk_target is None:
                    seat, a.sit_facing = a.sit_facing, None
                    a.base, a.face_target = ("idle", a.face_target) if seat is None else ("sit", seat)
                    a.arrivals += int(a.following is None)
                return
            a.face_target = math.degrees(math.atan2(-dx, -dz))
            err = (a.face_target - a.yaw + 180.0) % 360.0 - 180.0
            step = a.speed * dt * max(0.0, math.cos(math.radians(min(abs(err), 90.0))))
            step = min(step, dist)
            a.position[0] += dx / dist * step
            a.position[2] += dz / dist * step
            a.phase += step / (2 * clips.STRIDE * a.proportions.height / 1.75)
            a.base = "walk"
        if a.face_target is not None:
            err = (a.face_target - a.yaw + 180.0) % 360.0 - 180.0
            turn = max(-TURN_SPEED * dt, min(TURN_SPEED * dt, err))
            a.yaw = (a.yaw + turn) % 360.0
            if a.walk_target is None:
                a.phase += abs(turn) / 360.0  # small steps while turning in place
            if abs(err) < 1.0 and a.walk_target is None:
                a.face_target = None

    def update(self, dt: float, audio_clock: float | None = None) -> None:
        """Advance every avatar by ``dt`` seconds; visemes follow ``audio_clock`` when given."""
        self.time += dt
        n = len(self.avatars)
        if n == 0:
            return
        for a in self.avatars:
            self._locomotion(a, dt)
        rate = min(1.0, dt / BLEND_SECONDS)
        target = np.zeros_like(self.base_w)
        target[np.arange(n), [BASES.index(a.base) for a in self.avatars]] = 1.0
        self.base_w += (target - self.base_w) * rate
        target_e = np.zeros_like(self.emotion_w)
        target_e[np.arange(n), [EMOTIONS.index(a.emotion) for a in self.avatars]] = 1.0
        self.emotion_w += (target_e - self.emotion_w) * rate

        t = np.array([self.time + a.time_offset for a in self.avatars], dtype=np.float32)
        phase = np.array([a.phase for a in self.avatars], dtype=np.float32)
        pose = np.zeros((n, COUNT, 3), dtype=np.float32)
        hip = np.zeros((n, 3), dtype=np.float32)
        for k, (p, h) in enumerate((clips.idle(t), clips.walk(phase), clips.sit(t))):
            w = self.base_w[:, k]
            if np.any(w > 1e-4):
                pose += p * w[:, None, None]
                hip += h * w[:, None]
        self._gestures(pose)
        self._look(pose, dt)
        face_offsets = self._face(pose, audio_clock)
        offsets = REST[None] + face_offsets
        offsets[:, 0] += hip
        root = placement(
            [a.position for a in self.avatars],
            [a.yaw for a in self.avatars],
            [body_scale(a.proportions) for a in self.avatars],
        )
        self.world = forward_kinematics(root, pose, offsets, self._scales)
        self.pose, self.roots = pose, root

    def _gestures(self, pose: Array) -> None:
        """Overlay gestures, one vectorised clip evaluation per gesture kind."""
        groups: dict[str, list[int]] = {}
        for i, a in enumerate(self.avatars):
            if a.gesture is not None:
                if self.time - a.gesture_start >= clips.GESTURE_SECONDS[a.gesture]:
                    a.gesture = None
                else:
                    groups.setdefault(a.gesture, []).append(i)
        for name, rows in groups.items():
            t = np.array([self.time - self.avatars[i].gesture_start for i in rows], dtype=np.float32)
            aim = np.concatenate([self._aim(self.avatars[i]) for i in rows]) if name == "point" else None
            g = clips.gesture(name, t, aim)
            w = clips.envelope(t, clips.GESTURE_SECONDS[name])[:, None, None]
            mask = clips.GESTURE_MASKS[name]
            idx = np.array(rows)[:, None]
            pose[idx, mask] += (g[:, mask] - pose[idx, mask]) * w

    def _aim(self, a: AvatarState) -> Array:
        if a.point_at is None:
            return np.zeros((1, 2), dtype=np.float32)
        chest = (a.position[0], a.position[1] + 1.35 * a.proportions.height / 1.75, a.position[2])
        yaw, pitch = angles_to(chest, a.yaw, a.point_at)
        return np.array([[yaw, pitch]], dtype=np.float32)

    def _look(self, pose: Array, dt: float) -> None:
        desired = np.zeros((len(self.avatars), 2), dtype=np.float32)
        for i, a in enumerate(self.avatars):
            if a.look_target is not None:
                head = (a.position[0], a.position[1] + 1.62 * a.proportions.height / 1.75, a.position[2])
                desired[i] = angles_to(head, a.yaw, a.look_target)
        clamped = np.stack(
            [np.clip(desired[:, 0], -NECK_YAW, NECK_YAW), np.clip(desired[:, 1], -NECK_PITCH, NECK_PITCH)],
            axis=1,
        )
        self.look += (clamped - self.look) * min(1.0, dt / 0.15)
        pose[:, J["neck"], 1] += 0.4 * self.look[:, 0]
        pose[:, J["head"], 1] += 0.6 * self.look[:, 0]
        pose[:, J["neck"], 0] += 0.4 * self.look[:, 1]
        pose[:, J["head"], 0] += 0.6 * self.look[:, 1]
        eyes = np.clip(desired - self.look, -EYE_LIMIT, EYE_LIMIT)
        for bone in ("eye_l", "eye_r"):
            pose[:, J[bone], 1] = eyes[:, 0]
            pose[:, J[bone], 0] = eyes[:, 1]

    def mouth_shapes(self, audio_clock: float | None) -> Array:
        """(N, 3) open/wide/round of each avatar's mouth now."""
        out = np.zeros((len(self.avatars), 3), dtype=np.float32)
        for i, a in enumerate(self.avatars):
            if a.fixed_viseme is not None:
                out[i] = VISEMES[a.fixed_viseme]
            elif a.timeline is not None:
                clock = audio_clock if audio_clock is not None else self.time
                local = clock - a.timeline_start
                if a.timeline.duration and local > a.timeline.duration + 0.2:
                    # the mouth closes; the words stay readable a while (spoken_text clears them)
                    a.timeline = None
                    a.subtitle_until = a.timeline_start + local + linger_seconds(a.subtitle)
                else:
                    out[i] = a.timeline.shape_at(local)
        return out

    def _face(self, pose: Array, audio_clock: float | None) -> Array:
        n = len(self.avatars)
        emo = self.emotion_w @ EMOTION_MATRIX  # (n, 7)
        mouth = self.mouth_shapes(audio_clock)
        mouth[:, 0] = np.clip(mouth[:, 0] + emo[:, 4], 0, 1.2)
        mouth[:, 1] += emo[:, 3]
        blink = np.array([a.blinker.closure(self.time) for a in self.avatars], dtype=np.float32)
        closure = np.clip(blink + np.clip(-emo[:, 2], 0, 1) * 0.6 - np.clip(emo[:, 2], 0, 1) * 0.3, 0, 1)
        scales = np.ones((n, COUNT, 3), dtype=np.float32)
        scales[:, J["mouth"], 0] = 1.0 + 0.45 * mouth[:, 1] - 0.35 * mouth[:, 2]
        scales[:, J["mouth"], 1] = 0.12 + 0.88 * mouth[:, 0]
        scales[:, J["mouth"], 2] = 1.0 + 0.5 * mouth[:, 2]
        for lid in ("lid_l", "lid_r"):
            scales[:, J[lid], 1] = 0.25 + 0.75 * closure
        self._scales = scales
        pose[:, J["jaw"], 0] = -0.3 * mouth[:, 0]
        # Brows carry most of an emotion at a distance: a strong tilt and lift (issue 18).
        pose[:, J["brow_l"], 2] = 0.5 * emo[:, 1]
        pose[:, J["brow_r"], 2] = -0.5 * emo[:, 1]
        pose[:, J["head"], 0] += emo[:, 5]
        pose[:, J["head"], 2] += emo[:, 6]
        offsets = np.zeros((n, COUNT, 3), dtype=np.float32)
        offsets[:, J["brow_l"], 1] = 0.018 * emo[:, 0]
        offsets[:, J["brow_r"], 1] = 0.018 * emo[:, 0]
        for lid in ("lid_l", "lid_r"):
            offsets[:, J[lid], 1] = 0.011 * (1.0 - closure)
        return offsets

    def skinning(self) -> Array:
        """(N, B, 4, 4) matrices: bone world transform × inverse bind."""
        return np.asarray(self.world @ self.inv_bind, dtype=np.float32)

    def joint_position(self, name: str, bone: str) -> Vec3:
        """World position of one bone of one avatar (for tests, name tags, pointing)."""
        m = self.world[self.index(name), J[bone]]
        return (float(m[0, 3]), float(m[1, 3]), float(m[2, 3]))
