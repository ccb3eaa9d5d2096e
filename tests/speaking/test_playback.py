from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pygame
import pytest

from game.events import SpeechChunk
from game.speaking.lipsync import timeline_for
from game.speaking.playback import Player, init_mixer, stereo_gains
from game.speaking.tts import VoiceSpec
from tests.support.clock import FakeClock
from tests.support.fakes import FakeSynthesizer
from tests.support.waiting import poll

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def mixer() -> Iterator[None]:
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    assert init_mixer() == ""
    yield
    pygame.mixer.quit()


def _chunk(npc: str, text: str, index: int = 0, last: bool = True, reply: int = 1) -> SpeechChunk:
    clip = FakeSynthesizer(seconds_per_word=0.25).synthesize(text, VoiceSpec())
    return SpeechChunk(
        npc=npc, reply_id=reply, index=index, last=last, text=text, clip=clip, timeline=timeline_for(clip)
    )


def test_stereo_pan_and_distance() -> None:
    left, right = stereo_gains((0, 1.6, 0), 0.0, (2.0, 1.6, 0.0))  # source to the right
    assert right > 0.9 * (left**2 + right**2) ** 0.5 > left
    far_l, far_r = stereo_gains((0, 1.6, 0), 0.0, (0.0, 1.6, -8.0))
    near_l, _ = stereo_gains((0, 1.6, 0), 0.0, (0.0, 1.6, -1.0))
    assert far_l == pytest.approx(far_r) and far_l < 0.5 * near_l
    turned_l, turned_r = stereo_gains(
        (0, 1.6, 0), 180.0, (2.0, 1.6, 0.0)
    )  # facing +z, the source is on the left
    assert turned_l > turned_r


def test_chunks_play_back_to_back_on_the_audio_clock(mixer: None) -> None:
    """On the real clock: the second sentence starts when the mixer has really played the first."""
    player = Player()
    first = player.enqueue(_chunk("Ada", "one two", 0, False))
    second = player.enqueue(_chunk("Ada", "three four", 1, True))
    assert second == pytest.approx(first + 0.5, abs=0.03), "the second sentence is due when the first ends"
    player.update((0, 1.6, 3), 0.0, {"Ada": (0.0, 0.0, 0.0)})
    assert player.speaking() == ["Ada"]
    assert player.voices["Ada"].channel.get_busy()
    began = player.start_time("Ada", 1, 0)
    assert began is not None and abs(began - first) < 0.04, "mouth clock within 40 ms of the audio start"

    def second_started() -> bool:  # one frame of the main loop
        player.update((0, 1.6, 3), 0.0, {"Ada": (0.0, 0.0, 0.0)})
        return player.start_time("Ada", 1, 1) is not None

    assert poll(second_started, 2), "the second sentence never started"
    started = player.start_time("Ada", 1, 1)
    assert started is not None and abs(started - second) < 0.04


def test_barge_in_stops_within_150ms_and_reports_what_was_heard(mixer: None) -> None:
    """What was heard is read on the player's (fake) clock; the fade-out is the mixer's, in real time."""
    clock = FakeClock()
    player = Player(clock)
    player.enqueue(_chunk("Bo", "alpha beta gamma delta epsilon zeta", 0, False))
    player.enqueue(_chunk("Bo", "second sentence here", 1, True))
    clock.advance(0.62 + player.latency)  # alpha, beta and gamma have started (0.25 s a word)
    heard = player.interrupt("Bo")
    stopped = time.monotonic()
    assert heard is not None
    assert heard.heard_text == "alpha beta gamma"
    assert heard.full_text.endswith("second sentence here")
    assert heard.stopped_at == clock.now
    channel = player.voices["Bo"].channel
    assert poll(lambda: not channel.get_busy(), 1.0), "the channel never went quiet"
    assert time.monotonic() - stopped < 0.15
    assert player.speaking() == []


def test_other_npcs_duck_while_one_speaks(mixer: None) -> None:
    clock = FakeClock()
    player = Player(clock)
    player.enqueue(_chunk("Ada", "long sentence for ducking test"))
    player.enqueue(_chunk("Bo", "another long sentence for ducking"))
    clock.advance(0.05)
    positions = {"Ada": (0.0, 0.0, -2.0), "Bo": (0.0, 0.0, -2.0)}
    player.update((0, 1.6, 0), 0.0, positions)
    ada = sum(player.voices["Ada"].gains)
    bo = sum(player.voices["Bo"].gains)
    assert bo < 0.6 * ada


PLAY_TO_DISK = """
import sys
sys.path.insert(0, {root!r})
from game.speaking.playback import Player, init_mixer
from game.speaking.lipsync import timeline_for
from game.speaking.tts import PyttsxSynthesizer, VoiceSpec
from game.events import SpeechChunk
from tests.support.waiting import poll
assert init_mixer() == ""
clip = PyttsxSynthesizer().synthesize("The lamp is next to the sofa.", VoiceSpec())
player = Player()
chunk = SpeechChunk(npc="Ada", reply_id=1, index=0, last=True, text="x", clip=clip,
                    timeline=timeline_for(clip))
player.enqueue(chunk)
channel = player.voices["Ada"].channel

def played():  # one frame: Ada is to the listener's right
    player.update((0.0, 1.6, 0.0), 0.0, {{"Ada": (3.0, 0.0, 0.0)}})
    return not channel.get_busy()

assert poll(played, clip.duration + 10, every=0.01), "the sentence never finished playing"
"""


def test_speech_reaches_the_sound_card_through_sdl_disk_driver(tmp_path: Path) -> None:
    """Listen through the numbers: the disk driver writes what the sound card would play."""
    out = tmp_path / "out.raw"
    env = {**os.environ, "SDL_AUDIODRIVER": "disk", "SDL_DISKAUDIOFILE": str(out)}
    subprocess.run(
        [sys.executable, "-c", PLAY_TO_DISK.format(root=str(ROOT))], env=env, check=True, timeout=60
    )
    pcm = np.frombuffer(out.read_bytes(), dtype=np.int16).reshape(-1, 2).astype(np.float64) / 32768.0
    rms_left, rms_right = np.sqrt((pcm**2).mean(axis=0))
    assert rms_right > 0.01, "speech was played"
    assert rms_right > 1.5 * rms_left, "an NPC on the right is louder in the right channel"
