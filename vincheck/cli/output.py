"""Shared output helpers for the commands: JSON Lines and short human-readable lines."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO

from vincheck.errors import ExitCode


def print_json_line(obj: dict[str, Any], stream: TextIO | None = None) -> None:
    """One JSON object on one line, UTF-8 characters kept (JSON Lines)."""
    stream = stream or sys.stdout
    stream.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")
    stream.flush()


def expected_vin_arg(text: str | None, option: str = "--expect") -> str | None:
    """The VIN given with ``--expect``, cleaned; None when empty. Raises UsageError (exit
    2) naming what is wrong when it cannot be a VIN: its length or a forbidden character.
    A wrong check digit is not refused here: the check reports it as a finding."""
    from vincheck.errors import UsageError, VinError
    from vincheck.vin import clean, validate

    if text is None or not text.strip():
        return None
    vin = clean(text)
    try:
        validate(vin, require_check_digit=False, model_year_rule=False)
    except VinError as exc:
        raise UsageError(f"{option} {vin!r} is not a VIN: {exc}") from exc
    return vin


def advice_line(finding: Any, indent: str = "      ") -> list[str]:
    """The rule registry's advice for a finding that did not pass, as one text line
    (none for a passed finding)."""
    from vincheck import rules

    text = rules.advice(finding, "en")
    return [f"{indent}what to do: {text}"] if text else []


def error_record(file: str, error: Exception) -> dict[str, Any]:
    """The JSON line printed for a file that could not be checked."""
    return {"file": file, "verdict": "error", "error": str(error),
            "error_type": type(error).__name__}


def check_each_file(
    paths: Any,
    check: Any,
    record: Any,
    human: Any,
    as_json: bool,
) -> ExitCode:
    """Run ``check(path) -> list[result]`` on every file and print each result, as a JSON
    line (``record(result)``) or as text lines (``human(result)``). A file that cannot be
    read is reported and the others are still checked. Exit code: 2 if any file could not
    be read, else 1 if any result did not pass, else 0."""
    from vincheck.errors import InputFileError
    from vincheck.findings import Verdict

    bad_input = False
    any_not_pass = False
    for path in paths:
        try:
            results = check(path)
        except InputFileError as exc:
            bad_input = True
            if as_json:
                print_json_line(error_record(path, exc))
            print(f"vincheck: error: {exc}", file=sys.stderr)
            continue
        for r in results:
            any_not_pass |= r.verdict is not Verdict.PASS
            if as_json:
                print_json_line(record(r))
            else:
                print("\n".join(human(r)))
    if bad_input:
        return ExitCode.USAGE
    return ExitCode.FAILED if any_not_pass else ExitCode.OK
