"""``vincheck gui``: open the desktop application (optionally a case, or take a screenshot).

Qt is imported only inside :func:`run`, so the CLI's core stays Qt-free.
"""

from __future__ import annotations

import argparse

from vincheck.errors import ExitCode


def add_arguments(p: argparse.ArgumentParser) -> None:
    """Arguments of ``vincheck gui`` (and of ``vincheck-gui``, which runs it)."""
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="scans and photos of a case, or a case JSON file")
    p.add_argument("--sample", action="store_true", help="open the bundled sample case")
    p.add_argument("--expect", metavar="VIN", help="expected VIN (from the certificate)")
    p.add_argument("--kind", choices=("car", "trailer"), help="vehicle kind")
    p.add_argument("--color", metavar="NAME",
                   help="registration colour: 白 灰 黄 粉 红 紫 绿 蓝 棕 黑")
    p.add_argument("--lang", choices=("zh_CN", "en"), help="language of the window")
    p.add_argument("--screenshot", metavar="OUT.png",
                   help="open the case, wait for the check, save a PNG of the window and exit")
    p.add_argument("--size", default="1366x768", metavar="WxH",
                   help="window size for --screenshot (default 1366x768)")
    p.add_argument("--no-record", action="store_true",
                   help="do not record finished checks in the records database "
                        "(always on with --screenshot)")
    p.add_argument("--timeout", type=float, default=600.0, metavar="S",
                   help="--screenshot gives up after this many seconds (default 600)")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the desktop application",
                       description="Open the desktop application. With --screenshot, check "
                                   "the case, save a PNG of the window and exit.")
    add_arguments(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> ExitCode:
    from vincheck.gui.app import run_gui  # Qt only from here on

    return run_gui(args)
