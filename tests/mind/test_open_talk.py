"""Open talk: lines that are not commands or fact questions are answered by the right layer.

The tables below are the development examples the thresholds in :mod:`game.mind.open_talk`
were chosen on (written for this file; never an evaluation set). Each row is a line a user
might say, the NPC it is said to, and the authored topic(s) that should answer it.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import string
from pathlib import Path

import pytest

from game.commands.chat import run_chat
from game.mind.ask_back import phrase_of
from game.mind.open_talk import about_the_user
from game.mind.persona import PERSONAS_DIR, PersonaError, load_persona, load_persona_or_generic
from game.mind.persona_topics import Topic
from game.mind.protocols import Reply
from game.mind.session import MindSession

# (npc, line, topic or topics separated by "/"): 78 lines, 33 topics, all three personas.
TOPIC_LINES = [
    ("Ada", "Ada, what's your favourite colour?", "colour"),
    ("Ada", "Ada, what do you think of Cleo?", "cleo"),
    ("Ada", "Ada, are you afraid of anything?", "fears"),
    ("Ada", "Ada, do you fancy a trip somewhere warm?", "travel"),
    ("Ada", "Ada, what sort of tunes do you enjoy?", "music"),
    ("Ada", "Ada, did you have a nice Saturday?", "weekend"),
    ("Ada", "Ada, is Bo a good friend of yours?", "bo"),
    ("Ada", "Ada, have you got any siblings?", "family"),
    ("Ada", "Ada, what's on for tonight?", "plans"),
    ("Ada", "Ada, were you a happy kid?", "childhood"),
    ("Ada", "Ada, what's the best movie ever made?", "films"),
    ("Ada", "Ada, do you ever lie awake at night?", "sleep"),
    ("Ada", "Ada, would you like to be rich?", "money"),
    ("Ada", "Ada, what do you hope to achieve in life?", "dreams/future"),
    ("Ada", "Ada, is it sunny outside?", "weather"),
    ("Ada", "Ada, do you go jogging?", "sport"),
    ("Ada", "Ada, what are you having for supper?", "food"),
    ("Ada", "Ada, do you enjoy the early hours?", "time_of_day"),
    ("Ada", "Ada, how's your mood today?", "feelings"),
    ("Ada", "Ada, what would you study if you went back to school?", "learning"),
    ("Ada", "Ada, what will the world look like in fifty years?", "future"),
    ("Ada", "Ada, what's your house like?", "home"),
    ("Bo", "Bo, what would you do with a million pounds?", "money"),
    ("Bo", "Bo, what do you make of Ada?", "ada"),
    ("Bo", "Bo, does anything frighten you?", "fears"),
    ("Bo", "Bo, what's the tastiest dish you know?", "food"),
    ("Bo", "Bo, who do you reckon wins the league this year?", "sport"),
    ("Bo", "Bo, got any brothers?", "family"),
    ("Bo", "Bo, what do you like doing in your spare time?", "hobbies"),
    ("Bo", "Bo, any songs you love?", "music"),
    ("Bo", "Bo, what's the farthest you've ever been?", "travel"),
    ("Bo", "Bo, are you more of a cat person?", "pets"),
    ("Bo", "Bo, is it chilly out?", "weather"),
    ("Bo", "Bo, what's your earliest memory from when you were little?", "childhood"),
    ("Bo", "Bo, are you an early riser?", "time_of_day/sleep"),
    ("Bo", "Bo, which shade do you like most?", "colour"),
    ("Bo", "Bo, do you read much?", "books"),
    ("Bo", "Bo, what's the plan for tomorrow?", "plans"),
    ("Bo", "Bo, can you sleep anywhere?", "sleep"),
    ("Bo", "Bo, is Cleo good company?", "cleo"),
    ("Bo", "Bo, what film could you watch again and again?", "films"),
    ("Bo", "Bo, is this place comfy?", "room"),
    ("Bo", "Bo, ever wanted to pick up a new skill?", "learning"),
    ("Bo", "Bo, what's your biggest wish?", "dreams"),
    ("Bo", "Bo, who are your mates?", "friends"),
    ("Bo", "Bo, how are you feeling in yourself?", "feelings"),
    ("Cleo", "Cleo, do you have any hobbies?", "hobbies"),
    ("Cleo", "Cleo, what are you dreaming of?", "dreams"),
    ("Cleo", "Cleo, what's your opinion of Bo?", "bo"),
    ("Cleo", "Cleo, what were you like growing up?", "childhood"),
    ("Cleo", "Cleo, does the dark scare you?", "fears"),
    ("Cleo", "Cleo, any good novels lately?", "books"),
    ("Cleo", "Cleo, what do you listen to in the evenings?", "music"),
    ("Cleo", "Cleo, are you feeling down today?", "feelings"),
    ("Cleo", "Cleo, what's your flat like?", "home"),
    ("Cleo", "Cleo, how's the weather looking?", "weather"),
    ("Cleo", "Cleo, is Ada kind to you?", "ada"),
    ("Cleo", "Cleo, do you keep any animals?", "pets"),
    ("Cleo", "Cleo, what's your idea of a perfect Sunday?", "weekend"),
    ("Cleo", "Cleo, do you sleep much?", "sleep"),
    ("Cleo", "Cleo, would you like to visit Japan?", "travel"),
    ("Cleo", "Cleo, who are your closest friends?", "friends"),
    ("Cleo", "Cleo, do you play football?", "sport"),
    ("Cleo", "Cleo, what do you eat for breakfast?", "food"),
    ("Cleo", "Cleo, can you recommend a film?", "films"),
    ("Cleo", "Cleo, are you learning anything new?", "learning"),
    ("Cleo", "Cleo, which part of the day do you love most?", "time_of_day"),
    ("Cleo", "Cleo, what do you think of this lounge?", "room"),
    ("Cleo", "Cleo, are your parents still in Portugal?", "family/lisbon"),
    ("Cleo", "Cleo, where will you be in ten years?", "future"),
    ("Cleo", "Cleo, what's your working day like?", "work"),
    ("Ada", "Ada, what puts a smile on your face?", "happiness/feelings"),
    ("Bo", "Bo, anything you'd do over if you could?", "regrets"),
    ("Cleo", "Cleo, do you carry anything for good luck?", "beliefs"),
    ("Bo", "Bo, got any good tales from your sailing days?", "stories"),
    ("Cleo", "Cleo, what's something odd that happened to you once?", "stories"),
    ("Bo", "Bo, is there a mistake you still think about?", "regrets"),
    ("Ada", "Ada, do you think things happen for a reason?", "beliefs"),
    ("Ada", "Ada, what do you get up to when you're not designing?", "hobbies"),
    ("Ada", "Ada, how's business these days?", "work"),
]

# Lines the topic layer does not take yet (another layer answers); they must never get a wrong topic.
KNOWN_MISSES = [
    ("Ada", "Ada, got any wisdom for me?", "advice"),
    ("Ada", "Ada, what's your take on this lounge?", "room"),
    ("Bo", "Bo, how's the café doing?", "work/the_cafe"),
    ("Cleo", "Cleo, does writing poems pay the bills?", "money/work/poets_life"),
]

# Lines no persona has anything authored about: the fallback asks back about the user's own words.
OFF_TOPIC = [
    ("Bo", "Bo, the quantum flux of Belgium is sideways"),
    ("Cleo", "Cleo, the printer at the office jammed again"),
    ("Ada", "Ada, what's the capital of Mongolia?"),
    ("Cleo", "Cleo, have you heard of the Higgs boson?"),
    ("Ada", "Ada, how many legs does a spider have?"),
    ("Bo", "Bo, my dentist is called Gerald"),
]


def _reply(talk: MindSession, line: str) -> Reply:
    exchange = talk.say(line)
    assert exchange is not None, line
    return exchange.reply


def _topic_in(reply: Reply) -> str:
    found = re.search(r"\btopic (\w+) \(", " ".join(reply.evidence))
    return found.group(1) if found else ""


def _fixed_part(line: str) -> str:
    """The text of a reply variant before its first placeholder (what any filling starts with)."""
    return line.split("{", 1)[0]


def _said_by(npc: str, topic: str, text: str) -> bool:
    persona = load_persona(npc.lower())
    found = next(t for t in persona.talk_topics if t.name == topic)
    return any(text.startswith(_fixed_part(variant)) for variant in found.say)


@pytest.mark.parametrize(("npc", "line", "topics"), TOPIC_LINES)
def test_open_talk_is_answered_by_the_right_npcs_own_topic(
    talk: MindSession, npc: str, line: str, topics: str
) -> None:
    exchange = talk.say(line)
    assert exchange is not None and exchange.npc == npc
    reply = exchange.reply
    assert reply.layer == "topic", (line, reply.layer, reply.evidence)
    assert _topic_in(reply) in topics.split("/"), (line, reply.evidence)
    assert _said_by(npc, _topic_in(reply), reply.text), reply.text


@pytest.mark.parametrize(("npc", "line", "topics"), KNOWN_MISSES)
def test_a_line_the_topics_miss_never_gets_a_wrong_topic(
    talk: MindSession, npc: str, line: str, topics: str
) -> None:
    reply = _reply(talk, line)
    assert reply.layer != "topic" or _topic_in(reply) in topics.split("/"), reply.evidence


@pytest.mark.parametrize(("npc", "line"), OFF_TOPIC)
def test_with_nothing_to_say_the_npc_asks_back_about_the_users_words(
    talk: MindSession, npc: str, line: str
) -> None:
    reply = _reply(talk, line)
    persona = load_persona(npc.lower())
    assert reply.layer == "fallback", reply.evidence
    assert reply.text not in persona.lines["unknown"] and "?" in reply.text
    echoed = phrase_of(line.split(", ", 1)[1])
    assert echoed and echoed.lower() in reply.text.lower()


def test_the_issues_examples_are_no_longer_mis_answered(talk: MindSession) -> None:
    colour = _reply(talk, "Ada, what's your favourite colour?")
    chair = _reply(talk, "Bo, is the chair sturdy?")
    cleo = _reply(talk, "Ada, what do you think of Cleo?")
    fear = _reply(talk, "Ada, are you afraid of anything?")
    money = _reply(talk, "Bo, what would you do with a million pounds?")
    dream = _reply(talk, "Cleo, what are you dreaming of?")
    assert "tea" not in colour.text.lower() and _topic_in(colour) == "colour"
    assert chair.intent != "what_colour" and chair.layer == "fallback" and "chair" in chair.text.lower()
    assert "didn't quite get" not in cleo.text and _topic_in(cleo) == "cleo"
    assert fear.layer == "topic" and _topic_in(fear) == "fears"
    assert money.layer == "topic" and _topic_in(money) == "money"
    assert dream.layer == "topic" and "dream that I will become rich" not in dream.text


@pytest.mark.parametrize(
    ("line", "layer", "intent", "said"),
    [
        ("Cleo, what's your favourite colour?", "persona_fact", "persona_fact", "green"),
        ("Ada, do you have a pet?", "persona_fact", "persona_fact", "Brunel"),
        ("Bo, where are you from?", "persona_fact", "persona_fact", "Hull"),
        ("Bo, what team do you support?", "persona_fact", "persona_fact", "Hull City"),
        ("Ada, go to the lamp", "command", "walk_to", "lamp"),
        ("Bo, where is the lamp?", "room", "where_is", "lamp"),
        ("Cleo, what colour is the sofa?", "room", "what_colour", "sofa"),
        ("Ada, what's in this room?", "room", "room_contents", "lamp"),
        ("Bo, how are you?", "skill", "wellbeing", ""),
        ("Cleo, thank you", "skill", "thanks", ""),
        ("Ada, what do you like?", "skill", "likes_question", "jazz"),
        ("Ada, what annoys you?", "skill", "likes_question", "clutter"),
        ("Bo, do you like football?", "skill", "likes_question", "football"),
    ],
)
def test_commands_room_questions_facts_and_skills_answer_as_before(
    talk: MindSession, line: str, layer: str, intent: str, said: str
) -> None:
    reply = _reply(talk, line)
    assert (reply.layer, reply.intent) == (layer, intent), reply.evidence
    assert said.lower() in reply.text.lower()


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ("Cleo, tell me about Lisbon", "Lisbon"),
        ("Bo, tell me about Hull", "born and bred"),
        ("Bo, how are Hull City doing?", "thick and thin"),
        ("Ada, how is Brunel?", "tortoise"),
        ("Cleo, do you enjoy going to the theatre?", "theatre"),  # not the cinema the phrasing names
    ],
)
def test_a_line_naming_a_proper_name_is_answered_about_it(talk: MindSession, line: str, said: str) -> None:
    """The fact, or the persona's own topic about the same name (Cleo's Lisbon), never a fallback."""
    reply = _reply(talk, line)
    assert reply.layer in ("persona_fact", "topic") and said in reply.text, reply.evidence


def test_a_thing_asked_about_a_named_fact_gets_the_persona_line_naming_both(talk: MindSession) -> None:
    """ "what does Brunel do all winter?" is not answered "I have a tortoise called Brunel"."""
    reply = _reply(talk, "Ada, what does Brunel do all winter?")
    assert reply.layer == "topic" and "winter" in reply.text and "Brunel" in reply.text, reply.evidence
    assert any("naming brunel" in e for e in reply.evidence)
    live = _reply(talk, "Ada, did you always want to live in Bristol?")  # a shared verb is not a thing asked
    assert live.layer == "persona_fact" and "grew up in Bristol" in live.text, live.evidence


def test_news_about_the_user_is_not_answered_with_the_npcs_own_topic(talk: MindSession) -> None:
    reply = _reply(talk, "Bo, I had a rough day")
    assert reply.layer != "topic" and "rough day" in reply.text, reply.evidence  # said back as news


def test_a_topic_asked_again_gets_another_variant(talk: MindSession) -> None:
    texts = [_reply(talk, "Cleo, what scares you?").text for _ in range(3)]
    assert len(set(texts)) == 3


def test_a_command_like_line_still_needs_its_confirmation_margin(talk: MindSession) -> None:
    reply = _reply(talk, "Ada, could you maybe sort of shift the lamp")
    assert reply.layer == "command"


def test_every_shipped_persona_covers_25_topics_in_its_own_words() -> None:
    said: dict[str, set[str]] = {}
    for npc in ("ada", "bo", "cleo"):
        persona = load_persona(npc)
        assert len(persona.talk_topics) >= 25
        assert all(len(t.say) >= 3 for t in persona.talk_topics)
        said[npc] = {line for t in persona.talk_topics for line in t.say}
    assert not said["ada"] & said["bo"] and not said["bo"] & said["cleo"] and not said["ada"] & said["cleo"]


def test_a_person_topic_answers_only_about_that_person() -> None:
    persona = load_persona("ada")
    bo = next(t for t in persona.talk_topics if t.name == "bo")
    assert bo.about == "Bo" and "what do you think of Bo" in bo.ask


def test_the_layer_is_in_the_json_and_defaults_to_empty() -> None:
    assert Reply(text="hi").layer == ""
    assert Reply(text="hi", layer="topic").to_json("Ada")["layer"] == "topic"


def test_voxroom_chat_prints_which_layer_answered_and_why() -> None:
    args = argparse.Namespace(
        scene="default", npc="Ada", brain="embed", model="", save="", no_memory=True, seed=1
    )
    stdout = io.StringIO()
    lines = b"Bo, what would you do with a million pounds?\nBo, where is the lamp?\nBo, the moon is odd\n"
    assert run_chat(args, io.BytesIO(lines), stdout) == 0
    replies = [json.loads(x) for x in stdout.getvalue().splitlines()]
    assert [r["layer"] for r in replies] == ["topic", "room", "fallback"]
    assert any(e.startswith("topic money") for e in replies[0]["evidence"])


@pytest.mark.parametrize(
    ("line", "phrase"),
    [
        ("what would you do with a million pounds?", "a million pounds"),
        ("my neighbour's car is purple", "your neighbour's car"),
        ("I went skydiving in Peru", "Peru"),
        ("is the chair sturdy?", "the chair"),
        ("what's the best advice you've had", "the best advice"),
        ("the printer at the office jammed again", "the printer"),
        ("did you see your sister yesterday", "my sister"),
        ("hmm", ""),
        ("is it so", ""),
    ],
)
def test_the_phrase_echoed_back_is_the_users_noun_phrase_seen_from_the_npc(line: str, phrase: str) -> None:
    assert phrase_of(line) == phrase


def _write(folder: Path, topics: str) -> Path:
    base = (PERSONAS_DIR / "cleo.toml").read_text(encoding="utf-8").split("\n[topics.")[0]
    (folder / "poet.toml").write_text(base + "\n" + topics, encoding="utf-8")
    return folder / "poet.toml"


@pytest.mark.parametrize(
    ("topics", "key", "fix"),
    [
        ('[topics.food]\nsay = "Bread."\nmood = 3\n', "topics.food.mood", "allowed keys"),
        ("[topics.food]\nsay = []\n", "topics.food.say", "add at least one line"),
        ('[topics.knitting]\nsay = ["Purl."]\n', "topics.knitting.ask", "stock name"),
        ('[topics.food]\nsay = ["Hello {friend}."]\n', "topics.food.say[0]", "{user}"),
        ('[topics]\nfood = "bread"\n', "topics.food", "say ="),
        ('[topics.Food]\nsay = ["Bread."]\n', "topics.Food", "rename"),
        ('[topics.food]\nsay = [{ say = "Bread.", mood = 1 }]\n', "topics.food.say[0].mood", "allowed keys"),
        ('[topics.food]\nsay = [{ more = "Fresh." }]\n', "topics.food.say[0].say", "missing"),
        (
            '[topics.food]\nsay = [{ say = "Bread.", more = "For {friend}." }]\n',
            "topics.food.more[0]",
            "{user}",
        ),
    ],
)
def test_a_broken_topic_is_one_line_naming_file_key_and_fix(
    tmp_path: Path, topics: str, key: str, fix: str
) -> None:
    path = _write(tmp_path, topics)
    with pytest.raises(PersonaError) as caught:
        load_persona("poet", tmp_path)
    message = str(caught.value)
    assert "\n" not in message and str(path) in message and key in message and fix in message
    persona, error = load_persona_or_generic("poet", "Cleo", tmp_path)
    assert error is not None and persona.id == "generic" and persona.name == "Cleo"


def test_a_topic_of_ones_own_with_phrasings_loads(tmp_path: Path) -> None:
    _write(tmp_path, '[topics.knitting]\nask = ["do you knit"]\nsay = ["Purl, {name}."]\nfollow = ["You?"]\n')
    persona = load_persona("poet", tmp_path)
    assert persona.talk_topics == (
        Topic("knitting", ("do you knit",), ("Purl, {name}.",), ("You?",), more=("",), answers=((),)),
    )


def test_a_reply_may_carry_what_the_character_adds_when_followed_up(tmp_path: Path) -> None:
    _write(tmp_path, '[topics.food]\nsay = ["Bread.", { say = "Soup.", more = "Leek, on {weekday}s." }]\n')
    (food,) = load_persona("poet", tmp_path).talk_topics
    assert food.say == ("Bread.", "Soup.") and food.more == ("", "Leek, on {weekday}s.")
    assert food.more_after(1) == "Leek, on {weekday}s." and food.more_after(0) == food.more_after(5) == ""


def test_placeholders_in_a_topic_reply_are_known() -> None:
    for npc in ("ada", "bo", "cleo"):
        for topic in load_persona(npc).talk_topics:
            for line in (*topic.say, *topic.follow, *topic.more):
                fields = {f for _, f, _, _ in string.Formatter().parse(line) if f}
                assert fields <= {"name", "user", "part_of_day", "weekday"}


def test_within_a_topic_the_reply_that_answers_the_line_is_said(talk: MindSession) -> None:
    # Bo's pets topic has the gulls and the ship's cat: the cat question gets the cat
    reply = _reply(talk, "Bo, did you ever keep a cat on board?")
    assert "Skipper" in reply.text, reply.evidence


def test_questions_about_the_npc_are_never_confirmed_as_orders(talk: MindSession) -> None:
    for line in ("Ada, are you happy here?", "Ada, do you go for walks?", "Ada, where would you go next?"):
        reply = _reply(talk, line)
        assert reply.layer != "command" and "Say yes or no" not in reply.text, (line, reply.evidence)


def test_news_about_someones_plans_is_not_taken_as_an_order(talk: MindSession) -> None:
    lines = ("Ada, I'm thinking of repainting my bicycle.", "Ada, I might paint my kitchen yellow.",
             "Ada, my sister wants to move the sofa in her flat.")  # fmt: skip
    for line in lines:
        reply = _reply(talk, line)
        assert reply.layer != "command" and not reply.actions and "Say yes or no" not in reply.text, (
            line,
            reply.evidence,
        )
    assert _reply(talk, "Ada, I want the ceiling pink").layer == "command"  # a wish for the room is a request


def test_a_short_follow_up_stays_on_the_topic_being_talked_about(talk: MindSession) -> None:
    _reply(talk, "Bo, what time is it?")  # the clock: no topic is being talked about
    alone = _reply(talk, "Bo, what do you miss most?")
    assert not any("stays on the ongoing topic" in e for e in alone.evidence), alone.evidence
    assert _topic_in(_reply(talk, "Bo, do you miss the sea?")) == "the_sea"
    follow = _reply(talk, "what do you miss most?")
    assert follow.layer == "topic" and _topic_in(follow) == "the_sea", follow.evidence
    assert any("stays on the ongoing topic" in e for e in follow.evidence)


def test_a_question_naming_a_place_with_a_topic_gets_the_topic_not_the_bare_fact(talk: MindSession) -> None:
    reply = _reply(talk, "Cleo, what's the weather like in Lisbon?")
    assert reply.layer == "topic" and _topic_in(reply) == "lisbon", reply.evidence


def test_a_why_question_is_not_a_location_and_a_question_is_not_a_greeting(talk: MindSession) -> None:
    why = _reply(talk, "Ada, why did you put the sofa there?")
    assert why.layer != "room" and why.intent != "where_is", why.evidence
    morning = _reply(talk, "Ada, are you a morning person?")
    assert morning.intent != "greet", morning.evidence
    assert _reply(talk, "Ada, good morning").intent == "greet"
    catch = _reply(talk, "Bo, tell me about the best catch of your life")  # near "catch you later"
    assert catch.intent != "farewell", catch.evidence
    visit = _reply(talk, "Bo, I'll have to visit her soon")  # near "I have to go now" by meaning only
    assert visit.intent != "farewell", visit.evidence
    talk_to = _reply(talk, "Cleo, who do you talk to most here?")  # near "who am I talking to"
    tidiest = _reply(talk, "Ada, who's the tidiest person you know?")  # near "who is this"
    assert tidiest.intent != "identity", tidiest.evidence
    assert talk_to.intent != "identity", talk_to.evidence
    poetry = _reply(talk, "Cleo, how do I get into poetry?")  # near "do you love poetry"
    assert poetry.intent != "likes_question", poetry.evidence
    lost = _reply(talk, "Cleo, I don't know what I want")  # near "what do I like", but says it
    assert lost.intent != "ask_memory", lost.evidence
    about_me = _reply(talk, "Cleo, should it be about me?")  # near "what do you know about me", of a story
    assert about_me.intent != "ask_memory", about_me.evidence
    ugliest = _reply(talk, "Ada, what's the ugliest thing in this room?")  # an opinion, not the list
    assert ugliest.intent != "room_contents", ugliest.evidence
    colder = _reply(talk, "Ada, will it make the room cold?")  # what a thing will do, not what is here
    assert colder.intent != "room_contents", colder.evidence
    mess = _reply(talk, "Ada, my teenager's bedroom is a total disaster")  # the user's room, not this one
    assert mess.intent != "room_contents", mess.evidence
    office = _reply(talk, "Ada, we're turning the spare room into an office")
    assert office.intent != "room_contents", office.evidence
    any_house = _reply(talk, "Ada, what's your least favourite room in a house?")  # not the room's shelf
    assert not any(a.name == "look_at" for a in any_house.actions), any_house.evidence
    late = _reply(talk, "Bo, late night?")  # near "good night", but asked
    assert late.intent != "farewell", late.evidence
    assert _reply(talk, "Bo, see you tomorrow?").intent == "farewell"
    assert _reply(talk, "Bo, I'd better be off").intent == "farewell"


def test_the_room_topic_answers_only_a_line_that_names_the_room(talk: MindSession) -> None:
    pub = _reply(talk, "Bo, which is your favourite spot in Hull?")
    assert _topic_in(pub) != "room", pub.evidence
    room = _reply(talk, "Bo, do you find this place comfortable?")
    assert _topic_in(room) == "room", room.evidence


@pytest.mark.parametrize(
    ("line", "not_intent"),
    [("Bo, how did you and Ada get to know each other?", "where_is"),
     ("Cleo, when did you last visit Bo?", "where_is"),
     ("Ada, what's your brother's name?", "identity"), ("Bo, what's your granddad's name?", "identity"),
     ("Ada, does your tortoise know who you are?", "identity"),
     ("Bo, should I get a dog?", "tell_fact"), ("Cleo, what's in your bag?", "what_on"),
     ("Ada, what colour is your umbrella?", "what_colour"), ("we had rain every day", "likes_question"),
     ("what should I make?", "ask_memory")],
)  # fmt: skip
def test_lines_that_only_sound_like_a_room_or_identity_question_are_open_talk(
    talk: MindSession, line: str, not_intent: str
) -> None:
    reply = _reply(talk, line)
    assert reply.intent != not_intent and reply.intent != "ask_memory", reply.evidence


@pytest.mark.parametrize(
    ("line", "about_user"),
    [
        ("Bo, tell me a joke about the sea", False),
        ("give me a recipe", False),
        ("could you show me something funny?", False),
        ("tell me a joke about my job", True),
        ("I'm thinking of becoming a cook", True),
    ],
)
def test_a_request_to_the_npc_is_not_about_the_user(line: str, about_user: bool) -> None:
    assert about_the_user(line) is about_user


def test_asking_back_never_echoes_a_reflexive_or_drops_a_predicates_noun() -> None:
    assert phrase_of("I'm thinking of becoming a painter myself") == "a painter"
    assert phrase_of("was your uncle a good sailor?") == "a good sailor"
    assert phrase_of("is the chair sturdy?") == "the chair"


def test_a_question_no_topic_claims_gets_the_npcs_nearest_reply_not_a_question_back(
    talk: MindSession,
) -> None:
    reply = _reply(talk, "Ada, what's the oddest request a client ever made?")
    assert reply.layer == "topic" and "no corners" in reply.text, reply.evidence
    assert any("its nearest reply" in e for e in reply.evidence), reply.evidence
    holidays = _reply(talk, "Ada, got any holidays coming up soon?")  # nearest: "Shopping? Christmas is …"
    assert any("its nearest reply" in e for e in holidays.evidence), holidays.evidence
    assert not holidays.text.startswith("Shopping?"), holidays.evidence  # an echo the line did not say
