"""One set of exit codes (errors.ExitCode) and one exception -> exit code mapping
(errors.exit_code_for), used by the CLI and ``vincheck gui --screenshot`` alike; and
``vincheck-gui`` is the ``vincheck gui`` command."""

from __future__ import annotations

import sys

import pytest

import vincheck.cli
from vincheck.errors import (
    Cancelled,
    ExitCode,
    OcrEngineError,
    StoreError,
    UsageError,
    VinLengthError,
    exit_code_for,
)


def test_the_codes_are_the_documented_ones() -> None:
    # README: 0 passed, 1 failed / review, 2 usage or input, 3 OCR missing, 4 database,
    # 70 internal error, 130 cancelled
    assert [int(c) for c in (ExitCode.OK, ExitCode.FAILED, ExitCode.USAGE,
                             ExitCode.OCR_MISSING, ExitCode.DATABASE, ExitCode.INTERNAL,
                             ExitCode.CANCELLED)] == [0, 1, 2, 3, 4, 70, 130]


@pytest.mark.parametrize(("exc", "code"), [
    (UsageError("x"), ExitCode.USAGE),
    (VinLengthError("ABC"), ExitCode.FAILED),
    (OcrEngineError("x"), ExitCode.OCR_MISSING),
    (StoreError("x"), ExitCode.DATABASE),
    (Cancelled("x"), ExitCode.CANCELLED),
    (KeyboardInterrupt(), ExitCode.CANCELLED),
    (BrokenPipeError(), ExitCode.OK),
    (OSError(28, "No space left on device"), ExitCode.USAGE),
    (RecursionError(), ExitCode.USAGE),
    (ValueError("a bug"), ExitCode.INTERNAL),
])
def test_one_mapping_from_exception_to_exit_code(exc: BaseException, code: ExitCode) -> None:
    assert exit_code_for(exc) is code


def test_the_cli_returns_the_mapped_code_for_a_bug(monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from vincheck.cli import cmd_vin

    def broken(_args: object) -> ExitCode:
        raise ZeroDivisionError("boom")

    monkeypatch.delenv("VINCHECK_DEBUG", raising=False)
    monkeypatch.setattr(cmd_vin, "run", broken)
    assert vincheck.cli.main(["vin", "LSVAM4187C2184847"]) == ExitCode.INTERNAL
    assert "internal error (ZeroDivisionError: boom)" in capsys.readouterr().err


def test_vincheck_gui_is_the_gui_command(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[list[str]] = []
    monkeypatch.setattr(vincheck.cli, "main", lambda argv: seen.append(list(argv)) or 0)
    monkeypatch.setattr(sys, "argv", ["vincheck-gui", "--sample", "--lang", "en"])
    assert vincheck.cli.gui_main() == 0
    assert seen == [["gui", "--sample", "--lang", "en"]]
