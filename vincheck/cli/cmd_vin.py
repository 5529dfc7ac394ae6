"""``vincheck vin VIN [VIN ...]``: validate and decode VINs typed on the command line.

Exit code 0 when every VIN is valid, 1 when any is invalid, 2 when no VIN is given.
``-`` reads VINs from standard input, one per line. Whether the check digit (and the
model-year code) is required comes from the settings (``rubbing.require_check_digit``,
default yes); ``--no-check-digit`` turns it off for one run.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from vincheck.cli.output import print_json_line
from vincheck.errors import ExitCode, UsageError, VinCharacterError, VinCheckDigitError, VinError
from vincheck.settings import load_settings
from vincheck.vin import (
    VIN_CHARS,
    VIN_LENGTH,
    clean,
    country_of,
    describe,
    error_code,
    maker_of,
    validate,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("vin", help="validate and decode VINs (check digit, region, maker, year)",
                       description="Validate VINs (ISO 3779 / GB 16735) and decode them.")
    p.add_argument("vins", nargs="*", metavar="VIN",
                   help="VINs to check; '-' reads one VIN per line from standard input")
    p.add_argument("--json", action="store_true", help="one JSON object per VIN (JSON Lines)")
    p.add_argument("--no-check-digit", action="store_true",
                   help="do not require the position-9 check digit nor the position-10 "
                        "model-year code (e.g. European imports); a mismatch is advisory")
    p.set_defaults(func=run)


def _inputs(args: argparse.Namespace) -> list[str]:
    out: list[str] = []
    for item in args.vins:
        if item == "-":
            out.extend(line.strip() for line in sys.stdin if line.strip())
        else:
            out.append(item)
    return out


def check_one(text: str, require_check_digit: bool = True) -> dict[str, Any]:
    """The record printed for one VIN (the JSON keys of ``vincheck vin --json``)."""
    cleaned = clean(text)
    rec: dict[str, Any] = {
        "input": text, "vin": cleaned, "valid": True, "reason": None, "error_code": None,
        "position": None,
        "check_digit": {"expected": None, "found": None, "status": None},
        "region": None, "country": None, "maker": None, "model_years": [],
    }
    try:
        rec["vin"] = validate(cleaned, require_check_digit)
    except VinError as exc:
        rec.update(valid=False, reason=str(exc), error_code=error_code(exc))
        if isinstance(exc, VinCharacterError):
            rec["position"] = exc.position
        if isinstance(exc, VinCheckDigitError):
            rec["position"] = 9
    if len(cleaned) == VIN_LENGTH and all(ch in VIN_CHARS for ch in cleaned[:3]):
        rec["region"], rec["country"] = country_of(cleaned)
        rec["maker"] = maker_of(cleaned)
    if len(cleaned) == VIN_LENGTH and rec["error_code"] != "vin_character":
        info = describe(cleaned, require_check_digit, strict=False)
        rec["model_years"] = list(info.model_year_candidates)
        rec["check_digit"] = {"expected": info.expected_check_digit, "found": info.check_digit,
                              "status": str(info.check_digit_status)}
    return rec


def _human(rec: dict[str, Any]) -> str:
    parts = [rec["vin"] or repr(rec["input"]), "valid" if rec["valid"] else "INVALID"]
    if rec["reason"]:
        parts.append(rec["reason"])
    cd = rec["check_digit"]
    if cd["status"] == "valid":
        parts.append(f"check digit {cd['found']} ok")
    elif cd["status"] == "not_required":
        parts.append(f"check digit {cd['found']} differs from computed {cd['expected']} "
                     "(not required: advisory)")
    elif cd["status"] == "invalid" and rec["error_code"] != "vin_check_digit":
        parts.append(f"check digit expected {cd['expected']}, found {cd['found']}")
    if rec["region"]:
        parts.append(f"{rec['country'] or 'country unknown'} ({rec['region']})")
    if rec["maker"]:
        parts.append(rec["maker"])
    if rec["model_years"]:
        parts.append("model year " + "/".join(str(y) for y in rec["model_years"]))
    return "  ".join(parts)


def run(args: argparse.Namespace) -> ExitCode:
    vins = _inputs(args)
    if not vins:
        raise UsageError("no VIN given: vincheck vin VIN [VIN ...] (or '-' to read stdin)")
    require = load_settings().rubbing.require_check_digit and not args.no_check_digit
    all_valid = True
    for text in vins:
        rec = check_one(text, require)
        all_valid &= rec["valid"]
        if args.json:
            print_json_line(rec)
        else:
            print(_human(rec), flush=True)
    return ExitCode.OK if all_valid else ExitCode.FAILED
