"""The user's news read from plain sentences: a table of phrasings, and lines that must not be stored."""

from __future__ import annotations

import pytest

from game.mind.note import NOTE_CHARS, Note
from game.mind.user_news import extract_news, gerund, you

# (line, kind, topic, the question that brings it back later)
TOLD = [
    ("I'm learning to paint", "activity", "painting", "How is the painting going?"),
    ("i am learning to paint", "activity", "painting", "How is the painting going?"),
    ("I'm learning how to knit", "activity", "knitting", "How is the knitting going?"),
    ("I'm learning Spanish", "activity", "spanish", "How is your Spanish coming along?"),
    ("I've been learning the piano", "activity", "piano", "How is your piano coming along?"),
    ("I've started running", "activity", "running", "How is the running going?"),
    ("I've taken up knitting", "activity", "knitting", "How is the knitting going?"),
    ("I started learning to swim", "activity", "swimming", "How is the swimming going?"),
    ("I'm taking guitar lessons", "activity", "guitar", "How are the guitar lessons going?"),
    ("I'm training for a marathon", "activity", "marathon", "How is the training for the marathon going?"),
    ("I'm writing a novel", "activity", "novel", "How is the novel going?"),
    ("I joined a choir", "activity", "choir", "How is the choir going?"),
    ("my sister is visiting", "person", "sister", "Did your sister enjoy her visit?"),
    ("My brother is coming to stay next week", "person", "brother", "Did your brother enjoy his visit?"),
    ("my parents are visiting next week", "person", "parents", "Did your parents enjoy their visit?"),
    ("my friend Tom is coming over this weekend", "person", "friend tom",
     "Did your friend Tom enjoy their visit?"),
    ("my sister just had a baby", "person", "sister", "How is your sister doing?"),
    ("my mum is in hospital", "person", "mum", "How is your mum feeling now?"),
    ("my dog is sick", "person", "dog", "How is your dog feeling now?"),
    ("I have a sister called Mia", "person", "sister mia", "How is your sister Mia?"),
    ("I'm seeing my brother tomorrow", "person", "brother", "How was your time with your brother?"),
    ("I just got back from Lisbon", "trip", "lisbon", "How was Lisbon?"),
    ("i just got back from lisbon", "trip", "lisbon", "How was Lisbon?"),
    ("I'm back from my holiday in Spain", "trip", "holiday in spain", "How was your holiday in Spain?"),
    ("I've just been to Paris", "trip", "paris", "How was Paris?"),
    ("I went to the beach last weekend", "trip", "beach", "How was the beach?"),
    ("I got back from holiday yesterday", "trip", "holiday", "How was the holiday?"),
    ("i went to school today", "trip", "school", "How was school?"),
    ("I'm going to Japan next month", "plan", "japan", "You said you were going to Japan. How did it go?"),
    ("I'm planning to move house", "plan", "move house",
     "You said you were planning to move house. How did it go?"),
    ("We're getting married in June", "plan", "getting married",
     "You said you were getting married. How did it go?"),
    ("I'm moving to Berlin next month", "plan", "moving berlin",
     "You said you were moving to Berlin. How did it go?"),
    ("I have a job interview tomorrow", "plan", "job interview", "How did the job interview go?"),
    ("I've got an exam on Friday", "plan", "exam", "How did the exam go?"),
    ("I'm having a party on Saturday", "plan", "having a party",
     "You said you were having a party. How did it go?"),
    ("I got a promotion today!", "news", "promotion", "How have things been since you got a promotion?"),
    ("I lost my job", "news", "job", "How have you been since you lost your job?"),
    ("guess what, I passed my driving test", "news", "driving test",
     "How have things been since you passed your driving test?"),
    ("well, I finally finished my thesis.", "news", "thesis",
     "How have things been since you finished your thesis?"),
]  # fmt: skip

# Questions, requests to an NPC, hypotheticals, wishes, negations, moves in the room, other facts.
NOT_NEWS = [
    "Are you learning to paint?",
    "are you learning to paint",
    "do you think my sister is visiting",
    "What if my sister visited?",
    "How was Lisbon?",
    "If I went to Lisbon, would you come?",
    "Imagine I just got back from Mars",
    "Suppose I'm moving to Berlin next month",
    "maybe I'm moving to Berlin next month",
    "I might go to Japan next year",
    "I wish I was learning to paint",
    "I'd love to visit Japan",
    "I'm not learning to paint",
    "my sister isn't visiting after all",
    "I never went to Lisbon",
    "Ada, go to the lamp",
    "make the walls blue",
    "can you tell my sister hello",
    "please paint the table red",
    "I want you to paint the wall blue",
    "tell me about your sister",
    "I'm going to sit down",
    "I'm going to ask you something",
    "I'm looking at the lamp",
    "I'm feeling tired today",
    "I went to the kitchen",
    "I'm moving the lamp",
    "i went to work",
    "I like tea",
    "my name is Sam",
    "I'm tired",
    "hello Ada",
]


@pytest.mark.parametrize(("line", "kind", "topic", "ask"), TOLD)
def test_news_is_read_from_plain_sentences(line: str, kind: str, topic: str, ask: str) -> None:
    [note] = extract_news(line, now=5.0)
    assert (note.kind, note.topic, note.ask, note.t) == (kind, topic, ask, 5.0)
    assert note.about.startswith(("you", "your")), note.about  # the user's words, from the NPC's side


def test_the_table_is_big_enough() -> None:
    assert len(TOLD) >= 30 and len({k for _, k, _, _ in TOLD}) == 5 and len(NOT_NEWS) >= 25


@pytest.mark.parametrize("line", NOT_NEWS)
def test_questions_requests_hypotheticals_and_negations_are_not_news(line: str) -> None:
    assert extract_news(line) == []


def test_two_pieces_of_news_in_one_line() -> None:
    notes = extract_news("I'm learning to paint and my sister is visiting")
    assert [(n.kind, n.topic) for n in notes] == [("activity", "painting"), ("person", "sister")]


def test_the_users_words_are_turned_to_the_npcs_side() -> None:
    assert you("I'm back from my holiday with our kids") == "you're back from your holiday with your kids"
    assert extract_news("I just got back from Lisbon")[0].about == "you just got back from Lisbon"
    assert [gerund(v) for v in ("paint", "dance", "swim", "ski", "visit", "tie")] == [
        "painting", "dancing", "swimming", "skiing", "visiting", "tying"]  # fmt: skip


def test_a_stored_note_is_one_clean_bounded_line() -> None:
    long = "a" * 400
    raw = Note("trip\x00", "lis\nbon", f"you went to\x07 {'far ' * 100}", f"How was\r\n{long}?", 1.0)
    note = raw.cleaned()
    assert note.kind == "trip" and note.topic == "lis bon" and "\x07" not in note.about
    assert all(c.isprintable() for c in note.about + note.ask + note.topic)
    assert len(note.about) <= NOTE_CHARS and len(note.ask) <= NOTE_CHARS


@pytest.mark.parametrize(
    ("words", "said_back"),
    [("I was tired", "you were tired"), ("my first bowl was lopsided", "your first bowl was lopsided")],
)
def test_was_turns_to_were_only_after_i_or_we(words: str, said_back: str) -> None:
    assert you(words) == said_back
