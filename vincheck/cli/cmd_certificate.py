"""``vincheck certificate FILE [FILE ...]``: read the VIN, body colour and vehicle kind
from vehicle conformity certificates (合格证) or VIN barcode labels.

Exit code 0 when every file gave a VIN that may be filled without asking, 1 when a VIN
was missing or needs the operator's word, 2 for an unreadable file.
"""

from __future__ import annotations

import argparse
import sys

from vincheck.cli.output import error_record, print_json_line
from vincheck.errors import ExitCode, InputFileError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "certificate", help="read VIN, colour and vehicle kind from a 合格证 scan or photo",
        description="Read the vehicle conformity certificate (机动车整车出厂合格证): its "
        "barcode when one decodes, else OCR of the labelled fields. Values read with low "
        "confidence are shown but marked 'confirm'.")
    p.add_argument("files", nargs="+", metavar="FILE", help="certificate scans or photos")
    p.add_argument("--json", action="store_true", help="one JSON object per file")
    p.add_argument("--no-ocr", action="store_true", help="barcodes only (fast)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> ExitCode:
    from vincheck.certificate import read_certificate_file

    code = ExitCode.OK
    for f in args.files:
        try:
            reading = read_certificate_file(f, use_ocr=not args.no_ocr)
        except InputFileError as exc:
            if args.json:
                print_json_line(error_record(f, exc))
            else:
                print(f"{f}: error: {exc}", file=sys.stderr)
            code = ExitCode.USAGE
            continue
        vin = reading.values.get("vin")
        if code == ExitCode.OK and not (vin and vin.fill):
            code = ExitCode.FAILED
        if args.json:
            print_json_line(reading.to_dict())
            continue
        print(f"{f}  ({reading.ms:.0f} ms, {len(reading.barcodes)} barcode(s))")
        for name in ("vin", "colour", "kind"):
            v = reading.values.get(name)
            if v is None:
                print(f"  {name:<7} -  (not found)")
                continue
            state = "filled" if v.fill else "confirm"
            note = f"  {v.note}" if v.note else ""
            print(f"  {name:<7} {v.value or '-':<18} {v.source:<8} {v.confidence:.2f} "
                  f"{state}  read: {v.text}{note}")
    return code
