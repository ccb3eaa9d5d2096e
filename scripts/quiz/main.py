"""The quiz mod: "start the quiz", then answer each question out loud.

While a quiz runs, whatever the user says to the host NPC is taken as the answer
(``on_heard``); the score is kept in the module and carried across hot reloads, and
the best score ever is kept in the mod's saved data.
"""

import re
import tomllib

from game.mind.protocols import Reply
from game.modding import api

mod = api.this_mod()
QUESTIONS = tomllib.loads((mod.folder / "questions.toml").read_text(encoding="utf-8"))["question"]
game = {"host": "", "index": -1, "score": 0}
# for the speech grammar: bare answers, and "the answer is ..." (longer phrases are recognised better)
mod.listen_for(*(f"{lead}{a}" for q in QUESTIONS for a in q["answers"] for lead in ("", "the answer is ")))


def running() -> bool:
    return game["index"] >= 0


def ask() -> str:
    q = QUESTIONS[game["index"]]
    return f"Question {game['index'] + 1} of {len(QUESTIONS)}: {q['ask']}"


def start(npc: str, utterance: str, slots: dict) -> Reply:
    game.update(host=npc, index=0, score=0)
    mod.emotion(npc, "happy")
    return Reply(text=f"Let's play! {ask()}", emotion="happy", intent="quiz:start", brain="mod:quiz")


def score(npc: str, utterance: str, slots: dict) -> str:
    if not running():
        best = mod.data.get("best")
        return f"No quiz right now. Your best score is {best}." if best is not None else "Say start the quiz!"
    return f"You have {game['score']} out of {game['index']} so far."


def stop(npc: str, utterance: str, slots: dict) -> str:
    if not running():
        return "There's no quiz running."
    done = game["score"]
    game.update(index=-1)
    return f"Quiz stopped. You scored {done}."


def repeat(npc: str, utterance: str, slots: dict) -> str | None:
    return ask() if running() else None


mod.intent(
    "start", ["start the quiz", "start a quiz", "let's play a quiz", "quiz me", "ask me a question"], start
)
mod.intent("score", ["what is my score", "what's my score", "how am i doing"], score)
mod.intent("stop", ["stop the quiz", "end the quiz", "i give up"], stop)
mod.intent("repeat", ["repeat the question", "say that again"], repeat)


def correct(answer: str, accepted: list) -> bool:
    words = " ".join(re.findall(r"[a-z0-9]+", answer.lower()))
    return any(re.search(rf"\b{re.escape(a)}\b", words) for a in accepted)


@mod.on_heard
def answer(npc: str, utterance: str):
    if not running() or npc != game["host"]:
        return None
    q = QUESTIONS[game["index"]]
    if correct(utterance, q["answers"]):
        game["score"] += 1
        verdict, feeling = "Correct!", "happy"
        mod.gesture(npc, "nod")
    else:
        verdict, feeling = f"Not quite, it was {q['answers'][0]}.", "sad"
        mod.gesture(npc, "shake_head")
    game["index"] += 1
    if game["index"] < len(QUESTIONS):
        return Reply(text=f"{verdict} {ask()}", emotion=feeling, intent="quiz:answer", brain="mod:quiz")
    final = game["score"]
    game["index"] = -1
    mod.data["best"] = max(final, mod.data.get("best", 0))
    mod.data["played"] = mod.data.get("played", 0) + 1
    mod.save_data()
    return Reply(
        text=f"{verdict} That's the end! You scored {final} out of {len(QUESTIONS)}.",
        emotion="happy" if final * 2 >= len(QUESTIONS) else "sad",
        intent="quiz:end",
        brain="mod:quiz",
    )


@mod.on_unload
def keep() -> dict:
    return dict(game)


@mod.on_reload
def restore(old: dict) -> None:
    game.update(old or {})
