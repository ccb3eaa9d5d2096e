"""Shared rooms on a real nats-server: joining, moving, talking, editing, with 2 to 16 clients."""

from __future__ import annotations

import asyncio

import pytest

from game.mind.memory import MemoryStore
from game.net.access import Access
from game.net.client import RoomClient
from game.net.minds import NO_EDITS_FOR_GUESTS, user_memory_dir
from game.net.server import NatsServer
from tests.net.conftest import ROOM
from tests.support.rooms import room, start_host


def run(coro: object) -> None:
    asyncio.run(asyncio.wait_for(coro, 60))  # type: ignore[arg-type]


def replies(client: RoomClient, to: str) -> list[str]:
    return [line["text"] for line in client.lines if line["npc"] and line["to"] == to]


@pytest.mark.parametrize("n", [2, 4, 8, 16])
def test_clients_join_move_talk_and_edit_together(
    nats_server: NatsServer, access: Access, brain, n: int
) -> None:
    users = [f"user{i}" for i in range(n)]

    async def scenario() -> None:
        async with room(nats_server, ROOM, access, brain, users) as (running, clients):
            # everyone moves; everyone else sees every avatar where it went
            for i, c in enumerate(clients):
                c.move((i * 0.2 - 1.0, 1.6, 2.0), yaw=float(i * 10))
            for c in clients:
                others = [u for u in users if u != c.user]
                assert await c.wait_for(
                    lambda c=c, o=others: all(u in c.peers and c.peers[u].samples for u in o)
                )
                last = c.peers[others[-1]].samples[-1]
                assert last[1][0] == pytest.approx(users.index(others[-1]) * 0.2 - 1.0)
            # one edit reaches every client's room, with who made it
            ack = await clients[0].edit("recolour", target="walls", colour="green")
            assert ack["ok"], ack
            for c in clients:
                assert await c.wait_for(lambda c=c: c.replica is not None and c.replica.seq == 1)
                assert c.replica is not None
                assert (
                    c.replica.world.scene.room.walls.colour
                    == running.host.replica.world.scene.room.walls.colour
                )
                assert c.replica.authors["walls"] == users[0]
            # one user talks to Ada: everyone hears the reply, and Ada turns to that user
            speaker = clients[-1]
            ack = await speaker.say("Ada, how are you today?")
            assert ack["ok"] and ack["detail"].startswith("Ada"), ack
            for c in clients:
                assert await c.wait_for(lambda c=c: bool(replies(c, speaker.user)))
            assert await clients[0].wait_for(
                lambda: clients[0].npcs.get("Ada", {}).get("look_at") == speaker.user
            )

    run(scenario())


def test_two_users_talking_to_one_npc_are_queued_not_interleaved(
    nats_server: NatsServer, access: Access, brain
) -> None:
    async def scenario() -> None:
        gate = asyncio.Event()

        async def hold_until_released(seconds: float) -> None:
            await gate.wait()  # Ada keeps "speaking" her first reply until the test says so

        async with room(nats_server, ROOM, access, brain, ["alice", "bob"], hold=hold_until_released) as (
            _running,
            (alice, bob),
        ):
            assert (await alice.say("Ada, what is your favourite colour?"))["ok"]
            assert await bob.wait_for(lambda: bool(replies(bob, "alice")))
            ack = await bob.say("Ada, what do you do here?")
            assert ack["ok"] and "after 1 more" in ack["detail"], ack  # queued behind alice's turn
            # while Ada is still answering alice, bob's turn is not taken
            assert not await alice.wait_for(lambda: bool(replies(alice, "bob")), timeout=0.5)
            gate.set()
            assert await alice.wait_for(lambda: bool(replies(alice, "bob")))
            npc_lines = [line for line in alice.lines if line["npc"]]
            assert [line["to"] for line in npc_lines] == ["alice", "bob"]
            assert npc_lines[1]["start"] >= npc_lines[0]["start"]

    run(scenario())


def test_what_one_user_tells_an_npc_is_never_told_to_another(
    nats_server: NatsServer, access: Access, brain
) -> None:
    async def scenario() -> None:
        async with room(nats_server, ROOM, access, brain, ["alice", "bob"]) as (_, (alice, bob)):
            await alice.say("Ada, my name is Alice and I like pears")
            assert await alice.wait_for(lambda: bool(replies(alice, "alice")))
            await alice.say("Ada, my sister is visiting next week")
            assert await alice.wait_for(lambda: len(replies(alice, "alice")) == 2)
            await bob.say("Ada, what is my name?")
            await bob.wait_for(lambda: bool(replies(bob, "bob")))
            await bob.say("Ada, what do I like?")
            await bob.wait_for(lambda: len(replies(bob, "bob")) == 2)
            await bob.say("Ada, do you remember my sister?")
            await bob.wait_for(lambda: len(replies(bob, "bob")) == 3)
            told_bob = " ".join(replies(bob, "bob")).lower()
            assert "alice" not in told_bob and "pear" not in told_bob, told_bob
            assert "visit" not in told_bob, told_bob
            await alice.say("Ada, what is my name?")
            assert await alice.wait_for(lambda: len(replies(alice, "alice")) == 3)
            assert "alice" in replies(alice, "alice")[-1].lower()
        # each user's memory show covers their own facts only
        alice_memory = MemoryStore(user_memory_dir(ROOM, "alice")).load("Ada")
        assert alice_memory.user_name == "Alice" and [n.topic for n in alice_memory.notes] == ["sister"]
        bob_memory = MemoryStore(user_memory_dir(ROOM, "bob")).load("Ada")
        assert bob_memory.user_name in ("", None) and bob_memory.notes == []

    run(scenario())


def test_guests_talk_but_do_not_edit_and_edits_record_who_made_them(
    nats_server: NatsServer, access: Access, brain
) -> None:
    async def scenario() -> None:
        async with room(nats_server, ROOM, access, brain, ["alice", "gus"]) as (running, (alice, gus)):
            refused = await gus.edit("recolour", target="walls", colour="red")
            assert not refused["ok"] and "guest" in refused["detail"]
            await gus.say("Ada, make the walls red")
            assert await gus.wait_for(lambda: bool(replies(gus, "gus")))
            assert replies(gus, "gus")[-1] == NO_EDITS_FOR_GUESTS
            assert running.host.replica.seq == 0  # nothing was logged for the guest
            await alice.say("Ada, make the table green")
            assert await alice.wait_for(lambda: alice.replica is not None and alice.replica.seq == 1)
            assert alice.replica is not None
            entry = alice.replica.history[0]
            assert (entry["by"], entry["via"]) == ("alice", "Ada")
            assert alice.replica.authors["table"] == "alice"

    run(scenario())


def test_a_client_rejoining_resumes_after_its_last_sequence(
    nats_server: NatsServer, access: Access, brain
) -> None:
    async def scenario() -> None:
        async with room(nats_server, ROOM, access, brain, ["alice", "bob"]) as (running, (alice, bob)):
            assert (await alice.edit("recolour", target="walls", colour="blue"))["ok"]
            assert await bob.wait_for(lambda: bob.replica is not None and bob.replica.seq == 1)
            await bob.leave()
            for colour in ("red", "green", "yellow"):
                assert (await alice.edit("recolour", target="floor", colour=colour))["ok"]
            assert bob.replica is not None and bob.replica.seq == 1
            await bob.join()  # same client object: it asks for what came after sequence 1
            assert bob.replica.seq == 4
            assert [m["entries"][0]["surface"] for m in bob.replica.history] == [
                "walls",
                "floor",
                "floor",
                "floor",
            ]
            assert (
                bob.replica.world.scene.room.floor.colour
                == running.host.replica.world.scene.room.floor.colour
            )

    run(scenario())


def test_presence_turns_a_silent_user_into_a_ghost_then_removes_them(
    nats_server: NatsServer, access: Access, brain
) -> None:
    now = [100.0]

    async def scenario() -> None:
        async with room(nats_server, ROOM, access, brain, ["alice"]) as (_, (alice,)):
            watcher = RoomClient(nats_server.url("bob"), ROOM, "bob", clock=lambda: now[0])
            await watcher.join()
            assert await watcher.wait_for(lambda: "alice" in watcher.peers)
            await alice.leave()
            assert watcher.roster() == [("Alice", "here")]
            now[0] += 3.1
            assert watcher.roster() == [("Alice", "ghost")]
            now[0] += 27.0
            assert watcher.roster() == []
            await watcher.leave()

    run(scenario())


def test_standby_host_exists_without_serving(
    nats_server: NatsServer, access: Access, brain, standby_brain
) -> None:
    async def scenario() -> None:
        async with room(nats_server, ROOM, access, brain, ["alice"]) as (_, (alice,)):
            standby = await start_host(nats_server, ROOM, access, standby_brain)
            assert (await alice.edit("recolour", target="walls", colour="blue"))["ok"]
            assert not standby.host.active.is_set()
            await standby.close()

    run(scenario())


def test_minds_run_on_another_worker_and_gestures_travel_with_the_line(
    nats_server: NatsServer, access: Access, brain
) -> None:
    from game.net.minds import run_minds

    async def scenario() -> None:
        # a host without a mind of its own: the worker "on another machine" answers
        running = await start_host(nats_server, ROOM, access, None)
        await asyncio.wait_for(running.host.active.wait(), 10)
        stop, ready = asyncio.Event(), asyncio.Event()
        worker = asyncio.create_task(run_minds(nats_server.url(), ROOM, "default", brain, stop, ready))
        await ready.wait()
        alice = RoomClient(nats_server.url("alice"), ROOM, "alice")
        await alice.join()
        await alice.say("Ada, point at the lamp")
        assert await alice.wait_for(lambda: bool(replies(alice, "alice")))
        line = next(line for line in alice.lines if line["npc"])
        assert any(act["name"] == "point_at" and act.get("target") == "lamp" for act in line["acts"]), line
        await alice.leave()
        stop.set()
        assert (await worker).answered == 1
        await running.close()

    run(scenario())


def test_each_user_is_answered_by_the_npc_they_face(nats_server: NatsServer, access: Access, brain) -> None:
    from game.sim.scene import load_scene

    npcs = {n.name: n.position for n in load_scene("default").npcs}

    def facing(npc: str, user_at: tuple[float, float]) -> tuple[tuple[float, float, float], float]:
        import math

        x, z = user_at
        tx, tz = npcs[npc][0], npcs[npc][2]
        return (x, 1.6, z), math.degrees(math.atan2(-(tx - x), -(tz - z)))

    async def scenario() -> None:
        async with room(nats_server, ROOM, access, brain, ["alice", "bob"]) as (_, (alice, bob)):
            for client, npc in ((alice, "Bo"), (bob, "Cleo")):
                x, z = npcs[npc][0], npcs[npc][2] + 1.2
                position, yaw = facing(npc, (x, z))
                await client.send_pose(position, yaw)
            await alice.say("how are you today?")  # no name: the NPC each one faces answers
            await bob.say("how are you today?")
            assert await alice.wait_for(lambda: len([line for line in alice.lines if line["npc"]]) == 2)
            answered = {line["to"]: line["speaker"] for line in alice.lines if line["npc"]}
            assert answered == {"alice": "Bo", "bob": "Cleo"}

    run(scenario())


def test_a_guess_is_private_and_unacted_until_the_final_line_adopts_it(
    nats_server: NatsServer, access: Access, brain
) -> None:
    async def scenario() -> None:
        async with room(nats_server, ROOM, access, brain, ["alice", "bob"]) as (running, (alice, bob)):
            # a guess: answered to alice only; nothing said to bob, nothing done, nothing remembered
            thought = await alice.guess("Ada, my name is Zed and make the table green", "Ada", "g1")
            assert thought is not None and thought["kind"] == "thought" and thought["text"]
            assert thought["actions"] == []  # what the NPC would do stays with the host
            assert running.host.replica.seq == 0 and not bob.lines
            # the final said something else: the guess is simply never adopted
            await alice.say("Ada, what is my name?")
            assert await alice.wait_for(lambda: bool(replies(alice, "alice")))
            assert "zed" not in replies(alice, "alice")[-1].lower()
            # a guess the final keeps: the host says the same answer to everyone and acts on it now
            guessed = await alice.guess("Ada, make the walls green", "Ada", "g2")
            assert guessed is not None
            ack = await alice.say("Ada, make the walls green", gaze="Ada", guess="g2")
            assert ack["ok"], ack
            assert await bob.wait_for(lambda: len(replies(bob, "alice")) == 2)
            # (the host may comment on the edit too, so the adopted line is found by its id)
            adopted = [(line["id"], line["text"]) for line in bob.lines if line["npc"] and line["id"] == "g2"]
            assert adopted == [("g2", guessed["text"])]
            assert await bob.wait_for(lambda: bob.replica is not None and bob.replica.seq == 1)
            # a guess about someone who is not here is refused
            refused = await alice.guess("Zora, hello", "Zora", "g3")
            assert refused is not None and refused["kind"] == "ack" and not refused["ok"]
        assert MemoryStore(user_memory_dir(ROOM, "alice")).load("Ada").user_name in ("", None)

    run(scenario())
