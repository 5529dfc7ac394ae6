"""Sentences for the findings about an exterior photo (GB Annex 1): print size, corners,
aspect, plate, vehicle fill and cut-off, view angle, sharpness, exposure, colour."""

from __future__ import annotations

from typing import Any

from vincheck import rules
from vincheck.finding_text.words import (
    _LANG,
    CORNERS,
    Q,
    _clauses,
    _corner,
    _need_num,
    _sep,
    _side,
    _words,
    deg,
    num,
    pct,
)
from vincheck.findings import Finding, Status


def size_sentence(f: Finding) -> str | None:
    lim = f.limit
    if not isinstance(lim, dict):
        return None
    need = Q.translate("FindingText", "{w} × {h} mm ± {t} mm").format(
        w=f"{_need_num(lim['width']):g}",
        h=f"{_need_num(lim['height']):g}",
        t=f"{_need_num(lim['tolerance']):g}",
    )
    m = f.measured
    if m is None:
        if f.status is Status.REVIEW:
            return Q.translate(
                "FindingText",
                "The print outline could not be measured (required "
                "{need}): check the size by hand.",
            ).format(need=need)
        return None
    if not isinstance(m, dict):
        return None
    got = Q.translate("FindingText", "{w} × {h} mm").format(
        w=num(m["width"], 1), h=num(m["height"], 1)
    )
    if f.status is Status.PASS:
        return Q.translate("FindingText", "The print measures {got}; required {need}.").format(
            got=got, need=need
        )
    if f.status is Status.FAIL:
        return Q.translate(
            "FindingText", "The print measures {got}, outside the required {need}."
        ).format(got=got, need=need)
    if f.status is Status.REVIEW:
        return Q.translate(
            "FindingText",
            "The print measures about {got} (required {need}), but an "
            "edge is unclear against the scanner bed: check by "
            "hand.",
        ).format(got=got, need=need)
    return None


def corner_radius_sentence(f: Finding) -> str | None:
    lim = f.limit
    if not isinstance(lim, dict):
        return None
    r0, tol = _need_num(lim["radius"]), _need_num(lim["tolerance"])
    need = Q.translate("FindingText", "{r} mm ± {t} mm").format(r=f"{r0:g}", t=f"{tol:g}")
    radii = f.measured
    if radii is None:
        if f.status is Status.REVIEW:
            return Q.translate(
                "FindingText",
                "The corners could not be measured (required {need}): check them by hand.",
            ).format(need=need)
        return None
    if not isinstance(radii, list) or len(radii) != len(CORNERS):
        return None
    missing = [_corner(c) for c, r in zip(CORNERS, radii, strict=True) if r is None]
    if missing:
        return Q.translate(
            "FindingText",
            "Corner radius could not be measured at the {corners} corner(s); required {need}.",
        ).format(corners=_words(missing), need=need)
    values = _sep().join(num(r, 1) for r in radii) + " mm"
    if f.status is Status.PASS:
        return Q.translate(
            "FindingText", "All four corner radii ({values}) are within {need}."
        ).format(values=values, need=need)
    if f.status is Status.FAIL:
        bad = [
            _corner(c) for c, r in zip(CORNERS, radii, strict=True) if abs(_need_num(r) - r0) > tol
        ]
        return Q.translate(
            "FindingText",
            "Corner radius out of tolerance at the {corners} corner(s): {values}; required {need}.",
        ).format(corners=_words(bad) or "–", values=values, need=need)
    if f.status is Status.REVIEW:
        return Q.translate(
            "FindingText",
            "Corner radii {values} were not measured reliably (required "
            "{need}): check them by hand.",
        ).format(values=values, need=need)
    return None


def aspect_sentence(f: Finding) -> str | None:
    lim = f.limit
    if not isinstance(lim, dict):
        return None
    a = num(f.measured, 3)
    lo, hi = num(lim["min"], 3), num(lim["max"], 3)
    if f.status is Status.PASS:
        return Q.translate(
            "FindingText", "Long to short side {a}, within {lo}–{hi} (88:60)."
        ).format(a=a, lo=lo, hi=hi)
    if f.status is Status.FAIL:
        return Q.translate(
            "FindingText", "Long to short side {a}, outside {lo}–{hi} (88:60)."
        ).format(a=a, lo=lo, hi=hi)
    return None


def plate_visible_sentence(f: Finding) -> str | None:
    n = int(_need_num(f.measured))
    if f.status is Status.FAIL:
        return Q.translate(
            "FindingText", "{n} number plate(s) visible on the vehicle; none is allowed."
        ).format(n=n)
    if f.status is Status.REVIEW and (f.details or {}).get("other_vehicle_plates"):
        return Q.translate(
            "FindingText", "A number plate is visible on another vehicle, not on the vehicle "
            "photographed: check it by eye.")
    if f.status is Status.REVIEW:
        return Q.translate(
            "FindingText", "Something like a number plate is in the photo: check it by eye."
        )
    if f.status is Status.PASS:
        return Q.translate("FindingText", "No number plate is visible.")
    return None


def _window(lim: Any) -> tuple[float, float]:
    if not isinstance(lim, list) or len(lim) != 2:
        raise TypeError("not a [low, high] window")
    return _need_num(lim[0]), _need_num(lim[1])


def fill_ratio_sentence(f: Finding) -> str | None:
    lo, hi = _window(f.limit)
    window = f"{pct(lo)}–{pct(hi)}"
    if f.measured is None:
        if f.status is Status.REVIEW:
            return Q.translate(
                "FindingText", "No vehicle could be located in the photo: check by eye."
            )
        return None
    fill = _need_num(f.measured)
    if f.status is Status.PASS:
        return Q.translate(
            "FindingText", "The vehicle fills {fill} of the photo (allowed {window})."
        ).format(fill=pct(fill), window=window)
    if f.status is Status.FAIL:
        if fill < lo:
            return Q.translate(
                "FindingText", "The vehicle fills only {fill} of the photo, less than {lo}."
            ).format(fill=pct(fill), lo=pct(lo))
        return Q.translate(
            "FindingText", "The vehicle fills {fill} of the photo, more than {hi}."
        ).format(fill=pct(fill), hi=pct(hi))
    if f.status is Status.REVIEW:
        return Q.translate(
            "FindingText",
            "The vehicle fills about {fill} of the photo (allowed "
            "{window}), but its outline is uncertain: check by "
            "eye.",
        ).format(fill=pct(fill), window=window)
    return None


def vehicle_cut_off_sentence(f: Finding) -> str | None:
    if f.measured is None:
        if f.status is Status.REVIEW:
            return Q.translate(
                "FindingText", "No vehicle could be located in the photo: check by eye."
            )
        return None
    if not isinstance(f.measured, list):
        return None
    if f.status is Status.FAIL and f.measured:
        return Q.translate(
            "FindingText", "The vehicle is cut off at the {sides} of the picture."
        ).format(sides=_words(_side(s) for s in f.measured))
    if f.status is Status.PASS:
        return Q.translate("FindingText", "The whole vehicle is inside the picture.")
    return None


def angle_sentence(f: Finding) -> str | None:
    az = _need_num(f.measured)
    lo, hi = _window(f.limit)
    details = f.details if isinstance(f.details, dict) else {}
    view = rules.view_name(details.get("view"), _LANG.get())
    got = f"{view} {deg(az)}".strip() if view else deg(az)
    need = f"{deg(lo)}–{deg(hi)}"
    if f.status is Status.PASS:
        return Q.translate("FindingText", "Taken from {got} (required {need}).").format(
            got=got, need=need
        )
    if f.status is Status.FAIL:
        return Q.translate("FindingText", "Taken from {got}; required {need}.").format(
            got=got, need=need
        )
    if f.status is Status.REVIEW:
        cues = f.details.get("cues") if isinstance(f.details, dict) else None
        if isinstance(cues, dict) and cues.get("side_on_wheels"):
            return Q.translate(
                "FindingText",
                "Probably taken from {got} (required {need}), but two wheels look "
                "nearly round: the camera may stand far to the side. Check by eye.",
            ).format(got=got, need=need)
        if isinstance(cues, dict) and cues.get("end_disagreement"):
            return Q.translate(
                "FindingText",
                "Probably taken from {got} (required {need}), but the lamps point to the "
                "other end of the vehicle: check by eye whether its front or its rear "
                "faces the camera.",
            ).format(got=got, need=need)
        return Q.translate(
            "FindingText",
            "Probably taken from {got} (required {need}), but the "
            "estimate is uncertain: check by eye.",
        ).format(got=got, need=need)
    return None


def blurry_sentence(f: Finding) -> str | None:
    lim = f.limit
    if not isinstance(lim, dict):
        return None
    max_px = num(lim["max_edge_blur_px"], 1)
    if f.measured is None:
        if f.status is Status.REVIEW:
            return Q.translate(
                "FindingText", "Too few edges in the picture to judge its sharpness: check by eye."
            )
        return None
    blur = num(f.measured, 1)
    if f.status is Status.PASS:
        return Q.translate("FindingText", "Edges blurred by {blur} px (at most {max} px).").format(
            blur=blur, max=max_px
        )
    if f.status is Status.FAIL:
        return Q.translate(
            "FindingText", "The photo is blurred: edges spread over {blur} px, more than {max} px."
        ).format(blur=blur, max=max_px)
    return None


def exposure_sentence(f: Finding) -> str | None:
    m, lim = f.measured, f.limit
    if not isinstance(m, dict) or not isinstance(lim, dict):
        return None
    luma = _need_num(m["mean_luma"])
    low, high = _need_num(m["clipped_low"]), _need_num(m["clipped_high"])
    max_clip = _need_num(lim["max_clipped_share"])
    lo, hi = _window(lim["mean_luma"])
    if f.status is Status.PASS:
        return Q.translate(
            "FindingText",
            "Well exposed: mean brightness {luma} (allowed {lo}–{hi}), {clip} of pixels clipped.",
        ).format(luma=f"{luma:.0f}", lo=f"{lo:.0f}", hi=f"{hi:.0f}", clip=pct(low + high))
    if f.status is not Status.FAIL:
        return None
    bad = []
    on_vehicle = (f.details or {}).get("clipping_measured_on") == "vehicle"
    if high > max_clip:
        text = (Q.translate("FindingText", "{v} of the vehicle blown out (limit {lim})")
                if on_vehicle else
                Q.translate("FindingText", "{v} of pixels blown out (limit {lim})"))
        bad.append(text.format(v=pct(high), lim=pct(max_clip)))
    if low > max_clip:
        text = (Q.translate("FindingText", "{v} of the vehicle crushed to black (limit {lim})")
                if on_vehicle else
                Q.translate("FindingText", "{v} of pixels crushed to black (limit {lim})"))
        bad.append(text.format(v=pct(low), lim=pct(max_clip)))
    if luma < lo:
        bad.append(
            Q.translate("FindingText", "too dark (mean brightness {v}, at least {lim})").format(
                v=f"{luma:.0f}", lim=f"{lo:.0f}"
            )
        )
    if luma > hi:
        bad.append(
            Q.translate("FindingText", "too bright (mean brightness {v}, at most {lim})").format(
                v=f"{luma:.0f}", lim=f"{hi:.0f}"
            )
        )
    if not bad:
        return None
    return Q.translate("FindingText", "Badly exposed: {problems}.").format(
        problems=_clauses().join(bad)
    )


def color_mismatch_sentence(f: Finding) -> str | None:
    known = set(rules.COLOURS)

    def colour_name(code: str) -> str:
        return rules.colour_name(code, _LANG.get())

    got, want = f.measured, f.limit
    if got is not None and got not in known or want is not None and want not in known:
        return None
    if got is None:
        if (f.details or {}).get("greyscale"):
            if f.status is Status.FAIL:
                return Q.translate(
                    "FindingText", "The picture is black-and-white: a colour photo is required."
                )
            return Q.translate(
                "FindingText",
                "The scan is black-and-white: if the print is in colour, scan it again in "
                "colour.",
            )
        if f.status is Status.REVIEW:
            return Q.translate(
                "FindingText", "The body colour could not be determined: check by eye."
            )
        return None
    if f.status is Status.PASS:
        if want is None:
            return Q.translate(
                "FindingText", "The body colour reads as {got}; the papers give no colour."
            ).format(got=colour_name(got))
        return Q.translate("FindingText", "The body colour {got} matches the papers.").format(
            got=colour_name(got)
        )
    if want is None:
        return None
    if f.status is Status.FAIL:
        return Q.translate(
            "FindingText", "The body colour reads as {got}, but the papers say {want}."
        ).format(got=colour_name(got), want=colour_name(want))
    if f.status is Status.REVIEW:
        return Q.translate(
            "FindingText",
            "The body colour probably reads as {got}, but the papers say {want}: check by eye.",
        ).format(got=colour_name(got), want=colour_name(want))
    return None
