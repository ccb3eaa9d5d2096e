"""What the conversation does when the watchdog finds the brain or the TTS thread stuck.

Python cannot kill a thread, so the stuck worker is restarted on a fresh thread and the
user gets an answer anyway: the NPC says it lost its thread, or the rest of its reply
shows as a subtitle. See docs/conversation.md, "Faults".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.conversation.watchdog import Hang
from game.events import Notice, NpcLine, SpeechFailed
from game.mind.memory import could_not_save
from game.speaking.tts import SilentSynthesizer

if TYPE_CHECKING:
    from game.conversation.live import Conversation

LOST_THREAD = "Sorry, I lost my train of thought. Could you say that again?"


def brain_hung(conv: Conversation, hang: Hang) -> None:
    """Answer on a fresh thread; the NPCs waiting for the stuck reply get their turn back.

    A generative brain hangs inside its model, which stays locked, so the default brain
    it was built on (its ``fallback``) takes over; any other brain is reused.
    """
    fallback = getattr(conv.brain.brain, "fallback", None)
    conv.brain.restart(fallback)
    if fallback is not None:
        conv.session.brain = fallback
    conv.guesses.drop()
    conv.guesses.early = None
    for npc in conv.thinking.stop(conv.world):
        conv.world.animator.get(npc).subtitle = LOST_THREAD
    seconds = conv.watchdog.deadline("brain")
    using = " with the built-in brain" if fallback is not None else ""
    conv.bus.put(
        Notice(
            source="mind",
            level="warning",
            message=f"{hang.busy.npc}'s brain did not answer in {seconds:g} s; restarted it{using}",
        )
    )


def speech_hung(conv: Conversation, hang: Hang) -> None:
    """Show the rest of the reply as a subtitle and go on with a fresh TTS thread.

    A second hang before anything was spoken means the engine itself is stuck (pyttsx3
    holds one lock for the whole process), so speech goes silent: subtitles only.
    """
    busy, bypass = hang.busy, hang.strikes >= 2
    conv.voicing.speech.restart(SilentSynthesizer() if bypass else None)
    if conv.guesses.uses(busy.key):
        conv.guesses.drop()  # the final transcript gets a fresh answer
    elif conv.voicing.is_active(busy.key):
        failed = SpeechFailed(npc=busy.npc, reply_id=busy.key, text=busy.text, error="hung")
        conv.handle(failed)
    seconds = conv.watchdog.deadline("speech")
    message = (
        "text to speech hung again; NPCs answer in subtitles only until you restart Voxroom"
        if bypass
        else f"{busy.npc}'s voice did not come in {seconds:g} s; restarted text to speech"
    )
    conv.bus.put(Notice(source="speech", level="warning", message=message))


def memory_failed(conv: Conversation, npc: str, reason: str, corrected: bool) -> None:
    """Say in the HUD that the memory was not saved; a spoken promise to remember is taken back.

    The reply was already heard when the write failed, so the NPC adds the apology.
    """
    conv.bus.put(Notice(source="memory", level="warning", message=f"{npc}'s memory was not saved ({reason})"))
    if corrected:
        conv.voicing.say(npc, could_not_save(reason))
        conv.bus.put(NpcLine(npc=npc, text=could_not_save(reason)))
