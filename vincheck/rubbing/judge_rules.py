"""The rules of one strip judged after its VIN is read: ``truncated``, ``check_digit``,
``missing_start_symbol`` / ``missing_end_symbol``, ``deformed``, ``char_too_small`` and
``shifted``; each returns its Finding (SKIPPED with the reason when it cannot be judged)."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import median

from vincheck.findings import Finding, Shape, Status
from vincheck.rubbing.locate import Strip
from vincheck.rubbing.measure import Geometry, Ghost
from vincheck.rubbing.segment import Glyph
from vincheck.settings import RubbingSettings
from vincheck.vin import VIN_LENGTH


def skipped(code: str, message: str, outline: Shape) -> Finding:
    """A rule that could not be judged, with the reason."""
    return Finding(code, Status.SKIPPED, message=message, evidence=[outline])


def glyph_shape(strip: Strip, g: Glyph, **kw) -> Shape:
    """A glyph's box as a polygon in sheet px."""
    return Shape("polygon", strip.box_to_sheet(g.x0, g.y0, g.x1, g.y1), **kw)


def expected_symbol(strip: Strip, chars: Sequence[Glyph], where: str, role: str,
                     page: int) -> list[Shape]:
    """Where a missing start / end symbol should be: one character pitch (px, the median
    centre distance) before the first or after the last character, a cell as wide and
    high as the median character (it may lie beyond a cut-off strip's end). Empty with
    fewer than two characters (no pitch to go by)."""
    if len(chars) < 2:
        return []
    gs = sorted(chars, key=lambda g: g.x0)
    pitch = float(median([(b.x0 + b.x1 - a.x0 - a.x1) / 2
                          for a, b in zip(gs, gs[1:], strict=False)]))
    w = float(median([g.x1 - g.x0 for g in gs]))
    y0 = float(median([g.y0 for g in gs]))
    y1 = float(median([g.y1 for g in gs]))
    ref = gs[0] if where == "start" else gs[-1]
    cx = (ref.x0 + ref.x1) / 2 + (-pitch if where == "start" else pitch)
    box = strip.box_to_sheet(cx - w / 2, y0, cx + w / 2, y1)
    return [Shape("polygon", box, label=f"{where} expected", role=f"{role}_expected",
                  page=page)]


def truncated(n_chars: int, illegible: bool, outline: Shape,
              char_shapes: list[Shape]) -> Finding:
    """``truncated``: fewer than 17 characters on the tape."""
    if illegible:
        return skipped("truncated", "not judged: the rubbing is unreadable", outline)
    return Finding(
        "truncated", Status.PASS if n_chars >= VIN_LENGTH else Status.FAIL,
        measured=n_chars, limit=VIN_LENGTH, unit="characters",
        message=(f"{n_chars} characters on the tape" if n_chars >= VIN_LENGTH else
                 f"only {n_chars} of 17 characters on the tape: the rubbing is cut off"),
        evidence=[outline, *char_shapes])


def symbols(strip: Strip, start: Glyph | None, end: Glyph | None, chars: Sequence[Glyph],
            blocked: bool, outline: Shape, page: int) -> list[Finding]:
    """``missing_start_symbol`` and ``missing_end_symbol``; where one is missing, the
    evidence marks where it should be."""
    if blocked:
        return [skipped("missing_start_symbol", "not judged: strip unreadable", outline),
                skipped("missing_end_symbol", "not judged: strip unreadable", outline)]
    out = []
    for code, g, role, where in (("missing_start_symbol", start, "start_symbol", "start"),
                                 ("missing_end_symbol", end, "end_symbol", "end")):
        ok = g is not None
        ev_shapes = [glyph_shape(strip, g, role=role, label=where, page=page)] if ok else [
            outline, *expected_symbol(strip, chars, where, role, page)]
        out.append(Finding(
            code, Status.PASS if ok else Status.FAIL, measured=ok, limit=True,
            message=(f"{where} symbol present" if ok else
                     f"no {where} symbol ({'★ ☆ ※ ◆'} or maker mark) at the {where} of "
                     "the line"), evidence=ev_shapes))
    return out


def char_too_small(geo: Geometry | None, ppm: float | None, blocked: bool,
                   cfg: RubbingSettings, outline: Shape, char_shapes: list[Shape]) -> Finding:
    """``char_too_small``: the characters' height (mm) against the minimum."""
    if blocked or geo is None:
        return skipped("char_too_small", "not judged: no characters", outline)
    if ppm is None:
        return skipped("char_too_small", "DPI unknown: character height in mm cannot be "
                       "measured; give --dpi or set a default DPI", outline)
    h_mm = geo.height_px / ppm
    return Finding(
        "char_too_small", Status.PASS if h_mm >= cfg.min_char_height_mm else Status.FAIL,
        measured=round(h_mm, 2), limit=cfg.min_char_height_mm, unit="mm",
        message=f"characters are {h_mm:.1f} mm high"
        + ("" if h_mm >= cfg.min_char_height_mm else
           f", below the {cfg.min_char_height_mm:.1f} mm minimum"),
        evidence=char_shapes or [outline])


def check_digit(rep, n_chars: int, outline: Shape, char_shapes: list[Shape],  # noqa: ANN001
                cfg: RubbingSettings, doubtful_invalid: bool = False) -> Finding:
    """``check_digit``: position 9 against the digit the other 16 characters give."""
    if rep is None:
        return skipped("check_digit", f"not judged: {n_chars} of 17 characters read", outline)
    from vincheck.vin import compute_check_digit

    ev = [char_shapes[8]] if len(char_shapes) > 8 else [outline]
    if rep.decision == "stamped_invalid" or doubtful_invalid:
        expected = compute_check_digit(rep.as_read)
        return Finding("check_digit", Status.FAIL, measured=rep.as_read[8], limit=expected,
                       message=f"check digit (position 9) is {rep.as_read[8]!r}, the VIN "
                       f"{rep.as_read} needs {expected!r}: reported as stamped",
                       evidence=ev)
    if rep.vin is None:
        return skipped("check_digit", "not judged: the VIN could not be read", outline)
    if not cfg.require_check_digit:
        return Finding("check_digit", Status.PASS, measured=rep.vin[8], limit="not required",
                       message="check digit not required by the settings", evidence=ev)
    expected = compute_check_digit(rep.vin)
    return Finding("check_digit", Status.PASS, measured=rep.vin[8], limit=expected,
                   message=f"check digit {rep.vin[8]!r} is valid", evidence=ev)


def deformed(geo: Geometry, ppm: float | None, cfg: RubbingSettings, outline: Shape,
             char_shapes: list[Shape]) -> Finding:
    """``deformed``: uneven pitch or height, slant (degrees) or aspect of the characters."""
    measured = {"pitch_spread": round(geo.pitch_spread, 3),
                "height_spread": round(geo.height_spread, 3),
                "slant_deg": round(geo.slant_deg, 1), "aspect": round(geo.aspect, 3)}
    if ppm:
        measured["pitch_mm"] = round(geo.pitch_px / ppm, 2)
        measured["height_mm"] = round(geo.height_px / ppm, 2)
    limit = {"pitch_spread": cfg.max_pitch_spread, "height_spread": cfg.max_height_spread,
             "slant_deg": cfg.max_slant_deg,
             "aspect": [cfg.min_char_aspect, cfg.max_char_aspect]}
    bad = []
    if geo.pitch_spread > cfg.max_pitch_spread:
        bad.append(f"uneven pitch (spread {geo.pitch_spread:.0%} > {cfg.max_pitch_spread:.0%})")
    if geo.height_spread > cfg.max_height_spread:
        bad.append(f"uneven height (spread {geo.height_spread:.0%} > "
                   f"{cfg.max_height_spread:.0%})")
    if abs(geo.slant_deg) > cfg.max_slant_deg:
        bad.append(f"slanted by {geo.slant_deg:.1f} deg (limit {cfg.max_slant_deg:.0f})")
    if not cfg.min_char_aspect <= geo.aspect <= cfg.max_char_aspect:
        bad.append(f"character width/height {geo.aspect:.2f} outside "
                   f"{cfg.min_char_aspect:.2f}-{cfg.max_char_aspect:.2f}")
    return Finding("deformed", Status.FAIL if bad else Status.PASS, measured=measured,
                   limit=limit, unit="ratio",
                   message=("deformed: " + "; ".join(bad)) if bad else
                   "pitch, height, slant and aspect are even",
                   evidence=char_shapes or [outline])


def shifted(gh: Ghost, geo: Geometry, ppm: float | None, cfg: RubbingSettings,
            outline: Shape, char_shapes: list[Shape]) -> Finding:
    """``shifted``: a doubled impression (offset in mm) or smeared characters."""
    echo = gh.score >= cfg.min_ghost_score
    if ppm:
        offset = gh.offset_px / ppm
        unit, limit = "mm", cfg.max_ghost_offset_mm
    else:  # relative to the character height: a doubled impression is not a unit question
        offset = gh.offset_px / max(geo.height_px, 1.0)
        unit, limit = "char heights", cfg.max_ghost_offset_mm / cfg.min_char_height_mm
    doubled = echo and offset > limit
    smeared = gh.sharpness_ratio < cfg.min_sharpness_ratio
    msg = []
    if doubled:
        msg.append(f"doubled impression offset by {offset:.2f} {unit} (echo score "
                   f"{gh.score:.1f})")
    if smeared:
        pos = ", ".join(str(i + 1) for i in gh.smeared)
        msg.append(f"smeared characters around position(s) {pos} (edge sharpness "
                   f"{gh.sharpness_ratio:.0%} of the line's)")
    ev = list(char_shapes) or [outline]
    if smeared and char_shapes:
        ev = [char_shapes[i] for i in gh.smeared if i < len(char_shapes)] + [outline]
    return Finding("shifted", Status.FAIL if doubled or smeared else Status.PASS,
                   measured={"ghost_offset": round(offset, 3) if echo else 0.0,
                             "ghost_score": round(gh.score, 2),
                             "ghost_dx_px": round(gh.dx, 1), "ghost_dy_px": round(gh.dy, 1),
                             "sharpness_ratio": round(gh.sharpness_ratio, 3)},
                   limit={"ghost_offset": round(limit, 3), "ghost_score": cfg.min_ghost_score,
                          "sharpness_ratio": cfg.min_sharpness_ratio},
                   unit=unit, message="; ".join(msg) if msg else "no doubled or smeared "
                   "impression", evidence=ev)
