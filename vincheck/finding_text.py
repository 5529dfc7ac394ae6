"""One sentence per finding in Chinese or English, built from its code, status, measured
value, limit and unit (never from the core's English ``message``): the checklist of the
window, the PDF report and the CLI's text use the same sentences.

Each reason code has a builder that knows the shape of its ``measured`` / ``limit``
(numbers, lists, small dicts — see ``vincheck/rubbing/judge.py`` and ``vincheck/photo``)
and fills a translatable template, e.g. ``"Characters are {h} high, below the {min}
minimum."`` -> "字符高度 6.2 mm，低于 7.0 mm 的下限。". A builder returns None for a status
or a shape it does not know; :func:`finding_sentence` then returns None and the caller
falls back to the rule's plain explanation (:mod:`vincheck.rules`).

Templates are written in English inside ``Q.translate("FindingText", …)``; the Chinese
is in :mod:`vincheck.finding_text_zh`. No Qt: ``Q`` looks the template up for the
language :func:`finding_sentence` was asked for.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from numbers import Real
from typing import Any

from vincheck import rules
from vincheck.finding_text_zh import FINDING_ZH
from vincheck.findings import Finding, Status

_LANG: ContextVar[str] = ContextVar("finding_text_language", default="zh_CN")


class Q:
    """``Q.translate(context, english)``: the template in the language being written."""

    @staticmethod
    def translate(_context: str, text: str) -> str:
        if _LANG.get().startswith("zh"):
            return FINDING_ZH.get(text, text)
        return text

CTX = "FindingText"

Builder = Callable[[Finding], "str | None"]


# --- value formatting (language-neutral; units are SI symbols) --------------------------
def _is_num(v: Any) -> bool:
    return isinstance(v, Real) and not isinstance(v, bool)


def _need_num(v: Any) -> float:
    if not _is_num(v):
        raise TypeError(f"not a number: {v!r}")
    return float(v)


def mm(v: Any, digits: int = 1) -> str:
    """Millimetres, e.g. ``6.2 mm``."""
    return f"{_need_num(v):.{digits}f} mm"


def pct(v: Any) -> str:
    """A share 0-1 as percent, e.g. ``62%``."""
    return f"{_need_num(v) * 100:.0f}%"


def deg(v: Any) -> str:
    """Degrees, e.g. ``41°``."""
    return f"{_need_num(v):.0f}°"


def num(v: Any, digits: int = 2) -> str:
    return f"{_need_num(v):.{digits}f}"


def _sep() -> str:
    """Separator between listed items ("、" in Chinese)."""
    return Q.translate("FindingText", ", ")


def _clauses() -> str:
    """Separator between clauses ("；" in Chinese)."""
    return Q.translate("FindingText", "; ")


def _words(items: Iterable[Any]) -> str:
    return _sep().join(str(i) for i in items)


_SIDE_TEXT = {
    "left": lambda: Q.translate("FindingText", "left side"),
    "right": lambda: Q.translate("FindingText", "right side"),
    "top": lambda: Q.translate("FindingText", "top"),
    "bottom": lambda: Q.translate("FindingText", "bottom"),
}
_CORNER_TEXT = {
    "top_left": lambda: Q.translate("FindingText", "top left"),
    "top_right": lambda: Q.translate("FindingText", "top right"),
    "bottom_right": lambda: Q.translate("FindingText", "bottom right"),
    "bottom_left": lambda: Q.translate("FindingText", "bottom left"),
}
CORNERS = ("top_left", "top_right", "bottom_right", "bottom_left")


def _side(name: str) -> str:
    f = _SIDE_TEXT.get(name)
    if f is None:
        raise KeyError(name)
    return f()


def _corner(name: str) -> str:
    return _CORNER_TEXT[name]()


# --- case ------------------------------------------------------------------------------
def _expected_vin(f: Finding) -> str | None:
    if f.status is Status.FAIL and isinstance(f.measured, str):
        return Q.translate("FindingText", "The expected VIN {vin} is not a valid VIN.").format(
            vin=f.measured
        )
    return None


def _missing_rubbing(f: Finding) -> str | None:
    if f.status is Status.FAIL:
        return Q.translate("FindingText", "No VIN rubbing sheet was given.")
    return None


def _missing_photo(f: Finding) -> str | None:
    if f.status is Status.FAIL:
        return Q.translate("FindingText", "No exterior photo was given.")
    return None


def _rubbing_count(f: Finding) -> str | None:
    n = int(_need_num(f.measured))
    need = int(_need_num(f.limit))
    return Q.translate("FindingText", "{n} rubbing(s) found; the rules call for {need}.").format(
        n=n, need=need
    )


def _input_error(f: Finding) -> str | None:
    name = f.measured if isinstance(f.measured, str) and f.measured else None
    if name is None:
        return None
    return Q.translate("FindingText", "{file} could not be read; see the message above.").format(
        file=name
    )


def _copies_differ(f: Finding) -> str | None:
    vins = f.measured
    if f.status is Status.SKIPPED:
        return Q.translate(
            "FindingText", "Not every rubbing could be read, so the copies cannot be compared."
        )
    if not isinstance(vins, list) or not all(isinstance(v, str) for v in vins):
        return None
    if f.status is Status.FAIL:
        return Q.translate("FindingText", "The rubbings read different VINs: {vins}.").format(
            vins=_words(vins)
        )
    if f.status is Status.PASS:
        if not vins:
            return None
        return Q.translate("FindingText", "Every rubbing reads {vin}.").format(vin=vins[0])
    return None


def _vin_mismatch(f: Finding) -> str | None:
    expected = f.limit if isinstance(f.limit, str) else None
    if expected is None:
        return None
    if f.status is Status.SKIPPED:
        return Q.translate(
            "FindingText", "No VIN could be read to compare with the expected {expected}."
        ).format(expected=expected)
    if f.status is Status.FAIL:
        read = f.measured if isinstance(f.measured, list) else [f.measured]
        if not read or not all(isinstance(v, str) for v in read):
            return None
        return Q.translate("FindingText", "Read {read}, but the papers give {expected}.").format(
            read=_words(read), expected=expected
        )
    if f.status is Status.PASS and isinstance(f.measured, str):
        return Q.translate("FindingText", "The VIN read, {vin}, matches the papers.").format(
            vin=f.measured
        )
    return None


# --- Annex 2: rubbing ------------------------------------------------------------------
def _no_rubbing(f: Finding) -> str | None:
    n = int(_need_num(f.measured))
    if f.status is Status.FAIL:
        return Q.translate("FindingText", "No VIN rubbing strip was found on the sheet.")
    if f.status is Status.PASS:
        return Q.translate("FindingText", "{n} rubbing strip(s) found on the sheet.").format(n=n)
    return None


def _unreadable(f: Finding) -> str | None:
    if f.status is Status.FAIL:
        if f.unit == "characters" and _need_num(f.measured) == 0:
            return Q.translate("FindingText", "No characters could be found on the rubbing.")
        if f.unit == "share of characters":
            return Q.translate(
                "FindingText",
                "The VIN cannot be read: {share} of the characters are illegible (limit {limit}).",
            ).format(share=pct(f.measured), limit=pct(f.limit))
        return None
    if f.unit != "ratio":
        return None
    conf, need = num(f.measured), num(f.limit)
    if f.status is Status.REVIEW:
        return Q.translate(
            "FindingText",
            "Some characters are uncertain (lowest confidence {conf}, "
            "threshold {need}): compare them with the rubbing by "
            "eye.",
        ).format(conf=conf, need=need)
    if f.status is Status.PASS:
        return Q.translate(
            "FindingText", "All characters read (lowest confidence {conf}, threshold {need})."
        ).format(conf=conf, need=need)
    return None


def _truncated(f: Finding) -> str | None:
    n, need = int(_need_num(f.measured)), int(_need_num(f.limit))
    if f.status is Status.FAIL:
        return Q.translate(
            "FindingText", "Only {n} of {need} characters are on the tape: the rubbing is cut off."
        ).format(n=n, need=need)
    if f.status is Status.PASS:
        return Q.translate("FindingText", "{n} characters on the tape ({need} needed).").format(
            n=n, need=need
        )
    return None


def _check_digit(f: Finding) -> str | None:
    got = f.measured if isinstance(f.measured, str) else None
    if got is None:
        return None
    if f.status is Status.PASS and f.limit == "not required":
        return Q.translate(
            "FindingText", "Check digit {got}; the settings do not require a valid one."
        ).format(got=got)
    if not isinstance(f.limit, str):
        return None
    if f.status is Status.PASS:
        return Q.translate("FindingText", "Check digit {got} (position 9) is valid.").format(
            got=got
        )
    if f.status is Status.FAIL:
        return Q.translate(
            "FindingText",
            "The check digit (position 9) is {got}, but the other characters need {need}.",
        ).format(got=got, need=f.limit)
    if f.status is Status.REVIEW:
        return Q.translate(
            "FindingText",
            "The check digit (position 9) reads {got}, the other "
            "characters need {need}; a character may be misread: "
            "check by eye.",
        ).format(got=got, need=f.limit)
    return None


def _symbol(start: bool) -> Builder:
    def build(f: Finding) -> str | None:
        if not isinstance(f.measured, bool):
            return None
        if f.status is Status.PASS:
            return (
                Q.translate("FindingText", "Start symbol found before the first character.")
                if start
                else Q.translate("FindingText", "Stop symbol found after the last character.")
            )
        if f.status is Status.FAIL:
            return (
                Q.translate(
                    "FindingText",
                    "No start symbol (★ ☆ ※ ◆ or a maker's mark) before the first character.",
                )
                if start
                else Q.translate(
                    "FindingText",
                    "No stop symbol (★ ☆ ※ ◆ or a maker's mark) after the last character.",
                )
            )
        return None

    return build


def _deformed(f: Finding) -> str | None:
    m, lim = f.measured, f.limit
    if not isinstance(m, dict) or not isinstance(lim, dict):
        return None
    pitch, height = _need_num(m["pitch_spread"]), _need_num(m["height_spread"])
    slant, aspect = _need_num(m["slant_deg"]), _need_num(m["aspect"])
    max_pitch, max_height = _need_num(lim["pitch_spread"]), _need_num(lim["height_spread"])
    max_slant = _need_num(lim["slant_deg"])
    lo, hi = (_need_num(v) for v in lim["aspect"])
    if f.status is Status.PASS:
        return Q.translate(
            "FindingText",
            "Spacing, height, slant and proportions are even (spacing "
            "varies {pitch}, height {height}, slant {slant}).",
        ).format(pitch=pct(pitch), height=pct(height), slant=f"{round(slant, 1) + 0.0:.1f}°")
    if f.status is not Status.FAIL:
        return None
    bad = []
    if pitch > max_pitch:
        bad.append(
            Q.translate("FindingText", "spacing varies {v} (limit {lim})").format(
                v=pct(pitch), lim=pct(max_pitch)
            )
        )
    if height > max_height:
        bad.append(
            Q.translate("FindingText", "height varies {v} (limit {lim})").format(
                v=pct(height), lim=pct(max_height)
            )
        )
    if abs(slant) > max_slant:
        bad.append(
            Q.translate("FindingText", "slanted by {v} (limit {lim})").format(
                v=f"{slant:.1f}°", lim=deg(max_slant)
            )
        )
    if not lo <= aspect <= hi:
        bad.append(
            Q.translate("FindingText", "character width/height {v} outside {lo}–{hi}").format(
                v=num(aspect), lo=num(lo), hi=num(hi)
            )
        )
    if not bad:
        return None
    return Q.translate("FindingText", "The characters are deformed: {problems}.").format(
        problems=_clauses().join(bad)
    )


def _char_too_small(f: Finding) -> str | None:
    if f.unit != "mm":
        return None
    h, need = mm(f.measured), mm(f.limit)
    if f.status is Status.FAIL:
        return Q.translate(
            "FindingText", "Characters are {h} high, below the {min} minimum."
        ).format(h=h, min=need)
    if f.status is Status.PASS:
        return Q.translate("FindingText", "Characters are {h} high (minimum {min}).").format(
            h=h, min=need
        )
    return None


def _shifted(f: Finding) -> str | None:
    m, lim = f.measured, f.limit
    if not isinstance(m, dict) or not isinstance(lim, dict):
        return None
    offset, score = _need_num(m["ghost_offset"]), _need_num(m["ghost_score"])
    sharp = _need_num(m["sharpness_ratio"])
    max_offset, min_score = _need_num(lim["ghost_offset"]), _need_num(lim["ghost_score"])
    min_sharp = _need_num(lim["sharpness_ratio"])
    if f.unit == "mm":
        off, off_lim = mm(offset, 2), mm(max_offset, 2)
    elif f.unit == "char heights":
        off = Q.translate("FindingText", "{v} character heights").format(v=num(offset))
        off_lim = Q.translate("FindingText", "{v} character heights").format(v=num(max_offset))
    else:
        return None
    if f.status is Status.PASS:
        return Q.translate("FindingText", "No doubled or smeared impression.")
    if f.status is not Status.FAIL:
        return None
    bad = []
    if score >= min_score and offset > max_offset:
        bad.append(
            Q.translate("FindingText", "a doubled impression offset by {off} (limit {lim})").format(
                off=off, lim=off_lim
            )
        )
    if sharp < min_sharp:
        bad.append(
            Q.translate(
                "FindingText",
                "smeared characters (edge sharpness {v} of the line's, at least {lim} needed)",
            ).format(v=pct(sharp), lim=pct(min_sharp))
        )
    if not bad:
        return None
    return Q.translate("FindingText", "Shifted impression: {problems}.").format(
        problems=_clauses().join(bad)
    )


def _dpi(f: Finding) -> str | None:
    if f.status is Status.SKIPPED:
        return Q.translate(
            "FindingText",
            "The scan resolution is unknown, so sizes in mm cannot be "
            "measured. Enter the scan DPI.",
        )
    return None


def _ocr_engine(f: Finding) -> str | None:
    if isinstance(f.measured, list) and all(isinstance(v, str) for v in f.measured):
        return Q.translate(
            "FindingText", "Read with {engines}; not every OCR engine was available."
        ).format(engines=_words(f.measured))
    return None


# --- Annex 1: photo --------------------------------------------------------------------
def _size(f: Finding) -> str | None:
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


def _corner_radius(f: Finding) -> str | None:
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


def _aspect(f: Finding) -> str | None:
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


def _plate_visible(f: Finding) -> str | None:
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


def _fill_ratio(f: Finding) -> str | None:
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


def _vehicle_cut_off(f: Finding) -> str | None:
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


def _angle(f: Finding) -> str | None:
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


def _blurry(f: Finding) -> str | None:
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


def _exposure(f: Finding) -> str | None:
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


def _color_mismatch(f: Finding) -> str | None:
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


def _custom_limits(f: Finding) -> str | None:
    from vincheck.settings import SPECS

    if not isinstance(f.measured, dict) or not isinstance(f.limit, dict):
        return None
    zh = _LANG.get().startswith("zh")
    items = [Q.translate("FindingText", "{name} {value} (regulation {default})").format(
        name=SPECS[k].zh if zh else SPECS[k].en, value=SPECS[k].show(v, _LANG.get()),
        default=SPECS[k].show(f.limit[k], _LANG.get())) for k, v in f.measured.items()]
    return Q.translate("FindingText",
                       "Checked with limits other than the regulation's: {items}.").format(
        items=_clauses().join(items))


BUILDERS: dict[str, Builder] = {
    # case
    "expected_vin": _expected_vin,
    "missing_rubbing": _missing_rubbing,
    "missing_photo": _missing_photo,
    "rubbing_count": _rubbing_count,
    "input_error": _input_error,
    "copies_differ": _copies_differ,
    "vin_mismatch": _vin_mismatch,
    "custom_limits": _custom_limits,
    # Annex 2: rubbing
    "no_rubbing": _no_rubbing,
    "unreadable": _unreadable,
    "truncated": _truncated,
    "check_digit": _check_digit,
    "missing_start_symbol": _symbol(start=True),
    "missing_end_symbol": _symbol(start=False),
    "deformed": _deformed,
    "char_too_small": _char_too_small,
    "shifted": _shifted,
    "dpi": _dpi,
    "ocr_engine": _ocr_engine,
    # Annex 1: photo
    "size": _size,
    "corner_radius": _corner_radius,
    "aspect": _aspect,
    "plate_visible": _plate_visible,
    "fill_ratio": _fill_ratio,
    "vehicle_cut_off": _vehicle_cut_off,
    "angle": _angle,
    "blurry": _blurry,
    "exposure": _exposure,
    "color_mismatch": _color_mismatch,
}


def finding_sentence(finding: Finding, lang: str = "zh_CN") -> str | None:
    """The finding as one sentence with its values in ``lang`` ("zh_CN" or "en"), or None
    when its code, status or the shape of its measured value / limit is not known."""
    build = BUILDERS.get(finding.code)
    if build is None:
        return None
    token = _LANG.set(lang)
    try:
        return build(finding)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None  # a shape the builder does not know: the caller falls back
    finally:
        _LANG.reset(token)


def explanation(finding: Finding, lang: str = "zh_CN") -> str:
    """One plain sentence about a finding in ``lang``: its sentence with values when the
    code and shape are known, else the rule's plain explanation."""
    sentence = finding_sentence(finding, lang)
    if sentence:
        return sentence
    zh = lang.startswith("zh")
    if finding.status is Status.PASS:
        return "符合要求。" if zh else "Meets the rule."
    if finding.status is Status.SKIPPED:
        if finding.code == "dpi" or "DPI unknown" in (finding.message or ""):
            return rules.explanation("dpi", lang)
        return "无法测量，需人工核查。" if zh else "Could not be measured; a person must check it."
    if rules.rule(finding.code) is None and not zh and finding.message:
        return finding.message  # a code the registry does not know yet
    return rules.explanation(finding.code, lang)
