"""``vincheck vin``: exit codes, human output and JSON Lines."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from vincheck.cli import main

REPO = Path(__file__).resolve().parent.parent
KEYS = {"input", "vin", "valid", "reason", "error_code", "check_digit", "region", "country",
        "maker", "model_years"}


def _json_lines(text: str) -> list[dict]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_all_valid_exit_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vin", "1M8GDM9AXKP042788", "5n1nj01cx-st000001"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2
    assert out[0].startswith("1M8GDM9AXKP042788") and "valid" in out[0]
    assert "United States" in out[0]
    assert out[1].startswith("5N1NJ01CXST000001")


def test_any_invalid_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vin", "1M8GDM9AXKP042788", "1M8GDM9AYKP042788"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert "INVALID" in out[1] and "expected 'X'" in out[1]


def test_no_vin_is_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vin"]) == 2
    assert "no VIN given" in capsys.readouterr().err


def test_json_lines(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["vin", "--json", "LSVAM4187C2184847", "1M8GDM9AYKP042788",
                 "AAAAAAAIAAAAAAAAA", "LSVAM4187C218484", "LSVAM4187U2184847"])
    assert code == 1
    recs = _json_lines(capsys.readouterr().out)
    assert len(recs) == 5
    for rec in recs:
        assert KEYS <= rec.keys()
    ok, cd, char, length, year = recs
    assert ok["valid"] is True and ok["error_code"] is None and ok["reason"] is None
    assert (ok["country"], ok["region"], ok["maker"]) == ("China", "Asia", "SAIC Volkswagen")
    assert ok["check_digit"] == {"expected": "7", "found": "7", "status": "valid"}
    assert ok["model_years"] and all(y % 30 == 2012 % 30 for y in ok["model_years"])
    assert cd["valid"] is False and cd["error_code"] == "vin_check_digit"
    assert cd["check_digit"] == {"expected": "X", "found": "Y", "status": "invalid"}
    assert char["error_code"] == "vin_character" and char["position"] == 8
    assert length["error_code"] == "vin_length" and length["check_digit"]["expected"] is None
    assert year["error_code"] == "vin_model_year" and year["model_years"] == []


def test_no_check_digit_makes_mismatch_advisory(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["vin", "--json", "--no-check-digit", "XTAGFK330JY144213"]) == 0
    (rec,) = _json_lines(capsys.readouterr().out)
    assert rec["valid"] is True
    assert rec["check_digit"]["status"] == "not_required"
    assert rec["check_digit"]["found"] == "0" and rec["check_digit"]["expected"] != "0"
    assert main(["vin", "XTAGFK330JY144213"]) == 1


def test_stdin_dash(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO("1M8GDM9AXKP042788\n\nSAL1A2A40SA606662\n"))
    assert main(["vin", "--json", "-"]) == 0
    assert [r["vin"] for r in _json_lines(capsys.readouterr().out)] == [
        "1M8GDM9AXKP042788", "SAL1A2A40SA606662"]


def test_subprocess_module_entry() -> None:
    python = REPO / ".venv" / "bin" / "python"
    exe = str(python) if python.exists() else sys.executable
    proc = subprocess.run([exe, "-m", "vincheck", "vin", "--json", "1M8GDM9AXKP042788",
                           "IM8GDM9AXKP042788"], capture_output=True, text=True, cwd=REPO,
                          timeout=60)
    assert proc.returncode == 1, proc.stderr
    recs = _json_lines(proc.stdout)
    assert [r["valid"] for r in recs] == [True, False]
    assert recs[1]["position"] == 1 and recs[1]["error_code"] == "vin_character"
    proc = subprocess.run([exe, "-m", "vincheck", "vin"], capture_output=True, text=True,
                          cwd=REPO, timeout=60)
    assert proc.returncode == 2 and "no VIN given" in proc.stderr
