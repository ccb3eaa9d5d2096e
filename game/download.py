"""Resumable HTTP downloads with a checksum computed while the bytes arrive.

Both kinds of model fetched on request (Vosk speech models, GGUF language models) come
through here, so they resume, report progress and fail in the same way. A download goes
to a ``.part`` file that is kept when the connection drops; the next attempt asks the
server for the rest with an HTTP range request and hashes the bytes already on disk
first, so the digest covers the whole file without reading it twice after the last
byte. Callers compare the digest and move the file into place atomically themselves:
this module never installs anything. Only explicit ``voxroom models fetch`` commands
(and the F4 offer) reach it; nothing downloads at run time.
"""

from __future__ import annotations

import hashlib
import http.client
import tempfile
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

from game.errors import UserError

CHUNK = 64 * 1024
Progress = Callable[[int, int], None]
"""Called with (bytes so far, bytes expected; 0 when the server did not say)."""


class DownloadError(UserError):
    """A download that failed; the message says whether running the command again resumes it."""


def open_url(url: str, headers: dict[str, str] | None = None, timeout: float = 30.0) -> Any:
    """Open ``url`` with Voxroom's user agent (some mirrors refuse Python's default one)."""
    req = urllib.request.Request(url, headers={"User-Agent": "voxroom", **(headers or {})})
    return urllib.request.urlopen(req, timeout=timeout)


def reason(exc: BaseException) -> str:
    """The short cause of a network error, for a one-line message."""
    return str(getattr(exc, "reason", None) or exc) or type(exc).__name__


def new_hash(algo: str) -> Any:
    """A hashlib object; MD5 (the Vosk list's checksum) guards against corruption, not attackers."""
    return hashlib.new(algo, usedforsecurity=False) if algo == "md5" else hashlib.new(algo)


def file_digest(path: Path, algo: str = "sha256", into: Any = None) -> str:
    """Hash a file in 1 MiB blocks (a GGUF can be gigabytes)."""
    h = into if into is not None else new_hash(algo)
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return str(h.hexdigest())


def check_digest(path: Path, name: str, algo: str, digest: str, expected: str) -> None:
    """Delete ``path`` and raise :class:`DownloadError` unless ``digest`` is the ``expected`` one."""
    if digest != expected:
        path.unlink(missing_ok=True)
        raise DownloadError(
            f"{name}: checksum mismatch ({algo} {digest}, expected {expected}); the download was removed "
            "and nothing was installed, run the same command again"
        )


def download(
    url: str,
    part: Path,
    name: str,
    size: int | None = None,
    algo: str = "sha256",
    progress: Progress | None = None,
    expected: str = "",
) -> str:
    """Download ``url`` into ``part`` (resuming what is there) and return the file's hex digest.

    ``size``, when known, is checked exactly; without it the server's Content-Length
    says when the file is complete. With ``expected``, a different digest deletes the
    file (:func:`check_digest`). Raises :class:`DownloadError` with a one-line message.
    """
    part.parent.mkdir(parents=True, exist_ok=True)
    have = part.stat().st_size if part.exists() else 0
    if size is not None and have > size:
        part.unlink()
        have = 0
    hasher = new_hash(algo)
    if have:
        file_digest(part, algo, into=hasher)
    if size is None or have < size:
        have, hasher = _fetch_rest(url, part, name, size, algo, have, hasher, progress)
    if size is not None and have != size:
        part.unlink(missing_ok=True)
        raise DownloadError(
            f"{name}: got {have} bytes, expected {size}; the partial file was removed, "
            "run the same command again"
        )
    digest = str(hasher.hexdigest())
    if expected:
        check_digest(part, name, algo, digest, expected)
    return digest


def _fetch_rest(
    url: str,
    part: Path,
    name: str,
    size: int | None,
    algo: str,
    have: int,
    hasher: Any,
    progress: Progress | None,
) -> tuple[int, Any]:
    """One request for the bytes after ``have``; returns the new length and the running hash."""
    headers = {"Range": f"bytes={have}-"} if have else {}
    try:
        resp = open_url(url, headers)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have and size is None:  # nothing after what we have: complete
            return have, hasher
        if exc.code == 416:  # the range does not fit the file: start over
            part.unlink(missing_ok=True)
            return _fetch_rest(url, part, name, size, algo, 0, new_hash(algo), progress)
        raise DownloadError(f"{url}: HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
        raise DownloadError(f"cannot download {url} ({reason(exc)}); run the same command to retry") from None
    with resp:
        if have and resp.status != 206:  # the server ignored the range: start over
            have, hasher = 0, new_hash(algo)
        length = resp.headers.get("Content-Length")
        total = size if size is not None else (have + int(length) if length and length.isdigit() else 0)
        with part.open("ab" if have else "wb") as out:
            try:
                while block := resp.read(CHUNK):
                    out.write(block)
                    hasher.update(block)
                    have += len(block)
                    if progress:
                        progress(have, total)
            except (OSError, urllib.error.URLError, http.client.HTTPException) as exc:
                raise _interrupted(name, have, total, reason(exc)) from None
    if total and have < total:
        raise _interrupted(name, have, total, "")
    return have, hasher


def _interrupted(name: str, have: int, total: int, why: str) -> DownloadError:
    cause = f" ({why})" if why else ""
    return DownloadError(
        f"download of {name} interrupted at {have} of {total} bytes{cause}; "
        "run the same command again to resume"
    )


def copy_hashed(source: Path, dest_dir: Path, algo: str = "sha256") -> tuple[Path, str]:
    """Copy a local file into a temporary file in ``dest_dir`` while hashing it.

    Returns (temporary path, digest); the caller renames it into place or deletes it,
    so a local install is as atomic as a download.
    """
    dest_dir.mkdir(parents=True, exist_ok=True)
    hasher = new_hash(algo)
    with tempfile.NamedTemporaryFile(dir=dest_dir, prefix=".copy-", suffix=".part", delete=False) as out:
        tmp = Path(out.name)
        try:
            with source.open("rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    hasher.update(block)
                    out.write(block)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
    return tmp, str(hasher.hexdigest())
