"""``vincheck rubbing FILE [FILE ...]``: read and judge scanned VIN-rubbing sheets.

Exit code 0 when every sheet passes, 1 when any fails or needs review, 2 when a file
could not be read (the other files are still checked) or on usage errors, 3 when no OCR
engine is available. ``--json`` prints JSON Lines: one object per file page
(``SheetResult.to_dict()``), or an error record for a file that could not be read.
"""

from __future__ import annotations

import argparse
import sys

from vincheck.cli.output import advice_line, check_each_file, expected_vin_arg
from vincheck.errors import ExitCode, UsageError
from vincheck.findings import SheetResult, Status
from vincheck.settings import load_settings


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("rubbing", help="read and judge scanned VIN rubbings (Annex 2)",
                       description="Locate every VIN rubbing on the scanned sheets, read the "
                       "VIN and judge it against Annex 2 (17 characters, start/stop "
                       "symbols, no deformation or shift, character height, check digit).")
    p.add_argument("files", nargs="+", metavar="FILE", help="PNG, JPEG, TIFF, BMP or PDF scans")
    p.add_argument("--expect", metavar="VIN", help="the VIN the rubbings must carry")
    p.add_argument("--dpi", type=float, help="scan resolution when the file has none "
                   "(overrides the file's)")
    p.add_argument("--json", action="store_true", help="JSON Lines, one object per page")
    p.add_argument("--engine", choices=["glyph", "rapidocr", "tesseract", "both"], default=None,
                   help="OCR engine (default: the glyph classifier beside the first available "
                   "of the settings' list; both = RapidOCR and Tesseract)")
    p.set_defaults(func=run)


def _human(sheet: SheetResult) -> list[str]:
    page = f" page {sheet.page + 1}" if sheet.page else ""
    vins = ", ".join(r.vin or "?" for r in sheet.rubbings) or "-"
    lines = [f"{sheet.file}{page}: {str(sheet.verdict).upper()}  {len(sheet.rubbings)} "
             f"rubbing(s): {vins}  ({sheet.ms:.0f} ms)"]
    for i, r in enumerate(sheet.rubbings):
        for f in r.findings:
            if f.status is not Status.PASS:
                lines.append(f"  rubbing {i + 1}: {f.status.value:7s} {f.code}: {f.message}")
                lines += advice_line(f, " " * 21)
    for f in sheet.findings:
        if f.status is not Status.PASS:
            lines.append(f"  sheet:     {f.status.value:7s} {f.code}: {f.message}")
            lines += advice_line(f, " " * 21)
    return lines


def run(args: argparse.Namespace) -> ExitCode:
    from vincheck.rubbing import check_rubbing_file, select_engines
    if args.dpi is not None and not (0 < args.dpi <= 10000):
        raise UsageError(f"--dpi must be a positive resolution, got {args.dpi}")
    settings = load_settings()
    expected = expected_vin_arg(args.expect)
    engines, notes = select_engines(settings, args.engine)  # fails early (exit 3) if none
    for note in notes:
        print(f"vincheck: note: OCR engine not available: {note}", file=sys.stderr)
    return check_each_file(
        args.files,
        lambda path: check_rubbing_file(path, settings, expected_vin=expected, dpi=args.dpi,
                                        engines=engines),
        lambda sheet: sheet.to_dict(), _human, args.json)
