"""Findings ``size``, ``corner_radius`` and ``aspect`` of a measured print."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from vincheck.findings import Finding, Shape, Status
from vincheck.photo.print_format.geometry import PrintGeometry
from vincheck.photo.print_format.measure import PrintMeasurement
from vincheck.settings import PhotoSettings

CORNER_NAMES = ("top_left", "top_right", "bottom_right", "bottom_left")
MAX_ARC_RMS_PX = 0.5  # px: corner arcs fitted worse than this are sent to review
MAX_SIDE_RMS_PX = 0.5  # px: a side's edge points scattered more than this: not trusted
MIN_SIDE_SHARE = 0.4  # share of a side's probes that must find the edge to trust the side
SIDE_NAMES = ("top", "right", "bottom", "left")


def aspect_window(settings: PhotoSettings) -> tuple[float, float, float]:
    """Nominal long:short aspect and the window allowed by the mm tolerances:
    (88 - 0.5) / (60 + 0.5) .. (88 + 0.5) / (60 - 0.5), i.e. 1.4463 .. 1.4874 (+-1.4 %)
    at the defaults."""
    w, h, t = settings.print_width_mm, settings.print_height_mm, settings.print_size_tolerance_mm
    return w / h, (w - t) / (h + t), (w + t) / (h - t)


@dataclass(frozen=True)
class _Limits:
    """The limits the findings carry: the aspect window (long:short), the print size and
    the corner radius (mm)."""

    lo: float
    hi: float
    aspect: dict[str, float]
    size: dict[str, float]
    radius: dict[str, float]

    @classmethod
    def of(cls, settings: PhotoSettings) -> _Limits:
        nominal, lo, hi = aspect_window(settings)
        return cls(lo, hi,
                   {"nominal": round(nominal, 4), "min": round(lo, 4), "max": round(hi, 4)},
                   {"width": settings.print_width_mm, "height": settings.print_height_mm,
                    "tolerance": settings.print_size_tolerance_mm},
                   {"radius": settings.corner_radius_mm,
                    "tolerance": settings.corner_radius_tolerance_mm})


def judge_print(m: PrintMeasurement, image_size: tuple[int, int],
                settings: PhotoSettings) -> list[Finding]:
    """Findings ``size``, ``corner_radius`` and ``aspect`` for a measured print."""
    lim = _Limits.of(settings)
    outline = Shape.polygon([(m.picture_box[i], m.picture_box[i + 1])
                             for i in range(0, len(m.picture_box), 2)], role="outline")
    if not m.is_scan:
        return _judge_digital(image_size, lim, outline)
    geom = m.geometry
    if geom is None:
        msg = f"could not be measured: {m.note}"
        return [Finding("size", Status.REVIEW, limit=lim.size, unit="mm", message=msg,
                        evidence=[outline]),
                Finding("corner_radius", Status.REVIEW, limit=lim.radius, unit="mm",
                        message=msg, evidence=[outline])]
    long_px, short_px = max(geom.width_px, geom.height_px), min(geom.width_px, geom.height_px)
    details = {"width_px": round(long_px, 2), "height_px": round(short_px, 2),
               "angle_deg": round(geom.angle_deg, 2),
               "side_rms_px": [round(v, 3) for v in geom.side_rms_px],
               "side_points": geom.side_points}
    circles = [Shape("circle", (c[0], c[1], r), label=CORNER_NAMES[k], role="corner")
               for k, (c, r) in enumerate(zip(geom.centres, geom.radii_px, strict=True))
               if c is not None and r is not None]
    if m.width_mm is None or m.height_mm is None or m.corner_radii_mm is None:
        return _judge_without_dpi(long_px / short_px, lim, outline, circles, details)
    return [_size_finding(m, geom, settings, lim, outline, details),
            _corner_finding(m, geom, settings, lim, circles)]


def _judge_digital(image_size: tuple[int, int], lim: _Limits, outline: Shape) -> list[Finding]:
    """A digital file: its aspect only; size and corners cannot be measured."""
    iw, ih = image_size
    aspect = max(iw, ih) / max(1, min(iw, ih))
    ok = lim.lo <= aspect <= lim.hi
    why = "could not be measured: digital file (no print outline on a scanner bed)"
    return [Finding("aspect", Status.PASS if ok else Status.FAIL, measured=round(aspect, 4),
                    limit=lim.aspect, unit="ratio",
                    message=(f"digital file aspect {aspect:.4f} (long:short); 88:60 within "
                             f"the size tolerance allows {lim.lo:.4f}-{lim.hi:.4f}"),
                    evidence=[outline]),
            Finding("size", Status.SKIPPED, limit=lim.size, unit="mm", message=why),
            Finding("corner_radius", Status.SKIPPED, limit=lim.radius, unit="mm",
                    message=why)]


def _judge_without_dpi(aspect: float, lim: _Limits, outline: Shape, circles: list[Shape],
                       details: dict[str, Any]) -> list[Finding]:
    """A scan of unknown DPI: size and corners skipped, the print's aspect judged."""
    msg = "could not be measured: DPI unknown (give the scan resolution with --dpi)"
    ok = lim.lo <= aspect <= lim.hi
    return [Finding("size", Status.SKIPPED, limit=lim.size, unit="mm", message=msg,
                    evidence=[outline], details=details),
            Finding("corner_radius", Status.SKIPPED, limit=lim.radius, unit="mm",
                    message=msg, evidence=circles),
            Finding("aspect", Status.PASS if ok else Status.FAIL, measured=round(aspect, 4),
                    limit=lim.aspect, unit="ratio",
                    message=(f"print aspect {aspect:.4f} (long:short), allowed "
                             f"{lim.lo:.4f}-{lim.hi:.4f}"),
                    evidence=[outline], details=details)]


def _size_finding(m: PrintMeasurement, geom: PrintGeometry, settings: PhotoSettings,
                  lim: _Limits, outline: Shape, details: dict[str, Any]) -> Finding:
    """``size``: width and height within the tolerance; review when a side's edge is
    unclear against the bed (too scattered or too few edge points)."""
    assert m.width_mm is not None and m.height_mm is not None
    tol = settings.print_size_tolerance_mm
    probes = geom.side_probes or geom.side_points
    unclear = [SIDE_NAMES[k] for k in range(4)
               if geom.side_rms_px[k] > MAX_SIDE_RMS_PX
               or geom.side_points[k] < MIN_SIDE_SHARE * max(1, probes[k])]
    dw = m.width_mm - settings.print_width_mm
    dh = m.height_mm - settings.print_height_mm
    ok = abs(dw) <= tol and abs(dh) <= tol
    size_status = Status.PASS if ok else Status.FAIL
    size_msg = ""
    if unclear:
        # picture content matching the bed colour along a side: the edge is not seen
        size_status = Status.REVIEW
        size_msg = ("; the print's edge is unclear against the scanner bed at the "
                    + ", ".join(unclear) + " (rescan on a contrasting bed or check by hand)")
        details["unclear_sides"] = unclear
    return Finding(
        "size", size_status,
        measured={"width": round(m.width_mm, 3), "height": round(m.height_mm, 3)},
        limit=lim.size, unit="mm",
        message=(f"print measures {m.width_mm:.2f} x {m.height_mm:.2f} mm; required "
                 f"{settings.print_width_mm:g} x {settings.print_height_mm:g} +- {tol:g} mm"
                 + size_msg),
        evidence=[outline], details=details)


def _corner_finding(m: PrintMeasurement, geom: PrintGeometry, settings: PhotoSettings,
                    lim: _Limits, circles: list[Shape]) -> Finding:
    """``corner_radius``: all four radii within the tolerance; review for a corner not
    fitted, not a circular arc (free fit disagrees) or seen unclearly (large residual)."""
    radii = m.corner_radii_mm
    assert radii is not None
    rtol = settings.corner_radius_tolerance_mm
    ppm = (m.dpi or 1.0) / 25.4
    free_mm = [None if r is None else round(r / ppm, 3) for r in geom.free_radii_px]
    rdetails: dict[str, Any] = {"free_fit_mm": free_mm, "corners": list(CORNER_NAMES)}
    if any(r is None for r in radii):
        missing = [CORNER_NAMES[k] for k, r in enumerate(radii) if r is None]
        return Finding(
            "corner_radius", Status.REVIEW,
            measured=[None if r is None else round(r, 3) for r in radii], limit=lim.radius,
            unit="mm", message="could not fit the corner(s): " + ", ".join(missing),
            evidence=circles, details=rdetails)
    sure = [r for r in radii if r is not None]
    bad = [CORNER_NAMES[k] for k, r in enumerate(sure)
           if abs(r - settings.corner_radius_mm) > rtol]
    # the free circle fit disagreeing strongly means the corner is not a circular arc
    # and a large residual means the arc was not seen cleanly (picture content matching
    # the bed colour at that corner): the value is then not trusted
    rms_px = geom.arc_rms_px or [None] * 4
    odd = [CORNER_NAMES[k] for k, (r, f, e) in enumerate(zip(sure, free_mm, rms_px,
                                                              strict=True))
           if (f is not None and abs(f - r) > max(3 * rtol, 0.1 * r))
           or (e is not None and e > MAX_ARC_RMS_PX)]
    rdetails["arc_rms_px"] = [None if e is None else round(e, 3) for e in rms_px]
    bad_sure = [c for c in bad if c not in odd]
    status = Status.FAIL if bad_sure else (Status.REVIEW if odd else Status.PASS)
    if bad_sure:
        msg = "corner radius out of tolerance at " + ", ".join(bad_sure)
    elif odd:
        msg = ("corner not measured reliably (unclear outline or not a circular arc) at "
               + ", ".join(odd))
    else:
        msg = "all four corner radii within tolerance"
    msg += (": " + ", ".join(f"{r:.2f}" for r in sure)
            + f" mm; required {settings.corner_radius_mm:g} +- {rtol:g} mm")
    return Finding("corner_radius", status, measured=[round(r, 3) for r in sure],
                   limit=lim.radius, unit="mm", message=msg, evidence=circles,
                   details=rdetails)
