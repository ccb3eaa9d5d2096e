"""``models fetch`` against a real HTTP server on 127.0.0.1: resume, checksums, corrupt archives."""

from __future__ import annotations

import hashlib
import http.server
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from game.cli import main
from game.hearing import fetch
from game.hearing.fetch import FetchError
from game.hearing.models import find_model, validate_model_dir
from tests.support.http import LocalServer, serve_bytes

NAME = "vosk-model-small-xx-0.1"


def model_zip(complete: bool = True, name: str = NAME) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"{name}/am/final.mdl", b"\x01" * 40_000)
        zf.writestr(f"{name}/conf/mfcc.conf", "--use-energy=false\n")
        if complete:
            zf.writestr(f"{name}/graph/HCLG.fst", b"\x02" * 30_000)
        zf.writestr(f"{name}/README", "test model\n")
    return buf.getvalue()


class Server(LocalServer):
    """Serves model-list.json and one archive; can cut the connection or corrupt bytes."""

    def __init__(self, name: str = NAME) -> None:
        self.name = name
        self.archive = model_zip(name=name)
        self.listed_md5: str | None = None
        self.cut_at: int | None = None
        super().__init__(self._respond)

    def _respond(self, h: http.server.BaseHTTPRequestHandler) -> None:
        if h.path.endswith("model-list.json"):
            entry = {
                "name": self.name,
                "lang": "xx",
                "url": f"{self.base}/{self.name}.zip",
                "size": len(self.archive),
                "md5": self.listed_md5 or hashlib.md5(self.archive).hexdigest(),
            }
            body = json.dumps([entry]).encode()
            h.send_response(200)
            h.send_header("Content-Length", str(len(body)))
            h.end_headers()
            h.wfile.write(body)
            return
        serve_bytes(h, self.archive, self.cut_at)


@pytest.fixture
def server() -> Iterator[Server]:
    s = Server()
    yield s
    s.close()


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VOXROOM_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache" / "vosk"


def installed(cache: Path) -> list[str]:
    return sorted(p.name for p in cache.iterdir()) if cache.exists() else []


def test_fetch_installs_atomically_with_progress(server: Server, cache: Path) -> None:
    seen: list[tuple[int, int]] = []
    path = fetch.fetch(NAME, server.base, progress=lambda d, t: seen.append((d, t)))
    assert path == cache / NAME
    validate_model_dir(path)
    assert seen[-1] == (len(server.archive), len(server.archive))
    assert installed(cache) == [".downloads", NAME]
    assert list((cache / ".downloads").iterdir()) == []  # archive removed after install
    assert find_model("xx") is not None and find_model("xx").source == "cache"  # type: ignore[union-attr]
    # already installed: no second download
    n = len(server.requests)
    fetch.fetch(NAME, server.base)
    assert [r["path"] for r in server.requests[n:]] == ["/model-list.json"]


def test_checksum_mismatch_is_clear_and_leaves_nothing(server: Server, cache: Path) -> None:
    server.listed_md5 = "0" * 32
    with pytest.raises(FetchError, match="checksum mismatch") as err:
        fetch.fetch(NAME, server.base)
    assert "\n" not in str(err.value)
    assert NAME not in installed(cache)
    assert list((cache / ".downloads").iterdir()) == []


def test_interrupted_download_resumes(server: Server, cache: Path) -> None:
    server.cut_at = len(server.archive) // 3
    with pytest.raises(FetchError, match=r"interrupted .* run the same command again to resume"):
        fetch.fetch(NAME, server.base)
    part = cache / ".downloads" / f"{NAME}.zip.part"
    assert part.stat().st_size == server.cut_at
    assert NAME not in installed(cache)
    server.cut_at = None
    path = fetch.fetch(NAME, server.base)
    validate_model_dir(path)
    assert server.requests[-1]["range"] == f"bytes={len(server.archive) // 3}-"


def test_corrupt_archive_is_not_installed(server: Server, cache: Path) -> None:
    good = bytearray(server.archive)
    good[200:260] = b"\xff" * 60  # damaged member data; the list's md5 matches the damaged file
    server.archive = bytes(good)
    with pytest.raises(FetchError, match="corrupt archive") as err:
        fetch.fetch(NAME, server.base)
    assert "nothing was installed" in str(err.value)
    assert installed(cache) == [".downloads"]
    assert list((cache / ".downloads").iterdir()) == []


def test_archive_without_a_model_is_not_installed(server: Server, cache: Path) -> None:
    server.archive = model_zip(complete=False)
    with pytest.raises(FetchError, match="not a complete Vosk model"):
        fetch.fetch(NAME, server.base)
    assert installed(cache) == [".downloads"]


def test_unknown_name_and_unreachable_server(server: Server, cache: Path) -> None:
    with pytest.raises(FetchError, match="no model named 'nope'"):
        fetch.fetch("nope", server.base)
    with pytest.raises(FetchError, match="cannot reach"):
        fetch.fetch(NAME, "http://127.0.0.1:9")


def test_cli_fetch_then_list(server: Server, cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "fetch", NAME, "--base-url", server.base]) == 0
    out = capsys.readouterr()
    assert f"installed: {cache / NAME}" in out.out
    assert "MiB" in out.err  # the progress bar
    assert main(["models", "list", "--lang", "xx"]) == 0
    listing = capsys.readouterr().out
    assert NAME in listing and "[ok]" in listing


def test_cli_fetch_error_is_one_line(server: Server, cache: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server.listed_md5 = "f" * 32
    assert main(["models", "fetch", NAME, "--base-url", server.base, "--quiet"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("voxroom: error:") and "checksum mismatch" in err and "\n" not in err


def test_install_local_archive(tmp_path: Path, cache: Path) -> None:
    archive = tmp_path / f"{NAME}.zip"
    archive.write_bytes(model_zip())
    assert main(["models", "fetch", "--archive", str(archive)]) == 0
    validate_model_dir(cache / NAME)
