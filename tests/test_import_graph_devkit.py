"""Nothing outside ``tests/`` imports from ``tests/``: the generators, the corpus access and
the label paths that benchmarks and tools need live in the development package ``devkit/``,
which the wheel does not ship."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

from setuptools import find_packages

from devkit.corpus import REPO

OUTSIDE_TESTS = ("vincheck", "devkit", "benchmarks", "tools")


def _imports_of_tests(path: Path) -> list[str]:
    """``file:line module`` for every absolute import of ``tests`` or ``tests.*`` in ``path``."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    hits = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        hits += [f"{path}:{node.lineno} {n}" for n in names
                 if n == "tests" or n.startswith("tests.")]
    return hits


def test_the_checker_sees_an_import_of_tests(tmp_path: Path) -> None:
    probe = tmp_path / "probe.py"  # what benchmarks/photo.py held before devkit/corpus.py
    probe.write_text("import os\nimport testsuite\nfrom tests.conftest import CORPUS\n"
                     "import tests.synth.rubbing as r\nfrom . import tests\n", encoding="utf-8")
    assert [h.split()[-1] for h in _imports_of_tests(probe)] == ["tests.conftest",
                                                                 "tests.synth.rubbing"]


def test_no_module_outside_tests_imports_tests() -> None:
    files = [p for top in OUTSIDE_TESTS for p in sorted((REPO / top).rglob("*.py"))]
    assert len(files) > 50  # the walk found the packages
    hits = [h for p in files for h in _imports_of_tests(p)]
    assert hits == []


def test_devkit_is_not_a_wheel_package() -> None:
    cfg = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    include = cfg["tool"]["setuptools"]["packages"]["find"]["include"]
    shipped = find_packages(str(REPO), include=include)
    assert "vincheck" in shipped and "vincheck.gui" in shipped
    assert not [p for p in shipped if p.split(".")[0] in ("devkit", "tests", "benchmarks")]
