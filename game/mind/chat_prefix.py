"""The start of a chat prompt as the model's own chat template renders it, for the KV prefix cache.

The llama brain evaluates the persona's part of the system prompt once and restores that
state on later turns; llama.cpp then only evaluates what differs. That saves time only
when the cached tokens are exactly the first tokens of the real prompt, and the real
prompt is rendered by the GGUF's chat template: ChatML for SmolLM2 and Qwen2.5, Llama 3's
header tokens for Llama 3.2. So the prefix is rendered by the same template, with a
marker where the turn's own text begins, and cut there.
"""

from __future__ import annotations

from typing import Any

CHATML = "<|im_start|>system\n"
_CUT = "\u2063VOXROOM-CUT\u2063"


def chat_prefix(llm: Any, system_start: str) -> tuple[str, bool]:
    """(text, add_bos): the prompt up to the end of ``system_start``, and whether to add a BOS.

    A template renders its own BOS (so none is added); without a template, or if it
    cannot be rendered, the ChatML form SmolLM2 uses is returned.
    """
    template = (getattr(llm, "metadata", None) or {}).get("tokenizer.chat_template")
    if template:
        try:
            from llama_cpp.llama_chat_format import Jinja2ChatFormatter

            def text(token: int) -> str:
                return str(llm._model.token_get_text(token)) if token != -1 else ""

            formatter = Jinja2ChatFormatter(template, text(llm.token_eos()), text(llm.token_bos()))
            messages: list[Any] = [
                {"role": "system", "content": system_start + _CUT},
                {"role": "user", "content": "hello"},
            ]
            rendered = str(formatter(messages=messages).prompt)
            if _CUT in rendered:
                return rendered.split(_CUT)[0], False
        except Exception:  # a template llama-cpp cannot render: the plain form still works, uncached
            pass
    return CHATML + system_start, True
