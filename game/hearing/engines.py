"""Choosing and building the recognizer, and the pipeline the app runs.

``auto`` means Vosk whenever a Vosk model for the language is found (see
:mod:`game.hearing.models` for the order), else the pocketsphinx model embedded in its
wheel, in grammar mode built from the scene. The reason for the choice and how to get
a better engine travel with it, so ``doctor`` and the HUD can say both.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.bus import EventBus
from game.choices import ENGINES, EngineName
from game.errors import UserError
from game.hearing.echo import EchoGuard, GuardedSource
from game.hearing.endpoint import EndpointConfig
from game.hearing.grammar import vocabulary_for
from game.hearing.models import ModelError, ModelInfo, find_model
from game.hearing.pipeline import HearingPipeline, SourceFactory
from game.hearing.protocols import AudioSource, Recognizer, TurnModel
from game.sim.scene import Scene

if TYPE_CHECKING:
    from game.health import Check

FETCH_HINT = "for free dictation in English run: voxroom models fetch en-us"
ENDPOINTING_CHOICES = ("auto", "smart", "timer")


@dataclass(frozen=True)
class HearingChoice:
    """What the user picks for hearing (config file, flags, the settings overlay).

    The running app keeps the choice its pipeline was built from, so the overlay can change
    one field and rebuild; per-run flags (``--mic-file``, ``--grammar``, …) stay as they were.
    ``model`` is an explicit Vosk model (the ``--model`` flag or the overlay's pick) and
    ``config_model`` the config file's, which ``VOXROOM_VOSK_MODEL`` overrides.
    """

    engine: EngineName = "auto"
    model: str | None = None
    config_model: str | None = None
    microphone: str = ""
    mode: str = "always"


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
    open_words: bool = False,
    talk: Iterable[str] = (),
) -> Recognizer:
    """Load the chosen engine. ``grammar=None``: grammar for pocketsphinx, dictation for Vosk.

    ``open_words``: pocketsphinx in grammar mode also streams the room's open language model, for
    smart endpointing's veto (:mod:`game.hearing.open_words`). ``talk``: the mind's sentences,
    which pocketsphinx's final pass adds to that model (:class:`~game.hearing.sphinx_asr.SphinxRecognizer`).
    """
    if grammar is None:
        grammar = choice.engine == "sphinx"
    vocabulary = vocabulary_for(scene, extra_phrases) if grammar else None
    if choice.engine == "vosk":
        assert choice.model is not None
        from game.hearing.vosk_asr import VoskRecognizer

        return VoskRecognizer(choice.model, vocabulary)
    from game.hearing.sphinx_asr import SphinxRecognizer

    return SphinxRecognizer(vocabulary, open_words=open_words, talk=talk)


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
    echo: EchoGuard | None = None,
    endpointing: str = "auto",
    talk: Iterable[str] = (),
) -> HearingPipeline:
    """Everything the app needs for hearing, from its config and CLI flags.

    A model or ``--mic-file`` the user named that cannot be used raises
    :class:`UserError` (they asked for it); a missing or lost microphone never raises:
    the pipeline starts in text mode, says so on the bus, and keeps retrying.
    """
    from game.hearing.capture import FileSource, MicrophoneSource
    from game.hearing.vad import default_vad

    choice = choose_engine(engine, model, config_model=config_model)
    turn_model, how = choose_endpointing(endpointing)
    recognizer = build_recognizer(choice, scene, grammar, extra_phrases, open_words=how == "smart", talk=talk)
    if mic_file:
        FileSource(mic_file)  # fail now, on the main thread, if the file is unusable

        def factory() -> FileSource:
            return FileSource(mic_file)
    else:

        def factory() -> MicrophoneSource:  # type: ignore[misc]
            return MicrophoneSource(mic)

    config = EndpointConfig(
        end_silence_ms=end_silence_ms,
        unfinished_silence_ms=max(1000, end_silence_ms),
        endpointing=how,
    )
    hint = choice.hint
    source_factory: SourceFactory = factory
    if echo is not None:
        guard = echo

        def source_factory() -> AudioSource:
            return GuardedSource(factory(), guard)

    return HearingPipeline(
        bus, recognizer, default_vad(), source_factory, config, mode, hint=hint, turn_model=turn_model
    )


def choose_endpointing(wanted: str = "auto") -> tuple[TurnModel | None, str]:
    """``(model or None, "smart" | "timer")``: smart when Smart Turn loads, unless ``timer`` is wanted.

    ``smart`` asked for by name but not loadable raises (the user asked for it); ``auto``
    falls back to the timer, and the HUD and ``doctor`` say which one runs.
    """
    if wanted not in ENDPOINTING_CHOICES:
        raise UserError(f"unknown endpointing {wanted!r}; use one of: {', '.join(ENDPOINTING_CHOICES)}")
    if wanted == "timer":
        return None, "timer"
    from game.hearing.smart_turn import SmartTurn, default_turn_model

    model = SmartTurn() if wanted == "smart" else default_turn_model()
    return model, "smart" if model is not None else "timer"


def check_recognizer() -> Check:
    """``voxroom doctor`` line: the engine in use, why, and how to get a better one."""
    from game.health import Check

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
    from game.health import Check
    from game.hearing.vad import SileroVad, default_vad

    vad = default_vad()
    if isinstance(vad, SileroVad):
        return Check("voice activity", "ok", "Silero VAD v6 (ONNX model from the silero-vad wheel)")
    return Check(
        "voice activity",
        "warn",
        "energy gate (Silero VAD could not load)",
        "pip install --no-deps silero-vad",
    )


def check_turn_model(model: TurnModel | None = None, clock: Callable[[], float] = time.perf_counter) -> Check:
    """``voxroom doctor`` line: how the end of a turn is decided, and what the model costs here.

    ``model``: the turn model to time (default: Smart Turn, loaded now).
    """
    from game.health import Check
    from game.hearing.smart_turn import INSTALL_HINT, SLOW_CALL_MS, call_ms, default_turn_model

    model = model or default_turn_model()
    if model is None:
        why = "silence timer (the Smart Turn model could not load)"
        return Check("end of turn", "warn", why, INSTALL_HINT)
    ms = call_ms(model, clock)
    detail = f"smart: Smart Turn v3.2 (from the pipecat-ai wheel) with the words; {ms:.0f} ms a call here"
    if ms <= SLOW_CALL_MS:
        return Check("end of turn", "ok", detail)
    return Check(
        "end of turn",
        "warn",
        f"{detail}: a turn the words do not settle (a statement, a request) ends that much later",
        "slow without int8 dot-product instructions (VNNI) or on a busy machine; "
        "`--endpointing timer` ends turns sooner but cuts off people who pause",
    )


def add_hearing_arguments(p: argparse.ArgumentParser) -> None:
    """The hearing flags of ``voxroom run`` (one call in its ``register``)."""
    p.add_argument(
        "--engine",
        default=None,
        choices=ENGINES,
        help="speech recognizer (auto: Vosk when a model is found, else pocketsphinx; "
        "default: the config file's hearing.engine, else auto)",
    )
    p.add_argument("--model", default=None, help="Vosk model directory (overrides VOXROOM_VOSK_MODEL)")
    p.add_argument("--mic", default=None, help="capture device name or part of it (see 'voxroom devices')")
    p.add_argument(
        "--mic-file", default=None, help="replay this WAV at real-time pace instead of a microphone"
    )
    p.add_argument("--ptt", action="store_true", help="push-to-talk: listen only while V is held")
    p.add_argument(
        "--end-silence-ms",
        type=int,
        default=300,
        help="silence that ends an utterance (default 300; longer after 'and…', 'the…')",
    )
    p.add_argument(
        "--endpointing",
        choices=ENDPOINTING_CHOICES,
        default=None,
        help="how a turn ends: smart (Smart Turn model + words), timer (silence only); "
        "default: the config file's hearing.endpointing, else auto (smart when the model loads)",
    )
    p.add_argument(
        "--grammar",
        choices=("auto", "on", "off"),
        default="auto",
        help="restrict recognition to the scene's phrases (auto: on for pocketsphinx only)",
    )


def choice_from_args(args: argparse.Namespace, config_model: str | None = None) -> HearingChoice:
    """The user's hearing choice from the flags of :func:`add_hearing_arguments` (None engine: auto)."""
    return HearingChoice(
        engine=args.engine or "auto",
        model=args.model,
        config_model=config_model or None,
        microphone=args.mic or "",
        mode="ptt" if args.ptt else "always",
    )


def pipeline_for(
    bus: EventBus,
    scene: Scene | None,
    choice: HearingChoice,
    args: argparse.Namespace,
    extra_phrases: Iterable[str] = (),
    echo: EchoGuard | None = None,
    talk: Iterable[str] = (),
) -> HearingPipeline:
    """Build the pipeline for ``choice``, with this run's other hearing flags from ``args``."""
    return build_pipeline(
        bus,
        scene,
        engine=choice.engine,
        model=choice.model,
        config_model=choice.config_model,
        mic=choice.microphone or None,
        mic_file=args.mic_file,
        mode=choice.mode,
        end_silence_ms=args.end_silence_ms,
        grammar={"auto": None, "on": True, "off": False}[args.grammar],
        extra_phrases=extra_phrases,
        echo=echo,
        endpointing=getattr(args, "endpointing", None) or "auto",
        talk=talk,
    )


def pipeline_from_args(
    bus: EventBus,
    scene: Scene | None,
    args: argparse.Namespace,
    extra_phrases: Iterable[str] = (),
    echo: EchoGuard | None = None,
    config_model: str | None = None,
) -> HearingPipeline:
    """Build the pipeline from the flags added by :func:`add_hearing_arguments`.

    ``config_model`` is the config file's ``hearing.vosk_model`` (``--model`` wins over it);
    an ``--engine`` left at None means ``auto``.
    """
    return pipeline_for(bus, scene, choice_from_args(args, config_model), args, extra_phrases, echo)
