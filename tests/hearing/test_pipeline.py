"""The hearing pipeline: event order, push-to-talk, threads, lost and missing microphones."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from game.bus import EventBus
from game.conversation.watchdog import Deadlines, Watchdog
from game.events import (
    FinalTranscript,
    HearingStatus,
    InputLevel,
    Notice,
    PartialTranscript,
    SpeechEnded,
    SpeechStarted,
    TextInput,
)
from game.hearing.capture import FileSource, NoMicrophone
from game.hearing.pipeline import HearingPipeline
from game.hearing.protocols import DeviceLost, SourceEnded
from game.hearing.vad import SileroVad
from game.hearing.worker import HearingWorker
from tests.support.clock import FakeClock
from tests.support.fakes import FakeRecognizer
from tests.support.speech import Endless, noise, with_gaps
from tests.support.waiting import WatchedBus, posted


def kinds(events, wanted=(SpeechStarted, PartialTranscript, SpeechEnded, FinalTranscript)):
    return [type(e).__name__ for e in events if isinstance(e, wanted)]


def feed_all(worker: HearingWorker, samples: np.ndarray, chunk: int = 1600) -> None:
    pcm = samples.astype("<i2").tobytes()
    for i in range(0, len(pcm), chunk * 2):
        worker.feed(pcm[i : i + chunk * 2])


def test_worker_event_order_with_fake_recognizer(say) -> None:
    bus = EventBus()
    fake = FakeRecognizer(["walk to the table", "hello ada"], seconds_per_word=0.25)
    clock = FakeClock(tick=0.001)
    worker = HearingWorker(bus, fake, SileroVad(), clock=clock)
    signal, truth = with_gaps([say("walk to the table"), say("hello ada")])
    feed_all(worker, signal)
    events = bus.drain()
    order = kinds(events)
    assert order[0] == "SpeechStarted" and order.count("FinalTranscript") == 2
    first_end = order.index("SpeechEnded")
    assert "PartialTranscript" in order[:first_end]
    assert order[first_end + 1] == "FinalTranscript"
    finals = [e for e in events if isinstance(e, FinalTranscript)]
    assert [f.text for f in finals] == ["walk to the table", "hello ada"]
    assert all(f.engine == "fake" for f in finals)
    levels = [e for e in events if isinstance(e, InputLevel)]
    assert len(levels) >= 10 and max(e.dbfs for e in levels) > -40 > min(e.dbfs for e in levels)
    starts = [e.audio_time for e in events if isinstance(e, SpeechStarted)]
    assert all(abs(s - t[0]) < 0.1 for s, t in zip(starts, truth, strict=True))
    # each utterance got its speech plus pre-roll and hangover
    assert all(sec >= (t[1] - t[0]) for sec, t in zip(fake.utterance_seconds, truth, strict=True))
    # every event is stamped by the worker's clock, in the order it was posted
    stamps = [e.t for e in events]
    assert stamps == sorted(set(stamps)) and stamps[0] >= 100.0 and stamps[-1] < clock.now


def test_worker_with_real_sphinx_hears_scene_phrases(say, sphinx_grammar) -> None:
    bus = EventBus()
    worker = HearingWorker(bus, sphinx_grammar, SileroVad())
    signal, _ = with_gaps([say("hello ada"), say("walk to the table", "en-us+f2")])
    feed_all(worker, signal)
    finals = [e for e in bus.drain() if isinstance(e, FinalTranscript)]
    assert [f.text for f in finals] == ["hello ada", "walk to the table"]
    assert all(f.engine == "sphinx" and f.words for f in finals)


def test_push_to_talk_uses_the_key_not_the_vad(say, sphinx_grammar) -> None:
    bus = EventBus()
    worker = HearingWorker(bus, sphinx_grammar, SileroVad())
    worker.set_mode("ptt")
    speech, _ = with_gaps([say("what is your name")], lead_s=0.1, tail_s=0.1)
    feed_all(worker, with_gaps([say("hello ada")])[0])  # spoken without the key: ignored
    assert kinds(bus.drain()) == []
    worker.set_ptt(True)
    feed_all(worker, speech)
    worker.set_ptt(False)
    feed_all(worker, noise(0.5))
    events = bus.drain()
    assert kinds(events)[0] == "SpeechStarted" and kinds(events)[-1] == "FinalTranscript"
    assert [e.text for e in events if isinstance(e, FinalTranscript)] == ["what is your name"]


def test_pipeline_thread_on_a_file_posts_status_and_finals(say, sphinx_grammar, write) -> None:
    signal, _ = with_gaps([say("where is bo"), say("make the walls blue")])
    path = write(signal, "two.wav", 16000)
    bus = EventBus()
    pipe = HearingPipeline(bus, sphinx_grammar, SileroVad(), lambda: FileSource(path, realtime=False))
    pipe.start()
    assert pipe.wait_finished(30)
    pipe.stop()
    events = bus.drain()
    status = [e for e in events if isinstance(e, HearingStatus)]
    assert status[0].engine == "sphinx" and status[0].mode == "always" and "two.wav" in status[0].microphone
    assert [e.text for e in events if isinstance(e, FinalTranscript)] == [
        "where is bo",
        "make the walls blue",
    ]


def test_stop_joins_within_a_second() -> None:
    src = Endless()
    pipe = HearingPipeline(EventBus(), FakeRecognizer([]), SileroVad(), lambda: src)
    pipe.start()
    assert src.reading.wait(5), "the pipeline never opened its microphone"
    t = time.perf_counter()
    pipe.stop()
    assert time.perf_counter() - t < 1.0
    assert pipe.finished.is_set() and src.closed


class StuckVad:
    """A VAD that never answers until released: what a hung engine looks like from Python."""

    frame_samples = 512

    def __init__(self) -> None:
        self.stuck = threading.Event()
        self.release = threading.Event()

    def probability(self, frame: bytes) -> float:
        self.stuck.set()
        self.release.wait()
        return 0.0

    def reset(self) -> None:
        pass


def test_the_watchdog_measures_a_hang_on_the_pipelines_clock() -> None:
    clock = FakeClock()
    vad = StuckVad()
    pipe = HearingPipeline(
        EventBus(), FakeRecognizer([]), vad, lambda: FileSource_fast(noise(1.0)), clock=clock
    )
    dog = Watchdog(Deadlines(hearing_s=2.0), clock)
    pipe.start()
    try:
        assert vad.stuck.wait(5), "the pipeline never fed its audio"
        assert pipe.busy is not None and pipe.busy.since == 100.0
        clock.advance(2.0)
        assert dog.check("hearing", pipe) is None, "exactly the deadline is not yet a hang"
        clock.advance(0.5)
        hang = dog.check("hearing", pipe)
        assert hang is not None and hang.seconds == 2.5 and hang.strikes == 1
    finally:
        pipe.abandon()
        vad.release.set()


class WaitsOnItsHelper(FakeRecognizer):
    """Its first ``accept`` waits on a helper process that is alive, saying so once (``beat``)."""

    def __init__(self) -> None:
        super().__init__([])
        self.waiting, self.beat, self.beaten, self.release = (threading.Event() for _ in range(4))

    def accept(self, pcm: bytes) -> None:
        if not self.release.is_set():
            self.waiting.set()
            self.beat.wait()
            self.still_working()
            self.beaten.set()
            self.release.wait()
        super().accept(pcm)


def test_a_recognizer_waiting_on_its_living_helper_is_slow_not_hung(say) -> None:
    """A helper process starved by a loaded machine renews the busy record: no restart for it."""
    clock = FakeClock()
    recognizer = WaitsOnItsHelper()
    signal, _ = with_gaps([say("hello ada")], lead_s=0.3, tail_s=0.5)
    pipe = HearingPipeline(EventBus(), recognizer, SileroVad(), lambda: FileSource_fast(signal), clock=clock)
    dog = Watchdog(Deadlines(hearing_s=2.0), clock)
    pipe.start()
    try:
        assert recognizer.waiting.wait(5), "the pipeline never fed its audio"
        clock.advance(5.0)
        recognizer.beat.set()
        assert recognizer.beaten.wait(5)
        assert pipe.busy is not None and pipe.busy.since == 105.0, "measured from the helper's last sign"
        assert dog.check("hearing", pipe) is None
        clock.advance(2.5)
        assert dog.check("hearing", pipe) is not None, "silence from the helper is a hang again"
    finally:
        recognizer.release.set()
        pipe.stop()


class Unplugged:
    """Delivers a sentence's first part, then the device disappears."""

    name = "usb mic"

    def __init__(self, pcm: bytes) -> None:
        self.pcm, self.pos = pcm, 0

    def read(self, timeout: float) -> bytes:
        if self.pos >= len(self.pcm):
            raise DeviceLost("microphone 'usb mic' stopped delivering audio")
        data = self.pcm[self.pos : self.pos + 3200]
        self.pos += len(data)
        return data

    def close(self) -> None:
        pass


def test_unplugged_microphone_keeps_words_falls_back_to_text_and_reconnects(say) -> None:
    speech, _ = with_gaps([say("walk to the table")], tail_s=0.0)
    attempts = []
    back = Endless()

    def factory():
        attempts.append(len(attempts))
        if len(attempts) == 1:
            return Unplugged(speech[: len(speech) - 1600].astype("<i2").tobytes())
        if len(attempts) == 2:
            raise NoMicrophone("no microphone found; plug one in")
        return back

    bus = EventBus()
    fake = FakeRecognizer(["walk to the table"])
    pipe = HearingPipeline(bus, fake, SileroVad(), factory, retry_s=0.1)
    pipe.start()
    assert back.reading.wait(5), "the microphone never came back"
    pipe.stop()
    events = bus.drain()
    finals = [e.text for e in events if isinstance(e, FinalTranscript)]
    assert finals == ["walk to the table"]  # what was said before the unplug is kept
    notices = [e.message for e in events if isinstance(e, Notice)]
    assert any("stopped delivering audio" in m and "text mode" in m for m in notices)
    assert any("is back" in m for m in notices)
    modes = [e.mode for e in events if isinstance(e, HearingStatus)]
    assert "text" in modes and modes[-1] == "always"


def test_no_microphone_starts_in_text_mode_and_text_travels() -> None:
    def factory():
        raise NoMicrophone("no microphone found; plug one in, or type with Enter/T (text mode)")

    bus = WatchedBus()
    pipe = HearingPipeline(bus, FakeRecognizer([]), SileroVad(), factory, retry_s=10)
    pipe.start()
    assert bus.wait_for(posted(Notice), 5), "the missing microphone was not reported"
    assert pipe.text_mode
    pipe.submit_text("  hello   ada ")
    pipe.submit_text("   ")
    t = time.perf_counter()
    pipe.stop()
    assert time.perf_counter() - t < 1.0
    events = bus.drain()
    assert [e.mode for e in events if isinstance(e, HearingStatus)] == ["text"]
    assert [e.text for e in events if isinstance(e, TextInput)] == ["hello ada"]
    [notice] = [e for e in events if isinstance(e, Notice)]
    assert notice.level == "warning" and "text mode" in notice.message


def test_file_source_paces_in_real_time(write) -> None:
    path = write(noise(0.6), "n.wav")
    src = FileSource(path, trailing_silence_s=0.0)
    got = 0
    t = time.perf_counter()
    with pytest.raises(SourceEnded, match=r"n\.wav"):
        while True:
            got += len(src.read(0.1))
    elapsed = time.perf_counter() - t
    assert got == 0.6 * 16000 * 2
    assert 0.5 <= elapsed < 1.2


def test_file_source_converts_other_formats(write) -> None:
    tone = (np.sin(np.arange(44100) * 2 * np.pi * 440 / 44100) * 8000).astype(np.int16)
    src = FileSource(write(tone, "t44.wav", 44100), realtime=False, trailing_silence_s=0.0)
    assert abs(src.duration - 1.0) < 0.001


def test_app_wiring_from_run_flags(say, write) -> None:
    import argparse

    from game.errors import UserError
    from game.hearing.engines import add_hearing_arguments, pipeline_from_args
    from game.sim.scene import load_scene

    signal, _ = with_gaps([say("hello cleo", "en-us+f2")])
    path = write(signal, "mic.wav")
    parser = argparse.ArgumentParser()
    add_hearing_arguments(parser)
    args = parser.parse_args(["--engine", "sphinx", "--mic-file", str(path)])
    bus = EventBus()
    pipe = pipeline_from_args(bus, load_scene("default"), args)
    pipe.start()
    assert pipe.wait_finished(20)  # real-time pace: about the file's length
    pipe.stop()
    events = bus.drain()
    assert [e.text for e in events if isinstance(e, FinalTranscript)] == ["hello cleo"]
    assert [e.mode for e in events if isinstance(e, HearingStatus)] == ["always", "text"]
    with pytest.raises(UserError, match="no such file"):
        pipeline_from_args(bus, None, parser.parse_args(["--engine", "sphinx", "--mic-file", "nope.wav"]))


def test_device_removed_event_switches_to_text_then_reconnects() -> None:
    sources = [Endless(), Endless()]
    opened = iter(sources)

    def factory():
        return next(opened)

    bus = EventBus()
    pipe = HearingPipeline(bus, FakeRecognizer([]), SileroVad(), factory, retry_s=0.1)
    pipe.start()
    assert sources[0].reading.wait(5), "the pipeline never opened its microphone"
    pipe.device_removed()
    assert sources[1].reading.wait(5), "the pipeline did not reconnect"
    pipe.stop()
    assert sources[0].closed
    events = bus.drain()
    assert any("was removed" in e.message for e in events if isinstance(e, Notice))
    assert [e.mode for e in events if isinstance(e, HearingStatus)][-1] == "always"


def test_turn_detector_waits_through_a_pause_after_an_unfinished_phrase(say, sphinx_grammar) -> None:
    from game.hearing.endpoint import EndpointConfig
    from tests.support.speech import trim

    signal, _ = with_gaps([trim(say("walk to the")), trim(say("table"))], gap_s=0.6)
    results = {}
    for name, config in (
        ("patient", EndpointConfig(end_silence_ms=300, unfinished_silence_ms=1000)),
        ("fixed", EndpointConfig(end_silence_ms=300, unfinished_silence_ms=300)),
    ):
        bus = EventBus()
        feed_all(HearingWorker(bus, sphinx_grammar, SileroVad(), config), signal)
        results[name] = [e.text for e in bus.drain() if isinstance(e, FinalTranscript)]
    assert results["patient"] == ["walk to the table"]
    assert len(results["fixed"]) == 2  # a fixed 300 ms silence cuts the sentence in two


def test_a_crashing_engine_becomes_a_notice_not_a_dead_thread(say) -> None:
    class Broken(FakeRecognizer):
        def accept(self, pcm: bytes) -> None:
            raise RuntimeError("decoder exploded")

    signal, _ = with_gaps([say("hello ada")])
    bus = EventBus()
    pipe = HearingPipeline(bus, Broken([]), SileroVad(), lambda: FileSource_fast(signal))
    pipe.start()
    assert pipe.wait_finished(10)
    events = bus.drain()
    [notice] = [e for e in events if isinstance(e, Notice)]
    assert notice.level == "error" and "decoder exploded" in notice.message
    assert [e.mode for e in events if isinstance(e, HearingStatus)][-1] == "text"


class FileSource_fast:  # a stand-in for FileSource(realtime=False) on samples
    name = "samples"

    def __init__(self, samples: np.ndarray) -> None:
        self.pcm, self.pos = samples.astype("<i2").tobytes(), 0

    def read(self, timeout: float) -> bytes:
        if self.pos >= len(self.pcm):
            raise SourceEnded(self.name)
        data = self.pcm[self.pos : self.pos + 3200]
        self.pos += len(data)
        return data

    def close(self) -> None:
        pass
