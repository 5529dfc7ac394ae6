"""Judge one rubbing strip: every Annex 2 rule becomes a Finding.

Codes (stable): ``unreadable``, ``check_digit``, ``missing_start_symbol``,
``missing_end_symbol``, ``truncated``, ``deformed``, ``shifted``, ``char_too_small`` per
rubbing; ``no_rubbing``, ``copies_differ``, ``vin_mismatch`` per sheet
(:mod:`.judge_sheet`). Rules that could not be measured are SKIPPED with the reason in
the message (e.g. DPI unknown). The flow: the VIN is read (:func:`.judge_unreadable.read_vin`),
each character gets its box and confidence, ``unreadable`` comes from its cascade, then
the rules of :mod:`.judge_rules` follow.
"""

from __future__ import annotations

from dataclasses import dataclass

from vincheck.findings import CharRead, Finding, RubbingResult, Shape, Status
from vincheck.rubbing.judge_rules import (
    char_too_small,
    check_digit,
    deformed,
    glyph_shape,
    shifted,
    skipped,
    symbols,
    truncated,
)
from vincheck.rubbing.judge_sheet import sheet_findings
from vincheck.rubbing.judge_unreadable import (
    VinReading,
    legibility,
    read_vin,
    unreadable_finding,
)
from vincheck.rubbing.locate import Strip
from vincheck.rubbing.measure import Geometry, Ghost
from vincheck.rubbing.read import StripRead
from vincheck.settings import RubbingSettings

__all__ = ["StripEvidence", "judge_strip", "sheet_findings"]


@dataclass
class StripEvidence:
    """Everything measured on one strip, in strip px (converted here)."""

    strip: Strip
    read: StripRead
    geometry: Geometry | None
    ghost: Ghost | None
    px_per_mm: float | None
    page: int = 0


def char_reads(strip: Strip, rd: StripRead, chosen: str, page: int
               ) -> tuple[list[CharRead], list[Shape]]:
    """Each character's read (the VIN's character at its position, its score, the three
    best alternatives, its box in sheet px) and its evidence shape."""
    chars: list[CharRead] = []
    shapes: list[Shape] = []
    for i, (g, sc) in enumerate(zip(rd.chars, rd.char_scores, strict=True)):
        top = max(sc.items(), key=lambda kv: kv[1])[0] if sc else "?"
        ch = chosen[i] if i < len(chosen) else top
        c_conf = float(sc.get(ch, 0.0))
        alts = dict(sorted(sc.items(), key=lambda kv: -kv[1])[:3])
        box = strip.box_to_sheet(g.x0, g.y0, g.x1, g.y1)
        chars.append(CharRead(ch, c_conf, box, alts))
        shapes.append(Shape("polygon", box, label=f"{ch} {c_conf:.2f}", role="char", page=page))
    return chars, shapes


def _check_digit(reading: VinReading, n_chars: int, outline: Shape,
                 char_shapes: list[Shape], cfg: RubbingSettings) -> Finding:
    """``check_digit``, sent to review when one common confusion would make it valid."""
    cd = check_digit(reading.rep, n_chars, outline, char_shapes, cfg,
                     reading.doubtful_invalid)
    if reading.confusion is not None and cd.status is Status.FAIL:
        v, pos, alt = reading.confusion
        cd.status = Status.REVIEW
        cd.message += f"; or misread: {v} (position {pos} as {alt!r}) is valid"
    return cd


def judge_strip(ev: StripEvidence, cfg: RubbingSettings) -> RubbingResult:
    """Findings for one strip plus the VIN read (or None) and per-character reads."""
    strip, rd, page = ev.strip, ev.read, ev.page
    outline = Shape.polygon(strip.corners, role="strip", page=page)
    n_chars = len(rd.chars)
    reading = read_vin(rd.char_scores, cfg, confirmed=bool(rd.confirmed_by))
    chars, char_shapes = char_reads(strip, rd, reading.chosen, page)
    sym_shapes = [glyph_shape(strip, g, role=f"{w}_symbol", label=w, page=page)
                  for g, w in ((rd.start, "start"), (rd.end, "end")) if g is not None]
    all_shapes = [outline, *sym_shapes, *char_shapes]
    details = {"engines": rd.engines, "engine_errors": rd.errors, "raw": rd.raw,
               "positions_read_with_other_copy": list(rd.shared_positions),
               "engine_texts": dict(rd.engine_texts)}
    if reading.rep is not None:
        details["repair"] = reading.rep.to_dict()
    leg = legibility(rd, reading, chars, cfg)
    geo, ppm, blocked = ev.geometry, ev.px_per_mm, leg.blocked
    findings = [
        unreadable_finding(rd, reading, leg, chars, cfg, outline, all_shapes, details),
        truncated(n_chars, leg.illegible, outline, char_shapes),
        _check_digit(reading, n_chars, outline, char_shapes, cfg),
        *symbols(strip, rd.start, rd.end, rd.chars, blocked, outline, page),
    ]
    if blocked or geo is None or n_chars < 3:
        findings.append(skipped("deformed", "not judged: too few characters", outline))
    else:
        findings.append(deformed(geo, ppm, cfg, outline, char_shapes))
    findings.append(char_too_small(geo, ppm, blocked, cfg, outline, char_shapes))
    if blocked or ev.ghost is None or geo is None:
        findings.append(skipped("shifted", "not judged: no characters", outline))
    else:
        findings.append(shifted(ev.ghost, geo, ppm, cfg, outline, char_shapes))
    return RubbingResult(box=tuple(float(v) for v in strip.corners.reshape(-1)),
                         vin=reading.vin, confidence=reading.conf, findings=findings,
                         chars=chars, raw=rd.raw, page=page)
