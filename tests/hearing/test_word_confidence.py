"""Word confidences that tell a phrase really said from one the grammar forced onto other speech.

Real pocketsphinx, real flite and espeak-ng speech (the voice suite's synthesizers), in the
voice suite's quiet room. Before these confidences every forced word came back at 0.85–1.0.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from game.bench.voices import in_room, synthesize
from game.events import DOUBT_BELOW, FinalTranscript
from game.hearing.grammar import vocabulary_for
from game.hearing.sphinx_decoding import UNTOLD_SPEECH_S, SecondPass, names_in, untold_s
from game.hearing.word_confidence import NAME_FIT, PHRASE_FIT, WORD_FIT, Segment, calibrated, confidences
from game.mind.brain import GLUE_WORDS
from game.sim.scene import load_scene


@pytest.fixture(scope="module")
def final_pass() -> SecondPass:
    vocab = vocabulary_for(load_scene("default"))
    return SecondPass(vocab.jsgf(), frozenset(vocab.words()))


def _heard(final_pass: SecondPass, text: str, synth: str, voice: str, cache: Path) -> FinalTranscript:
    clip = in_room(synthesize(text, synth, voice, cache), "clean", seed=0)
    result = final_pass.recognize(clip.tobytes())
    return FinalTranscript(text=result.text, words=result.words)


def test_the_threshold_is_where_a_word_becomes_doubtful() -> None:
    assert calibrated(PHRASE_FIT, PHRASE_FIT, 0.05) == pytest.approx(DOUBT_BELOW)
    assert calibrated(WORD_FIT + 30, WORD_FIT, 15.0) > 0.7 > calibrated(WORD_FIT - 30, WORD_FIT, 15.0) + 0.6
    words = [Segment("bo", 0, 9, 0.99), Segment("lamp", 10, 19, 0.99)]
    phones = [Segment("B", 0, 19, 0.99)]
    low, _ = confidences(words, phones, ratio=0.8, names=frozenset({"bo"}))[0], 0
    # a name is judged on its own sound; the phrase's poor fit makes "lamp" doubtful
    assert low > DOUBT_BELOW > confidences(words, phones, ratio=0.8, names=frozenset({"bo"}))[1]


def test_a_name_is_judged_more_laxly_than_the_words_of_the_phrase() -> None:
    fit = (WORD_FIT + NAME_FIT) / 2  # 1e-4 log units per frame under the phone loop, over 10 frames
    score = math.exp(fit * 10 / 1e4)
    words = [Segment("ada", 0, 9, score), Segment("lamp", 10, 19, score)]
    phones = [Segment("AA", 0, 19, 1.0)]
    name, word = confidences(words, phones, ratio=1.2, names=frozenset({"ada"}))
    assert name > DOUBT_BELOW > word


def test_the_grammar_names_are_read_from_the_grammar() -> None:
    jsgf = vocabulary_for(load_scene("default")).jsgf()
    assert names_in(jsgf) == {"ada", "bo", "cleo"}


@pytest.mark.parametrize(
    ("said", "synth", "voice", "forced"),
    [
        ("what a lovely day it is", "flite", "slt", {"add", "lamp"}),  # heard "bo add a lamp please"
        # heard "hi bo point at the plant please"
        ("I went to the market yesterday and bought some pears", "flite", "awb", {"point", "plant"}),
    ],
)
def test_a_phrase_forced_onto_talk_rests_on_doubtful_words(
    final_pass: SecondPass, tmp_path: Path, said: str, synth: str, voice: str, forced: set[str]
) -> None:
    heard = _heard(final_pass, said, synth, voice, tmp_path)
    assert forced <= set(heard.text.split()), heard.text  # the grammar still forces its phrase…
    assert forced <= heard.doubtful, heard.words  # … but no longer vouches for it


@pytest.mark.parametrize(("synth", "voice"), [("flite", "slt"), ("espeak-ng", "en-us")])
def test_a_command_really_said_is_heard_with_confidence(
    final_pass: SecondPass, tmp_path: Path, synth: str, voice: str
) -> None:
    heard = _heard(final_pass, "Bo, add a lamp please", synth, voice, tmp_path)
    assert heard.text == "bo add a lamp please"
    assert not (heard.doubtful - GLUE_WORDS), heard.words


def test_speech_after_the_last_word_is_told_apart_from_the_room_after_it(
    final_pass: SecondPass, tmp_path: Path
) -> None:
    """The open model once stopped at "bo where is the" with every word sure; the sound after it shows."""
    clip = in_room(synthesize("Bo, where is the lamp?", "espeak-ng", "en-gb+m3", tmp_path), "clean", seed=0)
    audio = clip.tobytes()
    words = final_pass.recognize(audio).words
    assert [w.word for w in words] == ["bo", "where", "is", "the", "lamp"]
    assert untold_s(audio, words) < UNTOLD_SPEECH_S  # only the room's noise follows "lamp"
    assert untold_s(audio, words[:-1]) >= UNTOLD_SPEECH_S  # "lamp" is left unexplained
    assert untold_s(audio, ()) >= 1.0  # no words at all: the whole line is untold
    assert untold_s(b"", ()) == 0.0
