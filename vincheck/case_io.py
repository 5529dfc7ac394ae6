"""Case files: a JSON description of one vehicle's paperwork, and the bundled sample case.

A case file (``case.json``) holds ``expected_vin``, ``kind``, ``color``, ``dpi`` and the
lists ``rubbing_files`` and ``photo_files``, paths relative to the case file's folder.
"""

from __future__ import annotations

import json
import stat
from pathlib import Path

from vincheck.errors import UsageError
from vincheck.inspection import CaseInput
from vincheck.package_data import data_path

MAX_CASE_FILE_BYTES = 1_000_000
SAMPLE_CASE = data_path("sample_case", "case.json")


def sample_case_path() -> Path:
    """The bundled sample case (``vincheck/data/sample_case/case.json``, package data)."""
    if not SAMPLE_CASE.exists():
        raise UsageError(f"the bundled sample case is missing ({SAMPLE_CASE})")
    return SAMPLE_CASE


def load_case_file(path: str | Path) -> CaseInput:
    """Read a case file; file paths in it become absolute."""
    p = Path(path)
    try:
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):  # a folder, FIFO or device: never a case file
            raise UsageError(f"case file {p} is not a regular file")
        if st.st_size > MAX_CASE_FILE_BYTES:
            raise UsageError(f"case file {p} is {st.st_size / 1e6:.1f} MB; a case file is a "
                             f"few hundred bytes (at most {MAX_CASE_FILE_BYTES // 1000} kB)")
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError(f"case file not found: {p}") from exc
    except RecursionError as exc:
        raise UsageError(f"case file {p} is nested too deeply to be a case file") from exc
    except (OSError, ValueError) as exc:
        msg = " ".join(str(getattr(exc, "strerror", None) or exc).split())[:200]
        raise UsageError(f"case file {p} cannot be read: {msg}") from exc
    if not isinstance(data, dict):
        raise UsageError(f"case file {p} must hold a JSON object")
    base = p.resolve().parent

    def files(key: str) -> list[str]:
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"case file {p}: {key!r} must be a list of file names")
        try:
            return [str((base / v).resolve()) for v in value]
        except (OSError, ValueError) as exc:  # a NUL byte, a name too long ...
            raise UsageError(f"case file {p}: {key!r} holds a file name that cannot be a "
                             f"path ({exc})") from exc

    kind = data.get("kind", "car")
    if kind not in ("car", "trailer"):
        raise UsageError(f"case file {p}: kind must be 'car' or 'trailer', not {_short(kind)}")
    for key in ("expected_vin", "color"):
        if data.get(key) is not None and not isinstance(data[key], str):
            raise UsageError(f"case file {p}: {key!r} must be text in quotes, not "
                             f"{_short(data[key])}")
    dpi = data.get("dpi")
    if dpi is not None and (isinstance(dpi, bool) or not isinstance(dpi, (int, float))
                            or not 0 < dpi <= 10000):
        raise UsageError(f"case file {p}: 'dpi' must be a resolution between 1 and 10000, "
                         f"not {_short(dpi)}")
    return CaseInput(rubbing_files=files("rubbing_files"), photo_files=files("photo_files"),
                     expected_vin=data.get("expected_vin"), kind=kind, color=data.get("color"),
                     dpi=None if dpi is None else float(dpi),
                     certificate_files=files("certificate_files"))


def _short(value: object) -> str:
    """A value as a message may quote it: JSON, at most 40 characters."""
    text = json.dumps(value, ensure_ascii=True)
    return text if len(text) <= 40 else text[:37] + "..."


def save_case_file(case: CaseInput, path: str | Path) -> Path:
    """Write a case file with paths relative to its folder where possible."""
    p = Path(path)
    base = p.resolve().parent

    def rel(f: str) -> str:
        try:
            return str(Path(f).resolve().relative_to(base))
        except ValueError:
            return str(Path(f).resolve())

    data = {"expected_vin": case.expected_vin, "kind": case.kind, "color": case.color,
            "dpi": case.dpi, "rubbing_files": [rel(f) for f in case.rubbing_files],
            "photo_files": [rel(f) for f in case.photo_files]}
    if case.certificate_files:
        data["certificate_files"] = [rel(f) for f in case.certificate_files]
    p.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    return p
