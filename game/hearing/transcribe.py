"""Offline transcription of a WAV file through the same VAD, endpointer and recognizer as live.

Running the live worker as fast as the CPU allows (instead of a separate batch path)
means ``voxroom transcribe`` shows exactly what the app would have heard.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from game.bus import EventBus
from game.hearing.audio import load_wav_16k
from game.hearing.endpoint import EndpointConfig
from game.hearing.pipeline import HearingWorker, Utterance
from game.hearing.protocols import SAMPLE_RATE, Recognizer, VoiceActivity


def transcribe_samples(
    pcm: bytes,
    recognizer: Recognizer,
    vad: VoiceActivity,
    config: EndpointConfig | None = None,
    trailing_silence_s: float = 1.0,
) -> list[Utterance]:
    """Segment and recognise 16 kHz mono int16 PCM; returns utterances in order."""
    worker = HearingWorker(EventBus(), recognizer, vad, config)
    step = 4096 * 2
    for i in range(0, len(pcm), step):
        worker.feed(pcm[i : i + step])
    worker.feed(b"\0\0" * int(trailing_silence_s * SAMPLE_RATE))
    worker.flush()
    return worker.utterances


def transcribe_file(
    path: str | Path, recognizer: Recognizer, vad: VoiceActivity, config: EndpointConfig | None = None
) -> list[Utterance]:
    """Any PCM WAV (converted to 16 kHz mono) → utterances."""
    return transcribe_samples(load_wav_16k(path).astype("<i2").tobytes(), recognizer, vad, config)


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


def iter_json(utterances: list[Utterance]) -> Iterator[dict[str, Any]]:
    """Only utterances that produced text or unknown words."""
    for u in utterances:
        if u.final.text or u.final.unknown_words:
            yield utterance_json(u)
