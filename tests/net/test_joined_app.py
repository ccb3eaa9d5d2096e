"""``voxroom run --join``'s composition without a window: the app's runtime, a RoomLink, a real host."""

from __future__ import annotations

import pytest

from game.conversation.shared_room import PeerAvatars, PeerView, colour_rgb, follow_body
from game.errors import UserError
from game.events import Event, PlaybackStarted, TextInput
from game.net.access import Access
from game.net.link import JoinAddress, RoomLink, join_runtime
from game.net.server import NatsServer
from game.room_events import RoomBody, RoomChanged, RoomLine
from game.sim.scene import load_scene
from game.sim.world import World
from tests.net.conftest import ROOM
from tests.support.fakes import FakeBrain
from tests.support.live import drive, make_runtime, of
from tests.support.rooms import HostThread
from tests.support.waiting import WatchedBus


def test_join_addresses_are_checked_with_a_clear_line() -> None:
    address = JoinAddress.parse("nats://alice:pw@192.168.1.20:4222/den")
    assert (address.server, address.room, address.user) == (
        "nats://alice:pw@192.168.1.20:4222",
        "den",
        "alice",
    )
    with pytest.raises(UserError, match="expected a NATS URL with a room"):
        JoinAddress.parse("den")
    with pytest.raises(UserError, match="room after the last"):
        JoinAddress.parse("nats://alice:pw@host:4222/Big Room")
    with pytest.raises(UserError, match="no user name"):
        JoinAddress.parse("nats://host:4222/den")


def test_a_joined_app_sends_lines_to_the_host_and_plays_what_comes_back(
    nats_server: NatsServer, access: Access, brain
) -> None:
    local = FakeBrain()
    rt = make_runtime(brain=local)
    with HostThread(nats_server, ROOM, access, brain):
        link = RoomLink(JoinAddress(nats_server.url("alice"), ROOM, "alice"), rt.bus)
        assert link.join() == "default"
        join_runtime(rt, link)
        other = RoomLink(JoinAddress(nats_server.url("bob"), ROOM, "bob"), WatchedBus(), display="Bob")
        other.join()
        other.move((1.0, 1.6, 0.5), 180.0, 0.0)
        rt.start()
        try:
            log: list[Event] = []
            rt.bus.put(TextInput(text="Ada, make the walls blue"))
            avatars = PeerAvatars()

            def done() -> bool:
                rt.conversation.peers = avatars.update(rt.world, link.peers())
                played = any(isinstance(e, PlaybackStarted) and e.npc == "Ada" for e in log)
                return (
                    played
                    and bool(of(log, RoomChanged))
                    and "Bob" in {a.name for a in rt.world.animator.avatars}
                )

            assert drive(rt, done, 20.0, log)
        finally:
            rt.stop()
            other.stop()
            link.stop()
    assert local.calls == []  # the local brain is not asked at all in a room: the room's mind answers
    line = next(e for e in of(log, RoomLine) if e.npc)
    assert (line.speaker, line.to) == ("Ada", "alice")
    walls = rt.world.scene.room.walls.colour
    assert walls[2] > walls[0] and walls[2] > walls[1]  # blue, applied from the edit log
    assert any(isinstance(e, RoomBody) and e.npc == "Ada" and e.look_at == "alice" for e in log)


def test_npc_bodies_and_other_users_are_drawn_where_the_room_says() -> None:
    world = World(load_scene("default"))
    follow_body(
        world,
        RoomBody(npc="Ada", position=(2.0, 0.0, 1.0), yaw=0.0, look_at="", speaking=""),
        "me",
        (0, 1.6, 3),
        {},
    )
    assert world.npc_destination("Ada")[0] == pytest.approx(2.0, abs=0.05)
    avatars = PeerAvatars()
    here = PeerView("ada2", "Ada", "#ff0000", "here", (1.0, 1.6, 1.0), 90.0)
    avatars.update(world, [here])
    assert "Ada (ada2)" in {a.name for a in world.animator.avatars}  # never confused with the NPC Ada
    assert world.appearance("Ada (ada2)").top == colour_rgb("#ff0000")
    avatars.said(world, "ada2", "hello everyone", now=10.0)
    assert world.animator.spoken_text(world.animator.get("Ada (ada2)"), 11.0) == "hello everyone"
    assert world.animator.spoken_text(world.animator.get("Ada (ada2)"), 30.0) == ""
    avatars.update(world, [PeerView("ada2", "Ada", "#ff0000", "ghost", (1.0, 1.6, 1.0), 90.0)])
    assert world.appearance("Ada (ada2)").top != colour_rgb("#ff0000")  # pale while dropped
    avatars.update(world, [])
    assert "Ada (ada2)" not in {a.name for a in world.animator.avatars}
    assert world.npc("Ada") is not None
    assert colour_rgb("javascript:") == colour_rgb("#nothex")  # untrusted colours become grey


def test_a_wrong_password_or_no_server_is_one_clear_line(nats_server: NatsServer) -> None:
    wrong = JoinAddress(f"nats://alice:wrong@127.0.0.1:{nats_server.port}", ROOM, "alice")
    with pytest.raises(UserError, match="refused the login; check the user and password"):
        RoomLink(wrong, WatchedBus()).join()
    hostless = JoinAddress(nats_server.url("alice"), ROOM, "alice")
    with pytest.raises(
        UserError, match=r"did not answer in 0\.5 s; is `voxroom host --room den` running"
    ) as err:
        RoomLink(hostless, WatchedBus()).join(timeout=0.5)
    assert nats_server.access is not None and nats_server.access.members["alice"].password not in str(
        err.value
    )
    nobody = JoinAddress(f"nats://alice:pw@127.0.0.1:{nats_server.port + 1}", ROOM, "alice")
    nats_server.stop()
    with pytest.raises(UserError, match=r"cannot reach the NATS server at 127\.0\.0\.1"):
        RoomLink(nobody, WatchedBus()).join()


def test_spoken_lines_in_a_room_are_answered_early_and_heard_once(
    nats_server: NatsServer, access: Access, brain, say, tmp_path
) -> None:
    from game.conversation.replay import SimInput, Simulation

    sim = Simulation(load_scene("default"), tmp_path / "run", endpointing="timer")
    seen: list[Event] = []
    sim.bus.tap(seen.append)
    other_bus = WatchedBus()
    with HostThread(nats_server, ROOM, access, brain) as host:
        link = RoomLink(JoinAddress(nats_server.url("alice"), ROOM, "alice"), sim.bus)
        link.join()
        join_runtime(sim.runtime, link)
        other = RoomLink(JoinAddress(nats_server.url("bob"), ROOM, "bob"), other_bus)
        other.join()
        try:
            samples = say("Cleo, what is on the table?")
            result = sim.run([SimInput("wav", "cleo", samples)])
            assert other_bus.wait_for(
                lambda posted: any(isinstance(e, RoomLine) and e.npc for e in posted), 10
            )
        finally:
            other.stop()
            link.stop()
        answered = host.turns.answered
    guesses = sim.runtime.conversation.guesses
    assert guesses.hits >= 1  # the room's mind answered a guess, played when speech ended
    (turn,) = [t for t in result.turns if not t.get("corrected")]
    assert turn["npc"] == "Cleo" and "true_end_to_first_audio_ms" in turn
    heard = [e for e in other_bus.posted if isinstance(e, RoomLine) and e.npc]
    assert [(e.speaker, e.to) for e in heard] == [("Cleo", "alice")] and answered == 1
    assert heard[0].text == turn["reply"]  # bob hears the very answer alice heard early
    played = [e for e in seen if isinstance(e, PlaybackStarted) and e.npc == "Cleo"]
    assert len({e.reply_id for e in played}) == 1  # alice's window did not play it twice


def test_a_guess_that_never_played_here_does_not_swallow_the_hosts_answer(
    nats_server: NatsServer, access: Access, brain
) -> None:
    """A guess at the same words may have been dropped unheard; the line is then answered afresh."""
    bus = WatchedBus()
    with HostThread(nats_server, ROOM, access, brain):
        link = RoomLink(JoinAddress(nats_server.url("alice"), ROOM, "alice"), bus)
        link.join()
        try:
            guessed = link.guess("Ada, how are you?", "Ada")
            assert guessed.text, "the room's mind answered the guess"
            link.say("Ada, how are you?", "Ada")  # the guess was not played here
            assert bus.wait_for(lambda posted: any(isinstance(e, RoomLine) and e.npc for e in posted), 10)
        finally:
            link.stop()
