"""GLSL programs loaded by name from ``shaders/``, reloaded when their files change.

A compile error never takes the picture away: the last good program stays in use
and the error is kept in :attr:`ShaderLibrary.errors` for the HUD to show.

A line ``#include "FILE.glsl"`` pastes that file from the same folder (moderngl's
``Context.includes``), so lighting is written once for the per-pixel and per-vertex
paths; editing an included file reloads every program.
"""

from __future__ import annotations

from pathlib import Path

import moderngl

from game.filewatch import FileWatcher

SHADERS_DIR = Path(__file__).resolve().parents[2] / "shaders"


class ShaderError(RuntimeError):
    """A shader failed to compile or link; the message names the file and the GL log."""


class ShaderLibrary:
    """Compile ``NAME.vert`` + ``NAME.frag`` pairs and keep them fresh."""

    def __init__(
        self, ctx: moderngl.Context, directory: Path = SHADERS_DIR, watcher: FileWatcher | None = None
    ) -> None:
        self.ctx = ctx
        self.directory = directory
        self.watcher = watcher or FileWatcher()
        self._programs: dict[str, moderngl.Program] = {}
        self.errors: dict[str, str] = {}
        self.generation = 0

    def _paths(self, name: str) -> tuple[Path, Path]:
        return self.directory / f"{name}.vert", self.directory / f"{name}.frag"

    def _files(self, name: str) -> list[Path]:
        """The program's own pair and every shared ``*.glsl`` (any of them may be included)."""
        return [*self._paths(name), *sorted(self.directory.glob("*.glsl"))]

    def _compile(self, name: str) -> moderngl.Program:
        vert, frag = self._paths(name)
        try:
            for shared in self.directory.glob("*.glsl"):  # moderngl pastes them at #include
                self.ctx.includes[shared.name] = shared.read_text(encoding="utf-8")
            return self.ctx.program(
                vertex_shader=vert.read_text(encoding="utf-8"),
                fragment_shader=frag.read_text(encoding="utf-8"),
            )
        except OSError as exc:
            raise ShaderError(f"{vert.parent}/{name}.(vert|frag): cannot read: {exc}") from None
        except moderngl.Error as exc:
            log = " ".join(str(exc).split())
            raise ShaderError(f"shaders/{name}: compile error: {log[:300]}") from None

    def get(self, name: str) -> moderngl.Program:
        """The program for ``name``; raises :class:`ShaderError` only if it never compiled."""
        if name not in self._programs:
            if not all(p.is_file() for p in self._paths(name)):
                raise ShaderError(f"{self.directory}/{name}.vert/.frag: shader files not found")
            self.watcher.changed(f"shader:{name}", self._files(name))  # what is compiled now
            self._programs[name] = self._compile(name)
        return self._programs[name]

    def poll(self) -> list[str]:
        """Recompile programs whose files changed; return the names that were replaced."""
        replaced = []
        for name, old in self._programs.items():
            if not self.watcher.changed(f"shader:{name}", self._files(name)):
                continue
            try:
                program = self._compile(name)
            except ShaderError as exc:
                self.errors[name] = str(exc)
                continue
            old.release()
            self._programs[name] = program
            self.errors.pop(name, None)
            replaced.append(name)
        if replaced:
            self.generation += 1
        return replaced
