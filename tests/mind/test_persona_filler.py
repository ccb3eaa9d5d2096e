"""The persona's filler lines (``[lines] filler``): said while a slow reply is thought of."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.conversation.thinking import persona_filler
from game.mind.persona import GENERIC_LINES, MAX_FILLER_WORDS, PersonaError, load_persona

BASE = '[persona]\nname = "X"\nrole = "r"\n[lines]\ngreet = ["a"]\nfarewell = ["b"]\nunknown = ["c"]\n'


def test_each_default_persona_has_short_fillers_in_its_own_voice() -> None:
    personas = {n: load_persona(n) for n in ("ada", "bo", "cleo")}
    fillers = {n: p.lines["filler"] for n, p in personas.items()}
    assert all(len(f) >= 3 for f in fillers.values())
    assert all(len(line.split()) <= MAX_FILLER_WORDS for f in fillers.values() for line in f)
    assert not set(fillers["ada"]) & set(fillers["bo"]) and not set(fillers["bo"]) & set(fillers["cleo"])
    assert any("mate" in line for line in fillers["bo"]), "Bo calls everyone mate"
    rng = random.Random(1)
    assert persona_filler({p.name: p for p in personas.values()}, "Bo", rng) in fillers["bo"]


def test_a_persona_without_fillers_and_an_unknown_npc_get_the_generic_ones(tmp_path: Path) -> None:
    (tmp_path / "plain.toml").write_text(BASE, encoding="utf-8")
    plain = load_persona("plain", tmp_path)
    assert "filler" not in plain.lines
    assert plain.line("filler") in GENERIC_LINES["filler"]
    assert persona_filler({"X": plain}, "X") in GENERIC_LINES["filler"]
    assert persona_filler({}, "Nobody") in GENERIC_LINES["filler"]


def test_a_long_filler_is_reported_with_its_key(tmp_path: Path) -> None:
    text = BASE + 'filler = ["Hmm.", "Well now, let me think about that for a good while"]\n'
    (tmp_path / "slow.toml").write_text(text, encoding="utf-8")
    with pytest.raises(PersonaError, match=r"lines\.filler\[1\]: 11 words \(at most 6 words"):
        load_persona("slow", tmp_path)
