from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game import config as cfg
from game.config import (
    CONFIG_ENV,
    KEYS,
    AudioConfig,
    Config,
    ConfigError,
    DisplayConfig,
    HearingConfig,
    MindConfig,
    ModsConfig,
    default_path,
    load_config,
    parse_config,
    render,
    save_config,
    value_of,
    with_value,
)

CUSTOM = Config(
    audio=AudioConfig(output_device="USB Speakers", microphone="Headset Mic", voice_volume=0.35),
    hearing=HearingConfig(mode="ptt", engine="vosk", vosk_model="/models/vosk-model-small-en-us-0.15"),
    mind=MindConfig(brain="llama", model="~/models/smol.gguf"),
    display=DisplayConfig(captions=False, text_size=32, msaa=4),
    mods=ModsConfig(enabled=("lamp", "weather")),
)


def files(folder: Path) -> list[str]:
    """The folder's files, less the lock file saves share (it stays: deleting it would race)."""
    return sorted(p.name for p in folder.iterdir() if p.name != "config.toml.lock")


# --- defaults and location ---------------------------------------------------------------------
def test_missing_file_gives_defaults_and_no_problems(tmp_path: Path) -> None:
    config, problems = load_config(tmp_path / "nope.toml")
    assert config == Config()
    assert problems == []
    assert files(tmp_path) == [], "loading never creates the file"


def test_defaults() -> None:
    c = Config()
    assert (c.audio.output_device, c.audio.microphone, c.audio.voice_volume) == ("", "", 1.0)
    assert (c.hearing.mode, c.hearing.engine, c.hearing.vosk_model) == ("always", "auto", "")
    assert (c.mind.brain, c.mind.model) == ("embed", "")
    assert (c.display.captions, c.display.text_size, c.display.msaa) == (True, 20, 0)
    assert c.mods.enabled == ()


def test_env_variable_names_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "elsewhere" / "my.toml"
    monkeypatch.setenv(CONFIG_ENV, str(target))
    assert default_path() == target
    assert save_config(CUSTOM) == []
    assert target.exists()
    assert load_config() == (CUSTOM, [])


def test_default_location_is_the_user_config_dir(monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_config_dir

    monkeypatch.delenv(CONFIG_ENV, raising=False)
    assert default_path() == Path(user_config_dir("voxroom", appauthor=False)) / "config.toml"


# --- round trip ------------------------------------------------------------------------------------
def test_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "config.toml"
    assert save_config(CUSTOM, path) == []
    assert load_config(path) == (CUSTOM, [])
    text = path.read_text()
    assert text.startswith("# Voxroom settings")
    doc = tomllib.loads(text)
    assert doc["mods"]["enabled"] == ["lamp", "weather"]
    assert doc["display"] == {"captions": False, "text_size": 32, "msaa": 4}


def test_resave_is_byte_identical_and_makes_no_backup(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    save_config(CUSTOM, path)
    first = path.read_bytes()
    assert save_config(load_config(path)[0], path) == []
    assert path.read_bytes() == first
    assert files(tmp_path) == ["config.toml"]


def test_partial_file_keeps_defaults_for_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[display]\ntext_size = 14\n\n[hearing]\nmode = "ptt"\n')
    config, problems = load_config(path)
    assert problems == []
    assert config == Config(display=DisplayConfig(text_size=14), hearing=HearingConfig(mode="ptt"))


def test_integer_volume_is_accepted_as_a_float(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[audio]\nvoice_volume = 0\n")
    config, problems = load_config(path)
    assert problems == [] and config.audio.voice_volume == 0.0
    assert isinstance(config.audio.voice_volume, float)


# --- validation: every key, one line naming file, key and fix -----------------------------------
BAD_VALUES = [
    ("audio", "output_device", "3", "voxroom devices"),
    ("audio", "microphone", "false", "voxroom devices"),
    ("audio", "voice_volume", "1.5", "0.0 to 1.0"),
    ("audio", "voice_volume", "-0.1", "0.0 to 1.0"),
    ("audio", "voice_volume", "nan", "0.0 to 1.0"),
    ("audio", "voice_volume", "true", "0.0 to 1.0"),
    ("audio", "voice_volume", '"loud"', "0.0 to 1.0"),
    ("audio", "backchannels", '"mm"', "true or false"),
    ("hearing", "mode", '"sometimes"', '"always" or "ptt"'),
    ("hearing", "engine", '"whisper"', '"auto", "vosk" or "sphinx"'),
    ("hearing", "vosk_model", "[1, 2]", "Vosk model directory"),
    ("hearing", "endpointing", '"vibes"', '"auto", "smart" (Smart Turn model) or "timer"'),
    ("mind", "brain", '"gpt"', '"embed" or "llama"'),
    ("mind", "model", "7", ".gguf"),
    ("mind", "model", '"qwen9"', "is not a known model; run `voxroom models list`"),
    ("display", "captions", '"yes"', "true or false"),
    ("display", "text_size", "60", "12 to 48"),
    ("display", "text_size", "11", "12 to 48"),
    ("display", "text_size", "20.5", "12 to 48"),
    ("display", "text_size", "true", "12 to 48"),
    ("display", "msaa", "3", "0, 2 or 4"),
    ("display", "msaa", "8", "0, 2 or 4"),
    ("conversation", "scenes", "'often'", "true or false"),
    ("mods", "enabled", '"lamp"', "list of mod names"),
    ("mods", "enabled", '["lamp", 3]', "list of mod names"),
    ("mods", "enabled", '["lamp", ""]', "list of mod names"),
]


@pytest.mark.parametrize(("section", "key", "raw", "fix"), BAD_VALUES)
def test_each_bad_value_is_one_line_naming_file_key_and_fix(
    tmp_path: Path, section: str, key: str, raw: str, fix: str
) -> None:
    path = tmp_path / "config.toml"
    path.write_text(f"[{section}]\n{key} = {raw}\n")
    config, problems = load_config(path)
    assert len(problems) == 1, problems
    msg = problems[0]
    assert "\n" not in msg
    assert str(path) in msg
    assert f"[{section}] {key}" in msg
    assert fix in msg
    assert "using" in msg, "says which value is used instead"
    assert value_of(config, f"{section}.{key}") == value_of(Config(), f"{section}.{key}")
    assert path.read_text() == f"[{section}]\n{key} = {raw}\n", "a bad value never rewrites the file"


def test_every_key_has_a_bad_value_test() -> None:
    assert {f"{s}.{k}" for s, k, _, _ in BAD_VALUES} == set(KEYS)


def test_renamed_llama_model_is_used_and_reported_then_saved_as_model(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[mind]\nbrain = "llama"\nllama_model = "qwen2.5-0.5b"\n')
    config, problems = load_config(path)
    assert config.mind.model == "qwen2.5-0.5b"
    assert problems == [
        f"{path}: [mind] llama_model is now called model; rename it in the file (its value is used)"
    ]
    save_config(config, path, changed=["mind.brain"])
    assert "llama_model" not in path.read_text() and 'model = "qwen2.5-0.5b"' in path.read_text()
    assert load_config(path)[1] == [], "the save finished the move"
    path.write_text('[mind]\nllama_model = "old.gguf"\nmodel = "new.gguf"\n')
    config, problems = load_config(path)
    assert config.mind.model == "new.gguf" and "ignored: it also sets model" in problems[0]


def test_a_bad_value_costs_only_its_own_key(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[display]\ntext_size = 99\nmsaa = 4\ncaptions = false\n")
    config, problems = load_config(path)
    assert len(problems) == 1
    assert config.display == DisplayConfig(text_size=20, msaa=4, captions=False)


def test_section_that_is_not_a_table(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('display = "big"\n')
    config, problems = load_config(path)
    assert config == Config()
    assert len(problems) == 1 and "[display]" in problems[0] and str(path) in problems[0]


def test_duplicate_mod_names_are_dropped_in_order() -> None:
    config, problems = parse_config({"mods": {"enabled": ["b", "a", "b", " a "]}})
    assert problems == []
    assert config.mods.enabled == ("b", "a")


# --- unknown keys: reported, not fatal, kept ---------------------------------------------------
def test_unknown_keys_and_sections_are_reported_and_kept_on_save(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[display]\ntext_size = 24\nfont = "serif"\n\n[network]\nport = 8080\n')
    config, problems = load_config(path)
    assert config.display.text_size == 24
    assert len(problems) == 2
    assert any(
        "unknown key [display] font" in p and "known keys: captions, text_size, msaa" in p for p in problems
    )
    assert any("unknown section [network]" in p for p in problems)
    assert all(str(path) in p for p in problems)
    save_config(with_value(config, "display.msaa", 2), path)
    doc = tomllib.loads(path.read_text())
    assert doc["display"]["font"] == "serif"
    assert doc["network"] == {"port": 8080}
    assert doc["display"]["msaa"] == 2


def test_odd_key_names_stay_on_one_line() -> None:
    _, problems = parse_config({"display": {"a\nb": 1}, "x\ny": {}})
    assert len(problems) == 2
    assert all("\n" not in p for p in problems)


# --- broken file: moved aside, content preserved, defaults used ----------------------------------
@pytest.mark.parametrize(
    "content",
    [
        b"[display\ntext_size = 20\n",
        b"text_size = = 3\n",
        b"\xff\xfe not utf-8 \x00",
        b"[a]\nx=1\n[a]\nx=2\n",
    ],
)
def test_broken_file_is_moved_aside_with_its_content(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(content)
    config, problems = load_config(path)
    assert config == Config()
    assert len(problems) == 1
    names = files(tmp_path)
    assert len(names) == 1 and names[0].startswith("config.toml.broken-")
    assert (tmp_path / names[0]).read_bytes() == content, "nothing the user wrote is lost"
    assert str(path) in problems[0] and names[0] in problems[0]
    assert "\n" not in problems[0]
    # The app can now save over the original name without touching the moved copy.
    assert save_config(CUSTOM, path) == []
    assert (tmp_path / names[0]).read_bytes() == content


def test_two_broken_files_in_the_same_second_keep_both(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"[[first")
    load_config(path)
    path.write_bytes(b"[[second")
    load_config(path)
    moved = [p for p in tmp_path.iterdir() if ".broken-" in p.name]
    assert sorted(p.read_bytes() for p in moved) == [b"[[first", b"[[second"]


def test_broken_file_that_cannot_be_moved_is_left_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b"[[broken")

    def refuse(self: Path, target: Any) -> Path:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "rename", refuse)
    config, problems = load_config(path)
    assert config == Config()
    assert len(problems) == 1 and "could not move it aside" in problems[0]
    assert path.read_bytes() == b"[[broken"


def test_unreadable_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    folder = tmp_path / "config.toml"
    folder.mkdir()  # a directory where the file should be
    config, problems = load_config(folder)
    assert config == Config()
    assert len(problems) == 1 and str(folder) in problems[0]


# --- saving: atomic, hand edits kept ---------------------------------------------------------------
def test_save_is_atomic_when_the_rename_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.toml"
    save_config(Config(), path)
    before = path.read_bytes()

    def fail(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(cfg.os, "replace", fail)
    notes = save_config(CUSTOM, path)
    assert len(notes) == 1 and "cannot save settings" in notes[0] and "No space left" in notes[0]
    assert path.read_bytes() == before, "the old file is untouched"
    assert files(tmp_path) == ["config.toml"], "no temp file left behind"


def test_save_writes_a_temp_file_then_renames_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "config.toml"
    save_config(Config(), path)
    before = path.read_bytes()
    seen: list[tuple[str, bytes]] = []
    real = os.replace

    def spy(src: Any, dst: Any) -> None:
        seen.append((Path(src).name, Path(dst).read_bytes()))
        assert Path(src).parent == path.parent, "same folder, so the rename is atomic"
        real(src, dst)

    monkeypatch.setattr(cfg.os, "replace", spy)
    save_config(CUSTOM, path)
    assert len(seen) == 1
    tmp_name, target_then = seen[0]
    assert tmp_name != "config.toml" and tmp_name.endswith(".tmp")
    assert target_then == before, "until the rename, readers see the complete old file"
    assert load_config(path) == (CUSTOM, [])


def test_save_failure_in_a_read_only_folder_is_a_note(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    notes = save_config(CUSTOM, blocker / "config.toml")  # parent is a file: cannot mkdir
    assert len(notes) == 1 and "cannot save settings" in notes[0]


def test_hand_edited_file_is_backed_up_before_the_first_rewrite(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    hand = "# my settings\n[display]\ntext_size = 99  # too big, I know\nmsaa = 2\n"
    path.write_text(hand)
    config, problems = load_config(path)
    assert len(problems) == 1
    notes = save_config(with_value(config, "display.captions", False), path)
    assert len(notes) == 1 and "config.toml.bak" in notes[0]
    assert (tmp_path / "config.toml.bak").read_text() == hand
    assert load_config(path)[0].display == DisplayConfig(captions=False, msaa=2)
    # The next save rewrites our own file: no new backup, the old one stays.
    assert save_config(CUSTOM, path) == []
    assert (tmp_path / "config.toml.bak").read_text() == hand


def test_saving_an_invalid_config_is_a_program_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"display\.text_size"):
        save_config(Config(display=DisplayConfig(text_size=5)), tmp_path / "c.toml")
    assert files(tmp_path) == []


def test_with_value_validates() -> None:
    assert with_value(Config(), "audio.voice_volume", 1).audio.voice_volume == 1.0
    with pytest.raises(ConfigError, match=r"0\.0 to 1\.0"):
        with_value(Config(), "audio.voice_volume", 2)
    with pytest.raises(ConfigError, match="unknown setting"):
        with_value(Config(), "audio.gain", 1)


# --- fuzz ------------------------------------------------------------------------------------------
toml_scalars = (
    st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30)
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=8,
)
key_names = st.sampled_from([k.split(".")[1] for k in KEYS]) | st.text(max_size=10)
sections = st.dictionaries(key_names, toml_values, max_size=6)
documents = st.dictionaries(
    st.sampled_from(["audio", "hearing", "mind", "display", "mods"]) | st.text(max_size=8),
    sections | toml_values,
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(documents)
def test_any_document_parses_to_a_valid_config(doc: dict[str, Any]) -> None:
    config, problems = parse_config(doc, "fuzz.toml")
    assert all(isinstance(p, str) and "\n" not in p and p.startswith("fuzz.toml: ") for p in problems)
    for key in KEYS:
        cfg.check(key, value_of(config, key))  # every value is valid
    again, _ = parse_config(tomllib.loads(render(config)))
    assert render(again) == render(config), "what we would write reads back the same"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=200) | st.text(max_size=200).map(lambda t: t.encode("utf-8")))
def test_any_file_content_loads_without_crashing_and_is_never_lost(tmp_path: Path, data: bytes) -> None:
    folder = tmp_path / f"case{abs(hash(data))}"
    folder.mkdir(exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    path = folder / "config.toml"
    path.write_bytes(data)
    config, _ = load_config(path)
    assert isinstance(config, Config)
    kept = [p.read_bytes() for p in folder.iterdir()]
    assert kept == [data], "the bytes stay, either in place or moved aside"
    assert save_config(config, path) is not None


def test_two_instances_changing_different_settings_keep_both(tmp_path: Path) -> None:
    """One instance's "captions off" used to be reverted by the other's text-size change."""
    path = tmp_path / "config.toml"
    save_config(CUSTOM, path)
    one, _ = load_config(path)
    two, _ = load_config(path)
    one = with_value(one, "display.captions", False)
    assert save_config(one, path, changed={"display.captions"}) == []
    two = with_value(two, "display.text_size", 30)
    assert save_config(two, path, changed={"display.text_size"}) == []
    merged, problems = load_config(path)
    assert problems == [] and (merged.display.captions, merged.display.text_size) == (False, 30)
    assert merged.audio == CUSTOM.audio and merged.mind == CUSTOM.mind


def test_a_merged_save_keeps_a_hand_edited_file_working(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    hand = "# my settings\n[display]\nmsaa = 2\ntext_size = 99\n\n[mine]\nkept = true\n"
    path.write_text(hand, encoding="utf-8")
    config, _ = load_config(path)
    notes = save_config(with_value(config, "display.captions", False), path, changed={"display.captions"})
    assert notes == [f"{path}: your hand-edited version was kept as config.toml.bak"]
    assert (tmp_path / "config.toml.bak").read_text(encoding="utf-8") == hand
    saved, problems = load_config(path)
    assert saved.display == DisplayConfig(captions=False, msaa=2) and saved.extra == {"mine": {"kept": True}}
    assert any("unknown section [mine]" in p for p in problems)


def test_a_save_waits_for_the_lock_and_says_when_it_cannot_have_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from filelock import FileLock

    import game.config

    path = tmp_path / "config.toml"
    save_config(CUSTOM, path)
    before = path.read_bytes()
    monkeypatch.setattr(game.config, "LOCK_TIMEOUT_S", 0.05)
    with FileLock(f"{path}.lock"):  # another instance is saving right now
        [note] = save_config(Config(), path, changed={"display.msaa"})
    assert "cannot save settings (another Voxroom held config.toml.lock" in note
    assert path.read_bytes() == before
    assert save_config(Config(), path, changed={"display.msaa"}) == []
    assert load_config(path)[0] == with_value(CUSTOM, "display.msaa", 0)
