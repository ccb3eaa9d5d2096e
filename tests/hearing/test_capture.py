"""Capture through SDL: the ``disk`` driver replays a raw file as a real microphone would."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.support.speech import with_gaps

SCRIPT = r"""
import json, sys
from game.events import FinalTranscript, HearingStatus, SpeechEnded
from game.sim.scene import load_scene
from game.hearing.capture import MicrophoneSource, list_devices
from game.hearing.grammar import vocabulary_for
from game.hearing.pipeline import HearingPipeline
from game.hearing.sphinx_asr import SphinxRecognizer
from game.hearing.vad import SileroVad
from tests.support.waiting import WatchedBus

devices = list_devices()
bus = WatchedBus()
pipe = HearingPipeline(bus, SphinxRecognizer(vocabulary_for(load_scene("default"))), SileroVad(),
                       lambda: MicrophoneSource())
pipe.start()
two_finals = lambda events: sum(isinstance(e, FinalTranscript) for e in events) >= 2
bus.wait_for(two_finals, float(sys.argv[1]))
pipe.stop()
events = bus.drain()
finals = [e.text for e in events if isinstance(e, FinalTranscript)]
ends = [e.audio_time for e in events if isinstance(e, SpeechEnded)]
status = [e.microphone for e in events if isinstance(e, HearingStatus)]
print(json.dumps({"capture": list(devices.capture), "finals": finals, "ends": ends, "status": status}))
"""


def test_sdl_disk_driver_capture_end_to_end(say, tmp_path: Path) -> None:
    signal, truth = with_gaps([say("hello ada"), say("what is on the table", "en-gb+m3")])
    raw = tmp_path / "mic.raw"
    raw.write_bytes(signal.astype("<i2").tobytes())
    env = dict(
        os.environ,
        SDL_AUDIODRIVER="disk",
        SDL_DISKAUDIOFILEIN=str(raw),
        SDL_DISKAUDIOFILE=str(tmp_path / "out.raw"),
        PYTHONPATH=str(Path(__file__).parents[2]),
    )
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, "20"], env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["capture"], "the disk driver offers a capture device"
    assert result["status"] and result["status"][0] == result["capture"][0]
    assert result["finals"] == ["hello ada", "what is on the table"]
    for end, (_, t_end) in zip(result["ends"], truth, strict=True):
        assert abs(end - t_end) < 0.15  # SDL delivers the file sample-exact, at real-time pace


def test_devices_command_lists_dummy_output_but_no_fake_microphone_and_keeps_the_mixer_usable() -> None:
    code = (
        "import pygame\n"
        "from game.cli import main\n"
        "assert main(['devices']) == 0\n"
        "pygame.mixer.init()\n"
        "print('MIXER', pygame.mixer.get_init())\n"
    )
    env = dict(os.environ, SDL_AUDIODRIVER="dummy", PYTHONPATH=str(Path(__file__).parents[2]))
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    assert "capture:" in proc.stdout and "System audio output device" in proc.stdout
    assert "System audio capture device" not in proc.stdout  # the dummy driver's silent stand-in
    assert "(none: no capture device" in proc.stdout
    # listing devices must not leave SDL audio in a state where pygame skips opening its mixer
    assert "MIXER None" not in proc.stdout and "MIXER (" in proc.stdout


def test_no_capture_device_is_a_clear_one_line_error(tmp_path: Path) -> None:
    # an SDL build with no usable driver: opening the microphone must explain, not crash
    code = (
        "from game.hearing.capture import MicrophoneSource\n"
        "from game.errors import UserError\n"
        "try:\n    MicrophoneSource()\nexcept UserError as e:\n    print('ERR', e)\n"
    )
    env = dict(os.environ, SDL_AUDIODRIVER="no-such-driver", PYTHONPATH=str(Path(__file__).parents[2]))
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=30)
    assert proc.returncode == 0, proc.stderr
    line = proc.stdout.strip()
    assert line.startswith("ERR ") and "\n" not in line
    assert "microphone" in line or "audio system" in line


FAKE_MIC = r"""
import json
from game.commands.doctor import check_audio_capture
from game.desktop.hud import Hud
from game.events import HearingStatus, Notice
from game.hearing.capture import MicrophoneSource, list_devices
from game.hearing.pipeline import HearingPipeline
from game.hearing.vad import default_vad
from tests.support.fakes import FakeRecognizer
from tests.support.waiting import WatchedBus, posted

doctor = check_audio_capture()
devices = list_devices()
bus = WatchedBus()
pipe = HearingPipeline(bus, FakeRecognizer([]), default_vad(), lambda: MicrophoneSource())
pipe.start()
bus.wait_for(posted(Notice), 10)
pipe.stop()
events = bus.drain()
status = [e for e in events if isinstance(e, HearingStatus)][-1]
hud = Hud("test", captions=True)
hud.hearing(status)
print(json.dumps({
    "doctor": [doctor.status, doctor.detail], "capture": list(devices.capture),
    "problem": devices.capture_problem, "mode": status.mode, "hud": hud.hearing_status,
    "mic_live": hud.mic_live, "notices": [e.message for e in events if isinstance(e, Notice)],
}))
"""


def test_sdl_fake_microphone_means_typing_mode_in_doctor_devices_and_hud() -> None:
    """SDL's dummy driver offers a silent stand-in microphone; everyone calls it no capture device."""
    env = dict(os.environ, SDL_AUDIODRIVER="dummy", PYTHONPATH=str(Path(__file__).parents[2]))
    proc = subprocess.run(
        [sys.executable, "-c", FAKE_MIC], env=env, capture_output=True, text=True, timeout=60
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    assert result["capture"] == []
    assert result["doctor"][0] == "warn" and result["doctor"][1].startswith("no capture device")
    assert result["problem"] == result["doctor"][1]
    assert result["mode"] == "text" and not result["mic_live"]
    assert "typing mode · no capture device" in result["hud"] and "dBFS" not in result["hud"]
    assert any(n.startswith("no capture device") and "text mode" in n for n in result["notices"])
