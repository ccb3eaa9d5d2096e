"""pyttsx3 gives every synthesizer the same espeak-ng engine: each must still speak in its own voice."""

from __future__ import annotations

from game.speaking.tts import PyttsxSynthesizer, VoiceSpec


def test_a_second_synthesizer_in_the_process_does_not_change_the_firsts_voice() -> None:
    first, second = PyttsxSynthesizer(), PyttsxSynthesizer()
    ada, bo = VoiceSpec("en-us", "f2", 150, 70), VoiceSpec("en-gb", "m3", 200, 20)
    before = first.synthesize("Hello there.", ada).samples
    second.synthesize("Hello there.", bo)
    after = first.synthesize("Hello there.", ada).samples
    # espeak-ng is not sample-exact from call to call, but the other voice speaks a third faster
    other = len(second.synthesize("Hello there.", bo).samples)
    assert abs(other - len(before)) > 0.15 * len(before)
    assert abs(len(after) - len(before)) < 0.02 * len(before)
