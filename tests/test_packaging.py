"""What a wheel or a frozen bundle needs: package data found through importlib.resources,
CLI commands imported by name, the PDF font on Windows and in the package, ``doctor``
without Tesseract."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from devkit.corpus import REPO


def test_sample_case_is_package_data() -> None:
    from vincheck.case_io import load_case_file, sample_case_path

    path = sample_case_path()
    pkg = Path(__import__("vincheck").__file__).resolve().parent
    assert path.resolve().is_relative_to(pkg / "data")
    case = load_case_file(path)
    assert case.rubbing_files and case.photo_files
    assert all(Path(f).is_file() for f in case.rubbing_files + case.photo_files)
    # and the wheel carries it: setuptools package-data patterns cover every file
    patterns = tomllib.loads((REPO / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"]["vincheck"]
    for f in (pkg / "data").rglob("*"):
        if f.is_file():
            rel = f.relative_to(pkg)
            assert any(rel.match(p) for p in patterns), f"{rel} is not in the wheel"


def test_every_cli_command_module_is_imported_by_name() -> None:
    """A freezer follows ``import`` statements, not ``importlib.import_module(f"...")``."""
    cli = REPO / "vincheck" / "cli"
    tree = ast.parse((cli / "__init__.py").read_text(encoding="utf-8"))
    imported = {a.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                and node.module == "vincheck.cli" for a in node.names}
    commands = {p.stem for p in cli.glob("cmd_*.py")}
    assert commands and commands <= imported
    from vincheck.cli import build_parser

    sub = next(a for a in build_parser()._actions if a.dest == "command")
    assert set(sub.choices) == {c.removeprefix("cmd_") for c in commands}


def test_windows_font_paths_come_first_on_windows() -> None:
    from vincheck.pdf_fonts import cjk_font_candidates

    env = {"WINDIR": r"D:\Win", "LOCALAPPDATA": r"C:\Users\op\AppData\Local"}
    paths = [str(p).replace("\\", "/") for p, _ in cjk_font_candidates("win32", env)]
    assert paths[0] == "D:/Win/Fonts/msyh.ttc"
    assert "D:/Win/Fonts/simsun.ttc" in paths
    assert "C:/Users/op/AppData/Local/Microsoft/Windows/Fonts/msyh.ttc" in paths
    assert not any(p.startswith("/usr/share") for p in paths)
    assert paths[-1].endswith("data/fonts/vincheck-cjk.ttf")


def test_bundled_font_is_embeddable_and_covers_the_report(monkeypatch) -> None:
    """Without any system CJK font (a bare Windows or a minimal Linux) the PDF embeds the
    shipped subset, which holds every character of the report's fixed Chinese text."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    from vincheck import export, pdf_fonts

    font_file = pdf_fonts.data_path(*pdf_fonts.BUNDLED_FONT)
    assert font_file.is_file() and (font_file.parent / "LICENSE.txt").is_file()
    monkeypatch.setattr(pdf_fonts, "LINUX_FONTS", (("/nonexistent/font.ttc", 0),))
    monkeypatch.setattr(pdfmetrics, "_fonts", {k: v for k, v in pdfmetrics._fonts.items()
                                               if k != "VincheckCJK"})
    name, embedded = export.register_cjk_font()
    assert (name, embedded) == ("VincheckCJK", True)
    face = TTFont("probe", str(font_file)).face
    cmap = face.charToGlyph
    text = export.report_chinese_text() + "车身颜色白黑红蓝银灰绿黄棕"
    missing = {ch for ch in text if not ch.isspace() and ord(ch) not in cmap}
    assert not missing


def _without_tesseract(tmp_path: Path) -> dict[str, str]:
    """The environment with a PATH holding no ``tesseract``."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    env = dict(os.environ, PATH=str(bin_dir), PYTHONPATH=str(REPO))
    env.pop("TESSERACT_CMD", None)
    return env


@pytest.mark.slow
def test_doctor_is_healthy_without_tesseract(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-m", "vincheck", "doctor"], cwd=tmp_path,
                         env=_without_tesseract(tmp_path), capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stdout + out.stderr
    lines = out.stdout.splitlines()
    assert any(ln.startswith("ok") and "default reading" in ln and "rapidocr" in ln
               for ln in lines)
    assert any(ln.startswith("absent") and "optional engine" in ln and "Tesseract" in ln
               for ln in lines)


def test_doctor_fails_when_the_only_configured_engine_is_missing(capsys) -> None:
    from vincheck.cli import main
    from vincheck.settings import Settings, save_settings

    save_settings(Settings(ocr_engines=("tesseract",), tesseract_cmd="/nonexistent/tesseract"))
    assert main(["doctor"]) == 3
    out = capsys.readouterr().out
    assert "MISSING default reading" in out
