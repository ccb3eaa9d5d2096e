"""The desktop app's line to a shared room: a :class:`RoomClient` on its own thread, the bus between.

The app's main thread stays the only one that touches the world: the client runs on an
asyncio loop in a ``room-link`` thread and posts what it hears as bus events (an edit-log
message, a line said, an NPC's body), which the app applies on its tick. The other way,
:meth:`RoomLink.say` and :meth:`RoomLink.move` hand the user's words and pose to that loop
without waiting for it.
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
import uuid
from concurrent.futures import Future
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit, urlunsplit

from game.bus import EventBus
from game.conversation.guesses import comparable
from game.conversation.shared_room import PeerView
from game.errors import UserError
from game.events import Notice
from game.mind.protocols import MindContext, Reply
from game.net.client import INTERPOLATION_DELAY_S, RoomClient
from game.net.schema import NAME
from game.room_events import RoomBody, RoomChanged, RoomHush, RoomLine, RoomThinking
from game.sim.scene import Vec3

if TYPE_CHECKING:
    from game.conversation.runtime import Runtime

JOIN_TIMEOUT_S = 10.0
GUESS_TIMEOUT_S = 3.0


@dataclass(frozen=True)
class JoinAddress:
    """``nats://user:password@host:port/room`` split into the server URL, the room and the user."""

    server: str
    room: str
    user: str

    @property
    def where(self) -> str:
        """``host:port`` only: messages never show the password the URL carries."""
        parts = urlsplit(self.server)
        return f"{parts.hostname}:{parts.port or 4222}"

    @classmethod
    def parse(cls, text: str) -> JoinAddress:
        """Check a ``--join`` value; a :class:`UserError` says what is wrong and what it should look like."""
        example = "nats://alice:PASSWORD@192.168.1.20:4222/den"
        parts = urlsplit(text)
        room = parts.path.strip("/")
        if parts.scheme not in ("nats", "tls") or not parts.hostname:
            raise UserError(f"--join {text!r}: expected a NATS URL with a room, like {example}")
        if not NAME.match(room):
            raise UserError(
                f"--join {text!r}: the room after the last '/' must be 1-32 of a-z, 0-9, '-', '_'"
            )
        if not parts.username:
            raise UserError(f"--join {text!r}: no user name; ask the room's owner for yours ({example})")
        server = urlunsplit((parts.scheme, parts.netloc, "", "", ""))
        return cls(server, room, unquote(parts.username))


class RoomLink:
    """A room client on a background loop, feeding the app's bus."""

    def __init__(
        self, address: JoinAddress, bus: EventBus, display: str = "", colour: str = "#8899aa"
    ) -> None:
        self.address, self.bus = address, bus
        self.client = RoomClient(address.server, address.room, address.user, display or address.user, colour)
        self.client.on_log = self._posted_log
        self.client.on_line = self._posted_line
        self.client.on_npc = self._posted_body
        self.client.on_cue = self._posted_cue
        self._last_line: dict[str, str] = {}  # npc → id of the last line of it voiced here
        self._guessed: dict[tuple[str, str], tuple[str, str]] = {}  # (npc, words) → (guess id, answer)
        self._adopted: dict[str, str] = {}  # kept guess id → the answer that already played here
        self.client.on_status = lambda text: bus.put(Notice(source="room", level="warning", message=text))
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="room-link", daemon=True)

    @property
    def user(self) -> str:
        """The id this app joined the room as."""
        return self.address.user

    def join(self, timeout: float = JOIN_TIMEOUT_S) -> str:
        """Connect and fetch the room; returns the scene name. :class:`UserError` when it cannot."""
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(self.client.join(), self._loop)
        try:
            future.result(timeout)
        except TimeoutError:
            future.cancel()
            self.stop()
            raise UserError(
                f"room {self.address.room} on {self.address.where} did not answer in {timeout:g} s; "
                f"is `voxroom host --room {self.address.room}` running?"
            ) from None
        except UserError:
            self.stop()
            raise
        except Exception as exc:  # a scene this build does not have, a TLS problem
            self.stop()
            raise UserError(f"cannot join {self.address.room}: {exc}") from None
        assert self.client.replica is not None
        return self.client.scene_name

    def say(self, text: str, gaze: str, guess_played: bool = False) -> None:
        """Send a line (typed or transcribed here) to the room; a refusal comes back as a notice.

        ``guess_played``: the conversation played the room's answer to a guess at these very
        words to ``gaze`` (the NPC), so the line adopts it and the host says it to the others and
        acts on it. Otherwise the host answers afresh, even when a guess at the same words was
        asked: that guess may have been dropped unheard (an early answer corrected, a later
        partial), and adopting it left the user with no answer at all.
        """
        guess, answer = self._guessed.pop((gaze, comparable(text)), ("", ""))
        if guess and guess_played:
            self._adopted[guess] = answer
        else:
            guess = ""
        said = self.client.say(text, gaze, guess)
        asyncio.run_coroutine_threadsafe(said, self._loop).add_done_callback(self._said)

    def talk(self, on: bool) -> None:
        """The user began (or stopped) speaking here: the host stops a scene for everyone."""
        asyncio.run_coroutine_threadsafe(self.client.talk(on), self._loop)

    def guess(self, text: str, npc: str, timeout: float = GUESS_TIMEOUT_S) -> Reply:
        """What ``npc`` would answer to ``text``, asked privately (the brain worker's thread blocks here)."""
        turn_id = uuid.uuid4().hex[:12]
        future = asyncio.run_coroutine_threadsafe(self.client.guess(text, npc, turn_id), self._loop)
        try:
            thought = future.result(timeout)
        except Exception:  # the room is slow or unreachable: no guess, the final is answered as usual
            thought = None
        if thought is None or thought.get("kind") != "thought" or not thought.get("text"):
            return Reply(text="", intent="no_guess", brain="room")
        answer = str(thought["text"])
        if len(self._guessed) > 64:
            self._guessed.clear()
        self._guessed[(npc, comparable(text))] = (turn_id, answer)
        return Reply(text=answer, intent=str(thought.get("intent", "")), brain="room")

    def _said(self, future: Future[dict[str, Any]]) -> None:
        try:
            ack = future.result()
        except Exception as exc:  # the connection dropped meanwhile
            self.bus.put(Notice(source="room", level="warning", message=f"not sent: {exc}"))
            return
        if not ack.get("ok"):
            self.bus.put(Notice(source="room", message=str(ack.get("detail", "not heard"))))

    def move(self, position: Vec3, yaw: float, pitch: float) -> None:
        """The user's camera, as their avatar's pose (sent when it changed, at most 15 times a second)."""
        self._loop.call_soon_threadsafe(self.client.move, position, yaw, pitch)

    def roster(self) -> list[tuple[str, str]]:
        """Everyone else in the room as (name, presence), for the settings overlay."""
        return list(self.client.roster())

    def stop(self) -> None:
        """Leave the room and end the thread (the others see this user as a ghost, then gone)."""
        if self._thread.is_alive():
            with contextlib.suppress(Exception):  # a dead connection: nothing left to say goodbye on
                asyncio.run_coroutine_threadsafe(self.client.leave(), self._loop).result(2.0)
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(2.0)

    # --- the client's loop → the bus ---------------------------------------------------------
    def _posted_log(self, seq: int, message: dict[str, Any]) -> None:
        entries = tuple(message["entries"])
        self.bus.put(RoomChanged(seq=seq, by=str(message["by"]), via=str(message["via"]), entries=entries))

    def _posted_line(self, line: dict[str, Any]) -> None:
        speaker, to, text = str(line["speaker"]), str(line["to"]), str(line["text"])
        if not line["npc"] and speaker == self.user:
            return  # our own words: the conversation already captioned them
        if line["npc"] and to == self.user and self._adopted.pop(str(line["id"]), None) == text:
            return  # the answer to our kept guess: it has been playing here already
        acts, line_id = tuple(line["acts"]), str(line["id"])
        if line["npc"]:
            self._last_line[speaker] = line_id
        self.bus.put(
            RoomLine(speaker=speaker, to=to, text=text, npc=bool(line["npc"]), acts=acts, id=line_id)
        )

    def _posted_cue(self, cue: dict[str, Any]) -> None:
        npc, cue_id = str(cue["npc"]), str(cue["id"])
        if cue["kind"] == "hush":
            if cue_id and self._last_line.get(npc) == cue_id:  # still that line, not a newer one
                self.bus.put(RoomHush(npc=npc))
            return
        if str(cue["to"]) == self.user and cue_id in self._adopted:
            return  # the answer to our kept guess is already playing here: no "…" over it
        self.bus.put(RoomThinking(npc=npc, to=str(cue["to"]), on=bool(cue["on"])))

    def _posted_body(self, body: dict[str, Any]) -> None:
        p = body["pos"]
        self.bus.put(
            RoomBody(
                npc=str(body["npc"]),
                position=(float(p[0]), float(p[1]), float(p[2])),
                yaw=float(body["yaw"]),
                look_at=str(body["look_at"]),
                speaking=str(body["speaking"]),
            )
        )

    def peers(self) -> list[PeerView]:
        """The other users to draw now: interpolated a tenth of a second back, ghosts included.

        Read from the main thread: the client's loop only appends poses and replaces
        fields, each a single step under the GIL, so a frame sees one pose or the next.
        """
        now = self.client.clock()
        views: list[PeerView] = []
        for peer in list(self.client.peers.values()):
            presence = peer.presence(now)
            pose = peer.pose_at(now - INTERPOLATION_DELAY_S)
            if presence == "gone" or pose is None:
                continue
            name = peer.display or peer.user
            views.append(PeerView(peer.user, name, peer.colour, presence, pose[0], pose[1]))
        return views


class RoomBrain:
    """The brain a joined window guesses with: the room's own mind, asked privately while the user speaks.

    The app's guess machinery (:mod:`game.conversation.guesses`) runs unchanged on it: the
    answer is synthesized early and played when speech ends, and the final transcript's line
    adopts it (:meth:`RoomLink.say`). Only guesses reach it: a joined window sends real lines
    to the host, which answers them with the same mind, for everyone.
    """

    name = "room"

    def __init__(self, link: RoomLink) -> None:
        self.link = link

    def reply(self, utterance: str, context: MindContext) -> Reply:
        """The room mind's private answer (empty when the room did not answer in time)."""
        return self.link.guess(utterance, context.npc)


def join_runtime(runtime: Runtime, link: RoomLink) -> None:
    """Make the app's runtime a client of the room (``voxroom run --join``, and what measures it).

    Lines go to the host; guesses ask the room's mind privately; nothing is remembered on this
    machine (the room's mind workers keep this user's memory).
    """
    runtime.conversation.room = link
    runtime.set_brain(RoomBrain(link))
    runtime.session.remember = False
