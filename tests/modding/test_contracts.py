"""The small changes outside game.modding that mods rely on: NPCs added and removed, custom actions."""

from __future__ import annotations

import pytest

from game.mind.protocols import Action
from game.sim.scene import load_scene
from game.sim.world import World, WorldError


def test_npcs_can_be_added_and_removed_and_the_animator_follows() -> None:
    world = World(load_scene("default"))
    world.animator.set_emotion("Cleo", "happy")
    slot = world.add_npc("Dot", "dot", (1.0, 0.5, 1.0), 90.0)
    assert slot.position == (1.0, 0.0, 1.0) and world.npc("dot") is slot
    assert [a.name for a in world.animator.avatars] == ["Ada", "Bo", "Cleo", "Dot"]
    with pytest.raises(WorldError, match="already someone called"):
        world.add_npc("Dot", "dot", (0.0, 0.0, 0.0))
    world.advance(0.5)
    world.remove_npc("Bo")
    assert [n.name for n in world.scene.npcs] == ["Ada", "Cleo", "Dot"]
    assert [a.name for a in world.animator.avatars] == ["Ada", "Cleo", "Dot"]
    assert world.animator.base_w.shape[0] == 3 and world.animator.skinning().shape[0] == 3
    assert world.animator.get("Cleo").emotion == "happy"
    world.advance(0.2)
    with pytest.raises(WorldError, match="nobody called"):
        world.remove_npc("Bo")


def test_custom_actions_need_a_namespace() -> None:
    assert Action.make("cafe:serve", drink="tea").arg("drink") == "tea"
    for bad in ("fly", ":serve", "cafe:", "a:b:c"):
        with pytest.raises(ValueError, match="unknown action"):
            Action(bad)
