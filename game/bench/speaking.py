"""``voxroom bench speaking``: reply text → first audio sample queued, and synthesis speed.

Runs the real path: the TTS worker thread synthesizes the first sentence, posts it on
the bus, the "main loop" here drains the bus and hands it to the mixer. The time is
measured from ``say()`` to the moment the mixer channel starts playing.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from game.bench import percentile, summarise_ms, write_result

if TYPE_CHECKING:
    from game.speaking.tts import Synthesizer

REPLIES = (
    "Hello! I'm Ada. The red box is on the table, next to the window.",
    "Sure, I can walk over to the sofa. Give me a moment.",
    "The lamp is in the corner, by the blue sofa. It gives a warm light.",
    "I like jazz and old books. What do you like to read?",
    "That chair is brown. Shall I make it red for you?",
    "Welcome back! It's good to see you again.",
    "Bo is standing near the table. Cleo is by the shelf.",
    "Hmm, let me think about that for a second.",
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bench speaking``."""
    p = sub.add_parser(
        "speaking", help="TTS latency to the first audio sample and synthesis real-time factor (JSON)"
    )
    p.add_argument(
        "--rounds", type=int, default=3, help="times through the reply set (default 3: 24 replies)"
    )
    p.add_argument(
        "--stress",
        type=int,
        default=1000,
        help="replies of 1-300 words (Unicode, numbers, abbreviations) whose failure rate is reported",
    )
    p.add_argument("--out", default="bench-results/speaking.json", help="JSON file to write")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Measure and write the speaking benchmark."""
    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    from game.bus import EventBus
    from game.events import SpeechChunk
    from game.speaking.playback import Player, init_mixer
    from game.speaking.speaker import SpeechWorker
    from game.speaking.tts import PyttsxSynthesizer, VoiceSpec

    note = init_mixer()
    bus = EventBus()
    synth = PyttsxSynthesizer()
    worker = SpeechWorker(bus, synth)
    worker.start()
    player = Player()
    voices = [
        VoiceSpec("en-us", "f3", 170, 65),
        VoiceSpec("en-gb", "m3", 150, 40),
        VoiceSpec("en-us", "m7", 160, 50),
    ]
    first_audio: list[float] = []
    rtf: list[float] = []
    synth_ms: list[float] = []
    for i in range(args.rounds * len(REPLIES)):
        text, voice = REPLIES[i % len(REPLIES)], voices[i % len(voices)]
        start = time.perf_counter()
        worker.say("npc", text, voice)
        got: list[SpeechChunk] = []
        while not got or not got[-1].last:
            batch = [e for e in bus.drain() if isinstance(e, SpeechChunk)]
            for chunk in batch:
                if chunk.index == 0:
                    player.enqueue(chunk)
                    first_audio.append(time.perf_counter() - start)
                rtf.append(chunk.clip.synth_seconds / max(chunk.clip.duration, 1e-6))
                synth_ms.append(chunk.clip.synth_seconds * 1000)
            got += batch
            time.sleep(0.0005)
        player.stop_all()
    worker.stop()
    stress = stress_failures(synth, args.stress)
    synth.close()
    results: dict[str, Any] = {
        "engine": synth.name,
        "replies": len(first_audio),
        "sound": note or "device",
        "text_to_first_audio": summarise_ms(first_audio),
        "synthesis_rtf_median": round(sorted(rtf)[len(rtf) // 2], 4),
        "synthesis_rtf_p95": round(percentile(rtf, 95), 4),
        "sentence_synthesis_ms_median": round(sorted(synth_ms)[len(synth_ms) // 2], 2),
        "stress": stress,
    }
    first = results["text_to_first_audio"]
    print(
        f"text → first audio: p50 {first['median_ms']:.1f} ms, p95 {first['p95_ms']:.1f} ms "
        f"over {len(first_audio)} replies; synthesis RTF {results['synthesis_rtf_median']:.3f}"
    )
    print(
        f"stress: {stress['failed']} of {stress['replies']} replies of 1-300 words failed "
        f"({stress['failure_rate']:.1%})"
    )
    write_result(Path(args.out), "speaking", results)
    print(f"wrote {args.out}")
    return 0


def stress_failures(synth: Synthesizer, count: int) -> dict[str, Any]:
    """Speak ``count`` stress replies through the worker's split-and-synthesize path; count failures."""
    from game.bench.speech_texts import stress_texts
    from game.bus import EventBus
    from game.events import SpeechChunk, SpeechFailed
    from game.speaking.speaker import SpeechRequest, SpeechWorker
    from game.speaking.tts import VoiceSpec

    bus = EventBus()
    worker = SpeechWorker(bus, synth)
    failed: list[str] = []
    start = time.perf_counter()
    audio = 0.0
    for i, text in enumerate(stress_texts(count)):
        worker.process(SpeechRequest("npc", text, VoiceSpec(), reply_id=i))
        events = bus.drain()
        chunks = [e for e in events if isinstance(e, SpeechChunk)]
        errors = [e.error for e in events if isinstance(e, SpeechFailed)]
        audio += sum(c.clip.duration for c in chunks)
        if errors or not chunks or not chunks[-1].last:
            failed.append(f"reply {i}: {errors[0] if errors else 'incomplete'}")
    return {
        "replies": count,
        "failed": len(failed),
        "failure_rate": round(len(failed) / max(count, 1), 4),
        "first_failures": failed[:5],
        "audio_seconds": round(audio, 1),
        "wall_seconds": round(time.perf_counter() - start, 1),
    }
