"""``voxroom models list|fetch``: see which speech models are found, download one on request."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``models`` sub-command with ``list`` and ``fetch``."""
    p = sub.add_parser("models", help="list speech models found here, or fetch a Vosk model")
    msub = p.add_subparsers(dest="models_command", metavar="ACTION")
    lp = msub.add_parser("list", help="models in discovery order and the engine that would be used")
    lp.add_argument("--model", default=None, help="a Vosk model directory, as for 'run --model'")
    lp.add_argument("--lang", default="en-us", help="language wanted (default en-us)")
    lp.set_defaults(handler=_list)
    fp = msub.add_parser("fetch", help="download and install a Vosk model into the user cache")
    fp.add_argument(
        "name",
        nargs="?",
        default="en-us",
        help="model name or language alias (default en-us = vosk-model-small-en-us-0.15)",
    )
    fp.add_argument("--base-url", default=None, help="where model-list.json and the models are (a mirror)")
    fp.add_argument("--archive", default=None, help="install this already downloaded model .zip instead")
    fp.add_argument("--quiet", action="store_true", help="no progress bar")
    fp.set_defaults(handler=_fetch)
    p.set_defaults(handler=_list, model=None, lang="en-us")


def _list(args: argparse.Namespace) -> int:
    from game.errors import UserError
    from game.hearing.engines import choose_engine
    from game.hearing.models import ModelError, cache_dir, discover, validate_model_dir

    print(f"cache: {cache_dir()}")
    found = discover(args.model)
    for info in found:
        try:
            validate_model_dir(info.path)
            state = "ok"
        except ModelError as exc:
            state = f"BROKEN: {exc}"
        print(f"vosk    {info.name:32} lang={info.lang:8} from {info.source:24} {info.path}  [{state}]")
    from game.hearing.sphinx_decoding import model_dir

    embedded, source = "cmu-en-us (embedded)", "package:pocketsphinx"
    print(f"sphinx  {embedded:32} lang={'en-us':8} from {source:24} {model_dir()}  [ok]")
    try:
        choice = choose_engine("auto", args.model, args.lang)
        print(f"engine: {choice.engine} ({choice.reason})")
        if choice.hint:
            print(f"better: {choice.hint}")
    except UserError as exc:
        print(f"engine: none ({exc})")
    return 0


def _fetch(args: argparse.Namespace) -> int:
    from pathlib import Path

    from game.hearing import fetch

    def bar(done: int, total: int) -> None:
        pct = 100 * done / total if total else 0
        filled = int(pct / 4)
        sys.stderr.write(
            f"\r  [{'#' * filled}{'.' * (25 - filled)}] {done / 2**20:6.1f}/{total / 2**20:.1f} MiB"
        )
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    if args.archive:
        path = fetch.install_archive(Path(args.archive))
    else:
        path = fetch.fetch(
            args.name, args.base_url or fetch.DEFAULT_BASE_URL, progress=None if args.quiet else bar
        )
    print(f"installed: {path}")
    return 0
