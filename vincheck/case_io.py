"""Case files: a JSON description of one vehicle's paperwork, and the bundled sample case.

A case file (``case.json``) holds ``expected_vin``, ``kind``, ``color``, ``dpi`` and the
lists ``rubbing_files`` and ``photo_files``, paths relative to the case file's folder.
"""

from __future__ import annotations

import json
from pathlib import Path

from vincheck.errors import UsageError
from vincheck.inspection import CaseInput
from vincheck.package_data import data_path

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
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise UsageError(f"case file not found: {p}") from exc
    except (OSError, ValueError) as exc:
        raise UsageError(f"case file {p} cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise UsageError(f"case file {p} must hold a JSON object")
    base = p.resolve().parent

    def files(key: str) -> list[str]:
        value = data.get(key) or []
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise UsageError(f"case file {p}: {key!r} must be a list of file names")
        return [str((base / v).resolve()) for v in value]

    kind = data.get("kind", "car")
    if kind not in ("car", "trailer"):
        raise UsageError(f"case file {p}: kind must be 'car' or 'trailer', not {kind!r}")
    return CaseInput(rubbing_files=files("rubbing_files"), photo_files=files("photo_files"),
                     expected_vin=data.get("expected_vin"), kind=kind, color=data.get("color"),
                     dpi=data.get("dpi"), certificate_files=files("certificate_files"))


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
