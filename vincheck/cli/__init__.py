"""Command-line interface: ``vincheck COMMAND ...``.

Each command lives in its own module ``vincheck.cli.cmd_<name>`` exposing
``register(subparsers)``, which adds its parser and sets ``func`` to a function
``run(args) -> ExitCode``. The modules are imported by name here (not through importlib) so
that a freezer such as PyInstaller finds them; each keeps its heavy imports inside
``run``. This module is the only place where errors become exit codes
(:class:`~vincheck.errors.ExitCode` through :func:`~vincheck.errors.exit_code_for`):
0 all passed, 1 something failed or needs review, 2 usage or input error, 3 OCR engine
missing, 4 records store problem, 70 internal error (a bug), 130 cancelled.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import warnings
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
    cmd_store,
    cmd_vin,
)
from vincheck.cli.terminal import SafeStream, one_line
from vincheck.errors import ExitCode, VincheckError, exit_code_for

COMMAND_MODULES = {"vin": cmd_vin, "rubbing": cmd_rubbing, "photo": cmd_photo,
                   "check": cmd_check, "certificate": cmd_certificate, "report": cmd_report,
                   "batch": cmd_batch, "gui": cmd_gui, "doctor": cmd_doctor,
                   "settings": cmd_settings, "store": cmd_store}
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
    out, err = sys.stdout, sys.stderr
    # a windowed executable (vincheck-gui.exe) has no console: its streams are None
    sys.stdout = SafeStream(out) if out is not None else out  # type: ignore[assignment]
    sys.stderr = SafeStream(err) if err is not None else err  # type: ignore[assignment]
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def gui_main() -> int:
    """``vincheck-gui`` entry point: the same as ``vincheck gui ARGS``."""
    return main(["gui", *sys.argv[1:]])


def _error(message: str) -> None:
    try:
        print(f"vincheck: error: {one_line(message)}", file=sys.stderr, flush=True)
    except OSError:  # stderr itself is gone
        pass


def _run(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return ExitCode.USAGE
    try:
        with warnings.catch_warnings():
            if not os.environ.get("VINCHECK_DEBUG"):
                # library warnings (numpy on an empty slice, Pillow on odd metadata) are
                # not for the operator: the one-line result or error says what matters
                warnings.simplefilter("ignore")
            return int(args.func(args))  # an ExitCode from every command
    except VincheckError as exc:
        _error(str(exc))
        return exit_code_for(exc)
    except KeyboardInterrupt as exc:
        print("vincheck: cancelled", file=sys.stderr)
        return exit_code_for(exc)
    except BrokenPipeError as exc:
        return exit_code_for(exc)
    except OSError as exc:  # the output cannot be written: disk full, a closed pipe ...
        where = f" ({exc.filename})" if exc.filename else ""
        _error(f"cannot write the output{where}: {exc.strerror or exc}")
        return exit_code_for(exc)
    except (RecursionError, MemoryError) as exc:
        _error("the input is too large or too deeply nested to process "
               f"({type(exc).__name__})")
        return exit_code_for(exc)
    except Exception as exc:  # noqa: BLE001 - a bug: one line, not a traceback
        if os.environ.get("VINCHECK_DEBUG"):
            raise
        _error(f"internal error ({type(exc).__name__}: {exc}); this is a bug in vincheck: "
               "please report it with the input (VINCHECK_DEBUG=1 shows the traceback)")
        return exit_code_for(exc)
