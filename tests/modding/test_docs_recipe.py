"""The pytest recipe in docs/modding.md ("Testing a mod") runs as written, on the page's lighthouse mod."""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path

from .test_docs import blocks


def test_the_pytest_recipe_on_the_page_passes(tmp_path: Path) -> None:
    parts = {lang: body for lang, _, body in blocks("docs-mod")}
    mod = tmp_path / "mods" / "lighthouse"
    (mod / "tests").mkdir(parents=True)
    (mod / "mod.toml").write_text(parts["toml"])
    (mod / "main.py").write_text(textwrap.dedent(parts["python"]))
    [recipe] = [body for lang, _, body in blocks("pytest-recipe") if lang == "python"]
    path = mod / "tests" / "test_lighthouse.py"
    path.write_text(recipe)
    spec = importlib.util.spec_from_file_location("docs_recipe", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    tests = [name for name in dir(module) if name.startswith("test_")]
    assert len(tests) == 2
    for i, name in enumerate(tests):
        getattr(module, name)(tmp_path / f"run{i}")
