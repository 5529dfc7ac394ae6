"""``vincheck photo FILE [FILE ...]``: check exterior vehicle photos (Annex 1).

Each file is a flatbed scan of the print (size and corner radii measured, needs the scan
DPI: from the file or ``--dpi``) or a digital file (aspect ratio only). Exit code 0 when
every photo passes, 1 when any fails or needs review, 2 for usage errors or files that
could not be read (the other files are still checked). ``--json`` prints one JSON object
per photo (JSON Lines), a file that could not be read gives an ``"error"`` line.
"""

from __future__ import annotations

import argparse
from typing import Any

from vincheck.cli.output import advice_line, check_each_file
from vincheck.errors import ExitCode, UsageError
from vincheck.findings import PhotoResult, Status
from vincheck.settings import load_settings

_MARK = {Status.PASS: "ok  ", Status.FAIL: "FAIL", Status.REVIEW: "REVW",
         Status.SKIPPED: "skip"}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "photo", help="check exterior vehicle photos (print size, corners, plate, view, "
                      "fill, sharpness, exposure, colour)",
        description="Check exterior vehicle photos (print scans or digital files) against "
                    "Annex 1 of the registration rules.")
    p.add_argument("files", nargs="+", metavar="FILE", help="photo scans or digital photos")
    p.add_argument("--kind", choices=("car", "trailer"), default="car",
                   help="vehicle kind: car (front-left 45 deg) or trailer (rear-left)")
    p.add_argument("--dpi", type=float, default=None,
                   help="scan resolution (dots per inch); overrides the file's")
    p.add_argument("--color", metavar="NAME",
                   help="expected body colour: 白 灰 黄 粉 红 紫 绿 蓝 棕 黑 or white, grey/gray, "
                        "yellow, pink, red, purple, green, blue, brown, black")
    p.add_argument("--json", action="store_true", help="one JSON object per photo (JSON Lines)")
    p.set_defaults(func=run)


def photo_record(r: PhotoResult) -> dict[str, Any]:
    """The JSON object printed for one photo (``PhotoResult.to_dict``)."""
    return r.to_dict()


def _human(r: PhotoResult) -> list[str]:
    head = f"{r.file}"
    if r.page:
        head += f" [page {r.page + 1}]"
    kind = "scan" if r.is_scan else "digital file"
    lines = [f"{head}: {str(r.verdict).upper()} ({kind}, {r.ms:.0f} ms)"]
    for f in r.findings:
        lines.append(f"  {_MARK.get(f.status, '?')} {f.code:16s} {f.message}")
        lines += advice_line(f, " " * 21)
    return lines


def run(args: argparse.Namespace) -> ExitCode:
    from vincheck.photo import check_photo_file
    from vincheck.photo.color import normalize_color_name

    settings = load_settings()
    if args.dpi is not None and not (0 < args.dpi <= 10000):
        raise UsageError(f"--dpi must be a positive resolution, got {args.dpi:g}")
    color = normalize_color_name(args.color) if args.color else None
    return check_each_file(
        args.files,
        lambda path: check_photo_file(path, settings, kind=args.kind, color=color,
                                      dpi=args.dpi),
        photo_record, _human, args.json)
