"""The Tesseract probe: found, missing, too old — always a message, never a traceback."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from vincheck.errors import TesseractNotFoundError
from vincheck.ocr import tesseract as tess


def _fake(tmp_path: Path, version_line: str) -> str:
    path = tmp_path / "tesseract"
    path.write_text(f"#!/bin/sh\nif [ \"$1\" = --list-langs ]; then printf 'List of available "
                    f"languages (2):\\neng\\nosd\\n'; else echo '{version_line}'; fi\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return str(path)


def test_missing_program_names_the_install_command() -> None:
    probe = tess.probe_tesseract("/nonexistent/tesseract-xyz")
    assert not probe.found and not probe.ok
    assert "not found" in probe.message and "install" in probe.message


def test_version_and_languages_are_read(tmp_path: Path) -> None:
    probe = tess.probe_tesseract(_fake(tmp_path, "tesseract 5.3.0"))
    assert probe.ok and probe.version == (5, 3, 0)
    assert probe.languages == ("eng", "osd")


def test_too_old_is_refused_with_advice(tmp_path: Path) -> None:
    probe = tess.probe_tesseract(_fake(tmp_path, "tesseract 3.05.02"))
    assert probe.found and not probe.ok
    assert "too old" in probe.message
    with pytest.raises(TesseractNotFoundError, match="too old"):
        tess.require_tesseract(_fake(tmp_path, "tesseract 3.05.02"))


@pytest.mark.parametrize("platform,needle", [("win32", "UB Mannheim"), ("darwin", "brew"),
                                             ("freebsd", "Tesseract")])
def test_advice_per_platform(platform: str, needle: str) -> None:
    assert needle in tess.install_advice(platform)


def test_installed_tesseract_is_usable_here() -> None:
    probe = tess.probe_tesseract()
    if not probe.found:
        pytest.skip("Tesseract is not installed on this machine")
    assert probe.ok, probe.message
