"""Sheet-level findings over all rubbings of a page: ``no_rubbing``, ``copies_differ``
and, with an expected VIN, ``vin_mismatch``."""

from __future__ import annotations

from collections.abc import Sequence

from vincheck.findings import Finding, RubbingResult, Shape, Status


def sheet_findings(rubbings: Sequence[RubbingResult], expected_vin: str | None,
                   page: int = 0) -> list[Finding]:
    """Sheet-level findings: ``no_rubbing``, ``copies_differ`` and (with an expected VIN)
    ``vin_mismatch``."""
    out: list[Finding] = []
    outlines = [Shape("polygon", r.box, role="strip", label=r.vin or "?", page=page)
                for r in rubbings]
    if not rubbings:
        out.append(Finding("no_rubbing", Status.FAIL, measured=0, limit=">= 1", unit="strips",
                           message="no VIN rubbing was found on the sheet"))
        return out
    out.append(Finding("no_rubbing", Status.PASS, measured=len(rubbings), limit=">= 1",
                       unit="strips", message=f"{len(rubbings)} rubbing(s) found",
                       evidence=outlines))
    vins = [r.vin for r in rubbings if r.vin]
    if len(rubbings) >= 2:
        distinct = sorted(set(vins))
        if len(distinct) > 1 and not all(_read_surely(r) for r in rubbings if r.vin):
            # a copy read unsurely may be misread: the difference is for a person to see
            out.append(Finding("copies_differ", Status.REVIEW, measured=distinct,
                               limit="one VIN", message="the rubbings read different VINs: "
                               + ", ".join(distinct) + "; at least one of them was read "
                               "unsurely: compare the copies by eye", evidence=outlines))
        elif len(distinct) > 1:
            out.append(Finding("copies_differ", Status.FAIL, measured=distinct,
                               limit="one VIN", message="the rubbings read different VINs: "
                               + ", ".join(distinct), evidence=outlines))
        elif len(vins) < len(rubbings):
            out.append(Finding("copies_differ", Status.SKIPPED, measured=distinct,
                               limit="one VIN", message="not every rubbing could be read, "
                               "so the copies cannot be compared", evidence=outlines))
        else:
            out.append(Finding("copies_differ", Status.PASS, measured=distinct,
                               limit="one VIN", message="the rubbings read the same VIN",
                               evidence=outlines))
    if expected_vin:
        wrong = sorted({v for v in vins if v != expected_vin})
        if wrong:
            out.append(Finding("vin_mismatch", Status.FAIL, measured=wrong, limit=expected_vin,
                               message=f"read {', '.join(wrong)}, expected {expected_vin}",
                               evidence=outlines))
        elif not vins:
            out.append(Finding("vin_mismatch", Status.SKIPPED, measured=None,
                               limit=expected_vin, message="no VIN could be read to compare "
                               "with the expected VIN", evidence=outlines))
        else:
            out.append(Finding("vin_mismatch", Status.PASS, measured=vins[0],
                               limit=expected_vin, message="the VIN read matches the "
                               "expected VIN", evidence=outlines))
    return out


def _read_surely(r: RubbingResult) -> bool:
    """Whether a rubbing's VIN was read surely (its ``unreadable`` finding passed)."""
    return all(f.status is Status.PASS for f in r.findings if f.code == "unreadable")
