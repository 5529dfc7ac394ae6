"""What a rubbing sheet gave: each character read (:class:`CharRead`), each VIN rubbing on
the sheet with its findings (:class:`RubbingResult`) and the sheet page (:class:`SheetResult`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vincheck.findings.finding import Finding, Verdict, reasons_of, verdict_of


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
