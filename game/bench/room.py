"""``voxroom bench room --clients N``: a shared room on loopback, measured from the clients' side.

The composition is what LAN play runs: a real ``nats-server -js`` (as ``voxroom
server`` starts it, with users and permissions), the host as a separate ``voxroom host``
process (its own mind worker, the default brain), and N :class:`~game.net.client.RoomClient`
s in this process. How it differs from N people: the clients share one Python process
and draw nothing. Voice to voice is measured as ``bench voice`` measures it, through one
more user's joined app stack (``voxroom run --join``'s runtime without the window: hearing,
guesses from the room's mind, TTS, the mixer on SDL's dummy driver), while the N are in
the room.

Phases, in one run: N clients join at once (join to the room being known, i.e. the first
frame could be drawn); everyone walks for ``--seconds`` at 15 poses a second (pose
latency on the sender's wall clock, which is the receivers' on loopback; bytes received
per client); ``--edits`` edits from all clients (until every client has applied each);
``--turns`` typed lines to the NPCs; ``--spoken`` spoken lines from the joined app; then a
standby host is started and the active one killed (SIGKILL), and the failover is the time
until an edit asked right after the kill is acked.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import signal
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from game.bench import percentile, write_result

TARGETS = {
    "join_ms": ("p95", 300.0),
    "pose_latency_ms": ("p95", 25.0),
    "edit_latency_ms": ("p95", 50.0),
    "npc_voice_to_voice_ms": ("p50", 400.0),
}
FAILOVER_TARGET_S = 3.5
DOWN_TARGET_KBPS = 25.0  # with 16 clients
FRAMING_BYTES = 20  # NATS "MSG subject sid size\r\n…\r\n" around each payload, estimated
ROOM = "bench"
SPEAKER = "speaker"  # the user whose joined app hears spoken lines
LINES = (
    "Ada, how are you?",
    "Bo, where is the lamp?",
    "Cleo, what do you like?",
    "Ada, what is on the table?",
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bench room``."""
    p = sub.add_parser("room", help="shared room on loopback: join, pose, edit, NPC latency, failover (JSON)")
    p.add_argument("--clients", type=int, default=16, help="simulated clients (default 16)")
    p.add_argument("--seconds", type=float, default=5.0, help="how long everyone walks (default 5)")
    p.add_argument("--edits", type=int, default=30, help="edits to time (default 30)")
    p.add_argument("--turns", type=int, default=8, help="typed lines to the NPCs to time (default 8)")
    p.add_argument(
        "--spoken",
        type=int,
        default=10,
        help="spoken lines through a joined app's stack, true end of speech → first NPC audio (default 10)",
    )
    p.add_argument(
        "--endpointing",
        default="auto",
        choices=("auto", "smart", "timer"),
        help="for --spoken (auto: as voxroom run)",
    )
    p.add_argument("--out", default="bench-results/room.json", help="JSON file to write")
    p.set_defaults(handler=run)


def _ms(values: list[float]) -> dict[str, float]:
    if not values:
        return {"p50": math.nan, "p95": math.nan, "samples": 0}
    return {
        "p50": round(statistics.median(values), 2),
        "p95": round(percentile(values, 95), 2),
        "samples": len(values),
    }


async def _start_host(url: str, access_file: Path, env: dict[str, str]) -> asyncio.subprocess.Process:
    """``voxroom host`` as users run it; returns once it says it hosts (or stands by)."""
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "game", "host", "--room", ROOM, "--server", url, "--access", str(access_file),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT, env=env,
    )  # fmt: skip
    return process


async def _wait_line(process: asyncio.subprocess.Process, words: str, timeout: float = 60.0) -> None:
    assert process.stdout is not None

    async def read() -> None:
        assert process.stdout is not None
        while True:
            line = (await process.stdout.readline()).decode()
            if not line:
                raise RuntimeError(f"voxroom host exited before saying {words!r}")
            if words in line:
                return

    await asyncio.wait_for(read(), timeout)


async def _measure(args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    from game.net.access import Access, save_access
    from game.net.client import RoomClient
    from game.net.server import NatsServer
    from game.speaking.speech_text import split_sentences
    from game.speaking.tts import PyttsxSynthesizer, VoiceSpec

    access = Access.fresh()
    users = [f"user{i}" for i in range(args.clients)]
    for user in [*users, SPEAKER]:
        access.add(user, "editor", (ROOM,))
    access_file = folder / "access.toml"
    save_access(access, access_file)
    server = NatsServer(folder / "nats", access)
    server.start()
    env = {**os.environ, "VOXROOM_DATA_DIR": str(folder / "data")}
    hosts: list[asyncio.subprocess.Process] = []
    clients: list[RoomClient] = []
    try:
        host_url = server.url()
        hosts.append(await _start_host(host_url, access_file, env))
        await _wait_line(hosts[0], "hosting room")
        # --- join ------------------------------------------------------------------------
        clients = [RoomClient(server.url(u), ROOM, u) for u in users]

        async def join(client: RoomClient) -> float:
            start = time.perf_counter()
            await client.join()
            return (time.perf_counter() - start) * 1000.0

        join_ms = list(await asyncio.gather(*(join(c) for c in clients)))
        # --- everyone walks ----------------------------------------------------------------
        pose_ms: list[float] = []

        def on_pose(user: str, pose: dict[str, Any]) -> None:
            pose_ms.append(((round(time.time() * 1000) - int(pose["t_ms"])) % 2**32) * 1.0)

        for c in clients:
            c.on_pose = on_pose
            c.traffic.bytes = c.traffic.messages = 0
        sent_before = sum(c.poses_sent for c in clients)
        walk_start = time.perf_counter()
        frame = 0
        while time.perf_counter() - walk_start < args.seconds:
            frame += 1
            for i, c in enumerate(clients):
                angle = frame * 0.05 + i
                c.move((math.cos(angle) * 2.0, 1.6, math.sin(angle) * 2.0), math.degrees(angle) % 360.0)
            await asyncio.sleep(1 / 30)
        walked = time.perf_counter() - walk_start
        poses_sent = sum(c.poses_sent for c in clients) - sent_before
        down = [(c.traffic.bytes + FRAMING_BYTES * c.traffic.messages) / walked / 1000.0 for c in clients]
        for c in clients:
            c.on_pose = None
        # --- edits -------------------------------------------------------------------------
        edit_ms: list[float] = []
        refused = 0
        for i in range(args.edits):
            editor = clients[i % len(clients)]  # edits come from everyone, paced under each user's rate limit
            await asyncio.sleep(0.6 / len(clients))
            start = time.perf_counter()
            colour = ("red", "green", "blue", "yellow", "white")[i % 5]
            ack = await editor.edit("recolour", target=("walls", "floor")[i % 2], colour=colour)
            if not ack["ok"]:
                refused += 1
                continue
            seq = editor.replica.seq if editor.replica else 0
            for c in clients:

                def applied(c: RoomClient = c, s: int = seq) -> bool:
                    return c.replica is not None and c.replica.seq >= s

                await c.wait_for(applied, 5.0)
            edit_ms.append((time.perf_counter() - start) * 1000.0)
        # --- NPC turns -----------------------------------------------------------------------
        synth = PyttsxSynthesizer()
        v2v_ms: list[float] = []
        listener = clients[-1]
        for i in range(args.turns):
            speaker, text = clients[i % len(clients)], LINES[i % len(LINES)]
            npc = text.split(",")[0]

            def quiet(npc: str = npc) -> bool:  # the NPC is not still answering someone (that would queue)
                return bool(listener.npcs.get(npc, {}).get("speaking", "") == "")

            await listener.wait_for(quiet, 30.0)
            before = len(speaker.lines)

            def answered(s: RoomClient = speaker, b: int = before) -> bool:
                return any(line["npc"] for line in list(s.lines)[b:])

            start = time.perf_counter()
            await speaker.say(text)
            heard = await speaker.wait_for(answered, 15.0)
            if not heard:
                continue
            arrived = time.perf_counter()
            line = next(line for line in list(speaker.lines)[before:] if line["npc"])
            v = line["voice"]
            voice = VoiceSpec(
                str(v.get("voice", "en-us")), "", int(v.get("rate", 165)), int(v.get("pitch", 50))
            )
            clip = synth.synthesize(split_sentences(line["text"])[0], voice)
            v2v_ms.append((arrived - start + clip.synth_seconds) * 1000.0)
        # --- spoken lines through a joined app's stack ------------------------------------------
        spoken: tuple[list[float], str] = ([], "")
        if args.spoken:
            loop = asyncio.get_running_loop()
            url = server.url(SPEAKER)
            spoken = await loop.run_in_executor(
                None, _spoken, url, folder / "spoken", args.spoken, args.endpointing
            )
        # --- failover ----------------------------------------------------------------------
        hosts.append(await _start_host(host_url, access_file, env))
        await _wait_line(hosts[1], "standing by")
        hosts[0].send_signal(signal.SIGKILL)
        killed = time.perf_counter()
        ack = await clients[0].edit("recolour", target="walls", colour="purple", deadline_s=15.0)
        failover_s = time.perf_counter() - killed if ack["ok"] else math.nan
    finally:
        await asyncio.gather(*(c.leave() for c in clients), return_exceptions=True)
        for process in hosts:
            if process.returncode is None:
                process.send_signal(signal.SIGTERM)
                await process.wait()
        server.stop()
    results: dict[str, Any] = {
        "clients": args.clients,
        "join_ms": _ms(join_ms),
        "pose_latency_ms": _ms(pose_ms),
        "edit_latency_ms": _ms(edit_ms),
        "npc_voice_to_voice_ms": _ms(spoken[0]),
        "endpointing": spoken[1],
        "transcript_to_reply_audio_ms": _ms(v2v_ms),
        "edits_refused": refused,
        "failover_s": round(failover_s, 3),
        "down_kbps_per_client": round(statistics.median(down), 2),
        "poses_per_second_per_client": round(poses_sent / walked / len(clients), 1),
        "composition": "nats-server -js with users and permissions; `voxroom host` subprocess (embed brain); "
        "clients in this process, drawing nothing; npc_voice_to_voice_ms = a joined app's stack (hearing, "
        "room link, guesses from the room's mind, TTS, playback; no mods) from the true end of spoken "
        "lines to the first NPC audio; transcript_to_reply_audio_ms = a typed line sent → first reply "
        "sentence synthesized on the sender",
    }
    results["targets"] = _targets(results)
    return results


def _spoken(url: str, folder: Path, count: int, endpointing: str) -> tuple[list[float], str]:
    """Spoken lines through ``voxroom run --join``'s stack: true end of speech → first NPC audio.

    The joined window's composition: the app's runtime (hearing, TTS, playback; no mods, as a
    joined window loads none) with a :class:`RoomLink`, replayed by :class:`Simulation` as
    ``bench voice`` does; the host answers over the network.
    """
    from game.bench.voice import UTTERANCES, synthesize
    from game.conversation.replay import Simulation, parse_inputs
    from game.net.link import JoinAddress, RoomLink, join_runtime
    from game.sim.scene import load_scene

    folder.mkdir(parents=True, exist_ok=True)
    wavs = [str(synthesize(*UTTERANCES[i % len(UTTERANCES)], folder, i)) for i in range(count)]
    sim = Simulation(load_scene("default"), folder / "run", endpointing=endpointing)
    link = RoomLink(JoinAddress(url, ROOM, SPEAKER), sim.bus)
    link.join()
    join_runtime(sim.runtime, link)
    try:
        result = sim.run(parse_inputs(wavs, []))
    finally:
        link.stop()
    how = sim.runtime.hearing.worker.endpointer.config.endpointing
    return [t["true_end_to_first_audio_ms"] for t in result.turns if "true_end_to_first_audio_ms" in t], how


def _targets(results: dict[str, Any]) -> dict[str, Any]:
    met: dict[str, Any] = {}
    for key, (stat, limit) in TARGETS.items():
        value = results[key][stat]
        met[key] = {"stat": stat, "limit": limit, "value": value, "met": bool(value <= limit)}
    met["failover_s"] = {"limit": FAILOVER_TARGET_S, "value": results["failover_s"],
                         "met": bool(results["failover_s"] <= FAILOVER_TARGET_S)}  # fmt: skip
    if results["clients"] >= 16:
        value = results["down_kbps_per_client"]
        met["down_kbps_per_client"] = {
            "limit": DOWN_TARGET_KBPS,
            "value": value,
            "met": value <= DOWN_TARGET_KBPS,
        }
    return met


def run(args: argparse.Namespace) -> int:
    """Run the benchmark, print and write the JSON; exit 1 when a target is missed."""
    with tempfile.TemporaryDirectory(prefix="voxroom-bench-room-") as tmp:
        results = asyncio.run(_measure(args, Path(tmp)))
    write_result(Path(args.out), "room", results)
    print(json.dumps(results, indent=2))
    return 0 if all(t["met"] for t in results["targets"].values()) else 1
