"""BERT uncased WordPiece tokenizer in pure Python, for the MiniLM sentence encoder.

The int8 ONNX model ships without a tokenizer, and the usual one (Hugging Face
``tokenizers``) is a compiled dependency we do not need for sentences of a dozen
words. This follows BERT's ``BasicTokenizer`` (clean, split CJK, lowercase, strip
accents, split punctuation) and ``WordpieceTokenizer`` (greedy longest match) exactly,
so ids match the reference tokenizer (checked in the tests).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

VOCAB_PATH = Path(__file__).with_name("data") / "minilm-vocab.txt"
MAX_WORD_CHARS = 100


def _is_punctuation(ch: str) -> bool:
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def _is_cjk(cp: int) -> bool:
    return (
        0x4E00 <= cp <= 0x9FFF
        or 0x3400 <= cp <= 0x4DBF
        or 0x20000 <= cp <= 0x2A6DF
        or 0x2A700 <= cp <= 0x2B73F
        or 0x2B740 <= cp <= 0x2B81F
        or 0x2B820 <= cp <= 0x2CEAF
        or 0xF900 <= cp <= 0xFAFF
        or 0x2F800 <= cp <= 0x2FA1F
    )


def _clean(text: str) -> str:
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD:
            continue
        cat = unicodedata.category(ch)
        if ch in "\t\n\r" or cat == "Zs":
            out.append(" ")
        elif cat.startswith("C"):
            continue
        elif _is_cjk(cp):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    return "".join(out)


def _strip_accents(word: str) -> str:
    return "".join(ch for ch in unicodedata.normalize("NFD", word) if unicodedata.category(ch) != "Mn")


def basic_tokens(text: str) -> list[str]:
    """Lowercased, accent-free words and punctuation marks, as BERT's basic step makes them."""
    tokens: list[str] = []
    for word in _clean(text).split():
        word = _strip_accents(word.lower())
        current = ""
        for ch in word:
            if _is_punctuation(ch):
                if current:
                    tokens.append(current)
                    current = ""
                tokens.append(ch)
            else:
                current += ch
        if current:
            tokens.append(current)
    return tokens


class WordPieceTokenizer:
    """Text → token ids with ``[CLS] … [SEP]``, truncated to ``max_length`` tokens."""

    def __init__(self, vocab_path: Path = VOCAB_PATH, max_length: int = 128) -> None:
        lines = vocab_path.read_text(encoding="utf-8").splitlines()
        self.vocab: dict[str, int] = {tok: i for i, tok in enumerate(lines)}
        self.max_length = max_length
        self.cls_id = self.vocab["[CLS]"]
        self.sep_id = self.vocab["[SEP]"]
        self.unk_id = self.vocab["[UNK]"]
        self.pad_id = self.vocab["[PAD]"]
        self._word = lru_cache(maxsize=20000)(self._word_ids)

    def _word_ids(self, word: str) -> tuple[int, ...]:
        if len(word) > MAX_WORD_CHARS:
            return (self.unk_id,)
        ids: list[int] = []
        start = 0
        while start < len(word):
            end = len(word)
            found = -1
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                found = self.vocab.get(piece, -1)
                if found >= 0:
                    break
                end -= 1
            if found < 0:
                return (self.unk_id,)
            ids.append(found)
            start = end
        return tuple(ids)

    def encode(self, text: str) -> list[int]:
        """Token ids including the special tokens; never longer than ``max_length``."""
        ids: list[int] = [self.cls_id]
        budget = self.max_length - 2
        for word in basic_tokens(text):
            ids.extend(self._word(word))
            if len(ids) - 1 >= budget:
                break
        ids = ids[: budget + 1]
        ids.append(self.sep_id)
        return ids

    def unknown_ratio(self, text: str) -> float:
        """Share of word pieces that are ``[UNK]`` (a cheap sign of gibberish or foreign script)."""
        ids = self.encode(text)[1:-1]
        return sum(1 for i in ids if i == self.unk_id) / len(ids) if ids else 1.0
