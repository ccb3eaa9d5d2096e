"""Reply texts to stress speech synthesis: 1–300 words, Unicode, numbers, abbreviations.

Generated from a seed so the test and the benchmark can both say exactly which text
failed. The pieces are what generated replies will contain and what broke before:
long sentences with no punctuation, accented names, currency, dates, ordinals,
abbreviations, emoji, non-Latin scripts and stray symbols.
"""

from __future__ import annotations

import random

WORDS = (
    "the",
    "lamp",
    "is",
    "near",
    "a",
    "blue",
    "sofa",
    "and",
    "I",
    "think",
    "we",
    "could",
    "move",
    "it",
    "over",
    "to",
    "window",
    "because",
    "morning",
    "light",
    "lovely",
    "here",
    "while",
    "Bo",
    "hums",
    "quietly",
    "by",
    "old",
    "shelves",
    "full",
    "of",
    "books",
)
SPECIALS = (
    "José",
    "Zoë",
    "naïve",
    "café",
    "Müller",
    "Øresund",
    "Ångström",
    "façade",
    "smörgåsbord",
    "Dr.",
    "Mr.",
    "Mrs.",
    "St.",
    "e.g.",
    "i.e.",
    "etc.",
    "a.m.",
    "p.m.",
    "U.S.A.",
    "NATO",
    "GPU",
    "3.14",
    "1,000,000",
    "42",
    "-7",
    "½",
    "2nd",
    "21st",
    "1999",
    "12:45",
    "2026-12-02",
    "50%",
    "$19.99",
    "€5",
    "£3",
    "¥100",
    "#1",
    "@ada",
    "C++",
    "x²",
    "→",
    "—",
    "…",
    "“quoted”",
    "'single'",
    "(aside)",
    "[note]",
    "😊",
    "🎉",
    "日本語",
    "Привет",
    "مرحبا",
    "שלום",
    "Ελλάδα",
    "한국어",
    "ñandú",
)
PUNCTUATION = ("", "", "", ",", ".", "!", "?", ";", ":")


def stress_text(rng: random.Random, words: int) -> str:
    """One reply of ``words`` words mixing plain words, specials and punctuation."""
    out = []
    for _ in range(words):
        word = rng.choice(SPECIALS) if rng.random() < 0.2 else rng.choice(WORDS)
        out.append(word + rng.choice(PUNCTUATION))
    return " ".join(out)


def stress_texts(count: int, seed: int = 14, longest: int = 300) -> list[str]:
    """``count`` replies whose lengths cover 1..``longest`` words evenly (the extremes included)."""
    rng = random.Random(seed)
    lengths = [1 + round(i * (longest - 1) / max(count - 1, 1)) for i in range(count)]
    rng.shuffle(lengths)
    return [stress_text(rng, n) for n in lengths]
