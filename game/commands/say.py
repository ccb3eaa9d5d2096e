"""``voxroom say``: speak a line to a WAV file, with its phoneme/viseme/word timeline."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.speaking.tts import VoiceSpec


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``say`` sub-command."""
    p = sub.add_parser(
        "say", help="synthesize a line with an NPC's voice to a WAV file (+ lip-sync timeline)"
    )
    p.add_argument("text", help="what to say (stage directions like *smiles* are not read aloud)")
    p.add_argument("--out", required=True, help="WAV file to write")
    p.add_argument("--scene", default="default", help="scene whose NPC voices to use (with --npc)")
    p.add_argument("--npc", default="", help="speak with this NPC's persona voice")
    p.add_argument("--voice", default="", help="espeak-ng voice spec, e.g. 'en-gb+f3,rate=160,pitch=60'")
    p.add_argument("--timeline", default="", help="also write the phoneme/viseme/word timeline as JSON")
    p.set_defaults(handler=_say)


def _say(args: argparse.Namespace) -> int:
    import json
    import wave
    from pathlib import Path

    from game.errors import UserError
    from game.speaking.lipsync import timeline_for
    from game.speaking.speech_text import clean
    from game.speaking.tts import PyttsxSynthesizer, VoiceError, VoiceSpec, join_clips, parse_voice

    if args.npc and args.voice:
        raise UserError("give either --npc or --voice, not both")
    try:
        voice = (
            parse_voice(args.voice)
            if args.voice
            else npc_voice(args.scene, args.npc)
            if args.npc
            else VoiceSpec()
        )
    except VoiceError as exc:
        raise UserError(str(exc)) from None
    speakable = clean(args.text)
    if not speakable.text:
        raise UserError("nothing to say: the text is empty once markup and stage directions are removed")
    try:
        synth = PyttsxSynthesizer()
    except (ImportError, RuntimeError) as exc:
        raise UserError(f"text to speech is unavailable ({exc}); apt-get install espeak-ng") from None
    if speakable.truncated:
        print(f"voxroom: warning: the text was cut to {len(speakable.text)} characters")
    try:
        clip = join_clips([synth.synthesize(sentence, voice) for sentence in speakable.sentences])
    except RuntimeError as exc:
        raise UserError(f"text to speech failed: {exc}") from None
    for message in synth.fallbacks:
        print(f"voxroom: warning: {message}")
    out = Path(args.out)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with wave.open(str(out), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(clip.rate)
            wav.writeframes(clip.samples.tobytes())
    except OSError as exc:
        raise UserError(f"{out}: cannot write ({exc})") from None
    if args.timeline:
        timeline = timeline_for(clip)
        doc = {
            "text": speakable.text,
            "emotion": speakable.emotion,
            "voice": clip.voice,
            "rate": clip.rate,
            "duration": round(clip.duration, 4),
            "phonemes": [[round(t, 4), p] for t, p in clip.phonemes],
            "visemes": [[round(t, 4), v, w] for t, v, w in timeline.keys],
            "words": [[round(w.start, 4), round(w.end, 4), w.word] for w in timeline.words],
        }
        Path(args.timeline).write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    took = clip.synth_seconds * 1000
    print(f"wrote {out} ({clip.duration:.2f} s, voice {clip.voice}, synthesized in {took:.0f} ms)")
    synth.close()
    return 0


def npc_voice(scene_name: str, npc: str) -> VoiceSpec:
    """The voice of an NPC's persona in a scene."""
    from game.errors import UserError
    from game.mind.persona import load_persona_or_generic
    from game.sim.scene import SceneError, load_scene
    from game.speaking.tts import persona_voice

    try:
        scene = load_scene(scene_name)
    except SceneError as exc:
        raise UserError(str(exc)) from None
    slot = next((n for n in scene.npcs if n.name.lower() == npc.lower()), None)
    if slot is None:
        known = ", ".join(n.name for n in scene.npcs) or "none"
        raise UserError(f"--npc {npc!r}: no such NPC in scene {scene.name!r} (NPCs: {known})")
    persona, error = load_persona_or_generic(slot.persona, slot.name)
    if error is not None:
        print(f"voxroom: warning: {error}; using a generic voice")
    v = persona.voice
    return persona_voice(v.voice, v.rate, v.pitch, v.volume)
