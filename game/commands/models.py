"""``voxroom models list|fetch``: see which speech and language models are here, download one on request."""

from __future__ import annotations

import argparse
import sys


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the ``models`` sub-command with ``list`` and ``fetch``."""
    p = sub.add_parser("models", help="list speech and language models here, or fetch one")
    msub = p.add_subparsers(dest="models_command", metavar="ACTION")
    lp = msub.add_parser(
        "list",
        help="speech models in discovery order, the engine that would be used, and the language models "
        "(installed or not, size, licence, fits in memory, tokens per second)",
    )
    lp.add_argument("--model", default=None, help="a Vosk model directory, as for 'run --model'")
    lp.add_argument("--lang", default="en-us", help="language wanted (default en-us)")
    lp.add_argument(
        "--no-probe",
        action="store_true",
        help="do not load the language models to measure tokens per second (a few seconds each)",
    )
    lp.set_defaults(handler=_list)
    fp = msub.add_parser(
        "fetch",
        help="download and install a Vosk model, or a language model (llm NAME), into the user cache",
        description="voxroom models fetch [en-us|VOSK-NAME] fetches a speech model; voxroom models fetch "
        "llm NAME fetches a GGUF language model from the curated list (names: voxroom models list). "
        "Downloads resume when run again and are checked before they are installed.",
    )
    fp.add_argument(
        "name",
        nargs="*",
        default=["en-us"],
        metavar="NAME",
        help="Vosk model name or language alias (default en-us = vosk-model-small-en-us-0.15), "
        "or 'llm' and a language model's name, e.g. llm qwen2.5-0.5b",
    )
    fp.add_argument(
        "--base-url",
        default=None,
        help="a mirror: for Vosk, where model-list.json and the zips are; for llm, a folder of .gguf files",
    )
    fp.add_argument("--archive", default=None, help="install this already downloaded Vosk model .zip instead")
    fp.add_argument("--file", default=None, help="with llm NAME: install a downloaded .gguf (sha256 checked)")
    fp.add_argument("--quiet", action="store_true", help="no progress bar")
    fp.set_defaults(handler=_fetch)
    p.set_defaults(handler=_list, model=None, lang="en-us", no_probe=False)


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
    from game.commands.llm_models import llm_lines

    for line in llm_lines(not args.no_probe):
        print(line)
    return 0


def _fetch(args: argparse.Namespace) -> int:
    from pathlib import Path

    from game.errors import UserError
    from game.hearing import fetch

    def bar(done: int, total: int) -> None:
        if not total:  # a server that does not say the size: show how much has come
            sys.stderr.write(f"\r  {done / 2**20:6.1f} MiB")
            sys.stderr.flush()
            return
        pct = 100 * done / total
        filled = int(pct / 4)
        sys.stderr.write(
            f"\r  [{'#' * filled}{'.' * (25 - filled)}] {done / 2**20:6.1f}/{total / 2**20:.1f} MiB"
        )
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    if args.name and args.name[0] == "llm":
        from game.commands.llm_models import fetch_llm

        path = fetch_llm(args, None if args.quiet else bar)
    elif len(args.name) > 1:
        raise UserError(f"one Vosk model at a time (got {' '.join(args.name)}); a language model: llm NAME")
    elif args.archive:
        path = fetch.install_archive(Path(args.archive))
    else:
        name = args.name[0] if args.name else "en-us"
        progress = None if args.quiet else bar
        path = fetch.fetch(name, args.base_url or fetch.DEFAULT_BASE_URL, progress=progress)
    print(f"installed: {path}")
    return 0
