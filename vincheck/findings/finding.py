"""One rule applied once: :class:`Finding` (reason code, :class:`Status`, measured value,
limit, evidence :class:`Shape` in image pixels), and the :class:`Verdict` and reasons of
a list of findings."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Status(StrEnum):
    """Outcome of one finding."""

    PASS = "pass"
    FAIL = "fail"
    REVIEW = "review"  # the tool is not sure: a person must decide
    SKIPPED = "skipped"  # could not be measured (e.g. DPI unknown); says why in the message


class Verdict(StrEnum):
    """Overall outcome of a sheet, photo or case."""

    PASS = "pass"
    FAIL = "fail"
    REVIEW = "review"


@dataclass(frozen=True)
class Shape:
    """A piece of evidence drawn over an image, in image pixels.

    ``kind`` and ``coords``:

    - ``"box"``: x, y, width, height (axis-aligned)
    - ``"polygon"``: x1, y1, x2, y2, ... (closed; a rotated box has 4 corners)
    - ``"polyline"``: x1, y1, x2, y2, ... (open)
    - ``"circle"``: cx, cy, r
    - ``"point"``: x, y

    ``label`` is short text to draw beside the shape (a character read, a score).
    ``role`` groups shapes for styling (e.g. "char", "start_symbol", "plate", "outline").
    ``page`` is the page index of a multi-page file (0 otherwise).
    """

    kind: str
    coords: tuple[float, ...]
    label: str = ""
    role: str = ""
    page: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "coords": [round(float(c), 2) for c in self.coords],
            "label": self.label,
            "role": self.role,
            "page": self.page,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Shape:
        return cls(
            kind=d["kind"],
            coords=tuple(float(c) for c in d["coords"]),
            label=d.get("label", ""),
            role=d.get("role", ""),
            page=int(d.get("page", 0)),
        )

    @classmethod
    def box(cls, x: float, y: float, w: float, h: float, **kw: Any) -> Shape:
        return cls("box", (x, y, w, h), **kw)

    @classmethod
    def polygon(cls, points: Any, **kw: Any) -> Shape:
        flat = tuple(float(v) for p in points for v in p)
        return cls("polygon", flat, **kw)


@dataclass
class Finding:
    """One rule applied once.

    ``measured`` and ``limit`` are JSON-able values (numbers, strings, small dicts or
    lists); ``unit`` names their unit ("mm", "px", "deg", "ratio", "" for none).
    ``message`` is one plain English sentence; the GUI translates by ``code`` instead.
    """

    code: str
    status: Status
    measured: Any = None
    limit: Any = None
    unit: str = ""
    message: str = ""
    evidence: list[Shape] = field(default_factory=list)
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return self.status is Status.PASS

    @property
    def failed(self) -> bool:
        return self.status is Status.FAIL

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "passed": self.passed,
            "status": str(self.status),
            "measured": _jsonable(self.measured),
            "limit": _jsonable(self.limit),
            "unit": self.unit,
            "message": self.message,
            "evidence": [s.to_dict() for s in self.evidence],
            "details": _jsonable(self.details),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Finding:
        return cls(
            code=d["code"],
            status=Status(d.get("status") or ("pass" if d.get("passed") else "fail")),
            measured=d.get("measured"),
            limit=d.get("limit"),
            unit=d.get("unit", ""),
            message=d.get("message", ""),
            evidence=[Shape.from_dict(s) for s in d.get("evidence", [])],
            details=d.get("details", {}) or {},
        )


def verdict_of(findings: list[Finding]) -> Verdict:
    """Fail if any finding failed, else review if any needs review, else pass.

    SKIPPED findings (not measurable) make the verdict ``review``: the tool could not
    confirm that rule, so a person must.
    """
    statuses = {f.status for f in findings}
    if Status.FAIL in statuses:
        return Verdict.FAIL
    if Status.REVIEW in statuses or Status.SKIPPED in statuses:
        return Verdict.REVIEW
    return Verdict.PASS


def reasons_of(findings: list[Finding]) -> list[str]:
    """Codes of the findings that did not pass, in order, without repeats."""
    out: list[str] = []
    for f in findings:
        if f.status is not Status.PASS and f.code not in out:
            out.append(f.code)
    return out



def _jsonable(v: Any) -> Any:
    """Round floats and turn tuples / numpy scalars into plain JSON values."""
    if v is None or isinstance(v, (bool, str, int)):
        return v
    if isinstance(v, float):
        return round(v, 4)
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if hasattr(v, "item"):  # numpy scalar
        return _jsonable(v.item())
    return str(v)
