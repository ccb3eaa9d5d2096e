"""Act only on what was heard with confidence: doubtful key words are confirmed, nonsense does nothing."""

from __future__ import annotations

from game.bench.understanding import room_state
from game.mind.protocols import Action
from game.mind.session import MindSession


def _props(session: MindSession) -> list[str]:
    return sorted(p.name for p in session.world.props)


def test_a_command_resting_on_a_doubtful_word_is_confirmed_not_done(session: MindSession) -> None:
    before = _props(session)
    exchange = session.say("ada add a plant by the window", doubtful=frozenset({"plant"}))
    assert exchange is not None and exchange.npc == "Ada"
    assert not exchange.reply.actions and _props(session) == before
    assert "did i hear that right" in exchange.reply.text.lower() and "plant" in exchange.reply.text.lower()
    assert any("plant" in e for e in exchange.reply.evidence)
    yes = session.say("yes", "Ada")
    assert yes is not None and yes.reply.actions and _props(session) != before  # confirmed: now it is done


def test_doubt_about_glue_words_alone_does_not_stop_a_command(session: MindSession) -> None:
    exchange = session.say("ada walk to the window", doubtful=frozenset({"to", "the"}))
    assert exchange is not None and exchange.reply.intent == "walk_to" and exchange.reply.actions


def test_mostly_doubtful_words_never_act_and_the_command_is_asked_about(session: MindSession) -> None:
    before = room_state(session.world)
    exchange = session.say("bo walk artificial window", doubtful=frozenset({"walk", "artificial", "window"}))
    assert exchange is not None and not exchange.reply.actions and room_state(session.world) == before
    assert "did i hear that right" in exchange.reply.text.lower()
    no = session.say("no", exchange.npc)
    assert no is not None and not no.reply.actions and room_state(session.world) == before
    assert any("cancelled walk_to" in e for e in no.reply.evidence)
    late = session.say("yes", exchange.npc)  # a yes after the no finds nothing left to do
    assert late is not None and not late.reply.actions and room_state(session.world) == before


def test_a_forced_phrase_heard_doubtfully_changes_nothing_until_the_user_says_yes(
    session: MindSession,
) -> None:
    """What the final pass hears of "Ada, I'm learning to play the guitar" in a flite voice."""
    before = room_state(session.world)
    heard = "ada add a plant please"
    exchange = session.say(heard, doubtful=frozenset({"add", "a", "plant", "please"}))
    assert exchange is not None and exchange.npc == "Ada" and room_state(session.world) == before
    assert "add a plant" in exchange.reply.text.lower()


def test_a_yes_heard_doubtfully_confirms_nothing(session: MindSession) -> None:
    before = room_state(session.world)
    asked = session.say("ada add a plant", doubtful=frozenset({"plant"}))
    assert asked is not None and room_state(session.world) == before
    unsure = session.say("yes", "Ada", doubtful=frozenset({"yes"}))
    assert unsure is not None and not unsure.reply.actions and room_state(session.world) == before
    assert "was that a yes" in unsure.reply.text.lower() and "add a plant" in unsure.reply.text.lower()
    sure = session.say("yes", "Ada")
    assert sure is not None and sure.reply.actions and room_state(session.world) != before


def test_questions_need_no_confirmation_even_when_doubtful(session: MindSession) -> None:
    exchange = session.say("ada where is the lamp", doubtful=frozenset({"lamp"}))
    assert exchange is not None and exchange.reply.intent == "where_is"


def test_a_doubtful_go_is_a_doubtful_verb(session: MindSession) -> None:
    """What the final pass made of "Ada, delete the lamp": only "go" and "to" were doubtful."""
    before = room_state(session.world)
    exchange = session.say("ada go to the lamp", doubtful=frozenset({"go", "to"}))
    assert exchange is not None and not exchange.reply.actions and room_state(session.world) == before
    assert "did i hear that right" in exchange.reply.text.lower()


def test_a_command_the_line_never_says_how_to_do_is_asked_about_even_when_heard_clearly(
    session: MindSession,
) -> None:
    """Half-heard lines the final pass was sure of: the verb was lost, the meaning stayed near a command."""
    for heard, npc in (
        ("bo to the sofa", "Bo"),
        ("ada make the sofa bo", "Ada"),
        ("ada the chair yellow", "Ada"),
        ("ada it's too warm in here", "Ada"),  # "it's too … in here" is no way to change the lights
    ):
        before = room_state(session.world)
        exchange = session.say(heard)
        assert exchange is not None and exchange.npc == npc, heard
        assert not exchange.reply.actions and room_state(session.world) == before, heard
        assert "did i hear that right" in exchange.reply.text.lower(), heard
        assert any("says how" in e for e in exchange.reply.evidence), heard
        session.say("no", npc)
    walked = session.say("bo, go to the sofa")  # the same command with its verb is done at once
    assert walked is not None and walked.reply.actions and room_state(session.world) != before


def test_a_walk_to_a_thing_named_without_a_way_to_it_is_asked_about(session: MindSession) -> None:
    """Nonsense ("zorp quax brindle fump") the final pass heard, every word sure, as a walk."""
    for heard, thing in (("sure walk to bring sofa", "sofa"), ("door walk to grey sofa", "door")):
        before = room_state(session.world)
        exchange = session.say(heard)
        assert exchange is not None and not exchange.reply.actions, heard
        assert room_state(session.world) == before and "did i hear that right" in exchange.reply.text.lower()
        assert any(f"'{thing}' follows" in e for e in exchange.reply.evidence), heard
        session.say("no", exchange.npc)
    for said in ("bo, approach the chair", "bo, walk over to the sofa", "bo, go and stand by the door"):
        walked = session.say(said)  # a place word or the walk's own verb before the thing: done at once
        assert walked is not None and walked.reply.actions, said


def test_action_words_come_from_the_examples_so_a_new_example_teaches_its_verb() -> None:
    from game.mind.action_words import action_words, says_how

    words = action_words(
        {"move_prop": ("move the sofa to the window", "shove the box next to the door")}, ["move_prop"]
    )
    assert {"mov", "shov"} <= words["move_prop"] and not {"sofa", "window", "next", "the"} & words[
        "move_prop"
    ]
    assert says_how("ada, shoving the lamp", words["move_prop"])
    assert not says_how("ada the lamp next to the door", words["move_prop"])
    assert says_how("anything at all", action_words({}, ["nod"])["nod"])  # no examples: nothing to require
    adding = action_words({"add_prop": ("place a lamp",)}, ["add_prop"])["add_prop"]
    assert says_how("place a plant", adding) and not says_how("place a plant to the", adding)  # cut short
    removing = action_words({"remove_prop": ("delete the plant",)}, ["remove_prop"])["remove_prop"]
    assert says_how("ada delete the shelf", removing, on_a_thing=True)
    assert not says_how("ada can you delete where the shelf is", removing, on_a_thing=True)  # "tell me where"


def test_a_weak_come_here_is_asked_about_as_coming_to_the_user(session: MindSession) -> None:
    asked = session.say("Bo, can you come here?", "Bo")  # near "come here" (0.52), not near enough to act
    assert asked is not None and not asked.reply.actions
    assert asked.reply.text == "Do you want me to come over to you? Say yes or no."  # not "go to it?"
    done = session.say("yes", "Bo")
    assert done is not None and done.reply.actions == (Action.make("walk_to", target="user"),)


def test_a_command_for_later_is_asked_about_and_done_now_only_on_a_yes(session: MindSession) -> None:
    before = room_state(session.world)
    asked = session.say("Ada, paint the walls blue tomorrow")
    assert asked is not None and not asked.reply.actions and room_state(session.world) == before
    assert "not tomorrow" in asked.reply.text and "paint the walls blue now?" in asked.reply.text
    yes = session.say("yes", "Ada")
    assert yes is not None and yes.reply.actions and room_state(session.world) != before


def test_talk_about_tomorrow_misheard_as_a_removal_removes_nothing(session: MindSession) -> None:
    """What the final pass heard of "Cleo, I'm nervous about tomorrow" in an espeak-ng voice."""
    before = room_state(session.world)
    exchange = session.say("cleo lose the box tomorrow")  # Cleo hands room edits to Ada, who asks
    assert exchange is not None and room_state(session.world) == before
    no = session.say("no", "Ada")
    assert no is not None and room_state(session.world) == before
    assert any("cancelled remove_prop" in e for e in no.reply.evidence)


def test_putting_a_thing_the_room_has_moves_it_and_adds_nothing(session: MindSession) -> None:
    lamps = [p.name for p in session.world.props if p.type == "lamp"]
    moved = session.say("Ada, put the lamp on the table")
    assert moved is not None and moved.reply.intent == "move_prop", moved.reply.evidence
    assert [p.name for p in session.world.props if p.type == "lamp"] == lamps
    added = session.say("Ada, put a lamp on the table")
    assert added is not None and added.reply.intent == "add_prop"
    assert len([p for p in session.world.props if p.type == "lamp"]) == len(lamps) + 1


def test_an_order_not_to_do_something_does_nothing(session: MindSession) -> None:
    before = room_state(session.world)
    for said in ("Ada, do not move the chair", "Ada, don't paint the walls", "Cleo, never sit on the sofa"):
        exchange = session.say(said)
        assert exchange is not None and not exchange.reply.actions, exchange.reply
        assert "I'll leave it" in exchange.reply.text and room_state(session.world) == before
    follow = session.say("Bo, please don't follow me")
    assert follow is not None and follow.reply.intent == "stop_following"


def test_a_doubtful_sit_on_a_seat_is_asked_about_with_the_seat(session: MindSession) -> None:
    asked = session.say("bo sit on the sofa please", doubtful=frozenset({"sofa"}))
    assert asked is not None and not asked.reply.actions
    assert "Do you want me to sit on the sofa?" in asked.reply.text, asked.reply
    done = session.say("yes", asked.npc)
    assert done is not None and done.reply.actions == (Action.make("sit", target="sofa"),)
