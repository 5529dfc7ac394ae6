"""The current case of the main window: what a check depends on (``case_key``), whether a
case is the bundled sample (a demonstration, never recorded), and (:class:`CaseModel`) the
result with the inputs it was computed from."""

from __future__ import annotations

from pathlib import Path

from vincheck.errors import VincheckError
from vincheck.inspection import CaseInput


def case_key(case: CaseInput | None) -> tuple | None:
    """What a check depends on, comparable (file paths resolved, VIN upper case)."""
    if case is None:
        return None
    return (tuple(str(Path(f).resolve()) for f in case.rubbing_files),
            tuple(str(Path(f).resolve()) for f in case.photo_files),
            "".join((case.expected_vin or "").split()).upper(), case.kind or "car",
            case.color or None, float(case.dpi) if case.dpi else None)


_SAMPLE_FILES: dict[str, set[str]] = {}  # sample case path -> its resolved files


def sample_case_file() -> Path | None:
    """The bundled sample case, or None when it is not installed."""
    try:
        from vincheck.case_io import sample_case_path

        return sample_case_path()
    except (ImportError, VincheckError):
        return None


def sample_files() -> set[str]:
    """The resolved paths of the bundled sample case's files (empty when not installed)."""
    path = sample_case_file()
    if path is None:
        return set()
    key = str(path)
    if key not in _SAMPLE_FILES:
        try:
            from vincheck.case_io import load_case_file

            _SAMPLE_FILES[key] = {str(Path(f).resolve()) for f in load_case_file(path).files()}
        except Exception:  # noqa: BLE001 - a damaged sample is simply not the case at hand
            return set()
    return _SAMPLE_FILES[key]


def is_sample_case(case: CaseInput | None) -> bool:
    """Whether ``case`` uses any file of the bundled sample case (a demonstration, not a
    vehicle: it is never recorded)."""
    if case is None or not case.files():
        return False
    sample = sample_files()
    return any(str(Path(f).resolve()) in sample for f in case.files())
