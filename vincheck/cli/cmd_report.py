"""``vincheck report``: PDF of one recorded case, CSV / JSON exports, a list of records.

    vincheck report pdf CASE_ID [--out FILE.pdf] [--lang zh_CN|en]
    vincheck report csv|json [--vin PART] [--from DATE] [--to DATE] [--verdict V] --out FILE
    vincheck report list [--vin PART] [--from DATE] [--to DATE] [--verdict V]
    vincheck report desks [--from DATE] [--to DATE]

Dates are YYYY-MM-DD (``--to`` includes that day); ``--verdict`` matches the decided
verdict (after operator review). ``json`` writes full records (input, result, files).
``desks`` prints each desk's (station + workstation) cases, time span and cases per hour.
``--db`` takes a SQLite file or a postgresql:// URL.
"""

from __future__ import annotations

import argparse
import sys
import unicodedata

from vincheck.errors import ExitCode, UsageError
from vincheck.export.times import local_time_text
from vincheck.settings import load_settings
from vincheck.store import open_store


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--vin", metavar="PART", help="part of the expected VIN or a VIN read")
    p.add_argument("--from", dest="date_from", metavar="DATE", help="from this date (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_to", metavar="DATE", help="up to this date, inclusive")
    p.add_argument("--verdict", choices=("pass", "fail", "review"))
    p.add_argument("--limit", type=int, default=None, help="at most N cases (newest first)")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("report", help="PDF report of a recorded case; CSV/JSON exports; list",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    rs = p.add_subparsers(dest="report_command", metavar="pdf|csv|json|list|desks")
    pdf = rs.add_parser("pdf", help="printable A4 report of one case")
    pdf.add_argument("case_id", type=int, metavar="CASE_ID")
    pdf.add_argument("--out", metavar="FILE.pdf",
                     help="default: <VIN>_<date>_<verdict>.pdf in the current folder")
    pdf.add_argument("--lang", choices=("zh_CN", "en"),
                     help="language of the report (default: the settings' language)")
    for name, what in (("csv", "one summary row per case"), ("json", "full records")):
        e = rs.add_parser(name, help=f"export {what}")
        _filters(e)
        e.add_argument("--out", required=True, metavar=f"FILE.{name}")
    ls = rs.add_parser("list", help="print matching cases as a table")
    _filters(ls)
    desks = rs.add_parser("desks", help="per-desk throughput (cases, span, cases per hour)")
    desks.add_argument("--from", dest="date_from", metavar="DATE",
                       help="from this date (YYYY-MM-DD)")
    desks.add_argument("--to", dest="date_to", metavar="DATE", help="up to this date, inclusive")
    for q in (pdf, ls, desks, *[rs.choices[n] for n in ("csv", "json")]):
        q.add_argument("--db", metavar="PATH|URL", help="records database (default: settings)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> ExitCode:
    from vincheck.export import export_csv, export_json, report_filename, write_case_pdf

    cmd = getattr(args, "report_command", None)
    if cmd is None:
        raise UsageError("say what to report: vincheck report pdf|csv|json|list (see --help)")
    settings = load_settings()
    with open_store(args.db, settings=settings) as store:
        if cmd == "desks":
            from vincheck.store.throughput import desk_throughput

            print_desks(desk_throughput(store.desk_rows(args.date_from, args.date_to)))
            return ExitCode.OK
        if cmd == "pdf":
            ci, result, meta = store.get_case(args.case_id)
            lang = args.lang or settings.language
            out = args.out or report_filename(result, lang=lang)
            path = write_case_pdf(result, ci, out, settings=settings, meta=meta, lang=lang)
            print(path)
            return ExitCode.OK
        rows = store.search(vin=args.vin, date_from=args.date_from, date_to=args.date_to,
                            verdict=args.verdict, limit=args.limit)
        if cmd == "csv":
            print(export_csv(rows, args.out))
            print(f"{len(rows)} case(s)", file=sys.stderr)
        elif cmd == "json":
            print(export_json([store.get_record(r.id) for r in rows], args.out))
            print(f"{len(rows)} case(s)", file=sys.stderr)
        else:
            print_table(rows)
    return ExitCode.OK


def _width(text: str) -> int:
    """Terminal columns of ``text`` (CJK characters take two)."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def print_desks(desks: list) -> None:
    """Fixed-width table of :class:`~vincheck.store.throughput.DeskThroughput` rows."""
    head = ("station", "workstation", "cases", "first", "last", "cases/h", "median gap s",
            "check s")
    data = [(d.station or "-", d.workstation or "-", str(d.cases),
             local_time_text(d.first), local_time_text(d.last),
             "-" if d.per_hour is None else f"{d.per_hour:.1f}",
             "-" if d.median_gap_s is None else f"{d.median_gap_s:.1f}",
             f"{d.mean_check_s:.1f}") for d in desks]
    widths = [max([_width(h)] + [_width(r[i]) for r in data]) for i, h in enumerate(head)]
    for cells in (head, *data):
        sys.stdout.write("  ".join(c + " " * (w - _width(c))
                                   for c, w in zip(cells, widths, strict=True)).rstrip() + "\n")
    sys.stdout.write(f"{len(desks)} desk(s), {sum(d.cases for d in desks)} case(s)\n")


def print_table(rows: list) -> None:
    """Fixed-width table of case summaries on stdout (times local, with their UTC offset)."""
    head = ("id", "time", "expected VIN", "VIN(s) read", "kind", "verdict", "decided",
            "station", "operator", "files")
    data = [(str(r.id), local_time_text(r.time), r.expected_vin or "-",
             ",".join(r.vins_read) or "-", r.kind, r.verdict, r.decided_verdict,
             r.station or "-", r.operator or "-", str(r.n_files)) for r in rows]
    widths = [max([_width(h)] + [_width(d[i]) for d in data]) for i, h in enumerate(head)]
    out = sys.stdout
    for cells in (head, *data):
        out.write("  ".join(c + " " * (w - _width(c))
                            for c, w in zip(cells, widths, strict=True)).rstrip() + "\n")
    out.write(f"{len(rows)} case(s)\n")
