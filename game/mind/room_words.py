"""The words the room is talked about in: prop types, surfaces, colours, determiners, prepositions, sizes.

They sit apart from slot extraction, which reads most of them, because intent
classification and the room skills read them too: a synonym added here reaches all three.
"""

from __future__ import annotations

from game.sim.colours import NAMED

TYPE_WORDS = {
    "table": "table",
    "desk": "table",
    "chair": "chair",
    "seat": "chair",
    "stool": "chair",
    "sofa": "sofa",
    "couch": "sofa",
    "settee": "sofa",
    "lamp": "lamp",
    "light": "lamp",
    "shelf": "shelf",
    "bookshelf": "shelf",
    "bookcase": "shelf",
    "shelves": "shelf",
    "plant": "plant",
    "flower": "plant",
    "door": "door",
    "window": "window",
    "cup": "cup",
    "mug": "cup",
    "counter": "counter",
    "box": "box",
    "cube": "box",
    "crate": "box",
    "boxes": "box",
    "ball": "sphere",
    "sphere": "sphere",
    "orb": "sphere",
    "cylinder": "cylinder",
    "barrel": "cylinder",
    "pillar": "cylinder",
    "tube": "cylinder",
}
SURFACES = {"wall": "walls", "walls": "walls", "floor": "floor", "ceiling": "ceiling"}
ROOM_NOUNS = frozenset(TYPE_WORDS) | frozenset(SURFACES) | {f"{w}s" for w in TYPE_WORDS}
"""Every word that names a kind of thing in a room or a surface, singular or plural."""
COLOURS = tuple(NAMED)
INDEFINITE = {"a", "an", "another", "some", "new", "more", "extra", "second"}
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
"""How the NPCs say 0 to 10 ("no chairs", "two plants")."""
COUNTS = {word: n for n, word in enumerate(NUMBER_WORDS) if n >= 2}
"""Number words before a kind of thing ("add two plants"): how many new ones."""
DEMONSTRATIVE = {"that", "this", "those", "these"}
PRONOUNS = {"it", "that", "this", "them", "there"}
ON_WORDS = {"on", "onto", "atop"}
NEAR_WORDS = {
    "to",
    "near",
    "by",
    "beside",
    "towards",
    "toward",
    "next",
    "at",
    "nearer",
    "closer",
    "in",
    "front",
}
USER_WORDS = {"me", "us", "myself"}
RESIZE = {
    "bigger": 1.5,
    "larger": 1.5,
    "taller": 1.3,
    "huge": 2.5,
    "enormous": 3.0,
    "giant": 3.0,
    "twice": 2.0,
    "double": 2.0,
    "smaller": 0.67,
    "shorter": 0.75,
    "tiny": 0.4,
    "half": 0.5,
    "little": 0.67,
    "triple": 3.0,
}
