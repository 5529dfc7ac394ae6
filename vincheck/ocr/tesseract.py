"""Tesseract: a version probe kept apart from running it, with install advice.

The probe never raises for a missing program; :func:`require_tesseract` turns a failed
probe into :class:`~vincheck.errors.TesseractNotFoundError` whose message names the
install command for this platform.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from functools import lru_cache

from vincheck.errors import TesseractNotFoundError

MIN_VERSION = (4, 1)


@dataclass(frozen=True)
class TesseractProbe:
    """Result of looking for Tesseract: ``ok`` only when found and new enough."""

    found: bool
    path: str | None
    version: tuple[int, ...] | None
    version_text: str
    languages: tuple[str, ...]
    message: str

    @property
    def ok(self) -> bool:
        return self.found and self.version is not None and self.version >= MIN_VERSION


def install_advice(platform: str | None = None) -> str:
    """The install command for this platform, as one sentence."""
    platform = platform or sys.platform
    if platform.startswith("linux"):
        if shutil.which("apt-get"):
            return "install it with: sudo apt-get install tesseract-ocr"
        if shutil.which("dnf"):
            return "install it with: sudo dnf install tesseract"
        if shutil.which("pacman"):
            return "install it with: sudo pacman -S tesseract"
        return "install the 'tesseract-ocr' package of your distribution"
    if platform == "darwin":
        return "install it with: brew install tesseract"
    if platform.startswith("win"):
        return ("install the UB Mannheim Tesseract build (tesseract-ocr-w64-setup), then set its "
                "path (e.g. C:\\Program Files\\Tesseract-OCR\\tesseract.exe) in Settings")
    return "install Tesseract OCR 4.1 or newer and put it on PATH"


def _parse_version(text: str) -> tuple[int, ...] | None:
    m = re.search(r"tesseract\s+v?(\d+)\.(\d+)(?:\.(\d+))?", text, re.IGNORECASE)
    if not m:
        return None
    return tuple(int(g) for g in m.groups() if g is not None)


def probe_tesseract(cmd: str | None = None) -> TesseractProbe:
    """Look for Tesseract (``cmd``, else ``$TESSERACT_CMD``, else PATH) and read its version."""
    cmd = cmd or os.environ.get("TESSERACT_CMD") or "tesseract"
    path = cmd if os.path.sep in cmd and os.path.exists(cmd) else shutil.which(cmd)
    if path is None:
        return TesseractProbe(False, None, None, "", (),
                              f"Tesseract OCR was not found ({cmd!r}); {install_advice()}")
    try:
        out = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=20)
        text = (out.stdout or "") + (out.stderr or "")
    except (OSError, subprocess.SubprocessError) as exc:
        return TesseractProbe(False, path, None, "", (),
                              f"Tesseract at {path} could not be run ({exc}); {install_advice()}")
    version = _parse_version(text)
    langs: tuple[str, ...] = ()
    try:
        out = subprocess.run([path, "--list-langs"], capture_output=True, text=True, timeout=20)
        langs = tuple(
            ln.strip() for ln in out.stdout.splitlines()[1:] if ln.strip() and " " not in ln
        )
    except (OSError, subprocess.SubprocessError):
        pass
    first = text.strip().splitlines()[0] if text.strip() else ""
    if version is None:
        msg = f"could not read the version of Tesseract at {path}; {install_advice()}"
    elif version < MIN_VERSION:
        need = ".".join(map(str, MIN_VERSION))
        msg = (f"Tesseract {'.'.join(map(str, version))} at {path} is too old, version {need} or "
               f"newer is needed; {install_advice()}")
    elif "eng" not in langs:
        msg = (f"Tesseract {'.'.join(map(str, version))} at {path} has no 'eng' language data; "
               "install tesseract-ocr-eng")
        return TesseractProbe(True, path, version, first, langs, msg)
    else:
        msg = f"Tesseract {'.'.join(map(str, version))} at {path}"
    return TesseractProbe(True, path, version, first, langs, msg)


@lru_cache(maxsize=8)
def _cached_probe(cmd: str | None) -> TesseractProbe:
    return probe_tesseract(cmd)


def require_tesseract(cmd: str | None = None) -> TesseractProbe:
    """Return the probe when Tesseract is usable, else raise TesseractNotFoundError."""
    probe = _cached_probe(cmd)
    if not probe.ok or "eng" not in probe.languages:
        raise TesseractNotFoundError(probe.message)
    return probe
