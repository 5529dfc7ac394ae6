"""Find the cases in a batch folder by its conventions (see :mod:`vincheck.batch`) and
give each its batch key (SHA-256 over the folder, case key, options and file hashes)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from vincheck.errors import UsageError
from vincheck.store import hash_file

IMAGE_EXTS = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".pdf"})
VIN_RE = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
RUBBING_HINTS = ("rubbing", "tuoyin", "拓印", "拓片")
PHOTO_HINTS = ("photo", "相片", "照片", "picture", "pic")



def looks_like_vin(text: str) -> bool:
    """17 characters of 0-9 A-Z without I, O, Q (check digit not verified)."""
    return bool(VIN_RE.match(text.strip().upper()))


def name_hint(path: str | Path) -> str | None:
    """``"rubbing"`` / ``"photo"`` from words in the file name, or None."""
    name = Path(path).name.lower()
    if any(h in name for h in RUBBING_HINTS):
        return "rubbing"
    if any(h in name for h in PHOTO_HINTS):
        return "photo"
    return None


@dataclass
class BatchCase:
    """One vehicle found in the batch folder. Paths are absolute; ``unknown_files`` are
    images whose names give no hint (sorted by pixels in the worker)."""

    key: str
    rubbing_files: list[str] = field(default_factory=list)
    photo_files: list[str] = field(default_factory=list)
    unknown_files: list[str] = field(default_factory=list)
    expected_vin: str | None = None
    hashes: dict[str, tuple[int, str]] = field(default_factory=dict)
    batch_key: str = ""

    @property
    def files(self) -> list[str]:
        return [*self.rubbing_files, *self.photo_files, *self.unknown_files]

    def signature(self) -> tuple[tuple[str, int, int], ...]:
        """(path, size, mtime ns) of every file: changes while a scanner is writing."""
        out = []
        for f in sorted(self.files):
            try:
                st = Path(f).stat()
                out.append((f, st.st_size, st.st_mtime_ns))
            except OSError:
                out.append((f, -1, 0))
        return tuple(out)


def discover_cases(root: str | Path, expect: dict[str, str] | None = None) -> list[BatchCase]:
    """The cases in ``root`` by the folder conventions (see the module doc), sorted by key.
    Files are not hashed here (see :func:`prepare_case`)."""
    base = Path(root)
    if not base.is_dir():
        raise UsageError(f"batch folder {base} does not exist or is not a folder")
    cases: dict[str, BatchCase] = {}

    def add(key: str, path: Path) -> None:
        bc = cases.setdefault(key.upper(), BatchCase(key=key))
        hint = name_hint(path)
        target = {"rubbing": bc.rubbing_files, "photo": bc.photo_files}.get(
            hint or "", bc.unknown_files)
        target.append(str(path.absolute()))

    for entry in sorted(base.iterdir()):
        if entry.name.startswith((".", "~")):
            continue
        if entry.is_dir():
            for f in sorted(entry.rglob("*")):
                if _is_image(f) and not any(p.startswith((".", "~"))
                                            for p in f.relative_to(entry).parts):
                    add(entry.name, f)
        elif _is_image(entry) and "_" in entry.stem:
            add(entry.stem.split("_", 1)[0], entry)
    expect_up = {k.strip().upper(): v for k, v in (expect or {}).items()}
    out = []
    for bc in cases.values():
        vin = expect_up.get(bc.key.upper())
        if vin is None and looks_like_vin(bc.key):
            vin = bc.key.upper()
        bc.expected_vin = vin
        out.append(bc)
    return sorted(out, key=lambda c: c.key.upper())


def loose_files_without_key(root: str | Path) -> list[Path]:
    """Images directly in ``root`` that belong to no case (no ``<VIN>_`` prefix)."""
    return [p for p in sorted(Path(root).iterdir())
            if _is_image(p) and "_" not in p.stem and not p.name.startswith((".", "~"))]


def _is_image(p: Path) -> bool:
    return p.is_file() and p.suffix.lower() in IMAGE_EXTS


def prepare_case(bc: BatchCase, root: str | Path, *, kind: str, dpi: float | None) -> BatchCase:
    """Hash the case's files and compute its batch key (in place; returns it)."""
    bc.hashes = {f: hash_file(f) for f in bc.files}
    parts = [str(Path(root).absolute()), bc.key.upper(), kind, "" if dpi is None else str(dpi),
             bc.expected_vin or "", *sorted(h for _, h in bc.hashes.values())]
    bc.batch_key = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
    return bc
