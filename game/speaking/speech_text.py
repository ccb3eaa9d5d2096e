"""Make reply text speakable: strip markup, turn stage directions into emotions, split sentences.

A character should never read "*smiles*" aloud: stage directions and emoji become an
emotion for the avatar's face, and what remains is split into sentences so the first
one can play while the rest is synthesized.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CHARS = 3000  # about 500 words, a few minutes of speech: longer replies are cut and say so
_DIRECTION_EMOTIONS = {
    "smile": "happy",
    "grin": "happy",
    "laugh": "happy",
    "chuckle": "happy",
    "giggle": "happy",
    "sigh": "sad",
    "sob": "sad",
    "cry": "sad",
    "frown": "sad",
    "scowl": "angry",
    "growl": "angry",
    "glare": "angry",
    "gasp": "surprised",
    "blink": "surprised",
    "think": "thinking",
    "ponder": "thinking",
    "hmm": "thinking",
    "scratch": "thinking",
}
_EMOJI_EMOTIONS = {
    "😊": "happy",
    "😀": "happy",
    "😄": "happy",
    "🙂": "happy",
    "😂": "happy",
    "😢": "sad",
    "😞": "sad",
    "😠": "angry",
    "😡": "angry",
    "😮": "surprised",
    "😲": "surprised",
    "🤔": "thinking",
}
_DIRECTION = re.compile(r"\*([^*]{1,60})\*|\(([^()]{1,60})\)|\[([^\[\]]{1,60})\]")
_TAG = re.compile(r"<[^<>]{0,200}>")
_EMOJI = re.compile("[\U0001f000-\U0001faff\u2600-\u27bf\ufe0f\u200d]")
_SENTENCE = re.compile(r"(?<=[.!?…])\s+")


@dataclass(frozen=True)
class SpeakableText:
    """Cleaned text, its sentences, and the emotion its directions or emoji asked for."""

    text: str
    sentences: tuple[str, ...]
    emotion: str | None
    truncated: bool = False


def _emotion_of(direction: str) -> str | None:
    low = direction.lower()
    return next((emotion for word, emotion in _DIRECTION_EMOTIONS.items() if word in low), None)


def clean(text: str) -> SpeakableText:
    """Strip tags, directions, emoji and markdown; keep at most :data:`MAX_CHARS` characters."""
    emotion: str | None = None
    for match in _DIRECTION.finditer(text):
        emotion = emotion or _emotion_of(next(g for g in match.groups() if g))
    for char, mood in _EMOJI_EMOTIONS.items():
        if char in text:
            emotion = emotion or mood
    out = _TAG.sub(" ", text)
    out = _DIRECTION.sub(" ", out)
    out = _EMOJI.sub(" ", out)
    out = re.sub(r"[*_`#~|]+", " ", out)
    out = re.sub(r"\s+", " ", out).strip()
    out = re.sub(r"\s+([,.!?;:…])", r"\1", out)
    truncated = len(out) > MAX_CHARS
    if truncated:
        cut = out[:MAX_CHARS]
        end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
        out = cut[: end + 1] if end > MAX_CHARS // 2 else cut.rsplit(" ", 1)[0] + "…"
    return SpeakableText(out, split_sentences(out), emotion, truncated)


def split_sentences(text: str, longest: int = 220) -> tuple[str, ...]:
    """Sentences, over-long ones cut at a comma (else a space) so each chunk synthesizes quickly.

    Chunks stay short for two reasons: the first audio of a reply comes sooner, and one
    chunk is one synthesis, whose time and memory grow with its length.
    """
    out: list[str] = []
    for sentence in _SENTENCE.split(text):
        sentence = sentence.strip()
        while len(sentence) > longest:
            head = sentence[: longest + 1]
            cut = head.rfind(", ")
            if cut > 0:
                out.append(sentence[: cut + 1])
                sentence = sentence[cut + 2 :]
                continue
            cut = head.rfind(" ")
            cut = cut if cut > 0 else longest
            out.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if sentence:
            out.append(sentence)
    return tuple(out)
