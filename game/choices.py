"""The names of the interchangeable engines, in one place.

The config file, the settings overlay, every CLI flag and the factories all accept
these words; spelling them once as ``Literal`` types lets mypy catch a typo and lets
each ``choices=`` list follow when an engine is added.
"""

from __future__ import annotations

from typing import Literal, get_args

EngineName = Literal["auto", "vosk", "sphinx"]
"""Speech recognizer: ``auto`` is Vosk when a model is found, else pocketsphinx."""
ENGINES: tuple[EngineName, ...] = get_args(EngineName)

BrainName = Literal["embed", "llama"]
"""Dialogue backend: the embedding brain (fast, grounded) or SmolLM2 through llama.cpp."""
BRAINS: tuple[BrainName, ...] = get_args(BrainName)
