"""``vincheck batch DIR``: check every case in a folder (or watch a hot folder).

Folder conventions: (a) one sub-folder per vehicle, named by its case key (the expected
VIN when the name is a VIN); files inside are sorted into rubbing sheets and photos by
name (rubbing/tuoyin/拓印 vs photo/相片/照片) or else by their pixels; (b) loose files
``<VIN>_<anything>.<ext>`` grouped by the VIN prefix. ``--expect-list`` maps case keys to
expected VINs (CSV columns ``case,vin`` or ``vin,expected_vin``).

Stdout: one JSON line per case; stderr: a progress bar and the summary. Every case is
recorded in the records store; rerunning the same command skips cases already recorded
(resume). With a shared PostgreSQL store (``--db postgresql://...``, settings or
``VINCHECK_DATABASE_URL``) several machines running this command on one folder divide the
cases through claims in the database (vincheck.batch_shared).
Exit code 0 when all cases pass, 1 when any fails, needs review, could not be
checked or is missing, 2 on usage errors, 4 when the records database fails or cannot be
reached (after retrying; what was committed stays), 130 when interrupted.
"""

from __future__ import annotations

import argparse
import sys

from vincheck.batch import (
    CaseOutcome,
    ProgressBar,
    ResultsCsv,
    discover_cases,
    loose_files_without_key,
    outcome_json,
    read_expect_list,
    run_batch,
    watch_folder,
)
from vincheck.cli.output import print_json_line
from vincheck.errors import ExitCode, UsageError
from vincheck.settings import load_settings
from vincheck.store import open_store


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "batch", help="check every case in a folder; --watch for a hot folder",
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("folder", metavar="DIR", help="folder of cases (see conventions above)")
    p.add_argument("--expect-list", metavar="FILE.csv",
                   help="CSV mapping case keys to expected VINs (e.g. an MES export)")
    p.add_argument("--out", metavar="results.csv", help="write one CSV row per case")
    p.add_argument("--jobs", type=int, default=None,
                   help="parallel worker processes (default: settings, 2)")
    p.add_argument("--kind", choices=("car", "trailer"), default="car",
                   help="vehicle kind of every case (default car)")
    p.add_argument("--dpi", type=float, help="scan resolution when the files carry none")
    p.add_argument("--db", metavar="PATH|URL",
                   help="records database: a SQLite file or postgresql:// URL (default: settings)")
    p.add_argument("--watch", action="store_true",
                   help="keep polling DIR and check new cases as a scanner drops them; "
                   "Ctrl+C stops")
    p.add_argument("--interval", type=float, default=None, metavar="S",
                   help="--watch: poll every S seconds (default: settings, 2)")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> ExitCode:
    settings = load_settings()
    jobs = args.jobs if args.jobs is not None else settings.batch_jobs
    if jobs < 1:
        raise UsageError(f"--jobs must be at least 1, not {jobs}")
    if args.dpi is not None and args.dpi <= 0:
        raise UsageError(f"--dpi must be positive, not {args.dpi}")
    expect = read_expect_list(args.expect_list) if args.expect_list else None
    cases = discover_cases(args.folder, expect)
    for f in loose_files_without_key(args.folder):
        print(f"vincheck: skipped {f.name}: a loose file must be named <VIN>_<anything>"
              f"{f.suffix}", file=sys.stderr)
    if not cases and not args.watch:
        raise UsageError(f"no cases found in {args.folder}: put each vehicle's files in a "
                         "sub-folder, or name loose files <VIN>_<anything>.png")
    out_csv = ResultsCsv(args.out, append=args.watch) if args.out else None
    bar = None if (args.quiet or args.watch) else ProgressBar(len(cases))

    def on_outcome(o: CaseOutcome) -> None:
        print_json_line(outcome_json(o))
        if out_csv is not None:
            out_csv.write(o)
        if bar is not None and o.status != "missing":
            bar.update(o.key, checked=o.status != "skipped")
        elif args.watch and not args.quiet:
            print(f"vincheck: {o.key}: {o.verdict or o.status}", file=sys.stderr)

    try:
        with open_store(args.db, settings=settings) as store:
            if store.shared:
                from vincheck.batch_shared import watch_shared

                if args.watch:
                    print(f"vincheck: watching {args.folder} with the workers of {store.label} "
                          "(Ctrl+C stops)", file=sys.stderr)
                report = watch_shared(args.folder, store=store, settings=settings,
                                      expect=expect, kind=args.kind, dpi=args.dpi, jobs=jobs,
                                      on_outcome=on_outcome, interval_s=args.interval,
                                      until_done=not args.watch,
                                      settle_s=None if args.watch else 0.0)
            elif args.watch:
                print(f"vincheck: watching {args.folder} (Ctrl+C stops)", file=sys.stderr)
                report = watch_folder(args.folder, store=store, settings=settings,
                                      expect=expect, kind=args.kind, dpi=args.dpi, jobs=jobs,
                                      on_outcome=on_outcome, interval_s=args.interval)
            else:
                report = run_batch(args.folder, store=store, settings=settings, expect=expect,
                                   kind=args.kind, dpi=args.dpi, jobs=jobs,
                                   on_outcome=on_outcome)
    finally:
        if out_csv is not None:
            out_csv.close()
    print(report.summary_text(), file=sys.stderr)
    return ExitCode(report.exit_code)
