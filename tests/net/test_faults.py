"""Faults on loopback: the host dies, the server restarts, a 3-node cluster, a client that floods."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import nats

from game.net import subjects
from game.net.access import Access
from game.net.client import RoomClient
from game.net.lease import EXPIRE_S
from game.net.schema import MAX_BYTES, encode, encode_pose
from game.net.server import NatsServer, free_port
from tests.net.conftest import ROOM
from tests.support.rooms import room, start_host


def run(coro: object) -> None:
    asyncio.run(asyncio.wait_for(coro, 90))  # type: ignore[arg-type]


def test_standby_takes_over_within_3_5_s_and_no_edit_is_lost_or_doubled(
    nats_server: NatsServer, access: Access, brain, standby_brain
) -> None:
    async def scenario() -> None:
        async with room(nats_server, ROOM, access, brain, ["alice", "bob"]) as (first, (alice, bob)):
            standby = await start_host(nats_server, ROOM, access, standby_brain)
            acks = []
            for i in range(3):
                acks.append(await alice.edit("add_prop", type="box", prop_name=f"crate {i}", near="sofa"))
            crashed = time.monotonic()
            await first.host.crash()  # no goodbye: the lease simply stops being renewed
            # edits asked for during the gap are retried (same id) until the new host answers
            for i in range(3, 6):
                acks.append(await alice.edit("add_prop", type="box", prop_name=f"crate {i}", near="sofa"))
            await asyncio.wait_for(standby.host.active.wait(), 5)
            took = standby.host.stats.became_host_at - crashed  # type: ignore[operator]
            assert took + 0.6 >= EXPIRE_S and took <= 3.5, took
            assert all(a["ok"] for a in acks), acks
            assert await bob.wait_for(lambda: bob.replica is not None and bob.replica.seq == 6)
            names = sorted(
                p.name for p in standby.host.replica.world.scene.props if p.name.startswith("crate")
            )
            assert names == [f"crate {i}" for i in range(6)]
            ids = [m["id"] for m in standby.host.replica.history]
            assert len(ids) == len(set(ids)) == 6
            # and the new host talks for the NPCs too
            await bob.say("Ada, hello")
            assert await bob.wait_for(lambda: any(line["npc"] for line in bob.lines))
            await standby.close()

    run(scenario())


def test_clients_and_host_resync_after_the_server_restarts(
    nats_server: NatsServer, access: Access, brain
) -> None:
    async def scenario() -> None:
        async with room(nats_server, ROOM, access, brain, ["alice", "bob"]) as (running, (alice, bob)):
            assert (await alice.edit("recolour", target="walls", colour="blue"))["ok"]
            nats_server.stop()
            pending = asyncio.create_task(alice.edit("recolour", target="floor", colour="red"))
            nats_server.start()
            assert (await pending)["ok"]  # asked while the server was down, done once it was back
            assert await bob.wait_for(
                lambda: bob.connected and bob.replica is not None and bob.replica.seq == 2
            )
            assert bob.replica is not None
            assert (
                bob.replica.world.scene.room.floor.colour
                == running.host.replica.world.scene.room.floor.colour
            )

    run(scenario())


def test_a_three_node_cluster_routes_one_room_across_servers(
    tmp_path: Path, access: Access, brain, monkeypatch
) -> None:
    monkeypatch.setenv("VOXROOM_DATA_DIR", str(tmp_path / "data"))
    ports = [free_port() for _ in range(3)]
    nodes = [
        NatsServer(
            tmp_path / f"n{i}",
            access,
            name=f"n{i}",
            cluster_port=ports[i],
            routes=tuple(p for p in ports if p != ports[i]),
        )
        for i in range(3)
    ]
    for node in nodes:
        node.start()

    async def scenario() -> None:
        # the host on node 0, alice on node 1, bob on node 2
        async with room(nodes[0], ROOM, access, brain, []) as (_running, _):
            alice = RoomClient(nodes[1].url("alice"), ROOM, "alice")
            bob = RoomClient(nodes[2].url("bob"), ROOM, "bob")
            await alice.join()
            await bob.join()
            alice.move((0.5, 1.6, 1.0), 90.0)
            assert await bob.wait_for(lambda: "alice" in bob.peers and bool(bob.peers["alice"].samples))
            assert (await alice.edit("recolour", target="walls", colour="green"))["ok"]
            assert await bob.wait_for(lambda: bob.replica is not None and bob.replica.seq == 1)
            await bob.say("Ada, hello there")
            assert await alice.wait_for(
                lambda: any(line["npc"] and line["to"] == "bob" for line in alice.lines)
            )
            await alice.leave()
            await bob.leave()

    try:
        run(scenario())
    finally:
        for node in nodes:
            node.stop()


def test_a_flooding_client_is_dropped_and_counted_and_the_room_keeps_working(
    nats_server: NatsServer, access: Access, brain
) -> None:
    async def scenario() -> None:
        async with room(nats_server, ROOM, access, brain, ["alice", "gil"]) as (running, (alice, gil)):
            flood = await nats.connect(nats_server.url("bob"))
            for i in range(3000):
                pose = encode_pose(i, (0.0, 1.6, 0.0), 0.0, 0.0, 0.0)
                await flood.publish(subjects.pose(ROOM, "bob"), pose)
            for i in range(200):
                line = encode("say", user="bob", id=str(i), text="Ada, hello", gaze="", guess="")
                await flood.publish(subjects.say(ROOM, "bob"), line)
            await flood.publish(subjects.say(ROOM, "bob"), b"{not json")
            await flood.publish(subjects.edit(ROOM, "bob"), b"x" * (MAX_BYTES + 10))
            spoofed = encode("say", user="alice", id="s", text="Ada, make the walls black", gaze="", guess="")
            await flood.publish(subjects.say(ROOM, "bob"), spoofed)  # bob claiming to be alice
            await flood.flush()
            # the room still answers an honest client at once
            assert (await alice.edit("recolour", target="walls", colour="blue", deadline_s=2.0))["ok"]
            host = running.host
            assert host.limits.dropped.get("bob", 0) > 0
            assert host.stats.dropped >= 3  # malformed, oversized, spoofed
            assert (
                sum(q.qsize() for q in host.turns.queues.values()) <= 6
            )  # the say flood was cut at the burst
            # and bob cannot publish anyone else's avatar: the server refuses it
            errors: list[Exception] = []

            async def on_error(exc: Exception) -> None:
                errors.append(exc)

            spoofer = await nats.connect(nats_server.url("bob"), error_cb=on_error)
            await spoofer.publish(
                subjects.pose(ROOM, "alice"),
                encode_pose(1, (9.0, 1.6, 9.0), 0.0, 0.0, 0.0),
            )
            await spoofer.flush()
            assert not await gil.wait_for(
                lambda: "alice" in gil.peers and any(s[1][0] == 9.0 for s in gil.peers["alice"].samples),
                timeout=0.5,
            )
            await spoofer.close()
            await flood.close()

    run(scenario())
