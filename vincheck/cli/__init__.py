"""Command-line interface: ``vincheck COMMAND ...``.

Each command lives in its own module ``vincheck.cli.cmd_<name>`` exposing
``register(subparsers)``, which adds its parser and sets ``func`` to a function
``run(args) -> int``. The modules are imported by name here (not through importlib) so
that a freezer such as PyInstaller finds them; each keeps its heavy imports inside
``run``. This module is the only place where errors become exit codes:
0 all passed, 1 something failed or needs review, 2 usage or input error,
3 OCR engine missing, 4 records store problem, 130 cancelled.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections.abc import Sequence

from vincheck import __version__
from vincheck.cli import (
    cmd_batch,
    cmd_certificate,
    cmd_check,
    cmd_doctor,
    cmd_gui,
    cmd_photo,
    cmd_report,
    cmd_rubbing,
    cmd_settings,
    cmd_vin,
)
from vincheck.errors import VincheckError

COMMAND_MODULES = {"vin": cmd_vin, "rubbing": cmd_rubbing, "photo": cmd_photo,
                   "check": cmd_check, "certificate": cmd_certificate, "report": cmd_report,
                   "batch": cmd_batch, "gui": cmd_gui, "doctor": cmd_doctor,
                   "settings": cmd_settings}
COMMANDS = tuple(COMMAND_MODULES)


class _Parser(argparse.ArgumentParser):
    """argparse that exits with code 2 and a one-line message (its default too)."""


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="vincheck",
        description="Check VIN rubbings and vehicle exterior photos against the registration "
        "rules (MIIT/MPS notice, Annex 1 and 2).",
    )
    parser.add_argument("--version", action="version", version=f"vincheck {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES.values():
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (never raises for expected errors)."""
    # In a frozen bundle, batch's spawned worker processes start this executable again:
    # this runs the worker there instead of the CLI (a no-op when not frozen).
    multiprocessing.freeze_support()
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args))
    except VincheckError as exc:
        print(f"vincheck: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("vincheck: cancelled", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
