"""One line of a health report, shared by ``voxroom doctor`` and the engines that check themselves.

The hearing package reports its recognizer and VAD with the same record the doctor
prints, so the record lives in the core rather than in the command (which would make
hearing import upwards).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Check:
    """One line of the doctor's report."""

    name: str
    status: str  # ok | warn | fail
    detail: str
    fix: str = ""
