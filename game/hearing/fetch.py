"""Downloading a Vosk model on request: resumable, verified, unpacked atomically.

Only ``voxroom models fetch`` calls this; nothing downloads at run time. The model
list published next to the models gives each archive's size and MD5, which are
checked before unpacking; the archive is unpacked into a temporary folder in the
cache and renamed into place only once it is complete and looks like a Vosk model,
so an interrupted or corrupt download never leaves a half-installed model. A
partial download is kept as ``<name>.zip.part`` and resumed with an HTTP range
request. Vosk's own downloader is never used (it can ``sys.exit``).
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import urllib.error
import zipfile
from dataclasses import dataclass
from pathlib import Path

from game.download import DownloadError, Progress, open_url, reason
from game.download import download as download_file
from game.hearing.models import ModelError, cache_dir, validate_model_dir

DEFAULT_BASE_URL = "https://alphacephei.com/vosk/models"
ALIASES = {"en-us": "vosk-model-small-en-us-0.15", "en": "vosk-model-small-en-us-0.15"}


class FetchError(ModelError):
    """A download or install that failed; nothing half-installed is left behind."""


@dataclass(frozen=True)
class RemoteModel:
    """One entry of the published model list."""

    name: str
    url: str
    size: int
    md5: str
    lang: str = ""


def lookup(name: str, base_url: str = DEFAULT_BASE_URL) -> RemoteModel:
    """Find ``name`` (or an alias like ``en-us``) in ``<base_url>/model-list.json``."""
    wanted = ALIASES.get(name, name)
    list_url = f"{base_url.rstrip('/')}/model-list.json"
    try:
        with open_url(list_url) as resp:
            entries = json.loads(resp.read().decode("utf-8"))
    except (urllib.error.URLError, OSError) as exc:
        raise FetchError(
            f"cannot reach {list_url} ({reason(exc)}); check the network, or download the "
            "zip yourself and run: voxroom models fetch --archive FILE.zip"
        ) from None
    except ValueError:
        raise FetchError(f"{list_url}: not a valid model list (try again later)") from None
    for e in entries if isinstance(entries, list) else []:
        if isinstance(e, dict) and e.get("name") == wanted:
            try:
                return RemoteModel(
                    str(e["name"]),
                    str(e["url"]),
                    int(e["size"]),
                    str(e["md5"]).lower(),
                    str(e.get("lang", "")),
                )
            except (KeyError, ValueError):
                raise FetchError(f"{list_url}: entry for {wanted} lacks url/size/md5") from None
    raise FetchError(f"no model named {wanted!r} in {list_url}; see 'voxroom models list --remote'")


def download(model: RemoteModel, dest_dir: Path, progress: Progress | None = None) -> Path:
    """Download (resuming ``.part``) and verify size and MD5; returns the archive path."""
    part = dest_dir / f"{model.name}.zip.part"
    try:
        download_file(model.url, part, model.name, model.size, "md5", progress, model.md5)
    except DownloadError as exc:
        raise FetchError(str(exc)) from None
    return part


def install_archive(archive: Path, name: str | None = None, root: Path | None = None) -> Path:
    """Unpack a model zip into the cache atomically; returns the installed directory."""
    root = root or cache_dir()
    root.mkdir(parents=True, exist_ok=True)
    if not archive.is_file():
        raise FetchError(f"{archive}: no such file")
    tmp = Path(tempfile.mkdtemp(prefix=".unpack-", dir=root))
    try:
        try:
            with zipfile.ZipFile(archive) as zf:
                bad = zf.testzip()
                if bad is not None:
                    raise zipfile.BadZipFile(f"bad CRC in {bad}")
                for member in zf.namelist():
                    target = (tmp / member).resolve()
                    if not target.is_relative_to(tmp.resolve()):
                        raise FetchError(f"{archive}: unsafe path {member!r} in the archive; not installed")
                zf.extractall(tmp)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError) as exc:
            raise FetchError(
                f"{archive}: corrupt archive ({exc}); nothing was installed, delete it and fetch again"
            ) from None
        entries = [p for p in tmp.iterdir() if not p.name.startswith("__MACOSX")]
        model_root = entries[0] if len(entries) == 1 and entries[0].is_dir() else tmp
        try:
            validate_model_dir(model_root)
        except ModelError as exc:
            raise FetchError(
                f"{archive}: the archive is not a complete Vosk model ({exc}); nothing was installed"
            ) from None
        final = root / (
            name or (model_root.name if model_root is not tmp else archive.stem.removesuffix(".zip"))
        )
        if final.exists():
            old = root / f".old-{final.name}-{os.getpid()}"
            final.rename(old)
            model_root.rename(final)
            shutil.rmtree(old, ignore_errors=True)
        else:
            model_root.rename(final)
        return final
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def fetch(
    name: str, base_url: str = DEFAULT_BASE_URL, root: Path | None = None, progress: Progress | None = None
) -> Path:
    """Look up, download, verify and install a model; returns its directory."""
    root = root or cache_dir()
    model = lookup(name, base_url)
    installed = root / model.name
    try:
        validate_model_dir(installed)
        return installed
    except ModelError:
        pass
    archive = download(model, root / ".downloads", progress)
    try:
        path = install_archive(archive, model.name, root)
    except FetchError:
        archive.unlink(missing_ok=True)  # verified but unusable: do not resume into it
        raise
    archive.unlink(missing_ok=True)
    return path
