"""What the NPCs say unasked: a greeting by name, a comment on a room edit, a scene between two of them.

Every line here is composed by :mod:`game.mind.scenes` (pure, seeded) and spoken through the
conversation's own :class:`~game.conversation.voicing.Voicing`, so gaze, gestures, lip sync,
subtitles and the echo guard work as for any reply. The rules that keep it polite:

- nothing starts while the user talks or an NPC thinks or speaks (``Conversation.idle``);
- the user's first sound (speech start, a typed line) ends a scene at once: the line being
  said fades out as a barge-in does, the rest is dropped, and the addressed NPC turns to the
  user (the conversation's own speech-start handling does that, right after this);
- a scene comes after :data:`QUIET_S` seconds of quiet, and each scene nobody answers doubles
  the wait (up to four times), so an empty room does not chatter on forever.

Times come from the conversation's clock, so tests drive it with a fake one.
See docs/conversation.md, "Initiative". The same rules run on a shared room's host, on a
:class:`Stage` that publishes the lines instead of voicing them (:mod:`game.net.stage`).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable
from dataclasses import dataclass

from game.conversation.stage import Stage
from game.events import (
    Event,
    FinalTranscript,
    Notice,
    NpcLine,
    SceneRequest,
    SpeechEnded,
    SpeechStarted,
    TextInput,
)
from game.mind.addressing import EARSHOT_M, IDLE_RANGE_M
from game.mind.body import perform, target_point
from game.mind.grounding import snapshot_world
from game.mind.protocols import Action
from game.mind.remarks import describe_edit, edit_comment
from game.mind.scenes import SceneLine, plan_scene
from game.sim.scene import Scene
from game.sim.world import WorldError

QUIET_S = 25.0  # seconds of no user speech and nothing playing before two NPCs talk
GREET_RANGE_M = 2.5  # the user has come near …
GREET_FACING_DEG = 40.0  # … and faces the NPC (or comes closer than CLOSE_M)
CLOSE_M = 1.5
LINE_GAP_S = 0.35  # a breath between two scene lines
COMMENT_WITHIN_S = 10.0  # an edit comment not said by then has missed its moment
COMMENT_EVERY_S = 30.0  # at most one comment per this long: a series of edits gets one remark
GREET_WITHIN_S = 5.0  # a greeting that waited longer (someone was talking) is not said
REQUEST_WITHIN_S = 10.0  # a mod's start_scene waits this long for a quiet moment
MAX_BACKOFF = 4
HEARD_KEPT = 20  # the user's recent open lines a scene may retell


@dataclass(frozen=True)
class Said:
    """One initiative line that was spoken: ``kind`` is greeting, comment or scene."""

    kind: str
    speaker: str
    listener: str
    text: str
    t: float


class Initiative:
    """The NPCs' own lines for one conversation; the conversation calls :meth:`observe` and :meth:`tick`."""

    def __init__(self, conv: Stage, rng: random.Random | None = None) -> None:
        self.conv = conv
        self.rng = rng or random.Random()
        self.voice: Callable[[str, SceneLine], int] = self._say_here
        """Says one line of ``kind``; a shared room's host publishes it to every client instead."""
        self.scenes = True
        """``conversation.scenes``: NPCs start scenes on their own (a mod's start_scene plays anyway)."""
        self.quiet_s = QUIET_S
        self.said: list[Said] = []
        self.heard: list[str] = []  # what the user said aloud this session, newest last
        self._queue: list[tuple[str, SceneLine]] = []  # lines still to say, with their kind
        self._current: int | None = None  # reply id of the line being said
        self._next_at = 0.0
        self._quiet_since: float | None = None  # set on the first tick, on the conversation's clock
        self._user_talking = False
        self._backoff = 1
        self._suppressed_until = 0.0
        self._request: tuple[SceneRequest, float] | None = None
        self._greeted: set[str] = set()
        self._due_greeting: dict[str, float] = {}  # NPCs the user just came near → greet until then
        self._comment: tuple[str, str, str, float] | None = None  # (commenter, editor, text, deadline)
        self._last_comment = -math.inf

    # --- what happens in the room ------------------------------------------------------------
    def observe(self, event: Event) -> None:
        """See an event before the conversation handles it: the user's sounds and lines cut in."""
        if isinstance(event, SpeechStarted):
            self.cut_in()
            self._user_talking = True
        elif isinstance(event, SpeechEnded):
            self._user_talking = False
        elif isinstance(event, (TextInput, FinalTranscript)):
            self.cut_in()
            self._user_talking = False
            if event.text.strip():
                self.heard = [*self.heard, event.text.strip()][-HEARD_KEPT:]
        else:
            return
        self._user_active()

    def _user_active(self) -> None:
        self._quiet_since = self.conv.clock()
        self._backoff = 1
        self._greeted |= self._due_greeting.keys()  # the user spoke first: no greeting after that
        self._due_greeting.clear()

    @property
    def playing(self) -> bool:
        """A scene (or greeting, or comment) is being said or has lines to come."""
        return self._current is not None or bool(self._queue)

    def cut_in(self) -> None:
        """The user speaks: stop the line being said (faded, as a barge-in) and drop the rest."""
        if not self.playing:
            return
        kinds = {kind for kind, _ in self._queue}
        self._queue.clear()
        npcs = [s.speaker for s in self.said[-1:]] if self._current is not None else []
        self._current = None
        world = self.conv.world
        present = [n for n in npcs if world.npc(n) is not None]
        if present:
            self.conv.voicing.stop(world, present)
        for said in self.said[-2:]:  # the two who were talking look to the user who cut in
            for npc in (said.speaker, said.listener):
                if world.npc(npc) is not None:
                    world.animator.look_at(npc, self.conv.user_eye)
        if "scene" in kinds:
            self._backoff = 1

    def edited(self, editor: str, before: Scene) -> None:
        """An NPC just changed the room at the user's request: a nearby other NPC may remark on it."""
        world, now = self.conv.world, self.conv.clock()
        edit = describe_edit(before, world.scene)
        if edit is None or now - self._last_comment < COMMENT_EVERY_S:
            return
        eye = self.conv.user_eye
        origin = world.npc_position(editor) if world.npc(editor) is not None else eye
        near = [
            (math.dist(world.npc_position(n.name)[0::2], origin[0::2]), n.name)
            for n in world.scene.npcs
            if n.name != editor and math.dist(world.npc_position(n.name)[0::2], eye[0::2]) <= EARSHOT_M
        ]
        if not near:
            return
        commenter = min(near)[1]
        persona = self.conv.session.personas.get(commenter)
        if persona is None:
            return
        by = editor if world.npc(editor) is not None else ""
        text = edit_comment(persona, by, edit, self.rng)
        self._comment = (commenter, by or "user", text, now + COMMENT_WITHIN_S)
        self._last_comment = now

    def request(self, event: SceneRequest) -> None:
        """A mod's :meth:`start_scene` or :meth:`suppress_scenes` (see docs/modding.md)."""
        now = self.conv.clock()
        if event.suppress_s > 0 or not event.a:
            self._suppressed_until = now + event.suppress_s
            if event.suppress_s > 0:  # the line being said ends; the rest of the scene is dropped
                self._queue = [(k, line) for k, line in self._queue if k != "scene"]
            return
        self._request = (event, now + REQUEST_WITHIN_S)

    # --- per tick ----------------------------------------------------------------------------
    def tick(self) -> None:
        """Say the next line that is due: a scene's next line, a greeting, a comment, a new scene."""
        conv = self.conv
        if conv.room is not None or not conv.world.scene.npcs:
            return  # a shared room's host speaks for its NPCs
        now = conv.clock()
        if self._quiet_since is None:
            self._quiet_since = now
        self._approached(now)
        if self._advance(now):
            return
        if self._user_talking or not conv.idle:
            self._quiet_since = now
            return
        if self._greet(now) or self._say_comment(now):
            return
        self._start_scene(now)

    def _advance(self, now: float) -> bool:
        """Move a scene along; True while it has the floor."""
        if self._current is not None:
            if self.conv.voicing.is_active(self._current):
                return True
            self._current, self._next_at = None, now + LINE_GAP_S
        if not self._queue:
            return False
        if now >= self._next_at and not self._user_talking and self.conv.idle:
            kind, line = self._queue.pop(0)
            if not self._speak(kind, line, now):
                self._queue.clear()
        return True

    def _speak(self, kind: str, line: SceneLine, now: float) -> bool:
        """Say one line with its gaze and gestures; False when a speaker has left the room."""
        conv, world = self.conv, self.conv.world
        if world.npc(line.speaker) is None or (line.listener != "user" and world.npc(line.listener) is None):
            return False
        anim, eye = world.animator, conv.user_eye
        for action in line.actions:
            try:
                perform(world, line.speaker, action, eye)
            except (ValueError, WorldError):
                continue  # a gesture the avatar cannot make: the line is still said
        target = target_point(world, line.listener, eye) or eye
        anim.turn_to(line.speaker, target)
        anim.look_at(line.speaker, target)  # a pointing hand aims at the prop; the eyes meet
        if line.listener != "user":
            back = target_point(world, line.speaker, eye) or eye
            anim.turn_to(line.listener, back)
            anim.look_at(line.listener, back)
        self._current = self.voice(kind, line)
        conv.bus.put(NpcLine(npc=line.speaker, text=line.text, source=kind))
        self.said.append(Said(kind, line.speaker, line.listener, line.text, now))
        return True

    def _say_here(self, kind: str, line: SceneLine) -> int:
        return self.conv.voicing.say(line.speaker, line.text)

    def _approached(self, now: float) -> None:
        """Note NPCs the user has just come near (and faces); a greeting is due for a few seconds."""
        conv, world = self.conv, self.conv.world
        eye, forward = conv.user_eye, conv.session.user_forward or (0.0, 0.0, -1.0)
        for slot in world.scene.npcs:
            if slot.name in self._greeted or slot.name in self._due_greeting:
                continue
            x, _, z = world.npc_position(slot.name)
            dx, dz = x - eye[0], z - eye[2]
            dist = math.hypot(dx, dz)
            if dist > GREET_RANGE_M:
                continue
            norm = math.hypot(forward[0], forward[2]) * max(dist, 1e-6)
            cosine = (dx * forward[0] + dz * forward[2]) / norm if norm > 1e-9 else -1.0
            if cosine >= math.cos(math.radians(GREET_FACING_DEG)) or dist <= CLOSE_M:
                self._due_greeting[slot.name] = now + GREET_WITHIN_S

    def _greet(self, now: float) -> bool:
        """Greet by name an NPC the user has come near, once a visit, if it remembers the name."""
        session = self.conv.session
        for npc, deadline in list(self._due_greeting.items()):
            del self._due_greeting[npc]
            self._greeted.add(npc)
            memory, persona = session.memories.get(npc), session.personas.get(npc)
            if now > deadline or memory is None or persona is None or not memory.user_name:
                continue  # the moment passed, or it does not know the name and does not make one up
            text = persona.line("welcome_back", self.rng, user=memory.user_name)
            wave = (Action.make("wave"),)
            self._queue.append(("greeting", SceneLine(npc, "user", text, wave, ("memory:user_name",))))
            return self._advance(now)
        return False

    def _say_comment(self, now: float) -> bool:
        comment, self._comment = self._comment, None
        if comment is None or now > comment[3]:
            return False
        commenter, editor, text, _ = comment
        look = (Action.make("look_at", target=editor),)
        self._queue.append(("comment", SceneLine(commenter, editor, text, look, ("edit",))))
        return self._advance(now)

    def _start_scene(self, now: float) -> None:
        request, self._request = self._request, None
        if request is not None and now <= request[1]:
            self._play(request[0].a, request[0].b, request[0].topic or None, now)
            return
        quiet = now - (self._quiet_since or now)
        if not self.scenes or now < self._suppressed_until or quiet < self.quiet_s * self._backoff:
            return
        pair = self._pick_pair()
        if pair is not None:
            self._play(*pair, None, now)
            self._backoff = min(MAX_BACKOFF, self._backoff * 2)

    def _pick_pair(self) -> tuple[str, str] | None:
        """Two NPCs near each other, the opener weighted by how chatty it is."""
        world, personas = self.conv.world, self.conv.session.personas
        names = [n.name for n in world.scene.npcs if n.name in personas]
        pos = {n: world.npc_position(n) for n in names}
        pairs = [
            (a, b)
            for a in names
            for b in names
            if a != b and math.dist(pos[a][0::2], pos[b][0::2]) <= IDLE_RANGE_M
        ]
        weights = [personas[a].chatty + 0.05 for a, _ in pairs]
        return self.rng.choices(pairs, weights=weights)[0] if pairs else None

    def _play(self, a: str, b: str, topic: str | None, now: float) -> None:
        conv = self.conv
        conv.session.sync()
        personas = conv.session.personas
        if a not in personas or b not in personas or a == b:
            message = f"start_scene({a!r}, {b!r}): needs two different NPCs in the room"
            conv.bus.put(Notice(source="scenes", level="warning", message=message))
            return
        room = snapshot_world(conv.world, conv.user_eye, conv.session.user_forward)
        lines = plan_scene(personas[a], personas[b], room, self.heard, self.rng, topic)
        self._queue = [("scene", line) for line in lines]
        self._quiet_since = now
        self._advance(now)
