"""Licence plates anywhere in the exterior photo (Annex 1: no number plate may be mounted).

Candidates (:mod:`.plate_candidates`) are text lines from the PP-OCR detector and
plate-coloured rectangles with characters inside, found on one downscaled copy. Each is
rectified from the full-resolution image and read by the PP-OCR recogniser in one batch
(:mod:`.plate_text`); a near-square coloured rectangle (two-row plate, 440x220 mm) is also
read row by row. Its score (0-1) combines:

* the text (:func:`.plate_text.classify_plate_text`): a full Chinese plate number is
  enough on its own; a Chinese number with a misread province character, or Latin
  letters and digits (EU/US/BR plates) need some plate evidence; digits only need a rim
  or a plate colour; letters only (badges, words on signs, vanity plates) need the EU
  band; times, dates, Chinese words and long strings never count; reads below
  ``settings.plate_min_text_confidence`` are no text;
* the panel (:func:`.plate_color.panel_evidence`): contrasting characters on one even
  plate colour that continues into the margin around them;
* the rim (:func:`.plate_color.frame_evidence`): straight edges along the whole line just
  above and below the characters; the EU band (:func:`.plate_color.eu_band`) left of
  them; a plate-coloured rectangle with characters around them;
* the aspect of the line (plates 2:1 to 5:1) and its character texture.

Latin letters and digits without the plate's rim above and below them count 3/4 (a badge
on the body, a watermark), and half when another line of text of their size stands right
above or below them (a road sign, a poster, a label; on a plate-coloured panel only lines
on the same panel count). A line found only on the contrast-lifted copy of a dark photo
is also read with its grey levels stretched.

A blank plate holder (a coloured rectangle without characters) is never a candidate or
scores low; a shop sign or a timestamp scores low whatever its shape.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from vincheck.errors import UnreadableImageError
from vincheck.findings import Finding, PlateRead, Shape, Status
from vincheck.photo.plate_candidates import Candidate, find_candidates, iou
from vincheck.photo.plate_color import eu_band, frame_evidence, panel_evidence
from vincheck.photo.plate_text import (
    classify_plate_text,
    normalise_plate_text,
    read_crops,
    with_province,
)
from vincheck.settings import PhotoSettings

__all__ = ["detect_plates", "judge_plates", "normalise_plate_text", "read_candidates",
           "score_candidate", "CandidateRead"]

REC_HEIGHT = 48  # px: height of the rectified crop given to the recogniser
TWO_ROW_MAX_ASPECT = 2.6  # coloured rectangles up to this width/height are also read by row
FRAME_PAD = 0.6  # margin (share of the line height) searched for the plate's rim
KEEP_SCORE = 0.2  # candidates scoring below this are not reported as plates at all
STEEP_DEG = 30.0  # lines steeper than this (degrees) are also read turned by 180 degrees
# which reading of a candidate counts (whole line or two rows): the most plate-like kind
KIND_RANK = {"cn": 4, "cn_like": 3, "mixed": 2, "letters": 1, "digits": 1, "none": 0}


@dataclass
class CandidateRead:
    """Everything measured on one candidate (for the score, debugging and tests)."""

    candidate: Candidate
    text: str
    rec_score: float
    kind: str  # see plate_text.classify_plate_text
    colour: str
    panel: float
    texture: float
    frame: float
    band: float
    score: float


def _check_rgb(rgb: np.ndarray) -> None:
    if not isinstance(rgb, np.ndarray) or rgb.ndim != 3 or rgb.shape[2] != 3:
        raise UnreadableImageError("the photo must be an RGB image (height x width x 3)")
    if min(rgb.shape[:2]) < 16:
        raise UnreadableImageError(f"the photo is too small ({rgb.shape[1]}x{rgb.shape[0]} px)")


def _rectify(rgb: np.ndarray, quad: np.ndarray, pad_x: float = 0.06, pad_y: float = 0.18,
             out_h: int = REC_HEIGHT) -> np.ndarray:
    """The quad's content (with a margin of ``pad_x``/``pad_y`` of its width/height on each
    side) warped to a horizontal strip ``out_h`` px high (RGB)."""
    tl, tr, br, bl = quad
    wv = (tr - tl + br - bl) / 2
    hv = (bl - tl + br - tr) / 2
    ww, hh = float(np.linalg.norm(wv)), float(np.linalg.norm(hv))
    if ww < 2 or hh < 2:
        return np.zeros((out_h, out_h, 3), np.uint8)
    ex = wv * pad_x
    ey = hv * pad_y
    src = np.float32([tl - ex - ey, tr + ex - ey, br + ex + ey, bl - ex + ey])
    out_w = int(np.clip(out_h * (ww * (1 + 2 * pad_x)) / (hh * (1 + 2 * pad_y)), 16, 800))
    dst = np.float32([[0, 0], [out_w - 1, 0], [out_w - 1, out_h - 1], [0, out_h - 1]])
    m = cv2.getPerspectiveTransform(src, dst)
    return cv2.warpPerspective(rgb, m, (out_w, out_h), flags=cv2.INTER_LINEAR,
                               borderMode=cv2.BORDER_REPLICATE)


def char_texture(crop_rgb: np.ndarray) -> float:
    """0-1: how much the crop looks like a row of characters (several blobs of character
    height in a row) rather than a blank surface."""
    g = cv2.cvtColor(crop_rgb, cv2.COLOR_RGB2GRAY)
    h, w = g.shape
    if h < 8 or w < 16:
        return 0.0
    _, bw = cv2.threshold(g, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    best = 0.0
    for img in (bw, 255 - bw):
        n, _, stats, _ = cv2.connectedComponentsWithStats(img, 8)
        k = 0
        for i in range(1, n):
            x, y, cw, ch, area = stats[i]
            if 0.3 * h <= ch <= 0.95 * h and 0.02 * w <= cw <= 0.2 * w and area > 0.15 * cw * ch:
                k += 1
        best = max(best, min(1.0, k / 5.0) if k >= 3 else 0.0)
    return best


def score_candidate(kind: str, rec_score: float, panel: float, aspect: float,
                    texture: float, colour_rect: bool = False, frame: float = 0.0,
                    band: float = 0.0, n_chars: int = 0, panel_colour: str = "",
                    stacked: bool = False) -> float:
    """Plate score 0-1 (see the module docstring). ``panel``, ``frame`` (the plate's rim
    above and below), ``band`` (an EU band left of it) and ``texture`` are 0-1, ``aspect``
    width/height of the text line, ``colour_rect``: a plate-coloured rectangle with
    characters was found around it, ``n_chars``: length of the normalised text,
    ``panel_colour``: the background colour under the characters, ``stacked``: another
    line of text of its size right above or below (a sign or a label: Latin letters and
    digits there count half; a Chinese plate number still counts)."""
    aspect_ok = 1.0 if 1.6 <= aspect <= 6.5 else 0.0
    # a Chinese plate colour under the characters vouches a little even where no coloured
    # rectangle stands out (a blue plate on a blue car)
    cn_colour = 0.4 if panel_colour in ("blue", "yellow", "green") else 0.0
    plate_sign = max(band, float(colour_rect), cn_colour)
    if kind == "cn":
        return float(min(1.0, 0.7 + 0.2 * rec_score + 0.1 * max(panel, aspect_ok)))
    if kind == "cn_like":
        return float(min(1.0, 0.45 + 0.25 * rec_score + 0.15 * panel + 0.15 * frame
                         + 0.1 * plate_sign))
    latin = _latin_score(kind, rec_score, panel, aspect_ok, texture, colour_rect, frame,
                         band, n_chars, plate_sign)
    return latin * (0.5 if stacked else 1.0)


def _latin_score(kind: str, rec_score: float, panel: float, aspect_ok: float,
                 texture: float, colour_rect: bool, frame: float, band: float, n_chars: int,
                 plate_sign: float) -> float:
    """score_candidate for Latin letters and digits and for unreadable marks."""
    # the plate's rim above and below the characters (or the edges of a plate-coloured
    # rectangle around them) is what tells a plate from a badge on a body or a watermark
    # on the scene: without it, letters and digits count 3/4
    edged = 1.0 if colour_rect else float(np.clip((frame - 0.4) / 0.4, 0.0, 1.0))
    rim = 0.75 + 0.25 * edged
    if kind == "mixed" and n_chars >= 5:
        return rim * float(min(1.0, 0.1 + 0.2 * rec_score + 0.3 * panel + 0.2 * frame
                               + 0.15 * plate_sign + 0.05 * aspect_ok + 0.05 * texture))
    if kind == "digits" and n_chars < 5 and not colour_rect:
        kind = "none"  # four digits: a year or a house number unless on a plate colour
    if kind == "digits":  # old US plates; also prices and house numbers
        return rim * float(min(1.0, 0.05 + 0.1 * rec_score + 0.15 * panel + 0.2 * frame
                               + 0.35 * plate_sign + 0.05 * aspect_ok + 0.05 * texture))
    if kind in ("mixed", "letters"):  # vanity plates; also badges and words on signs,
        # often framed by a trunk lid or grille bars: the rim counts little, and only the
        # EU band vouches (no Chinese plate is letters only; a blue van is no plate)
        return float(min(1.0, 0.05 + 0.1 * rec_score + 0.15 * panel + 0.1 * frame
                         + 0.4 * band + 0.05 * aspect_ok + 0.05 * texture))
    # unreadable: only a plate-coloured rectangle full of characters counts a little
    if colour_rect:
        return float(0.1 + 0.3 * panel * texture * aspect_ok)
    return float(0.1 * panel * texture * aspect_ok)


def _left_of(rgb: np.ndarray, quad: np.ndarray) -> np.ndarray:
    """The strip from 0.6 of its height left of a text line to 0.3 of its height into it
    (the detector's box sometimes takes the EU band in)."""
    tl, tr, br, bl = quad
    wv = (tr - tl + br - bl) / 2
    hv = (bl - tl + br - tr) / 2
    unit = wv / max(float(np.linalg.norm(wv)), 1e-6) * float(np.linalg.norm(hv))
    q = np.float32([tl - unit * 0.6 - hv * 0.1, tl + unit * 0.3 - hv * 0.1,
                    bl + unit * 0.3 + hv * 0.1, bl - unit * 0.6 + hv * 0.1])
    return _rectify(rgb, q, 0.0, 0.0, out_h=24)


def stretch(crop_rgb: np.ndarray) -> np.ndarray:
    """A copy with its grey levels stretched so the 2nd..98th percentile span 0..255 (a
    dim plate read as if it were lit)."""
    g = cv2.cvtColor(crop_rgb, cv2.COLOR_RGB2GRAY)
    lo, hi = (float(v) for v in np.percentile(g, (2, 98)))
    out = (crop_rgb.astype(np.float32) - lo) * (255.0 / max(hi - lo, 1.0))
    return np.clip(out, 0, 255).astype(np.uint8)


def _crops(rgb: np.ndarray, c: Candidate) -> list[np.ndarray]:
    """The crops to read for a candidate: the whole line (and, for a line found on the
    lifted copy of a dark photo, the line stretched), and for a near-square coloured
    rectangle also its top and bottom row (two-row plates)."""
    out = [_rectify(rgb, c.quad)]
    if c.lifted:
        out.append(stretch(out[0]))
    tl, tr = c.quad[0], c.quad[1]
    if abs(np.degrees(np.arctan2(tr[1] - tl[1], tr[0] - tl[0]))) > STEEP_DEG:
        # which end of a steep line is its start is a guess: read it both ways
        out.append(np.ascontiguousarray(out[0][::-1, ::-1]))
    if c.source == "colour" and c.aspect <= TWO_ROW_MAX_ASPECT:
        tl, tr, br, bl = c.quad
        cut_l, cut_r = tl + (bl - tl) * 0.38, tr + (br - tr) * 0.38
        out.append(_rectify(rgb, np.float32([tl, tr, cut_r, cut_l]), 0.02, 0.05))
        out.append(_rectify(rgb, np.float32([cut_l, cut_r, br, bl]), 0.02, 0.05))
    return out


def read_candidates(rgb: np.ndarray, settings: PhotoSettings) -> list[CandidateRead]:
    """Every candidate read and scored (any score), in candidate order."""
    _check_rgb(rgb)
    cands = find_candidates(rgb, settings)
    crops: list[np.ndarray] = []
    spans: list[tuple[int, int]] = []
    for c in cands:
        cs = _crops(rgb, c)
        spans.append((len(crops), len(crops) + len(cs)))
        crops.extend(cs)
    texts = read_crops(crops)
    out: list[CandidateRead] = []
    for c, (a, b) in zip(cands, spans, strict=True):
        options = texts[a:b]
        if c.source == "colour" and c.aspect <= TWO_ROW_MAX_ASPECT:
            # two rows read separately: the last two crops, top then bottom
            top, bottom = texts[b - 2], texts[b - 1]
            options.append((top[0] + bottom[0], min(top[1], bottom[1])))
        judged = []
        for raw, rec in options:
            kind, norm = classify_plate_text(raw)
            if rec < settings.plate_min_text_confidence:
                kind = "none"  # a guess of the recogniser is no text evidence
            judged.append((KIND_RANK[kind], rec, kind, norm))
        _, rec, kind, norm = max(judged)
        if kind == "none" and not c.colour_hint:  # scores < 0.1 whatever it looks like
            out.append(CandidateRead(c, norm, rec, kind, "", 0.0, 0.0, 0.0, 0.0,
                                     score_candidate(kind, rec, 0.0, c.aspect, 0.0)))
            continue
        tight = _rectify(rgb, c.quad, 0.0, 0.0)
        padded = _rectify(rgb, c.quad, 0.0, 0.35)
        colour, panel = panel_evidence(tight, padded)
        padded_line = _rectify(rgb, c.quad, 0.02, 0.05)
        tex = char_texture(padded_line)
        frame = frame_evidence(_rectify(rgb, c.quad, 0.0, FRAME_PAD), FRAME_PAD)
        # on a blue car body or a blue plate the "band" would be the body or the plate
        band = eu_band(_left_of(rgb, c.quad)) if colour != "blue" else 0.0
        sc = score_candidate(kind, rec, panel, c.aspect, tex, bool(c.colour_hint), frame,
                             band, len(norm), colour, c.stacked)
        if kind == "cn_like" and sc >= KEEP_SCORE:
            # scored as read; shown with the province the reading lost, when sure of it
            norm = with_province(norm, padded_line)
        out.append(CandidateRead(c, norm, rec, kind, colour or c.colour_hint, panel, tex,
                                 frame, band, sc))
    return out


def detect_plates(rgb: np.ndarray, settings: PhotoSettings) -> list[PlateRead]:
    """Every licence-plate-like object in an RGB photo, best first (boxes in input px)."""
    reads = [r for r in read_candidates(rgb, settings) if r.score >= KEEP_SCORE]
    reads.sort(key=lambda r: -r.score)
    kept: list[PlateRead] = []
    for r in reads:  # drop overlapping duplicates (a text line inside a colour rectangle)
        q = r.candidate.quad
        if all(iou(q, np.array(k.box).reshape(4, 2)) < 0.3 for k in kept):
            kept.append(PlateRead(tuple(float(v) for v in q.reshape(-1)), r.text, r.score,
                                  r.colour))
    return kept


def judge_plates(plates: list[PlateRead], settings: PhotoSettings) -> Finding:
    """``plate_visible``: FAIL when a plate scoring >= ``settings.min_plate_score`` is on
    the vehicle photographed (or not judged: ``on_vehicle`` None); REVIEW when the only
    such plates are on other vehicles (:mod:`.plate_owner`), or when the best is within
    ``settings.plate_review_margin`` below the score. ``measured``: plates on the
    vehicle; ``details["other_vehicle_plates"]``: plates on other vehicles."""
    thr = settings.min_plate_score
    seen = [p for p in plates if p.score >= thr]
    own = [p for p in seen if p.on_vehicle is not False]
    others = [p for p in seen if p.on_vehicle is False]
    near = [p for p in plates if thr - settings.plate_review_margin <= p.score < thr]
    ev = [Shape.polygon(np.array(p.box).reshape(4, 2), label=p.label(), role="plate")
          for p in (seen or near)]
    best = max((p.score for p in plates), default=0.0)
    details = {"plates": [p.to_dict() for p in plates], "other_vehicle_plates": len(others)}

    def names(ps: list[PlateRead]) -> str:
        return ", ".join(p.text or "unreadable" for p in ps)

    if own:
        where = "on the vehicle" if all(p.on_vehicle for p in own) else "in the photo"
        msg = f"a licence plate is visible {where} ({names(own)})"
        if others:
            msg += f"; {len(others)} more on other vehicles ({names(others)})"
        return Finding("plate_visible", Status.FAIL, len(own), 0, "", msg, ev, details)
    if others:
        return Finding("plate_visible", Status.REVIEW, 0, 0, "",
                       f"a licence plate is visible on another vehicle, not on the vehicle "
                       f"photographed ({names(others)}); check it", ev, details)
    if near:
        return Finding("plate_visible", Status.REVIEW, 0, 0, "",
                       f"something plate-like is in the photo (score {best:.2f}); check it",
                       ev, details)
    return Finding("plate_visible", Status.PASS, 0, 0, "", "no licence plate is visible",
                   [], details)
