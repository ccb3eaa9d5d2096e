"""Gestures asked for as requests reach the mind as said (the room model's GESTURES templates).

Real pocketsphinx with the room's open model, as ``voxroom run`` builds its final pass, on flite
and espeak-ng speech. Before the templates, "Bo, can you nod?" came back "bo what can you do
please" and "Cleo, walk over to the shelf" "cleo what colour is the shelf", every word sure.

Each test builds its own final pass: the decoder carries its cepstral mean from one utterance
to the next, so a shared one would hear a clip differently after other tests' clips.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from game.bench.voices import in_room, synthesize
from game.hearing.grammar import GESTURES, normalise, vocabulary_for
from game.hearing.sphinx_asr import SphinxRecognizer
from game.mind.phrasings import sentences_for_scene
from game.sim.scene import load_scene


def test_the_veto_model_leaves_the_gestures_out() -> None:
    vocabulary = vocabulary_for(load_scene("default"))
    assert set(GESTURES) <= set(vocabulary.templates)
    assert not set(GESTURES) & set(vocabulary.without(GESTURES).templates)


@pytest.mark.parametrize("said", ["Bo, can you nod?", "Cleo, walk over to the shelf"])
@pytest.mark.parametrize(("synth", "voice"), [("flite", "awb"), ("flite", "slt"), ("espeak-ng", "en-us")])
def test_a_gesture_request_is_heard_as_said(tmp_path: Path, said: str, synth: str, voice: str) -> None:
    scene = load_scene("default")
    talk = sentences_for_scene(scene)
    final_pass = SphinxRecognizer(vocabulary_for(scene), inline=True, talk=talk).second_pass
    clip = in_room(synthesize(said, synth, voice, tmp_path), "clean", seed=0)
    assert final_pass.recognize(clip.tobytes()).text == normalise(said)
