"""The core never imports Qt: importing every core module leaves PySide6 unloaded."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import vincheck


def test_core_modules_do_not_import_qt() -> None:
    names = [m.name for m in pkgutil.walk_packages(vincheck.__path__, "vincheck.")
             if not m.name.startswith("vincheck.gui") and m.name != "vincheck.__main__"]
    assert "vincheck.inspection" in names and "vincheck.cli" in names
    code = (
        "import importlib, sys\n"
        f"for n in {names!r}:\n"
        "    importlib.import_module(n)\n"
        "from vincheck.cli import build_parser\n"
        "build_parser()\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'PyQt')))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""
