"""What the HUD says about replies: the NPC's caption line, and replies without sound or captions."""

from __future__ import annotations

from game.config import Config
from game.conversation.turns import TurnRecord
from game.desktop.hud import Hud, latency_lines
from game.desktop.settings_menu import SettingsMenu
from game.sim.scene import parse_scene
from game.sim.world import World
from tests.support.scenes import scene_doc


def _state(hud: Hud) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    world = World(parse_scene(scene_doc(), "t"))
    state = hud.state(world, SettingsMenu(Config()), None, None)
    return state.caption, state.npc_caption, state.messages


def test_the_npc_caption_sits_under_the_users_line_until_the_next_user_line() -> None:
    hud = Hud("test", captions=True)
    hud.set_caption("You: Ada, what is on the table?")
    hud.npc_said("Ada", "There is a lamp on the table.")
    caption, npc, _ = _state(hud)
    assert caption == "You: Ada, what is on the table?" and npc == "Ada: There is a lamp on the table."
    hud.set_caption("You: Ada, what is on the table?")  # the same line, every tick
    assert _state(hud)[1] == "Ada: There is a lamp on the table."
    hud.set_caption("You: and the sofa…")  # the user speaks again: the old answer goes
    assert _state(hud)[1] == ""


def test_without_sound_and_with_captions_off_replies_still_show_and_a_notice_says_where_once() -> None:
    hud = Hud("test", captions=False, silent=True)
    hud.set_caption("You: hello")
    hud.npc_said("Ada", "Hello!")
    caption, npc, messages = _state(hud)
    assert caption == "" and npc == "Ada: Hello!" and hud.show_replies
    [(level, text)] = messages
    assert level == "info"
    assert "captions are off" in text and "speech bubbles" in text and "caption line" in text
    _state(hud)
    assert len(_state(hud)[2]) == 1, "the notice is shown once"


def test_with_sound_and_captions_off_nothing_is_captioned_or_announced() -> None:
    hud = Hud("test", captions=False, silent=False)
    hud.npc_said("Ada", "Hello!")
    assert _state(hud) == ("", "", ())
    assert not hud.show_replies


def test_f3_says_which_layer_answered_and_why() -> None:
    turn = TurnRecord(npc="Ada", text="what's your favourite colour?", reason="named", intent="persona_fact")
    turn.brain, turn.layer = "embed", "topic"
    passed = "persona fact favourite_drink (0.46) passed over: a topic matched better"
    turn.evidence = (passed, "topic colour")
    lines = latency_lines(turn)
    assert lines[0] == "Ada (named): intent persona_fact via embed, layer topic"
    assert lines[2] == f"  used: {passed}"
