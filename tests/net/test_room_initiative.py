"""Thinking, fillers and initiative in a shared room, on a real nats-server.

The host decides (who thinks, when the room is quiet, what the NPCs say unasked) and every
client shows and voices it: the thinking word comes before the line, a late line starts with
the sender's own filler, a scene after quiet reaches every client and a client's speech start
stops it, an NPC's edit draws a remark, and an NPC that knows a user's name greets them.
Times that matter are the host's or the conversation's injected clock; the tests wait on
messages and events, never on a guessed time.
"""

from __future__ import annotations

import asyncio
from typing import Any

from game.conversation.initiative import LINE_GAP_S, QUIET_S
from game.conversation.shared_room import ROOM_GIVE_UP_S
from game.conversation.thinking import FILLER_AFTER_S
from game.events import Event, PlaybackStarted, TextInput
from game.mind.persona import GENERIC_LINES, MAX_FILLER_WORDS
from game.mind.protocols import Reply
from game.net.access import Access
from game.net.client import RoomClient
from game.net.link import JoinAddress, RoomLink, join_runtime
from game.net.server import NatsServer
from game.room_events import RoomHush, RoomLine, RoomThinking
from tests.net.conftest import ROOM
from tests.support.clock import FakeClock
from tests.support.fakes import FakeBrain, SlowBrain
from tests.support.live import DT, drive, make_runtime, of
from tests.support.rooms import HostThread, RecordingRoom, room, start_host
from tests.support.waiting import WatchedBus

LAMP = "ada, what do you think of the lamp?"


def run(coro: object) -> None:
    asyncio.run(asyncio.wait_for(coro, 60))  # type: ignore[arg-type]


def kinds(client: RoomClient, kind: str) -> list[dict[str, Any]]:
    """The initiative lines (ids ``scene-N``, ``comment-N``, ``greeting-N``) a client heard."""
    return [line for line in client.lines if str(line["id"]).startswith(f"{kind}-")]


def test_every_client_sees_the_npc_think_before_its_line(
    nats_server: NatsServer, access: Access, brain
) -> None:
    async def scenario() -> None:
        async with room(nats_server, ROOM, access, brain, ["alice", "bob"]) as (_, (alice, bob)):
            heard: list[str] = []
            bob.on_cue = lambda cue: heard.append(f"{cue['kind']}:{cue['npc']}:{cue['to']}:{cue['on']}")
            bob.on_line = lambda line: heard.append(f"line:{line['speaker']}") if line["npc"] else None
            assert (await alice.say("Ada, how are you today?"))["ok"]
            assert await bob.wait_for(lambda: "line:Ada" in heard)
            assert heard.index("thinking:Ada:alice:True") < heard.index("line:Ada"), heard
            assert "thinking:Ada:alice:False" not in heard  # a line came: no "gave up" word

    run(scenario())


def test_with_no_mind_to_answer_the_thinking_ends_on_every_client(
    nats_server: NatsServer, access: Access
) -> None:
    async def scenario() -> None:
        running = await start_host(nats_server, ROOM, access, None)  # no mind worker in the room
        await asyncio.wait_for(running.host.active.wait(), 10)
        alice, bob = (RoomClient(nats_server.url(u), ROOM, u) for u in ("alice", "bob"))
        await asyncio.gather(alice.join(), bob.join())
        try:
            assert (await alice.say("Ada, how are you today?"))["ok"]
            assert await bob.wait_for(lambda: len(bob.cues) == 2)
            assert [(c["npc"], c["on"]) for c in bob.cues] == [("Ada", True), ("Ada", False)]
            assert not [line for line in bob.lines if line["npc"]]
        finally:
            await asyncio.gather(alice.leave(), bob.leave())
            await running.close()

    run(scenario())


def test_a_late_line_starts_with_the_senders_filler_and_the_real_line_follows(
    nats_server: NatsServer, access: Access
) -> None:
    slow = SlowBrain({LAMP: Reply(text="The lamp is lovely.", intent="opinion", score=1.0)})
    rt = make_runtime(brain=FakeBrain())
    clock = FakeClock(now=500.0)
    rt.conversation.clock = clock
    other_bus = WatchedBus()
    with HostThread(nats_server, ROOM, access, slow):
        link = RoomLink(JoinAddress(nats_server.url("alice"), ROOM, "alice"), rt.bus)
        link.join()
        join_runtime(rt, link)
        other = RoomLink(JoinAddress(nats_server.url("bob"), ROOM, "bob"), other_bus)
        other.join()
        rt.start()
        try:
            log: list[Event] = []
            rt.handle(TextInput(text=LAMP, t=clock()))
            ada = rt.world.animator.get("Ada")
            assert ada.status == "thinking"  # on the tick that took the line, before any network
            assert drive(rt, lambda: bool(of(log, RoomThinking)), 10.0, log)  # the host took it
            assert slow.asked.wait(10.0)
            thinking = rt.conversation.thinking
            clock.advance(FILLER_AFTER_S - 0.01)
            rt.tick(DT)
            assert thinking.fillers == []  # not late yet
            clock.now = 500.0 + FILLER_AFTER_S  # the deadline itself
            rt.tick(DT)
            (filler,) = thinking.fillers
            persona = rt.session.personas["Ada"]
            assert filler.npc == "Ada" and filler.text in (
                persona.lines.get("filler") or GENERIC_LINES["filler"]
            )
            assert len(filler.text.split()) <= MAX_FILLER_WORDS
            slow.release.set()
            assert drive(rt, lambda: any(e.npc == "Ada" for e in of(log, PlaybackStarted)), 15.0, log)
            assert ada.status != "thinking"  # the real line plays: the "…" is gone
            assert other_bus.wait_for(
                lambda posted: any(isinstance(e, RoomLine) and e.npc for e in posted), 10
            )
        finally:
            rt.stop()
            other.stop()
            link.stop()
    (started,) = [e for e in of(log, PlaybackStarted) if e.npc == "Ada"]
    assert started.text == "The lamp is lovely."  # the filler is no reply: not played as one
    said = [e.text for e in other_bus.posted if isinstance(e, RoomLine)]
    assert filler.text not in said  # never sent: the room (and its memory) knows only the line
    assert "The lamp is lovely." in said


def test_a_scene_after_quiet_plays_on_every_client_and_a_speech_start_stops_it(
    nats_server: NatsServer, access: Access, brain
) -> None:
    async def scenario() -> None:
        clock = FakeClock(now=1000.0)
        running = await start_host(nats_server, ROOM, access, brain, clock=clock)
        host = running.host
        await asyncio.wait_for(host.active.wait(), 10)
        alice, bob = (RoomClient(nats_server.url(u), ROOM, u) for u in ("alice", "bob"))
        await asyncio.gather(alice.join(), bob.join())
        try:
            host.initiative.tick()  # the room is quiet from now
            clock.advance(QUIET_S - 1.0)
            host.initiative.tick()
            assert not host.initiative.voices.said  # not quiet long enough yet
            clock.advance(1.01)
            host.initiative.tick()
            for c in (alice, bob):
                assert await c.wait_for(lambda c=c: len(kinds(c, "scene")) == 1)
            first = kinds(alice, "scene")[0]
            clock.advance(first["duration"] + 0.01)
            host.initiative.tick()  # the first line is over: a breath
            clock.advance(LINE_GAP_S + 0.01)
            host.initiative.tick()
            for c in (alice, bob):
                assert await c.wait_for(lambda c=c: len(kinds(c, "scene")) == 2)
            second = kinds(bob, "scene")[1]
            assert (first["speaker"], first["to"]) == (second["to"], second["speaker"])  # two NPCs, in turn
            assert kinds(alice, "scene") == kinds(bob, "scene")
            await bob.talk(True)  # bob starts speaking: the line being said stops everywhere
            for c in (alice, bob):
                assert await c.wait_for(lambda c=c: any(q["kind"] == "hush" for q in c.cues))
                (hush,) = [q for q in c.cues if q["kind"] == "hush"]
                assert (hush["npc"], hush["id"]) == (second["speaker"], second["id"])
            assert not host.initiative.everyone.playing  # the rest of the scene is dropped
            await bob.talk(False)
            assert await bob.wait_for(lambda: not host.initiative.talking)
            clock.advance(second["duration"] + QUIET_S / 2)
            host.initiative.tick()
            assert len(host.initiative.voices.said) == 2  # nothing more: the quiet starts again
        finally:
            await asyncio.gather(alice.leave(), bob.leave())
            await running.close()

    run(scenario())


def test_with_scenes_off_on_the_host_the_npcs_stay_quiet(
    nats_server: NatsServer, access: Access, brain
) -> None:
    async def scenario() -> None:
        clock = FakeClock(now=1000.0)
        running = await start_host(nats_server, ROOM, access, brain, clock=clock, npc_scenes=False)
        await asyncio.wait_for(running.host.active.wait(), 10)
        try:
            running.host.initiative.tick()
            clock.advance(QUIET_S * 8)
            running.host.initiative.tick()
            assert not running.host.initiative.voices.said
        finally:
            await running.close()

    run(scenario())


def test_a_bystander_remarks_on_an_npcs_edit_to_every_client(
    nats_server: NatsServer, access: Access, brain
) -> None:
    async def scenario() -> None:
        async with room(nats_server, ROOM, access, brain, ["alice", "bob"]) as (_, (alice, bob)):
            assert (await alice.say("Ada, make the walls blue"))["ok"]
            for c in (alice, bob):
                assert await c.wait_for(lambda c=c: bool(kinds(c, "comment")), timeout=10)
            (comment,) = kinds(bob, "comment")
            assert comment["speaker"] != "Ada" and comment["to"] == "Ada"
            assert "blue" in comment["text"].lower() or "wall" in comment["text"].lower(), comment
            replies = [line for line in bob.lines if line["npc"] and line["speaker"] == "Ada"]
            assert replies and bob.lines.index(replies[0]) < bob.lines.index(comment)  # after Ada's line

    run(scenario())


def test_an_npc_that_knows_a_users_name_greets_them_when_they_come_near(
    nats_server: NatsServer, access: Access, brain
) -> None:
    async def scenario() -> None:
        async with room(nats_server, ROOM, access, brain, ["alice", "bob"]) as (running, (alice, bob)):
            await alice.send_pose((2.0, 1.6, 3.0), 90.0)  # 5.5 m from Ada: in earshot, not near
            assert (await alice.say("Ada, my name is Alice"))["ok"]
            assert await alice.wait_for(lambda: any(line["npc"] for line in alice.lines))
            assert await bob.wait_for(lambda: "alice" in running.host.initiative.greeters)
            await alice.send_pose((-1.2, 1.6, -0.4), 0.0)  # right in front of Ada, facing her
            for c in (alice, bob):
                assert await c.wait_for(lambda c=c: bool(kinds(c, "greeting")), timeout=10)
            (greeting,) = kinds(bob, "greeting")
            assert (greeting["speaker"], greeting["to"]) == ("Ada", "alice")
            assert "Alice" in greeting["text"]
            assert {a["name"] for a in greeting["acts"]} == {"wave"}

    run(scenario())


def test_a_hush_stops_only_the_line_it_names() -> None:
    bus = WatchedBus()
    link = RoomLink(JoinAddress("nats://alice:pw@127.0.0.1:1", ROOM, "alice"), bus)
    line = {"id": "scene-1", "speaker": "Ada", "to": "Bo", "text": "Hi Bo.", "npc": True, "acts": []}
    link._posted_line(line)
    link._posted_cue({"kind": "hush", "npc": "Ada", "id": "scene-0"})  # an older line: already over
    assert not [e for e in bus.posted if isinstance(e, RoomHush)]
    link._posted_cue({"kind": "hush", "npc": "Ada", "id": "scene-1"})
    assert [e.npc for e in bus.posted if isinstance(e, RoomHush)] == ["Ada"]
    link._loop.close()


def test_the_hosts_thinking_word_shows_on_other_windows_and_moves_the_senders() -> None:
    rt = make_runtime(brain=FakeBrain())
    clock = FakeClock(now=300.0)
    conv = rt.conversation
    conv.clock = clock
    room_sink = RecordingRoom("alice")
    conv.room = room_sink
    conv.peers = {"bob": (1.0, 1.6, 0.5)}
    rt.start()
    try:
        rt.handle(RoomThinking(npc="Ada", to="bob"))  # bob's line, taken by Ada on the host
        ada = rt.world.animator.get("Ada")
        assert ada.status == "thinking" and ada.look_target == (1.0, 1.6, 0.5)  # she looks at bob
        clock.advance(FILLER_AFTER_S * 2)
        rt.tick(DT)
        assert conv.thinking.fillers == []  # bob's wait, not ours: no filler here
        rt.handle(RoomThinking(npc="Ada", to="bob", on=False))  # the host's mind gave no answer
        assert ada.status != "thinking"
        start = clock()
        rt.handle(TextInput(text="Bo, how are you?", t=start))  # we ask Bo …
        assert room_sink.said == [("Bo, how are you?", "Bo")]
        assert rt.world.animator.get("Bo").status == "thinking"
        rt.handle(RoomThinking(npc="Cleo", to="alice"))  # … and the host gives the line to Cleo
        assert rt.world.animator.get("Bo").status != "thinking"
        assert rt.world.animator.get("Cleo").status == "thinking" and conv.thinking.since("Cleo") == start
        clock.advance(ROOM_GIVE_UP_S)
        rt.tick(DT)
        assert conv.thinking.npcs == ()  # no line ever came (a host that died): the "…" ends anyway
        rt.handle(RoomLine(speaker="Bo", to="Cleo", text="Nice lamp, Cleo.", npc=True, id="scene-1"))
        assert conv.voicing.voicing("Bo")  # a scene line from the host, voiced here
        rt.handle(RoomHush(npc="Bo"))  # someone spoke over it in another window
        assert not conv.voicing.voicing("Bo")
    finally:
        rt.stop()
