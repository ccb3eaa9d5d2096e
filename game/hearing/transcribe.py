"""Offline transcription of a WAV file through the same VAD, endpointer and recognizer as live.

Running the live worker as fast as the CPU allows (instead of a separate batch path)
means ``voxroom transcribe`` shows exactly what the app would have heard.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from game.bus import EventBus
from game.hearing.audio import Int16Array, stream_wav_16k
from game.hearing.endpoint import EndpointConfig
from game.hearing.protocols import SAMPLE_RATE, Recognizer, VoiceActivity
from game.hearing.worker import HearingWorker, Utterance


def transcribe_stream(
    blocks: Iterable[Int16Array],
    recognizer: Recognizer,
    vad: VoiceActivity,
    config: EndpointConfig | None = None,
    trailing_silence_s: float = 1.0,
) -> Iterator[Utterance]:
    """Segment and recognise 16 kHz mono blocks, yielding each utterance as soon as it ends.

    Nothing accumulates: the worker's events are drained and its finished utterances
    handed out after every block, so memory is flat for a file of any length.
    """
    bus = EventBus()
    worker = HearingWorker(bus, recognizer, vad, config)
    step = 4096 * 2
    for block in blocks:
        pcm = block.astype("<i2").tobytes()
        for i in range(0, len(pcm), step):
            worker.feed(pcm[i : i + step])
        yield from _finished(worker, bus)
    worker.feed(b"\0\0" * int(trailing_silence_s * SAMPLE_RATE))
    worker.flush()
    yield from _finished(worker, bus)


def _finished(worker: HearingWorker, bus: EventBus) -> list[Utterance]:
    bus.drain()
    done, worker.utterances = worker.utterances, []
    return done


def transcribe_file(
    path: str | Path, recognizer: Recognizer, vad: VoiceActivity, config: EndpointConfig | None = None
) -> Iterator[Utterance]:
    """Any PCM WAV (converted to 16 kHz mono, a block at a time) → utterances as they end."""
    return transcribe_stream(stream_wav_16k(path), recognizer, vad, config)


def utterance_json(u: Utterance) -> dict[str, Any]:
    """The ``transcribe`` output line: times in seconds from the start of the file."""
    f = u.final
    return {
        "text": f.text,
        "start": round(u.start, 3),
        "end": round(u.end, 3),
        "words": [
            {
                "word": w.word,
                "start": round(u.offset + w.start, 3),
                "end": round(u.offset + w.end, 3),
                "conf": w.conf,
            }
            for w in f.words
        ],
        "unknown_words": list(f.unknown_words),
        "engine": f.engine,
    }


def iter_json(utterances: Iterable[Utterance]) -> Iterator[dict[str, Any]]:
    """Only utterances that produced text or unknown words."""
    for u in utterances:
        if u.final.text or u.final.unknown_words:
            yield utterance_json(u)
