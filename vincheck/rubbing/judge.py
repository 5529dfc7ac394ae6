"""Judge one rubbing strip and a sheet: every Annex 2 rule becomes a Finding.

Codes (stable): ``unreadable``, ``check_digit``, ``missing_start_symbol``,
``missing_end_symbol``, ``truncated``, ``deformed``, ``shifted``, ``char_too_small`` per
rubbing; ``no_rubbing``, ``copies_differ``, ``vin_mismatch`` per sheet. Rules that could
not be measured are SKIPPED with the reason in the message (e.g. DPI unknown).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from statistics import median

from vincheck.findings import CharRead, Finding, RubbingResult, Shape, Status
from vincheck.rubbing.locate import Strip
from vincheck.rubbing.measure import Geometry, Ghost
from vincheck.rubbing.read import StripRead
from vincheck.rubbing.segment import Glyph
from vincheck.settings import RubbingSettings
from vincheck.vin import VIN_LENGTH

# A line of this many characters or fewer is no readable VIN (a truncated tape still
# carries most of the 17): it is unreadable rather than truncated.
MIN_LINE_CHARS = 4
# A character whose best reading scores below this is unreadable (``vin.repair``'s
# ``min_top_score``): more than two of them cannot be repaired by the check digit.
UNREADABLE_SCORE = 0.40


@dataclass
class StripEvidence:
    """Everything measured on one strip, in strip px (converted here)."""

    strip: Strip
    read: StripRead
    geometry: Geometry | None
    ghost: Ghost | None
    px_per_mm: float | None
    page: int = 0


def _poly(strip: Strip, g: Glyph, **kw) -> Shape:
    return Shape("polygon", strip.box_to_sheet(g.x0, g.y0, g.x1, g.y1), **kw)


def _expected_symbol(strip: Strip, chars: Sequence[Glyph], where: str, role: str,
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


def _repair(char_scores: Sequence[dict], cfg: RubbingSettings):
    from vincheck.vin import repair

    return repair(char_scores, require_check_digit=cfg.require_check_digit, max_changes=2,
                  top_k=5)


def judge_strip(ev: StripEvidence, cfg: RubbingSettings) -> RubbingResult:
    """Findings for one strip plus the VIN read (or None) and per-character reads."""
    strip, rd, page = ev.strip, ev.read, ev.page
    outline = Shape.polygon(strip.corners, role="strip", page=page)
    n_chars = len(rd.chars)
    findings: list[Finding] = []
    rep = None
    vin: str | None = None
    conf = 0.0
    doubtful_invalid = False
    if n_chars == VIN_LENGTH:
        rep = _repair(rd.char_scores, cfg)
        vin = rep.vin
        conf = float(rep.confidence)
        # no valid VIN lies within the plausible readings at all: whichever way the unsure
        # characters are read, the check digit fails. Report the reading as stamped (check
        # digit failed) and ask a person to confirm the unsure characters.
        if (rep.decision == "unrepairable" and not rep.candidates and "?" not in rep.as_read
                and 0 < len(rep.unsure_positions) <= 2 and cfg.require_check_digit
                and _invalid_everywhere(rd.char_scores, rep.as_read)):
            doubtful_invalid = True
            vin = rep.as_read
            conf = _joint(rd.char_scores, rep.as_read)
    # the reading fails the check digit: would a common OCR confusion (U/V, S/5, Z/2 ...)
    # at one position make it valid? Then a person must look (never silently corrected)
    confusion = None
    if rep is not None and cfg.require_check_digit and (
            rep.decision == "stamped_invalid" or doubtful_invalid):
        confusion = _confusion_alternative(rd.char_scores, rep.as_read)
    chosen = vin or (rep.as_read if rep is not None else "")
    chars: list[CharRead] = []
    char_shapes: list[Shape] = []
    for i, (g, sc) in enumerate(zip(rd.chars, rd.char_scores, strict=True)):
        top = max(sc.items(), key=lambda kv: kv[1])[0] if sc else "?"
        ch = chosen[i] if i < len(chosen) else top
        c_conf = float(sc.get(ch, 0.0))
        alts = dict(sorted(sc.items(), key=lambda kv: -kv[1])[:3])
        box = strip.box_to_sheet(g.x0, g.y0, g.x1, g.y1)
        chars.append(CharRead(ch, c_conf, box, alts))
        char_shapes.append(Shape("polygon", box, label=f"{ch} {c_conf:.2f}", role="char",
                                 page=page))
    sym_shapes = []
    if rd.start is not None:
        sym_shapes.append(_poly(strip, rd.start, role="start_symbol", label="start", page=page))
    if rd.end is not None:
        sym_shapes.append(_poly(strip, rd.end, role="end_symbol", label="end", page=page))
    all_shapes = [outline, *sym_shapes, *char_shapes]
    # a valid check digit is ~10:1 evidence for the whole reading: with it, a character
    # needs only half the usual confidence before it is flagged
    need = cfg.min_char_confidence * (
        0.5 if rep is not None and rep.decision in ("as_read", "repaired") else 1.0)
    # ... but not where the engines disagree on the character (an unseen face's B / 8,
    # D / 0 may still meet the check digit by chance): there the full confidence is needed
    disputed = set(getattr(rd, "disputed", []))
    low = [i + 1 for i, c in enumerate(chars) if c.confidence < need
           or (i in disputed and c.confidence < cfg.min_char_confidence)]
    min_conf = min((c.confidence for c in chars), default=0.0)
    details = {"engines": rd.engines, "engine_errors": rd.errors, "raw": rd.raw,
               "positions_read_with_other_copy": list(rd.shared_positions)}
    if rep is not None:
        details["repair"] = rep.to_dict()

    # --- unreadable -------------------------------------------------------------------
    # FAIL only when the VIN truly cannot be read off the tape: no characters, a short line
    # most of whose characters are illegible (a smudged or faint rubbing falls apart into a
    # few unsure blobs), or a full line with more unreadable positions than can be repaired.
    # One unsure glyph, or a reading the check digit does not confirm, is for review.
    tops = [max(sc.values(), default=0.0) for sc in rd.char_scores]
    illegible_share = (sum(t < cfg.min_char_confidence for t in tops) / n_chars
                       if n_chars else 1.0)
    n_unreadable = sum(t < UNREADABLE_SCORE for t in tops)
    many_unreadable = n_chars == VIN_LENGTH and (
        illegible_share >= cfg.max_illegible_share
        or (rep is not None and rep.decision == "unrepairable" and n_unreadable > 2))
    illegible = n_chars == 0 or many_unreadable or (
        n_chars < VIN_LENGTH and (n_chars <= MIN_LINE_CHARS
                               or illegible_share >= cfg.max_illegible_share))
    if n_chars == 0:
        findings.append(Finding("unreadable", Status.FAIL, measured=0, limit=VIN_LENGTH,
                                unit="characters", message="no characters could be found on "
                                "the rubbing", evidence=[outline], details=details))
    elif illegible:
        findings.append(Finding(
            "unreadable", Status.FAIL, measured=round(illegible_share, 3),
            limit=cfg.max_illegible_share, unit="share of characters",
            message=f"the VIN cannot be read: {n_chars} character(s) found, "
            f"{illegible_share:.0%} of them illegible (read as {rd.raw})",
            evidence=all_shapes, details=details))
    elif confusion is not None:
        assert rep is not None
        findings.append(Finding(
            "unreadable", Status.REVIEW, measured=round(min_conf, 3),
            limit=cfg.min_char_confidence, unit="ratio",
            message=f"read as {rep.as_read}, whose check digit fails; reading position "
            f"{confusion[1]} as {confusion[2]!r} (a common OCR confusion) gives the valid VIN "
            f"{confusion[0]}: please compare with the tape", evidence=all_shapes,
            details={**details, "suggested_vin": confusion[0]}))
    elif doubtful_invalid:
        assert rep is not None
        pos = ", ".join(map(str, rep.unsure_positions))
        findings.append(Finding(
            "unreadable", Status.REVIEW, measured=round(min_conf, 3),
            limit=cfg.min_char_confidence, unit="ratio",
            message=f"read as {rep.as_read}; position(s) {pos} are unsure: please confirm",
            evidence=all_shapes, details=details))
    elif rep is not None and rep.decision in ("unrepairable", "ambiguous"):
        findings.append(Finding(
            "unreadable", Status.REVIEW, measured=round(min_conf, 3), limit=cfg.min_char_confidence,
            unit="ratio", message=f"the VIN cannot be read with confidence ({rep.reason}); "
            f"read as {rep.as_read}", evidence=all_shapes, details=details))
    elif rep is not None and rep.decision == "repaired":
        best = rep.best
        pos = list(best.changed_positions) if best else []
        unlikely = any(chars[p - 1].confidence < need for p in pos)
        findings.append(Finding(
            "unreadable", Status.REVIEW if unlikely or low else Status.PASS,
            measured=round(min_conf, 3), limit=cfg.min_char_confidence, unit="ratio",
            message=f"read {rep.as_read}, corrected to {rep.vin} at position(s) "
            f"{', '.join(map(str, pos))}" + ("; please confirm" if unlikely or low else ""),
            evidence=all_shapes, details=details))
    elif low:
        findings.append(Finding(
            "unreadable", Status.REVIEW, measured=round(min_conf, 3),
            limit=cfg.min_char_confidence, unit="ratio",
            message=f"characters at position(s) {', '.join(map(str, low))} read with low "
            "confidence; please confirm", evidence=all_shapes, details=details))
    else:
        findings.append(Finding("unreadable", Status.PASS, measured=round(min_conf, 3),
                                limit=cfg.min_char_confidence, unit="ratio",
                                message=f"{n_chars} characters read", evidence=all_shapes,
                                details=details))
    blocked = illegible or (rep is not None and rep.decision == "unrepairable"
                            and n_chars == VIN_LENGTH and len(rep.unsure_positions) > 2)

    # --- truncated --------------------------------------------------------------------
    if illegible:
        findings.append(_skipped("truncated", "not judged: the rubbing is unreadable",
                                 outline))
    else:
        findings.append(Finding(
            "truncated", Status.PASS if n_chars >= VIN_LENGTH else Status.FAIL,
            measured=n_chars, limit=VIN_LENGTH, unit="characters",
            message=(f"{n_chars} characters on the tape" if n_chars >= VIN_LENGTH else
                     f"only {n_chars} of 17 characters on the tape: the rubbing is cut off"),
            evidence=[outline, *char_shapes]))

    # --- check digit ------------------------------------------------------------------
    cd = _check_digit(rep, n_chars, outline, char_shapes, cfg, doubtful_invalid)
    if confusion is not None and cd.status is Status.FAIL:
        cd.status = Status.REVIEW
        cd.message += (f"; or misread: {confusion[0]} (position {confusion[1]} as "
                       f"{confusion[2]!r}) is valid")
    findings.append(cd)

    # --- start / stop symbols ---------------------------------------------------------
    if blocked:
        findings.append(_skipped("missing_start_symbol", "not judged: strip unreadable",
                                 outline))
        findings.append(_skipped("missing_end_symbol", "not judged: strip unreadable",
                                 outline))
    else:
        for code, g, role, where in (("missing_start_symbol", rd.start, "start_symbol", "start"),
                                     ("missing_end_symbol", rd.end, "end_symbol", "end")):
            ok = g is not None
            ev_shapes = [_poly(strip, g, role=role, label=where, page=page)] if ok else [
                outline, *_expected_symbol(strip, rd.chars, where, role, page)]
            findings.append(Finding(
                code, Status.PASS if ok else Status.FAIL, measured=ok, limit=True,
                message=(f"{where} symbol present" if ok else
                         f"no {where} symbol ({'★ ☆ ※ ◆'} or maker mark) at the {where} of "
                         "the line"), evidence=ev_shapes))

    # --- geometry: deformed, char_too_small, shifted ---------------------------------
    geo, ppm = ev.geometry, ev.px_per_mm
    if blocked or geo is None or n_chars < 3:
        findings.append(_skipped("deformed", "not judged: too few characters", outline))
    else:
        findings.append(_deformed(geo, ppm, cfg, outline, char_shapes))
    if blocked or geo is None:
        findings.append(_skipped("char_too_small", "not judged: no characters", outline))
    elif ppm is None:
        findings.append(_skipped("char_too_small", "DPI unknown: character height in mm "
                                 "cannot be measured; give --dpi or set a default DPI",
                                 outline))
    else:
        h_mm = geo.height_px / ppm
        findings.append(Finding(
            "char_too_small", Status.PASS if h_mm >= cfg.min_char_height_mm else Status.FAIL,
            measured=round(h_mm, 2), limit=cfg.min_char_height_mm, unit="mm",
            message=f"characters are {h_mm:.1f} mm high"
            + ("" if h_mm >= cfg.min_char_height_mm else
               f", below the {cfg.min_char_height_mm:.1f} mm minimum"),
            evidence=char_shapes or [outline]))
    if blocked or ev.ghost is None or geo is None:
        findings.append(_skipped("shifted", "not judged: no characters", outline))
    else:
        findings.append(_shifted(ev.ghost, geo, ppm, cfg, outline, char_shapes))

    return RubbingResult(box=tuple(float(v) for v in strip.corners.reshape(-1)), vin=vin,
                         confidence=conf, findings=findings, chars=chars, raw=rd.raw,
                         page=page)


def _skipped(code: str, message: str, outline: Shape) -> Finding:
    return Finding(code, Status.SKIPPED, message=message, evidence=[outline])


def _joint(scores: Sequence[dict], text: str) -> float:
    p = 1.0
    for sc, ch in zip(scores, text, strict=False):
        p *= float(sc.get(ch, 0.0))
    return p


def _confusion_alternative(scores: Sequence[dict], as_read: str
                           ) -> tuple[str, int, str] | None:
    """The single valid VIN one common OCR confusion away from ``as_read`` (vin, 1-based
    position, character), preferring the position read with the lowest confidence; None
    when there is none or more than one."""
    from vincheck.vin import CONFUSIONS, compute_check_digit

    found = []
    for i, ch in enumerate(as_read):
        for alt in CONFUSIONS.get(ch, ""):
            v = as_read[:i] + alt + as_read[i + 1:]
            try:
                ok = compute_check_digit(v) == v[8]
            except Exception:  # noqa: BLE001 - not allowed there
                ok = False
            if ok:
                found.append((float(scores[i].get(ch, 0.0)), v, i + 1, alt))
    if len({f[1] for f in found}) != 1:
        return None
    _, v, pos, alt = min(found)
    return v, pos, alt


def _invalid_everywhere(scores: Sequence[dict], as_read: str, min_score: float = 0.01,
                        min_share: float = 0.1) -> bool:
    """True when no combination of the plausible readings at each position (score >=
    ``min_score`` and >= ``min_share`` x that position's best) has a valid check digit:
    the reachable (weighted sum - check value) mod 11 residues are tracked position by
    position, so any number of combinations is covered exactly."""
    from vincheck.vin import CHECK_DIGIT_CHARS, TRANSLITERATION, check_residue

    reach = {0}
    for i, (sc, ch) in enumerate(zip(scores, as_read, strict=True)):
        top = max(sc.values(), default=0.0)
        alts = {c for c, v in sc.items() if v >= max(min_score, min_share * top)} | {ch}
        if i == 8:
            alts &= set(CHECK_DIGIT_CHARS)
        else:
            alts &= set(TRANSLITERATION)
        steps = {check_residue(i, c) for c in alts}
        reach = {(r + d) % 11 for r in reach for d in steps}
        if not reach:
            return True
    return 0 not in reach


def _check_digit(rep, n_chars: int, outline: Shape, char_shapes: list[Shape],
                 cfg: RubbingSettings, doubtful_invalid: bool = False) -> Finding:
    if rep is None:
        return _skipped("check_digit", f"not judged: {n_chars} of 17 characters read", outline)
    from vincheck.vin import compute_check_digit

    ev = [char_shapes[8]] if len(char_shapes) > 8 else [outline]
    if rep.decision == "stamped_invalid" or doubtful_invalid:
        expected = compute_check_digit(rep.as_read)
        return Finding("check_digit", Status.FAIL, measured=rep.as_read[8], limit=expected,
                       message=f"check digit (position 9) is {rep.as_read[8]!r}, the VIN "
                       f"{rep.as_read} needs {expected!r}: reported as stamped",
                       evidence=ev)
    if rep.vin is None:
        return _skipped("check_digit", "not judged: the VIN could not be read", outline)
    if not cfg.require_check_digit:
        return Finding("check_digit", Status.PASS, measured=rep.vin[8], limit="not required",
                       message="check digit not required by the settings", evidence=ev)
    expected = compute_check_digit(rep.vin)
    return Finding("check_digit", Status.PASS, measured=rep.vin[8], limit=expected,
                   message=f"check digit {rep.vin[8]!r} is valid", evidence=ev)


def _deformed(geo: Geometry, ppm: float | None, cfg: RubbingSettings, outline: Shape,
              char_shapes: list[Shape]) -> Finding:
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


def _shifted(gh: Ghost, geo: Geometry, ppm: float | None, cfg: RubbingSettings,
             outline: Shape, char_shapes: list[Shape]) -> Finding:
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
        if len(distinct) > 1:
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
