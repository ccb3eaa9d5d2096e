"""``voxroom models fetch llm`` against a real HTTP server on 127.0.0.1 serving the bundled SmolLM2.

The test writes its own curated-list entry (the real sha256 of the bundled GGUF, computed
here) and points ``game.llm_catalog.CATALOG`` at it, so the download, the resume, the
checksum, the install and the brain that loads the installed copy are all the real code
on a real 98 MB model. The server is started once per module; each test has its own cache.
"""

from __future__ import annotations

import hashlib
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from game import llm_catalog
from game.cli import main
from game.llm_catalog import LlmModel, installed_path, lookup
from game.mind import llm_fit
from game.mind.brain import EmbeddingBrain
from game.mind.factory import USING_BUNDLED, choose_llama
from game.mind.llm_fetch import LlmFetchError, fetch_model, install_file
from game.mind.memory import MemoryStore
from game.mind.session import MindSession
from game.sim.scene import Scene
from tests.mind.test_mind_llama import _available

NAME = "test-smollm2"
FILE = "Test-SmolLM2-135M.gguf"
COMMIT = "0123456789abcdef0123456789abcdef01234567"


class GgufServer:
    """Serves one GGUF with HTTP ranges; ``cut_once`` drops the connection half way, once."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.cut_once = False
        self.requests: list[dict[str, str]] = []
        server = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                rng = self.headers.get("Range", "")
                server.requests.append({"path": self.path, "range": rng})
                if not self.path.endswith(".gguf"):
                    self.send_error(404)
                    return
                start = int(rng[6:].split("-")[0]) if rng.startswith("bytes=") else 0
                body = server.data[start:]
                self.send_response(206 if start else 200)
                if start:
                    self.send_header(
                        "Content-Range", f"bytes {start}-{len(server.data) - 1}/{len(server.data)}"
                    )
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if server.cut_once and not start:
                    server.cut_once = False
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.connection.shutdown(2)  # the client sees a short read, as on a dropped line
                    return
                self.wfile.write(body)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="module")
def bundled() -> tuple[Path, bytes, str]:
    """The bundled GGUF's path, bytes and real sha256 (read once per module)."""
    from game.mind.llama_brain import bundled_model

    _available()
    path = bundled_model()
    assert path is not None
    data = path.read_bytes()
    return path, data, hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def server(bundled: tuple[Path, bytes, str]) -> Iterator[GgufServer]:
    s = GgufServer(bundled[1])
    yield s
    s.close()


def write_list(folder: Path, url: str, sha256: str) -> Path:
    """A curated list with one entry, in the same TOML format as game/data/llm_models.toml."""
    path = folder / "llm_models.toml"
    path.write_text(
        "[[model]]\n"
        f'name = "{NAME}"\ntitle = "SmolLM2-135M (test copy)"\nquant = "Q4_1"\nnote = ""\nfile = "{FILE}"\n'
        f'url = "{url}"\nsize_mb = 98\nlicence = "apache-2.0"\nsha256 = "{sha256}"\n'
        f'source = "{url.replace("/resolve/", "/blob/")}"\n',
        encoding="utf-8",
    )
    return path


@pytest.fixture
def entry(
    server: GgufServer, bundled: tuple[Path, bytes, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> LlmModel:
    """The test's list entry, installed as the catalog, with a fresh cache per test."""
    monkeypatch.setenv("VOXROOM_CACHE_DIR", str(tmp_path / "cache"))
    url = f"{server.base}/org/repo/resolve/{COMMIT}/{FILE}"
    monkeypatch.setattr(llm_catalog, "CATALOG", write_list(tmp_path, url, bundled[2]))
    server.cut_once = False
    server.requests.clear()
    return lookup(NAME)


def cache_files(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def test_fetch_installs_and_the_brain_speaks_with_it(
    entry: LlmModel,
    server: GgufServer,
    brain: EmbeddingBrain,
    scene: Scene,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["models", "fetch", "llm", NAME]) == 0
    out = capsys.readouterr()
    path = installed_path(entry)
    assert f"installed: {path}" in out.out and "MiB" in out.err  # the progress bar
    assert cache_files(path.parent) == [FILE], "the .part file became the model; nothing else is left"
    assert [r["range"] for r in server.requests] == [""], "one request, from the start"
    chosen, problems = choose_llama(brain, NAME)
    assert problems == [] and getattr(chosen, "model_path", None) == path
    chosen.time_budget_s = 60.0  # type: ignore[attr-defined]  # a loaded 2-core machine is slow
    talk = MindSession(scene, chosen, MemoryStore(tmp_path / "memory"))
    replies = [
        chosen.reply(text, talk.context("Bo")) for text in ("I'm bored", "what do you think about money?")
    ]
    generated = [r for r in replies if r.layer == "generative"]
    assert generated, [(r.brain, r.evidence) for r in replies]
    assert generated[0].evidence[0].startswith(f"generated by {FILE}")
    assert main(["models", "fetch", "llm", NAME, "--quiet"]) == 0  # already installed and verified
    assert len(server.requests) == 1, "no second download"


def test_interrupted_download_resumes_with_a_range_request(entry: LlmModel, server: GgufServer) -> None:
    server.cut_once = True
    with pytest.raises(
        LlmFetchError, match=r"interrupted at \d+ of \d+ bytes.*run the same command again to resume"
    ):
        fetch_model(entry)
    half = len(server.data) // 2
    part = installed_path(entry).parent / ".downloads" / f"{FILE}.part"
    assert part.stat().st_size == half
    assert not installed_path(entry).exists(), "nothing is installed from half a file"
    path = fetch_model(entry)
    assert server.requests[-1]["range"] == f"bytes={half}-"
    assert hashlib.sha256(path.read_bytes()).hexdigest() == entry.sha256
    assert not part.exists()


def test_wrong_checksum_installs_nothing(entry: LlmModel, server: GgufServer, tmp_path: Path) -> None:
    bad = LlmModel(**{**entry.__dict__, "sha256": "0" * 64})
    with pytest.raises(LlmFetchError, match="checksum mismatch") as err:
        fetch_model(bad)
    assert "\n" not in str(err.value) and "nothing was installed" in str(err.value)
    assert cache_files(installed_path(entry).parent) == []
    source = tmp_path / "mine.gguf"
    source.write_bytes(server.data)
    with pytest.raises(LlmFetchError, match=f"checksum mismatch for {NAME}"):
        install_file(bad, source)
    assert cache_files(installed_path(entry).parent) == []
    assert install_file(entry, source) == installed_path(entry), "--file with the right bytes installs"


def test_unknown_name_is_one_line_listing_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "fetch", "llm", "qwen9"]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("voxroom: error: 'qwen9' is not a known model") and "\n" not in err
    assert all(name in err for name in llm_catalog.names())
    assert main(["models", "fetch", "llm"]) == 2
    assert "name the model to fetch" in capsys.readouterr().err


def test_corrupt_missing_too_big_or_slow_models_fall_back_to_the_bundled_one(
    entry: LlmModel, bundled: tuple[Path, bytes, str], brain: EmbeddingBrain, monkeypatch: pytest.MonkeyPatch
) -> None:
    chosen, problems = choose_llama(brain, NAME)  # not fetched yet
    assert getattr(chosen, "model_path", None) == bundled[0]
    assert problems == [
        f"model {NAME!r} is not installed (run: voxroom models fetch llm {NAME}); {USING_BUNDLED}"
    ]
    path = installed_path(entry)
    path.parent.mkdir(parents=True)
    path.write_bytes(bundled[1][: len(bundled[1]) // 3])  # a truncated (corrupt) file
    chosen, problems = choose_llama(brain, NAME)
    assert getattr(chosen, "model_path", None) == bundled[0]
    assert len(problems) == 1 and "\n" not in problems[0]
    assert FILE in problems[0] and "cannot load" in problems[0] and problems[0].endswith(USING_BUNDLED)
    assert getattr(chosen, "note", "") == problems[0], "F3 shows the reason with each generated reply"
    path.write_bytes(bundled[1])
    monkeypatch.setattr(llm_fit, "mem_available", lambda: 100 * 2**20)
    chosen, problems = choose_llama(brain, NAME)
    assert "needs about" in problems[0] and "100 MiB is available" in problems[0]
    monkeypatch.undo()
    monkeypatch.setattr(llm_fit, "MIN_TOKENS_PER_S", 1e9)
    chosen, problems = choose_llama(brain, str(path))  # a path works as well as a name
    assert getattr(chosen, "model_path", None) == bundled[0]
    assert "is too slow here" in problems[0] and "tokens/s" in problems[0]


def test_models_list_shows_the_llm_rows(entry: LlmModel, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["models", "list", "--no-probe"]) == 0
    out = capsys.readouterr().out
    rows = [line for line in out.splitlines() if line.startswith("llm     ")]
    assert "llm cache: " in out and "memory available" in out
    assert rows[0].startswith("llm     smollm2-135m (bundled)") and "installed" in rows[0]
    assert NAME in rows[1] and "not installed" in rows[1] and "apache-2.0" in rows[1]
    assert all(("fits" in r or "TOO BIG" in r) and "not probed" in r for r in rows)
    fetch_model(entry)
    assert main(["models", "list", "--no-probe"]) == 0
    row = next(line for line in capsys.readouterr().out.splitlines() if NAME in line)
    assert " installed " in row


def test_models_list_probes_the_bundled_model_and_estimates_the_rest(entry: LlmModel) -> None:
    from game.commands.llm_models import llm_lines

    lines = llm_lines(True)
    bundled_row = next(line for line in lines if "(bundled)" in line)
    other = next(line for line in lines if NAME in line)
    assert bundled_row.endswith("tok/s") and "est." not in bundled_row
    measured = float(bundled_row.split()[-2])
    assert measured > 0
    assert other.endswith("tok/s est.") and float(other.split()[-3].lstrip("~")) > 0


def test_gpu_offload_only_when_llama_cpp_has_it() -> None:
    class Gpu:
        @staticmethod
        def llama_supports_gpu_offload() -> bool:
            return True

    class Cpu:
        @staticmethod
        def llama_supports_gpu_offload() -> bool:
            return False

    assert (llm_fit.gpu_layers(Gpu), llm_fit.gpu_layers(Cpu), llm_fit.gpu_layers(object())) == (-1, 0, 0)


def test_memory_rule_and_meminfo(tmp_path: Path) -> None:
    meminfo = tmp_path / "meminfo"
    meminfo.write_text("MemTotal:  8000000 kB\nMemAvailable:  2097152 kB\n")
    assert llm_fit.mem_available(meminfo) == 2 * 2**30
    assert llm_fit.mem_available(tmp_path / "none") is None
    assert llm_fit.memory_needed(1_000_000_000) == 1_200_000_000 + llm_fit.CONTEXT_BYTES
    assert llm_fit.fits(1_000_000_000, 2 * 2**30) is True and llm_fit.fits(2_000_000_000, 2 * 2**30) is False
    assert llm_fit.fits(1, None) is None
    assert llm_fit.estimate(40.0, 100, 400) == 10.0


def test_the_cached_prefix_follows_the_models_own_chat_template(bundled: tuple[Path, bytes, str]) -> None:
    """SmolLM2 and Qwen2.5 use ChatML, Llama 3.2 its header tokens: the cached prefix must match each."""
    import llama_cpp

    from game.mind.chat_prefix import CHATML, chat_prefix

    llm = llama_cpp.Llama(model_path=str(bundled[0]), n_ctx=256, verbose=False)
    text, add_bos = chat_prefix(llm, "You are Bo.\n")
    assert text == CHATML + "You are Bo.\n"
    chat = llm.tokenize(f"{text}<|im_end|>".encode(), add_bos=add_bos, special=True)
    assert llm.tokenize(text.encode(), add_bos=add_bos, special=True) == chat[:-1], "a true token prefix"

    template = (
        "{{ bos_token }}{% for m in messages %}<|start_header_id|>{{ m['role'] }}"
        "<|end_header_id|>\n\n{{ m['content'] }}<|eot_id|>{% endfor %}"
    )

    class Llama3Like:  # the GGUF metadata of a Llama 3.2 model, in the same shape
        def __init__(self) -> None:
            self.metadata = {"tokenizer.chat_template": template}

        _model = llm._model
        token_eos = llm.token_eos
        token_bos = llm.token_bos

    text, add_bos = chat_prefix(Llama3Like(), "You are Bo.\n")
    assert text.endswith("<|start_header_id|>system<|end_header_id|>\n\nYou are Bo.\n") and not add_bos
    assert chat_prefix(object(), "You are Bo.\n") == (CHATML + "You are Bo.\n", True)


def test_curated_list_is_pinned_and_every_checksum_names_its_page() -> None:
    """The shipped list: a commit in every URL, the page the sha256 was read from at the same commit."""
    import re

    from game.mind.llm_fetch import url_for

    models = llm_catalog.catalog()
    assert len({m.name for m in models}) == len(models) >= 6
    for m in models:
        pinned = re.fullmatch(r"https://huggingface\.co/([\w.-]+/[\w.-]+)/resolve/([0-9a-f]{40})/(.+)", m.url)
        assert pinned and pinned.group(3) == m.file, m.url
        assert m.source == f"https://huggingface.co/{pinned.group(1)}/blob/{pinned.group(2)}/{m.file}"
        assert re.fullmatch(r"[0-9a-f]{64}", m.sha256) and m.file.endswith(".gguf")
        assert m.licence in ("apache-2.0", "llama3.2") and m.size_mb > 0
        assert url_for(m, "http://mirror.lan/gguf/") == f"http://mirror.lan/gguf/{m.file}"
    wanted = {"smollm2-360m", "smollm2-1.7b", "qwen2.5-0.5b", "qwen2.5-1.5b", "llama-3.2-1b", "llama-3.2-3b"}
    assert {m.name for m in models} == wanted
