"""game.sim must stay pure data: importing it may not pull in GL or pygame."""

import subprocess
import sys


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
