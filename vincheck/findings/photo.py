"""What an exterior photo gave: the plates read on it (:class:`PlateRead`) and the photo's
findings and measurements (:class:`PhotoResult`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vincheck.findings.finding import Finding, Verdict, reasons_of, verdict_of


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
