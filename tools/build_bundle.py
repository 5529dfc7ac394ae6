"""Build the self-contained one-folder application with PyInstaller.

``python -m tools.build_bundle [--dist DIR] [--work DIR] [--zip]`` (same command on Linux
and Windows, from the repository root, with the project's environment active; PyInstaller
is in the ``dev`` extra). Writes ``DIR/vincheck/`` (default ``dist/vincheck``) from
``packaging/vincheck.spec`` and prints the build time and the folder's size; ``--zip``
also packs it into ``DIR/vincheck-<version>-<platform>.zip``. On Windows the installer is
then made with Inno Setup from ``packaging/windows/vincheck.iss``.
"""

from __future__ import annotations

import argparse
import importlib.metadata as md
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "vincheck.spec"
# Distributions that would make the bundle larger for nothing if present in the build
# environment (the spec excludes their modules too, but says so early).
UNWANTED = ("opencv-python", "opencv-contrib-python", "PySide6-Addons", "torch")


def folder_size(path: Path) -> int:
    """Bytes of every regular file below ``path`` (symbolic links not followed)."""
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def check_environment() -> list[str]:
    """Warnings about the build environment (PyInstaller missing is an error)."""
    try:
        md.version("pyinstaller")
    except md.PackageNotFoundError:
        raise SystemExit("build_bundle: PyInstaller is not installed; "
                         "pip install -e .[dev] (or pip install pyinstaller)") from None
    warnings = []
    for name in UNWANTED:
        try:
            warnings.append(f"{name} {md.version(name)} is installed; it is excluded from the "
                            "bundle, but a clean environment is safer")
        except md.PackageNotFoundError:
            pass
    return warnings


def build(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; returns the application folder."""
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level",
           "WARN", "--distpath", str(dist), "--workpath", str(work), str(SPEC)]
    subprocess.run(cmd, check=True, cwd=ROOT)
    return dist / "vincheck"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tools.build_bundle", description=__doc__)
    ap.add_argument("--dist", type=Path, default=ROOT / "dist")
    ap.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    ap.add_argument("--zip", action="store_true", help="also pack the folder into a .zip")
    args = ap.parse_args(argv)
    for w in check_environment():
        print(f"build_bundle: warning: {w}", file=sys.stderr)
    t0 = time.monotonic()
    app = build(args.dist.resolve(), args.work.resolve())
    took = time.monotonic() - t0
    size = folder_size(app)
    exe = app / ("vincheck.exe" if os.name == "nt" else "vincheck")
    print(f"built {exe} in {took:.0f} s; folder {size / 2**20:.0f} MiB")
    if args.zip:
        from vincheck import __version__

        base = args.dist / f"vincheck-{__version__}-{sys.platform}"
        archive = shutil.make_archive(str(base), "zip", root_dir=args.dist, base_dir="vincheck")
        print(f"packed {archive} ({Path(archive).stat().st_size / 2**20:.0f} MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
