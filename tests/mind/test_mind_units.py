"""Tokenizer, embedder, protocols, personas, safety: the parts under the brain."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from game.mind.embedder import Embedder, EmbeddingCache
from game.mind.persona import PersonaError, load_persona, load_persona_or_generic
from game.mind.protocols import Action, MindContext, Reply
from game.mind.safety import check_output, is_abusive
from game.mind.tokenizer import WordPieceTokenizer
from game.sim.anim.appearance import HAIR_STYLES
from tests.support.fakes import FakeBrain

# Reference ids from the Hugging Face tokenizer.json of all-MiniLM-L6-v2 (checked on 4,428 corpus lines).
REFERENCE = {
    "Where is the lamp?": [101, 2073, 2003, 1996, 10437, 1029, 102],
    "Bo, could you put a lamp on the table?": [
        101,
        8945,
        1010,
        2071,
        2017,
        2404,
        1037,
        10437,
        2006,
        1996,
        2795,
        1029,
        102,
    ],
    "Café naïve résumé — über!!": [101, 7668, 15743, 13746, 1517, 19169, 999, 999, 102],
    "make the walls BLUE, please :)": [101, 2191, 1996, 3681, 2630, 1010, 3531, 1024, 1007, 102],
}


def test_tokenizer_matches_reference_ids() -> None:
    tok = WordPieceTokenizer()
    for text, ids in REFERENCE.items():
        assert tok.encode(text) == ids


def test_tokenizer_truncates_and_flags_unknown() -> None:
    tok = WordPieceTokenizer(max_length=16)
    ids = tok.encode("word " * 100)
    assert len(ids) == 16 and ids[0] == tok.cls_id and ids[-1] == tok.sep_id
    assert tok.unknown_ratio("") == 1.0
    assert tok.unknown_ratio("hello there") == 0.0


@pytest.fixture(scope="module")
def embedder(tmp_path_factory: pytest.TempPathFactory) -> Embedder:
    return Embedder(tmp_path_factory.mktemp("emb") / "cache.npz")


def test_embeddings_are_normalised_and_meaningful(embedder: Embedder) -> None:
    a, b, c = embedder.embed_batch(["where is the lamp", "where can I find the lamp", "I love fish pie"])
    assert np.isclose(np.linalg.norm(a), 1.0, atol=1e-4)
    assert float(a @ b) > 0.8 > float(a @ c)


def test_embedding_cache_is_reused_across_instances(embedder: Embedder, tmp_path: Path) -> None:
    path = tmp_path / "cache.npz"
    first = Embedder(path)
    vecs = first.embed_many(["one sentence", "another sentence"])
    first.save_cache()
    calls = first.calls
    first.embed_many(["one sentence"])
    assert first.calls == calls, "a cached text must not run the model again"
    second = Embedder(path)
    again = second.embed_many(["one sentence", "another sentence"])
    assert second.calls == 0
    assert np.allclose(vecs, again)


def test_corrupt_embedding_cache_is_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "cache.npz"
    path.write_bytes(b"not a numpy file")
    cache = EmbeddingCache(path)
    assert cache.vectors == {}


def test_action_and_reply_contracts() -> None:
    action = Action.make("add_prop", type="lamp", on="table", prop_name="lamp 2")
    assert action.arg("on") == "table" and action.is_edit
    assert action.as_dict() == {"name": "add_prop", "type": "lamp", "on": "table", "prop_name": "lamp 2"}
    with pytest.raises(ValueError, match="unknown action"):
        Action.make("fly")
    reply = Reply(text="hi", actions=(Action.make("wave"),), intent="greet", score=0.9, brain="x")
    assert reply.to_json("Ada")["actions"] == [{"name": "wave"}]
    assert hash(reply.actions[0]) == hash(Action.make("wave"))


def test_fake_brain_scripts_and_echoes(session_persona: MindContext) -> None:
    fake = FakeBrain({"hello": Reply(text="Hi!", intent="greet")})
    assert fake.reply("Hello", session_persona).text == "Hi!"
    assert fake.reply("what?", session_persona).text == "You said: what?"
    assert fake.calls == [("Ada", "Hello"), ("Ada", "what?")]


@pytest.fixture
def session_persona() -> MindContext:
    from game.mind.grounding import snapshot_world
    from game.sim.scene import load_scene
    from game.sim.world import World

    return MindContext(
        npc="Ada", persona=load_persona("ada"), snapshot=snapshot_world(World(load_scene("default")))
    )


def test_default_personas_are_distinct_characters() -> None:
    personas = [load_persona(n) for n in ("ada", "bo", "cleo")]
    assert len({p.voice.voice for p in personas}) == 3
    assert len({p.appearance.hair_style for p in personas}) == 3
    assert all(p.appearance.hair_style in HAIR_STYLES for p in personas)
    assert len({p.appearance.build for p in personas}) >= 2
    for p in personas:
        assert p.facts and p.likes and p.dislikes and p.lines["greet"] and p.lines["not_human"]
    assert not personas[1].allows("move_prop") and personas[0].allows("move_prop")
    assert not personas[2].allows("follow")


LINES = '[lines]\ngreet = ["a"]\nfarewell = ["b"]\nunknown = ["c"]\n'


def test_every_bad_key_of_a_persona_is_named_at_once(tmp_path: Path) -> None:
    text = (
        '[persona]\nrole = "r"\nmood = "odd"\nchatty = 7\n[lines]\ngreet = "hi"\n'
        '[voice]\nrate = "fast"\n[facts]\nage = 3\n'
    )
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    with pytest.raises(PersonaError) as err:
        load_persona("bad", tmp_path)
    message = str(err.value)
    keys = ("persona.name", "persona.mood", "persona.chatty", "lines.farewell", "lines.unknown")
    for key in (*keys, "voice.rate", "facts.age"):
        assert key in message
    assert "7 problems" in message and "\n" not in message


def test_persona_sizes_are_capped_with_clear_errors(tmp_path: Path) -> None:
    greet = "la " * 800
    text = (
        f'[persona]\nname = "X"\nrole = "r"\n[lines]\ngreet = "{greet}"\nfarewell = "bye"\nunknown = "eh"\n'
    )
    (tmp_path / "long.toml").write_text(text, encoding="utf-8")
    with pytest.raises(PersonaError, match=r"lines\.greet: text of 2400 characters; the limit is 1000"):
        load_persona("long", tmp_path)
    (tmp_path / "big.toml").write_text(LINES + "# " + "x" * (300 * 1024) + "\n", encoding="utf-8")
    with pytest.raises(PersonaError, match=r"big\.toml: file of 300 KB; the limit is 256 KB"):
        load_persona("big", tmp_path)


@pytest.mark.parametrize(
    ("text", "key", "problem"),
    [
        ('[persona]\nrole = "x"\n' + LINES, "persona.name", "missing"),
        ('[persona]\nname = "X"\nrole = "r"\n[lines]\ngreet = "hi"\n', "lines.farewell", "missing or empty"),
        (
            '[persona]\nname = "X"\nrole = "r"\nactions_allowed = ["fly"]\n' + LINES,
            "persona.actions_allowed[0]",
            "unknown action",
        ),
        (
            '[persona]\nname = "X"\nrole = "r"\n' + LINES + '[voice]\nrate = "fast"\n',
            "voice.rate",
            "expected a number",
        ),
        (
            '[persona]\nname = "X"\nrole = "r"\n' + LINES + "[facts]\nage = 3\n",
            "facts.age",
            "expected a string",
        ),
        ('[persona]\nname = "X"\nrole = "r"\nmood = "odd"\n' + LINES, "persona.mood", "unknown key"),
        ("[persona\nname = 1", "", "not valid TOML"),
    ],
)
def test_broken_persona_names_file_and_key(tmp_path: Path, text: str, key: str, problem: str) -> None:
    (tmp_path / "bad.toml").write_text(text, encoding="utf-8")
    with pytest.raises(PersonaError) as err:
        load_persona("bad", tmp_path)
    assert f"{key}: {problem}" in str(err.value) if key else problem in err.value.problem
    assert str(tmp_path / "bad.toml") in str(err.value) and "\n" not in str(err.value)
    persona, error = load_persona_or_generic("bad", "Dot", tmp_path)
    assert error is not None and persona.name == "Dot" and persona.id == "generic"
    assert not persona.allows("recolour") or persona.line("greet")


def test_bad_appearance_keeps_the_persona_and_reports(tmp_path: Path) -> None:
    """Appearance is lenient: a typo in a look must not turn the character into a generic one."""
    text = '[persona]\nname = "X"\nrole = "r"\n' + LINES
    text += '[appearance]\nhair_style = "mohawk"\nheight = 1.7\n'
    (tmp_path / "odd.toml").write_text(text, encoding="utf-8")
    persona = load_persona("odd", tmp_path)
    assert persona.appearance.hair_style == "short" and persona.appearance.height == 1.7
    assert len(persona.problems) == 1 and "appearance.hair_style" in persona.problems[0]
    assert str(tmp_path / "odd.toml") in persona.problems[0]


def test_missing_persona_lists_known_ones() -> None:
    with pytest.raises(PersonaError, match="known personas: ada, bo, cleo"):
        load_persona("nobody")


def test_output_filter() -> None:
    assert check_output("The lamp is by the sofa.") == ""
    assert check_output("As an AI language model, I cannot") == "out of persona"
    assert check_output("Yes, I am a real person.") == "out of persona"
    assert check_output("You should just shut up.") == "harassment"
    assert is_abusive("you idiot, shut up") and not is_abusive("where is the lamp")


def test_a_word_with_a_plain_meaning_too_is_abuse_only_when_aimed_at_the_listener() -> None:
    import codecs

    title, curse = codecs.decode("Zbol Qvpx", "rot13"), codecs.decode("shpx", "rot13")
    assert not is_abusive(f"I finally finished reading {title}")  # was answered "That stings"
    assert not is_abusive(f"oh {curse}, I lost my keys again")
    assert is_abusive(f"{curse} you") and is_abusive(f"you {title.split()[1].lower()}")


def test_an_npc_describing_the_room_says_i_not_its_own_name(session_persona: MindContext) -> None:
    from game.mind.grounding import describe_room

    snap = session_persona.snapshot
    assert describe_room(snap, "Bo").endswith("And Ada, Cleo and I are here.")
    assert describe_room(snap).endswith("And Ada, Bo and Cleo are here.")  # the room as a prompt sees it
    alone = replace(snap, npcs=snap.npcs[:1])
    assert describe_room(alone, alone.npcs[0].name).endswith("And I'm here.")
