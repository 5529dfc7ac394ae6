"""``vincheck store``: the records database itself.

    vincheck store info [--db PATH|URL]
    vincheck store migrate --to postgresql://user@host/db [--db PATH] [--workstation NAME]

``migrate`` copies this desk's SQLite records (findings, decisions, file hashes) into a
shared PostgreSQL database and prints the counts. It can be run again: records already
copied are left alone. The SQLite file is opened read-only and never changed.
"""

from __future__ import annotations

import argparse

from vincheck.errors import ExitCode, UsageError
from vincheck.settings import load_settings
from vincheck.store import PostgresStore, is_database_url, open_store, redact, workstation_name


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("store", help="records database: info; migrate a desk to PostgreSQL",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ss = p.add_subparsers(dest="store_command", metavar="info|migrate")
    info = ss.add_parser("info", help="which database, its schema version and case count")
    info.add_argument("--db", metavar="PATH|URL", help="records database (default: settings)")
    mig = ss.add_parser("migrate", help="copy this desk's SQLite records into PostgreSQL")
    mig.add_argument("--to", required=True, metavar="URL",
                     help="the shared database, postgresql://user@host:port/database")
    mig.add_argument("--db", metavar="PATH", help="the SQLite file (default: settings)")
    mig.add_argument("--workstation", metavar="NAME",
                     help="desk name for records written before desks were recorded "
                     "(default: this machine's workstation name)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> ExitCode:
    cmd = getattr(args, "store_command", None)
    if cmd is None:
        raise UsageError("say what to do: vincheck store info|migrate (see --help)")
    settings = load_settings()
    if cmd == "info":
        with open_store(args.db, settings=settings) as st:
            print(f"engine: {st.engine}\ndatabase: {st.label}\n"
                  f"schema: {st.schema_version()}\ncases: {st.count()}")
        return ExitCode.OK
    from vincheck.store.copy import copy_sqlite_records
    from vincheck.store.sqlite import default_db_path

    if not is_database_url(args.to):
        raise UsageError(f"--to must be a postgresql:// URL, not {redact(str(args.to))!r}")
    if args.db is not None and is_database_url(args.db):
        raise UsageError("--db names the SQLite file to copy from, not a URL")
    src = args.db or default_db_path(settings)
    with PostgresStore(args.to, settings=settings) as dest:
        rep = copy_sqlite_records(src, dest, workstation=args.workstation
                                  or workstation_name(settings))
    print(f"{src} -> {redact(args.to)}: {rep.text()}")
    return ExitCode.OK
