"""Findings: what every rule reports, and the results built from them.

A :class:`Finding` is one rule applied once: a stable reason ``code``, a :class:`Status`,
the value measured, the limit applied and the evidence (shapes in image pixel
coordinates) that lets an operator see why. Results (:class:`RubbingResult`,
:class:`SheetResult`, :class:`PhotoResult`, :class:`CaseResult`) are lists of findings
plus what was read; their verdict is derived from the findings, never stored apart.

All coordinates are pixels of the *loaded* image (after EXIF orientation), x to the
right, y down. Everything converts to plain JSON with ``to_dict`` and back with
``from_dict``.
"""

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


@dataclass
class CharRead:
    """One character cell of a rubbing: the box, the character chosen, its confidence 0-1,
    and the alternatives the OCR offered (char -> score)."""

    char: str
    confidence: float
    box: tuple[float, ...]  # polygon x1,y1,...,x4,y4 in sheet pixels
    alternatives: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "char": self.char,
            "confidence": round(float(self.confidence), 4),
            "box": [round(float(c), 2) for c in self.box],
            "alternatives": {k: round(float(v), 4) for k, v in self.alternatives.items()},
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CharRead:
        return cls(
            char=d["char"],
            confidence=float(d["confidence"]),
            box=tuple(float(c) for c in d["box"]),
            alternatives={k: float(v) for k, v in d.get("alternatives", {}).items()},
        )


@dataclass
class RubbingResult:
    """One rubbing strip found on a sheet.

    ``box`` is the strip's rotated outline (4 corners, sheet pixels); ``vin`` is the
    17 characters chosen or None when unreadable; ``raw`` is what the OCR read before
    the VIN rules were applied.
    """

    box: tuple[float, ...]
    vin: str | None
    confidence: float
    findings: list[Finding] = field(default_factory=list)
    chars: list[CharRead] = field(default_factory=list)
    raw: str = ""
    page: int = 0

    @property
    def verdict(self) -> Verdict:
        return verdict_of(self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {
            "vin": self.vin,
            "confidence": round(float(self.confidence), 4),
            "box": [round(float(c), 2) for c in self.box],
            "page": self.page,
            "raw": self.raw,
            "verdict": str(self.verdict),
            "findings": [f.to_dict() for f in self.findings],
            "chars": [c.to_dict() for c in self.chars],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RubbingResult:
        return cls(
            box=tuple(float(c) for c in d["box"]),
            vin=d.get("vin"),
            confidence=float(d.get("confidence", 0.0)),
            findings=[Finding.from_dict(f) for f in d.get("findings", [])],
            chars=[CharRead.from_dict(c) for c in d.get("chars", [])],
            raw=d.get("raw", ""),
            page=int(d.get("page", 0)),
        )


@dataclass
class SheetResult:
    """A scanned sheet (one file, or one page of a multi-page TIFF) of rubbings.

    ``findings`` holds the sheet-level findings (``copies_differ``, ``vin_mismatch``,
    ``no_rubbing`` ...); the verdict also counts every rubbing's findings.
    """

    file: str
    rubbings: list[RubbingResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    page: int = 0
    dpi: float | None = None
    image_size: tuple[int, int] = (0, 0)  # width, height in px
    ms: float = 0.0

    def all_findings(self) -> list[Finding]:
        out: list[Finding] = []
        for r in self.rubbings:
            out.extend(r.findings)
        out.extend(self.findings)
        return out

    @property
    def verdict(self) -> Verdict:
        return verdict_of(self.all_findings())

    @property
    def reasons(self) -> list[str]:
        return reasons_of(self.all_findings())

    @property
    def vin(self) -> str | None:
        """The VIN the sheet's rubbings agree on, or None."""
        vins = {r.vin for r in self.rubbings}
        if len(vins) == 1:
            return next(iter(vins))
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "page": self.page,
            "verdict": str(self.verdict),
            "vin": self.vin,
            "reasons": self.reasons,
            "dpi": self.dpi,
            "image_size": list(self.image_size),
            "rubbings": [r.to_dict() for r in self.rubbings],
            "findings": [f.to_dict() for f in self.findings],
            "ms": round(float(self.ms), 1),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> SheetResult:
        return cls(
            file=d["file"],
            rubbings=[RubbingResult.from_dict(r) for r in d.get("rubbings", [])],
            findings=[Finding.from_dict(f) for f in d.get("findings", [])],
            page=int(d.get("page", 0)),
            dpi=d.get("dpi"),
            image_size=tuple(d.get("image_size", (0, 0))),  # type: ignore[arg-type]
            ms=float(d.get("ms", 0.0)),
        )


@dataclass
class PlateRead:
    """A licence plate found in a photo: rotated outline (4 corners, px), text, score 0-1;
    ``on_vehicle``: on the vehicle photographed (False: on another vehicle, None: not
    judged, as when no vehicle was found)."""

    box: tuple[float, ...]
    text: str
    score: float
    color: str = ""
    on_vehicle: bool | None = None

    def label(self) -> str:
        """The label of its outline on the image: the text (else the score), and
        "(other vehicle)" when it is on another vehicle than the one photographed."""
        text = self.text or f"{self.score:.2f}"
        return text + " (other vehicle)" if self.on_vehicle is False else text

    def to_dict(self) -> dict[str, Any]:
        d = {
            "box": [round(float(c), 2) for c in self.box],
            "text": self.text,
            "score": round(float(self.score), 4),
            "color": self.color,
        }
        if self.on_vehicle is not None:
            d["on_vehicle"] = bool(self.on_vehicle)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PlateRead:
        return cls(
            box=tuple(float(c) for c in d["box"]),
            text=d.get("text", ""),
            score=float(d.get("score", 0.0)),
            color=d.get("color", ""),
            on_vehicle=d.get("on_vehicle"),
        )


@dataclass
class PhotoResult:
    """The exterior photo, from a print scan or a digital file.

    ``picture_box`` is where the picture lies in the loaded image (the whole image for a
    digital file, the print's outline for a scan); photo measurements below are in the
    loaded image's pixels.
    """

    file: str
    findings: list[Finding] = field(default_factory=list)
    is_scan: bool = False
    view: str | None = None
    azimuth_deg: float | None = None
    fill_ratio: float | None = None
    vehicle_box: tuple[float, ...] | None = None  # x, y, w, h px
    plates: list[PlateRead] = field(default_factory=list)
    color: str | None = None  # one of the ten registration colour names (Chinese)
    color_confidence: float | None = None
    width_mm: float | None = None
    height_mm: float | None = None
    corner_radii_mm: list[float] | None = None
    picture_box: tuple[float, ...] | None = None  # polygon of the picture in the image
    dpi: float | None = None
    image_size: tuple[int, int] = (0, 0)
    ms: float = 0.0
    page: int = 0

    @property
    def verdict(self) -> Verdict:
        return verdict_of(self.findings)

    @property
    def reasons(self) -> list[str]:
        return reasons_of(self.findings)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "file": self.file,
            "page": self.page,
            "verdict": str(self.verdict),
            "reasons": self.reasons,
            "findings": [f.to_dict() for f in self.findings],
            "is_scan": self.is_scan,
            "view": self.view,
            "azimuth_deg": None if self.azimuth_deg is None else round(self.azimuth_deg, 1),
            "fill_ratio": None if self.fill_ratio is None else round(self.fill_ratio, 4),
            "vehicle_box": None if self.vehicle_box is None else [round(float(c), 1)
                                                                  for c in self.vehicle_box],
            "plates": [p.to_dict() for p in self.plates],
            "color": self.color,
            "color_confidence": self.color_confidence,
            "picture_box": None if self.picture_box is None else [round(float(c), 2)
                                                                  for c in self.picture_box],
            "dpi": self.dpi,
            "image_size": list(self.image_size),
            "ms": round(float(self.ms), 1),
        }
        if self.is_scan:
            d["width_mm"] = self.width_mm
            d["height_mm"] = self.height_mm
            d["corner_radii_mm"] = self.corner_radii_mm
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> PhotoResult:
        vb = d.get("vehicle_box")
        pb = d.get("picture_box")
        return cls(
            file=d["file"],
            findings=[Finding.from_dict(f) for f in d.get("findings", [])],
            is_scan=bool(d.get("is_scan", False)),
            view=d.get("view"),
            azimuth_deg=d.get("azimuth_deg"),
            fill_ratio=d.get("fill_ratio"),
            vehicle_box=None if vb is None else tuple(float(c) for c in vb),
            plates=[PlateRead.from_dict(p) for p in d.get("plates", [])],
            color=d.get("color"),
            color_confidence=d.get("color_confidence"),
            width_mm=d.get("width_mm"),
            height_mm=d.get("height_mm"),
            corner_radii_mm=d.get("corner_radii_mm"),
            picture_box=None if pb is None else tuple(float(c) for c in pb),
            dpi=d.get("dpi"),
            image_size=tuple(d.get("image_size", (0, 0))),  # type: ignore[arg-type]
            ms=float(d.get("ms", 0.0)),
            page=int(d.get("page", 0)),
        )


@dataclass
class Decision:
    """An operator's accept/reject of a finding that needed review."""

    code: str
    accepted: bool
    operator: str
    note: str = ""
    time: str = ""  # ISO 8601
    target: str = ""  # which file / rubbing the finding belongs to

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Decision:
        return cls(**d)


@dataclass
class CaseResult:
    """One vehicle's paperwork: every sheet and photo checked, plus case-level findings
    (``vin_mismatch`` across sheets, ``missing_rubbing``, ``missing_photo`` ...)."""

    expected_vin: str | None
    kind: str  # "car" | "trailer"
    color: str | None
    sheets: list[SheetResult] = field(default_factory=list)
    photos: list[PhotoResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)  # {"file", "error"} per bad input
    ms: float = 0.0

    def all_findings(self) -> list[Finding]:
        out: list[Finding] = []
        for s in self.sheets:
            out.extend(s.all_findings())
        for p in self.photos:
            out.extend(p.findings)
        out.extend(self.findings)
        return out

    @property
    def verdict(self) -> Verdict:
        """Verdict from the findings; a file that could not be read makes it ``review``
        at best. Operator decisions are applied by :meth:`decided_verdict`."""
        v = verdict_of(self.all_findings())
        if self.errors and v is Verdict.PASS:
            return Verdict.REVIEW
        return v

    @property
    def reasons(self) -> list[str]:
        return reasons_of(self.all_findings())

    def targeted_findings(self) -> list[tuple[str, Finding]]:
        """Every finding with the name of what it belongs to, as decisions refer to it:
        ``"case"``, ``"<file>#r<n>"`` for the n-th rubbing on a sheet, ``"<file>"`` for a
        sheet or photo (``"<file> p<k>"`` for page k > 1 of a multi-page file)."""
        out: list[tuple[str, Finding]] = [("case", f) for f in self.findings]
        for s in self.sheets:
            name = _target_name(s.file, s.page)
            for ri, r in enumerate(s.rubbings):
                out.extend((f"{name}#r{ri + 1}", f) for f in r.findings)
            out.extend((name, f) for f in s.findings)
        for p in self.photos:
            name = _target_name(p.file, p.page)
            out.extend((name, f) for f in p.findings)
        return out

    def decided_verdict(self) -> Verdict:
        """The verdict after operator decisions: a ``review`` finding the operator accepted
        counts as passed, one rejected counts as failed. Failures stay failures. A decision
        with a ``target`` applies to that rubbing / file only, one without to its code."""
        v = self.verdict
        if v is not Verdict.REVIEW:
            return v
        pending = False
        for target, f in self.targeted_findings():
            if f.status not in (Status.REVIEW, Status.SKIPPED):
                continue
            d = self._decision_for(f.code, target)
            if d is None:
                pending = True
            elif not d.accepted:
                return Verdict.FAIL
        for e in self.errors:
            d = self._decision_for("input_error", e.get("file", ""))
            if d is None:
                pending = True
            elif not d.accepted:
                return Verdict.FAIL
        return Verdict.REVIEW if pending else Verdict.PASS

    def open_findings(self) -> list[Finding]:
        """The findings still standing after operator decisions: every finding but the
        ``review`` / ``skipped`` ones the operator accepted (a rejected one stands, as a
        failure)."""
        out: list[Finding] = []
        for target, f in self.targeted_findings():
            d = (self._decision_for(f.code, target)
                 if f.status in (Status.REVIEW, Status.SKIPPED) else None)
            if d is None or not d.accepted:
                out.append(f)
        return out

    def _decision_for(self, code: str, target: str) -> Decision | None:
        found = None
        for d in self.decisions:  # the latest decision wins
            if d.code == code and d.target in ("", target):
                found = d
        return found

    @property
    def vins_read(self) -> list[str]:
        out: list[str] = []
        for s in self.sheets:
            for r in s.rubbings:
                if r.vin and r.vin not in out:
                    out.append(r.vin)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "expected_vin": self.expected_vin,
            "kind": self.kind,
            "color": self.color,
            "verdict": str(self.verdict),
            "reasons": self.reasons,
            "vins_read": self.vins_read,
            "sheets": [s.to_dict() for s in self.sheets],
            "photos": [p.to_dict() for p in self.photos],
            "findings": [f.to_dict() for f in self.findings],
            "decisions": [d.to_dict() for d in self.decisions],
            "errors": list(self.errors),
            "ms": round(float(self.ms), 1),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CaseResult:
        return cls(
            expected_vin=d.get("expected_vin"),
            kind=d.get("kind", "car"),
            color=d.get("color"),
            sheets=[SheetResult.from_dict(s) for s in d.get("sheets", [])],
            photos=[PhotoResult.from_dict(p) for p in d.get("photos", [])],
            findings=[Finding.from_dict(f) for f in d.get("findings", [])],
            decisions=[Decision.from_dict(x) for x in d.get("decisions", [])],
            errors=list(d.get("errors", [])),
            ms=float(d.get("ms", 0.0)),
        )


def _target_name(file: str, page: int) -> str:
    from pathlib import Path

    return Path(file).name + (f" p{page + 1}" if page else "")


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
