"""``vincheck check``: a whole case from the command line, case files, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vincheck.case_io import load_case_file, sample_case_path, save_case_file
from vincheck.cli import main
from vincheck.errors import UsageError
from vincheck.inspection import CaseInput

SAMPLE_VIN = "LSVAU2180N2183594"  # what the sample sheet's rubbings carry (devkit/synth)


def test_case_file_round_trip_with_relative_paths(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(b"x")
    case = CaseInput(rubbing_files=[str(tmp_path / "a.png")], photo_files=["/elsewhere/p.jpg"],
                     expected_vin="LSVAU2180N2183594", kind="trailer", color="红", dpi=300)
    path = save_case_file(case, tmp_path / "case.json")
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert raw["rubbing_files"] == ["a.png"]  # relative to the case file
    assert raw["photo_files"] == ["/elsewhere/p.jpg"]
    assert load_case_file(path) == case


@pytest.mark.parametrize("text,needle", [("{", "cannot be read"), ("[]", "JSON object"),
                                         ('{"kind": "bus"}', "kind"),
                                         ('{"photo_files": "p.jpg"}', "list")])
def test_bad_case_files_are_usage_errors(tmp_path: Path, text: str, needle: str) -> None:
    path = tmp_path / "case.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(UsageError, match=needle):
        load_case_file(path)


def test_nothing_to_check_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert "nothing to check" in capsys.readouterr().err


def test_missing_file_is_reported_and_exit_2(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--rubbing", str(tmp_path / "none.png"), "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 2
    assert out["errors"][0]["file"].endswith("none.png")
    assert "not found" in out["errors"][0]["error"]


@pytest.mark.slow
def test_sample_case_passes_end_to_end(capsys: pytest.CaptureFixture[str]) -> None:
    case = load_case_file(sample_case_path())
    assert case.expected_vin == SAMPLE_VIN
    code = main(["check", "--sample", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert out["vins_read"] == [SAMPLE_VIN]
    assert len(out["sheets"][0]["rubbings"]) == 2
    photo = out["photos"][0]
    assert photo["is_scan"] and abs(photo["width_mm"] - 88.0) < 0.15
    assert out["verdict"] == "pass", out["reasons"]
    assert code == 0


@pytest.mark.slow
def test_wrong_expected_vin_fails_the_sample(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["check", "--sample", "--expect", "LSVAU2180N2183593", "--json"])
    out = json.loads(capsys.readouterr().out)
    assert code == 1
    assert "vin_mismatch" in out["reasons"]
