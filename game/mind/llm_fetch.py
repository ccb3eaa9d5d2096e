"""Fetching a curated GGUF model on request: resumable, sha256-verified, installed atomically.

Only ``voxroom models fetch llm NAME`` calls this; nothing downloads at run time. The
file is downloaded to ``<cache>/llm/.downloads/<file>.part`` (kept when the connection
drops, resumed with a range request next time), hashed while it arrives, and renamed
into ``<cache>/llm/<file>`` only when its sha256 matches the curated list's. A wrong
checksum deletes the download, so nothing half-made or unverified is ever installed.
``--file`` installs a GGUF downloaded by other means under the same check.
"""

from __future__ import annotations

import os
from pathlib import Path

from game.download import DownloadError, Progress, check_digest, copy_hashed, download, file_digest
from game.errors import UserError
from game.llm_catalog import LlmModel, llm_cache_dir

GGUF_MAGIC = b"GGUF"


class LlmFetchError(UserError):
    """A GGUF download or install that failed; nothing was installed."""


def is_gguf(path: Path) -> bool:
    """True when ``path`` starts like a GGUF file (a mirror's HTML error page does not)."""
    try:
        with path.open("rb") as f:
            return f.read(4) == GGUF_MAGIC
    except OSError:
        return False


def url_for(model: LlmModel, base_url: str | None) -> str:
    """The pinned URL, or ``<base_url>/<file>`` on a mirror that keeps the files side by side."""
    return f"{base_url.rstrip('/')}/{model.file}" if base_url else model.url


def fetch_model(
    model: LlmModel, base_url: str | None = None, root: Path | None = None, progress: Progress | None = None
) -> Path:
    """Download, verify and install ``model``; returns the installed file.

    An installed file whose checksum still matches is kept (no second download).
    """
    root = root or llm_cache_dir()
    final = root / model.file
    if final.is_file() and file_digest(final) == model.sha256:
        return final
    part = root / ".downloads" / f"{model.file}.part"
    try:
        download(url_for(model, base_url), part, model.name, None, "sha256", progress, model.sha256)
    except DownloadError as exc:
        raise LlmFetchError(str(exc)) from None
    return _install(part, final)


def install_file(model: LlmModel, source: Path, root: Path | None = None) -> Path:
    """Install a GGUF the user downloaded themselves as ``model``, after the same sha256 check."""
    root = root or llm_cache_dir()
    if not source.is_file():
        raise LlmFetchError(f"{source}: no such file")
    if not is_gguf(source):
        raise LlmFetchError(f"{source}: not a GGUF file; nothing was installed")
    tmp, digest = copy_hashed(source, root / ".downloads")
    try:
        check_digest(tmp, f"{source} as {model.name}", "sha256", digest, model.sha256)
    except DownloadError as exc:
        raise LlmFetchError(str(exc)) from None
    return _install(tmp, root / model.file)


def _install(verified: Path, final: Path) -> Path:
    """Rename a verified file into place (same folder tree, so the rename is atomic)."""
    if not is_gguf(verified):  # the checksum matched, so only a wrong list entry gets here
        verified.unlink(missing_ok=True)
        raise LlmFetchError(f"{final.name}: the download is not a GGUF file; nothing was installed")
    final.parent.mkdir(parents=True, exist_ok=True)
    os.replace(verified, final)
    return final
