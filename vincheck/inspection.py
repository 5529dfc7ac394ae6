"""Run one inspection case: rubbing sheets + photos + expected VIN -> CaseResult.

Knows no Qt: progress goes to a callback ``progress(fraction 0-1, message)`` and
cancellation comes through a :class:`~vincheck.cancel.CancelToken`. The GUI runs this in a
worker thread; the CLI and batch call it directly.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from vincheck.cancel import CancelToken
from vincheck.errors import Cancelled, InputFileError, OcrEngineError, VinError
from vincheck.findings import CaseResult, Finding, SheetResult, Status
from vincheck.settings import Settings

ProgressFn = Callable[[float, str], None]


@dataclass
class CaseInput:
    """What the operator gives for one vehicle. ``dpi`` overrides the files' resolution."""

    rubbing_files: list[str] = field(default_factory=list)
    photo_files: list[str] = field(default_factory=list)
    expected_vin: str | None = None
    kind: str = "car"  # "car" | "trailer"
    color: str | None = None  # one of the ten registration colour names
    dpi: float | None = None
    # scans of the vehicle's certificate (合格证): read for the values above, not checked
    certificate_files: list[str] = field(default_factory=list)

    def files(self) -> list[str]:
        return [*self.rubbing_files, *self.photo_files]


def run_case(
    case: CaseInput,
    settings: Settings | None = None,
    progress: ProgressFn | None = None,
    cancel: CancelToken | None = None,
) -> CaseResult:
    """Check every file of a case. Bad files become entries in ``CaseResult.errors`` (the
    case continues); a missing OCR engine or a cancel stops the case with an exception."""
    from vincheck.photo import check_photo_file
    from vincheck.rubbing import check_rubbing_file

    settings = settings or Settings()
    cancel = cancel or CancelToken()
    report = progress or (lambda _f, _m: None)
    t0 = time.perf_counter()
    expected = _clean_expected(case.expected_vin)
    result = CaseResult(expected_vin=expected, kind=case.kind, color=case.color)
    total = max(1, len(case.files()))
    done = 0
    for path in case.rubbing_files:
        cancel.check()
        report(done / total, f"reading rubbing sheet {Path(path).name}")
        try:
            result.sheets.extend(check_rubbing_file(path, settings, expected_vin=expected,
                                                    dpi=case.dpi, cancel=cancel))
        except (Cancelled, OcrEngineError):
            raise
        except InputFileError as exc:
            result.errors.append({"file": path, "error": str(exc)})
        done += 1
    for path in case.photo_files:
        cancel.check()
        report(done / total, f"checking photo {Path(path).name}")
        try:
            result.photos.extend(check_photo_file(path, settings, kind=case.kind,
                                                  color=case.color, dpi=case.dpi, cancel=cancel))
        except (Cancelled, OcrEngineError):
            raise
        except InputFileError as exc:
            result.errors.append({"file": path, "error": str(exc)})
        done += 1
    result.findings.extend(case_findings(result, expected))
    result.findings.extend(limit_findings(settings))
    result.ms = (time.perf_counter() - t0) * 1000.0
    report(1.0, "done")
    return result


def limit_findings(settings: Settings) -> list[Finding]:
    """A ``custom_limits`` finding (review) when the regulation's own limits were changed
    (the station administrator unlocked them): the record and the report then say so.
    ``measured`` maps each changed setting to its value, ``limit`` to the regulation's."""
    from vincheck.settings import changed_limits

    changed = changed_limits(settings)
    if not changed:
        return []
    return [Finding("custom_limits", Status.REVIEW,
                    measured={k: v for k, (v, _d) in changed.items()},
                    limit={k: d for k, (_v, d) in changed.items()},
                    message="checked with limits other than the regulation's: " + ", ".join(
                        f"{k} {v} (regulation {d})" for k, (v, d) in changed.items()))]


def _clean_expected(vin: str | None) -> str | None:
    """The expected VIN cleaned to 17 characters; kept as typed when it is not a VIN (the
    ``expected_vin`` finding then says why)."""
    if vin is not None and not isinstance(vin, str):
        from vincheck.errors import UsageError

        raise UsageError(f"the expected VIN must be text, not {type(vin).__name__}")
    if not vin or not vin.strip():
        return None
    from vincheck.vin import clean

    return clean(vin)


def case_findings(result: CaseResult, expected: str | None) -> list[Finding]:
    """Case-level findings: the paperwork is complete, and all sheets agree on one VIN
    that matches the expected VIN."""
    out: list[Finding] = []
    if expected is not None:
        from vincheck.vin import validate

        try:
            validate(expected)
        except VinError as exc:
            out.append(Finding("expected_vin", Status.FAIL, measured=expected,
                               limit="valid 17-character VIN",
                               message=f"the expected VIN is not valid: {exc}"))
    has_sheet_error = any(e for e in result.errors)
    if not result.sheets and not has_sheet_error:
        out.append(Finding("missing_rubbing", Status.FAIL, measured=0, limit=">= 1 sheet",
                           message="no VIN rubbing sheet was given"))
    if not result.photos and not has_sheet_error:
        out.append(Finding("missing_photo", Status.FAIL, measured=0, limit=">= 1 photo",
                           message="no exterior photo was given"))
    n_rubbings = sum(len(s.rubbings) for s in result.sheets)
    if result.sheets and n_rubbings < 2:
        out.append(Finding("rubbing_count", Status.REVIEW, measured=n_rubbings, limit=2,
                           message=f"{n_rubbings} rubbing(s) found; the rules call for 2"))
    vins = _distinct_vins(result.sheets)
    if len(result.sheets) > 1 and len(vins) > 1:
        out.append(Finding("copies_differ", Status.FAIL, measured=sorted(vins),
                           limit="one VIN on every sheet",
                           message="the sheets read different VINs: " + ", ".join(sorted(vins))))
    return out


def _distinct_vins(sheets: list[SheetResult]) -> set[str]:
    return {r.vin for s in sheets for r in s.rubbings if r.vin}
