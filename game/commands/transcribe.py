"""``voxroom transcribe``: print one JSON line per utterance heard in a WAV file."""

from __future__ import annotations

import argparse

from game.choices import ENGINES


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``transcribe`` sub-command."""
    p = sub.add_parser("transcribe", help="recognise the speech in a WAV file (one JSON line per utterance)")
    p.add_argument("file", help="a PCM WAV file; any rate, width or channel count is converted")
    p.add_argument(
        "--engine",
        default="auto",
        choices=ENGINES,
        help="recognizer (auto: Vosk when a model is found, else pocketsphinx)",
    )
    p.add_argument("--scene", default="default", help="scene whose names make up the grammar")
    p.add_argument("--model", default=None, help="Vosk model directory (overrides discovery)")
    p.add_argument(
        "--grammar",
        choices=("auto", "on", "off"),
        default="auto",
        help="restrict to the scene's phrases (auto: on for pocketsphinx, off for Vosk)",
    )
    p.add_argument("--end-silence-ms", type=int, default=300, help="silence that ends an utterance")
    p.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    import json

    from game.errors import UserError
    from game.hearing.audio import stream_wav_16k
    from game.hearing.endpoint import EndpointConfig
    from game.hearing.engines import build_recognizer, choose_engine
    from game.hearing.transcribe import iter_json, transcribe_stream
    from game.hearing.vad import default_vad
    from game.mind.phrasings import sentences_for_scene
    from game.sim.scene import SceneError, load_scene

    blocks = stream_wav_16k(args.file)  # bad files fail here, before loading models
    try:
        scene = load_scene(args.scene)
    except (SceneError, OSError) as exc:
        raise UserError(str(exc)) from None
    choice = choose_engine(args.engine, args.model)
    grammar = {"auto": None, "on": True, "off": False}[args.grammar]
    recognizer = build_recognizer(choice, scene, grammar, talk=sentences_for_scene(scene))
    config = EndpointConfig(
        end_silence_ms=args.end_silence_ms, unfinished_silence_ms=max(1000, args.end_silence_ms)
    )
    for line in iter_json(transcribe_stream(blocks, recognizer, default_vad(), config)):
        print(json.dumps(line, ensure_ascii=False), flush=True)
    return 0
