"""Findings: what every rule reports, and the results built from them.

A :class:`Finding` is one rule applied once: a stable reason ``code``, a :class:`Status`,
the value measured, the limit applied and the evidence (shapes in image pixel
coordinates) that lets an operator see why. Results (:class:`RubbingResult`,
:class:`SheetResult`, :class:`PhotoResult`, :class:`CaseResult`) are lists of findings
plus what was read; their verdict is derived from the findings, never stored apart.

All coordinates are pixels of the *loaded* image (after EXIF orientation), x to the
right, y down. Everything converts to plain JSON with ``to_dict`` and back with
``from_dict``.

Modules: :mod:`~vincheck.findings.finding` (Finding, Status, Shape, Verdict),
:mod:`~vincheck.findings.rubbing` (characters, rubbings, sheets),
:mod:`~vincheck.findings.photo` (plates, photos) and :mod:`~vincheck.findings.case`
(decisions, the case result).
"""

from vincheck.findings.case import CaseResult, Decision
from vincheck.findings.finding import (
    Finding,
    Shape,
    Status,
    Verdict,
    _jsonable,
    reasons_of,
    verdict_of,
)
from vincheck.findings.photo import PhotoResult, PlateRead
from vincheck.findings.rubbing import CharRead, RubbingResult, SheetResult

__all__ = [
    "CaseResult", "CharRead", "Decision", "Finding", "PhotoResult", "PlateRead",
    "RubbingResult", "Shape", "SheetResult", "Status", "Verdict", "_jsonable", "reasons_of",
    "verdict_of",
]
