"""A crude English stem, so that a line and a reply meet on "sisters"/"sister" and "writing"/"write".

Words are compared by stem all through the mind (:func:`game.mind.reply_fit.content_stems`); a
stem must join the forms of one word and never join two words.
"""

from __future__ import annotations

_KEEPS_E = frozenset(
    {"care", "bare", "made", "hate", "mate", "plane", "pane", "wine", "fine", "note", "hope", "tape",
     "cape", "kite", "cube", "tube", "pine", "spine", "robe", "code", "cone", "globe", "pipe", "bite",
     "ride", "scare", "stare", "rate", "cute", "fate", "site", "quite", "tone", "hide", "slope", "wide",
     "cane", "dine"}
)  # fmt: skip
"""Words whose stem without the "e" is another common word ("hate" is not "hat", "care" is not "car"):
a persona's "take care, mate" must not put a car and a mat in its life."""


def stem(word: str) -> str:
    """A crude stem: "sisters" is "sister", "writing" is "write" and "stopped" is "stop"."""
    w = word.lower().removesuffix("'s")
    if w in _KEEPS_E or w.removesuffix("s") in _KEEPS_E:
        return w.removesuffix("s")
    for end, keep in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if w.endswith(end) and len(w) - len(end) >= 3 and not (end == "s" and w.endswith("ss")):
            w = w[: -len(end)] + keep
            if end in ("ing", "ed") and len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "lsz":
                w = w[:-1]  # "stopped", "running": "stop", "run"
            break
    return w.rstrip("e") or w
