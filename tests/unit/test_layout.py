"""The package layout follows the data flow: layers import downwards only, and no module cycles.

Imports inside ``if TYPE_CHECKING:`` are ignored (they never run); imports inside
functions count, since a lazy import still makes a runtime cycle.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

GAME = Path(__file__).resolve().parents[2] / "game"
CORE = {
    "bus", "choices", "clock", "config", "config_rules", "dispatch", "download", "errors",
    "events", "files", "filewatch", "health", "llm_catalog", "logs", "memo", "room_events", "text", "workers",
}  # fmt: skip
RANK = {
    "core": 0,
    "sim": 1,
    "hearing": 2,
    "mind": 2,
    "speaking": 2,
    "render": 2,
    "conversation": 3,
    "modding": 3,
    "net": 4,
    "desktop": 5,
    "bench": 5,
    "commands": 6,
    "cli": 7,
    "__main__": 8,
}
"""Each package may import only packages of a lower rank (and the core): hearing never sees
speaking or render, the simulation sees nothing but the core."""


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(GAME.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1:
        return "core"  # game/__init__.py: the version
    return "core" if parts[1] in CORE else parts[1]


def _imports(path: Path) -> Iterator[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    type_only = {
        id(node)
        for branch in ast.walk(tree)
        if isinstance(branch, ast.If) and "TYPE_CHECKING" in ast.unparse(branch.test)
        for node in ast.walk(branch)
    }
    for node in ast.walk(tree):
        if id(node) in type_only:
            continue
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)


def _graph() -> dict[str, set[str]]:
    modules = {_module_name(p): p for p in GAME.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        for target in _imports(path):
            while target not in modules and "." in target:
                target = target.rsplit(".", 1)[0]
            if target in modules and target not in (name, "game"):
                graph[name].add(target)
    return graph


def test_layers_import_downwards_only() -> None:
    wrong = [
        f"{source} imports {target}"
        for source, targets in _graph().items()
        for target in targets
        if _layer(source) != _layer(target) and RANK[_layer(target)] >= RANK[_layer(source)]
    ]
    assert not wrong, "\n".join(sorted(wrong))


def test_every_package_has_a_rank() -> None:
    layers = {_layer(m) for m in _graph()}
    assert layers <= RANK.keys(), f"give these packages a rank: {layers - RANK.keys()}"


def test_no_import_cycles_between_modules() -> None:
    graph = _graph()
    packages = {m for m in graph if (GAME.parent / m.replace(".", "/") / "__init__.py").exists()}
    state: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph[node] - packages):  # a package importing its own modules is no cycle
            if state.get(nxt) == 1:
                cycles.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for module in sorted(graph):
        if module not in state:
            visit(module)
    assert not cycles, "\n".join(" → ".join(c) for c in cycles)


def test_the_check_sees_a_cycle_and_an_upward_import(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    fake = tmp_path / "game"
    (fake / "hearing").mkdir(parents=True)
    (fake / "speaking").mkdir()
    (fake / "__init__.py").write_text("")
    (fake / "hearing" / "__init__.py").write_text("")
    (fake / "speaking" / "__init__.py").write_text("")
    (fake / "hearing" / "a.py").write_text("from game.speaking.b import x\n")
    (fake / "speaking" / "b.py").write_text("def x():\n    from game.hearing.a import y\n")
    monkeypatch.setattr(sys.modules[__name__], "GAME", fake)
    graph = _graph()
    assert graph["game.hearing.a"] == {"game.speaking.b"} and graph["game.speaking.b"] == {"game.hearing.a"}
    try:
        test_no_import_cycles_between_modules()
    except AssertionError as exc:
        assert "game.hearing.a → game.speaking.b → game.hearing.a" in str(exc)
    else:
        raise AssertionError("the cycle was not found")


def test_sim_imports_no_gl_or_pygame() -> None:
    code = (
        "import sys, pkgutil, importlib, game.sim\n"
        "for m in pkgutil.walk_packages(game.sim.__path__, 'game.sim.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('moderngl', 'pygame', 'glcontext')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"game.sim imported {out.stdout.strip()}"


def test_hearing_imports_neither_speaking_nor_render() -> None:
    code = (
        "import sys, pkgutil, importlib, game.hearing\n"
        "for m in pkgutil.walk_packages(game.hearing.__path__, 'game.hearing.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = [m for m in sys.modules if m.startswith(('game.speaking', 'game.render', 'moderngl'))]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"game.hearing imported {out.stdout.strip()}"
