from __future__ import annotations

import numpy as np
import pytest

from game.hearing.echo import EchoGuard
from game.speaking.tts import PyttsxSynthesizer, SpeechClip, VoiceSpec

RATE = 16000
FRAME = 320  # 20 ms


@pytest.fixture(scope="module")
def voices() -> tuple[SpeechClip, SpeechClip]:
    synth = PyttsxSynthesizer()
    npc = synth.synthesize(
        "The lamp is next to the sofa and the red box is on the table by the window.",
        VoiceSpec("en-us", "f3"),
    )
    user = synth.synthesize("Hello Ada, wait, stop talking please.", VoiceSpec("en-us", "m3"))
    return npc, user


def _16k(clip: SpeechClip) -> np.ndarray:
    x = clip.samples.astype(np.float32) / 32768.0
    n = int(len(x) * RATE / clip.rate)
    return np.interp(np.linspace(0, len(x) - 1, n), np.arange(len(x)), x).astype(np.float32)


def _room(signal: np.ndarray, reverb: bool) -> np.ndarray:
    """Speaker → microphone: 45 ms delay, a reflection, optionally a 150 ms reverb tail."""
    out = 0.4 * signal + 0.15 * np.concatenate([np.zeros(24, np.float32), signal[:-24]])
    if reverb:
        rng = np.random.default_rng(1)
        tail = (
            rng.normal(0, 1, int(0.15 * RATE)) * np.exp(-np.arange(int(0.15 * RATE)) / (0.04 * RATE)) * 0.004
        )
        out = out + np.convolve(signal, tail)[: len(signal)].astype(np.float32)
    return np.concatenate([np.zeros(int(0.045 * RATE), np.float32), out])


def _run(
    npc: SpeechClip, user: np.ndarray | None, reverb: bool
) -> tuple[np.ndarray, np.ndarray, list[bool], EchoGuard]:
    guard = EchoGuard()
    guard.played(1.0, npc.samples, npc.rate)  # the speakers play the NPC from t = 1.0 s
    total = 6 * RATE
    mic = np.random.default_rng(0).normal(0, 0.002, total).astype(np.float32)
    echo = _room(_16k(npc), reverb)
    mic[RATE : RATE + len(echo)] += echo
    if user is not None:
        mic[2 * RATE : 2 * RATE + len(user)] += 0.5 * user
    out, gate = [], []
    for i in range(0, total, FRAME):
        residual = guard.process(mic[i : i + FRAME], i / RATE)
        out.append(residual)
        gate.append(guard.user_over_echo(residual))
    return mic, np.concatenate(out), gate, guard


def _loud_frames(gate: list[bool], user16: np.ndarray) -> list[bool]:
    """Gate decisions for the frames where the user is clearly speaking (not between words)."""
    first = 2 * RATE // FRAME
    return [
        gate[first + i]
        for i in range(len(user16) // FRAME)
        if _rms(0.5 * user16[i * FRAME : (i + 1) * FRAME]) > 0.01
    ]


def _rms(x: np.ndarray) -> float:
    return float(np.sqrt(np.mean(x.astype(np.float64) ** 2)))


def test_npc_voice_is_removed_from_the_microphone(voices: tuple[SpeechClip, SpeechClip]) -> None:
    npc, _ = voices
    mic, residual, gate, _ = _run(npc, None, reverb=False)
    steady = slice(int(1.4 * RATE), int(3.5 * RATE))
    assert _rms(mic[steady]) > 0.03
    assert _rms(residual[steady]) < 0.0025, "the echo is removed down to the 0.002 noise floor"
    assert not any(gate), "the NPC's own voice never counts as the user"


def test_user_talking_over_the_npc_survives(voices: tuple[SpeechClip, SpeechClip]) -> None:
    npc, user = voices
    user16 = _16k(user)
    _, residual, gate, _ = _run(npc, user16, reverb=False)
    span = slice(2 * RATE, 2 * RATE + len(user16))
    assert np.corrcoef(residual[span], user16)[0, 1] > 0.95
    assert np.mean(_loud_frames(gate, user16)) > 0.7, "the user's speech passes the double-talk gate"


def test_reverberant_echo_does_not_trigger_but_the_user_does(voices: tuple[SpeechClip, SpeechClip]) -> None:
    npc, user = voices
    _, _, gate_alone, _ = _run(npc, None, reverb=True)
    assert sum(gate_alone) == 0, "late reverberation stays under the gate"
    user16 = _16k(user)
    _, _, gate_both, _ = _run(npc, user16, reverb=True)
    assert np.mean(_loud_frames(gate_both, user16)) > 0.7


def test_barge_in_cuts_the_reference() -> None:
    guard = EchoGuard()
    guard.played(0.0, (np.ones(RATE) * 10000).astype(np.int16), RATE)
    guard.stopped(0.25)
    ref = guard.reference(0.0, RATE)
    assert ref[: int(0.24 * RATE)].min() > 0.2 and ref[int(0.26 * RATE) :].max() == 0.0
