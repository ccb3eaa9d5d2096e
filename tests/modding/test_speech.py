"""The café and the quiz by voice: espeak-ng speech → real pocketsphinx (grammar + the mods' phrases)
→ MindSession + ModHost → a cup on the counter / a point scored."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from game.hearing.audio import load_wav_16k
from game.hearing.grammar import vocabulary_for
from game.hearing.sphinx_asr import SphinxRecognizer
from game.mind.phrasings import sentences_for_scene
from tests.support.speech import with_gaps

from .room import Room

pytestmark = pytest.mark.slow


def speak(text: str, tmp: Path, voice: str = "en-us") -> np.ndarray:
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is needed for the speech tests (apt install espeak-ng)")
    wav = tmp / f"{abs(hash((text, voice)))}.wav"
    subprocess.run(["espeak-ng", "-v", voice, "-w", str(wav), text], check=True)
    return load_wav_16k(wav)


def _recognizer(room: Room) -> SphinxRecognizer:
    """Hearing as `voxroom run` builds it: the mods' phrases and the mind's sentences."""
    scene = room.world.scene
    vocabulary = vocabulary_for(scene, extra_phrases=room.host.phrases())
    return SphinxRecognizer(vocabulary, talk=sentences_for_scene(scene))


def hear(rec: SphinxRecognizer, samples: np.ndarray) -> str:
    signal, _ = with_gaps([samples], lead_s=0.3, tail_s=0.4)
    pcm = signal.astype("<i2").tobytes()
    for i in range(0, len(pcm), 2048):
        rec.accept(pcm[i : i + 2048])
    return rec.finish().text


# en-gb+m3 is not here: the open room model hears its "can i have a latte" as "don't like a lot"
# (docs/hearing.md, known losses); the café's figures across voices come from the voice set.
@pytest.mark.parametrize("voice", ["en-us", "en-us+f2"])
def test_spoken_orders_put_cups_on_the_counter(tmp_path: Path, voice: str) -> None:
    room = Room(tmp_path, ["cafe"], scene="cafe:cafe")
    rec = _recognizer(room)
    orders = ["can i have a latte", "one tea please", "i would like a hot chocolate"]
    for n, sentence in enumerate(orders, start=1):
        text = hear(rec, speak(sentence, tmp_path, voice))
        exchange = room.hear(text)  # heard as said, or close ("can i get a latte")
        assert exchange.npc == "Mia" and exchange.reply.intent == "cafe:order", (voice, sentence, text)
        room.step(2.0)
        assert len([p for p in room.world.props_on("counter") if p.type == "cup"]) == n
    assert room.errors() == []


def test_quiz_by_voice(tmp_path: Path) -> None:
    room = Room(tmp_path, ["quiz"])
    rec = _recognizer(room)
    said = []
    sentences = ["start the quiz", "paris", "the answer is four", "blue", "the answer is seven", "the earth"]
    for sentence in sentences:
        text = hear(rec, speak(sentence, tmp_path))
        said.append(text)
        last = room.hear(text, npc="Cleo")
    assert said == sentences
    assert last.reply.text == "Correct! That's the end! You scored 5 out of 5."
