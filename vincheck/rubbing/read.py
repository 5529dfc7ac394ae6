"""Read a segmented strip: per-glyph distributions from the OCR engines, end symbols
told apart from VIN characters, and the 17 character distributions for ``vin.repair``."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import cv2
import numpy as np

from vincheck.errors import OcrEngineError
from vincheck.ocr.base import SYMBOL, CellScores, OcrEngine, capped, combine
from vincheck.rubbing.segment import Glyph, Segmentation
from vincheck.rubbing.u8stats import median_u8
from vincheck.vin import VIN_LENGTH

# A glyph at either end of the line is a start/stop symbol when the engines give the
# "not a VIN character" class at least this probability.
SYMBOL_PROB = 0.5
# Share of the character height added above and below the text band for the line image.
LINE_PAD = 0.25


@dataclass
class StripRead:
    """What the engines read on one strip.

    ``glyph_scores`` per glyph (left to right) incl. :data:`SYMBOL`; ``start``/``end`` the
    symbol glyphs or None; ``chars`` the character glyphs between them and ``char_scores``
    their distributions over VIN characters only; ``raw`` the line as read (``#`` for a
    symbol); ``engines`` the engines that answered; ``errors`` messages of engines that
    failed; ``shared_positions`` the 1-based character positions whose scores were
    sharpened with the other copies on the sheet (:mod:`vincheck.rubbing.copies`);
    ``disputed`` the 0-based character positions where two engines' top VIN characters
    differ (the judge does not let a valid check digit vouch for those);
    ``confirmed_by`` the 1-based numbers of the other rubbings on the sheet whose best
    reading is the same valid VIN (:func:`vincheck.rubbing.copies.agreeing_copies`);
    ``engine_texts`` each engine's own best character per position (``?`` under
    :data:`DISPUTE_PROB`); ``dot_peen`` when the line is marked in round dots
    (:func:`vincheck.rubbing.grid.dot_peen_share`).
    """

    glyph_scores: list[CellScores]
    start: Glyph | None
    end: Glyph | None
    chars: list[Glyph]
    char_scores: list[CellScores]
    raw: str
    engines: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    shared_positions: list[int] = field(default_factory=list)
    confirmed_by: list[int] = field(default_factory=list)
    engine_texts: dict[str, str] = field(default_factory=dict)
    dot_peen: bool = False

    @property
    def best_text(self) -> str:
        """The characters' best readings ("?" where a character has no reading)."""
        return "".join(max(s.items(), key=lambda kv: kv[1])[0] if s else "?"
                       for s in self.char_scores)

    @property
    def disputed(self) -> list[int]:
        """The 0-based character positions where two engines' own best characters
        (:attr:`engine_texts`) differ."""
        texts = [t for t in self.engine_texts.values() if len(t) == len(self.char_scores)]
        return [k for k in range(len(self.char_scores))
                if len({t[k] for t in texts} - {"?"}) > 1]


def line_image(norm: np.ndarray, seg: Segmentation) -> tuple[np.ndarray, int]:
    """The text line cut from the normalised strip (full width) and its top row (px)."""
    y0, y1 = seg.band
    hh = max(1, y1 - y0)
    a = max(0, int(y0 - LINE_PAD * hh))
    b = min(norm.shape[0], int(y1 + LINE_PAD * hh))
    return norm[a:b], a


def _top(d: CellScores) -> str:
    return max(d.items(), key=lambda kv: kv[1])[0] if d else "?"


def read_strip(norm: np.ndarray, seg: Segmentation, engines: Sequence[OcrEngine],
               ocr_src: np.ndarray | None = None) -> StripRead:
    """Run every engine on the strip's line and combine their per-glyph distributions.

    An engine that raises :class:`OcrEngineError` is skipped and its message kept; when
    every engine fails the last error is raised.
    """
    # a wide start / stop mark cut in two by the segmentation is read whole
    seg = Segmentation(whole_end_marks(seg.glyphs), seg.ink, seg.band)
    glyphs = seg.glyphs
    line, _ = line_image(norm if ocr_src is None else ocr_src, seg)
    spans = _spans(glyphs, line.shape[1])
    per_engine: list[list[CellScores]] = []
    used: list[str] = []
    errors: list[str] = []
    last_exc: OcrEngineError | None = None
    for eng in engines:
        try:
            scores = eng.read_glyphs(line, spans)
        except OcrEngineError as exc:
            errors.append(f"{eng.name}: {exc}")
            last_exc = exc
            continue
        if len(scores) != len(glyphs):
            errors.append(f"{eng.name}: returned {len(scores)} cells for {len(glyphs)}")
            continue
        per_engine.append([capped(s) for s in scores])
        used.append(eng.name)
    if not per_engine and glyphs:
        if last_exc is not None:
            raise last_exc
        raise OcrEngineError("no OCR engine returned a reading: " + "; ".join(errors))
    weights = [ENGINE_WEIGHTS.get(n, 1.0) for n in used]
    glyph_scores = [combine([pe[i] for pe in per_engine], weights) for i in range(len(glyphs))]
    _second_opinion(norm, seg, glyph_scores, engines)
    start = end = None
    lo, hi = 0, len(glyphs)
    if glyphs:
        sym = [symbol_score(glyphs, i, glyph_scores[i]) for i in range(len(glyphs))]
        lo, hi = _outside_symbols(glyph_scores, sym)
        extra = (hi - lo) - VIN_LENGTH
        first_sym, last_sym = sym[lo] >= SYMBOL_PROB, sym[hi - 1] >= SYMBOL_PROB
        if hi - lo >= 2 and extra == 2:
            # two glyphs too many: the ends are the marks, unless one is surely a
            # character (its mark lost at the tape's end, a sliver of dirt in the line)
            first_sym = first_sym or not _surely_char(glyph_scores[lo], sym[lo])
            last_sym = last_sym or not _surely_char(glyph_scores[hi - 1], sym[hi - 1])
        elif hi - lo >= 2 and extra == 1 and not (first_sym or last_sym):
            first_sym, last_sym = sym[lo] >= sym[hi - 1], sym[hi - 1] > sym[lo]
        if first_sym:
            start, lo = glyphs[lo], lo + 1
        if last_sym and hi - 1 >= lo:
            end, hi = glyphs[hi - 1], hi - 1
    idx = list(range(lo, hi))
    # more than 17 glyphs between the symbols: drop the least character-like ones
    # (a short round glyph is a mark, not a character, however it was read)
    med_h = float(np.median([g.h for g in glyphs])) if glyphs else 0.0  # px
    marks = {i for i in idx if short_round(glyphs[i], med_h)}

    def vin_mass(i: int) -> float:
        mass = sum(v for k, v in glyph_scores[i].items() if k != SYMBOL)
        return (1.0 - ROUND_MARK_P) * mass if i in marks else mass

    while len(idx) > VIN_LENGTH:  # fragments and dirt: the cells least read as VIN characters
        worst = min(idx, key=lambda i: (round(vin_mass(i), 2), glyphs[i].area))
        idx.remove(worst)
    chars = [glyphs[i] for i in idx]
    char_scores = [{k: v for k, v in glyph_scores[i].items() if k != SYMBOL} for i in idx]
    kept = set(idx)
    merged: set[int] = set()
    if len(idx) == VIN_LENGTH and start is None:
        start, used_ = _fragments_as_symbol(glyphs, list(range(lo, idx[0])), chars, "start")
        merged |= used_
    if len(idx) == VIN_LENGTH and end is None:
        end, used_ = _fragments_as_symbol(glyphs, list(range(idx[-1] + 1, hi)), chars, "end")
        merged |= used_
    raw = "".join(SYMBOL if glyphs[i] is start or glyphs[i] is end or i in merged
                  else (_top({k: v for k, v in glyph_scores[i].items() if k != SYMBOL})
                        if i in kept else "~")
                  for i in range(len(glyphs)))
    engine_texts = {name: "".join(_top_vin(pe[i]) or "?" for i in idx)
                    for name, pe in zip(used, per_engine, strict=True)}
    return StripRead(glyph_scores, start, end, chars, char_scores, raw, used, errors,
                     engine_texts=engine_texts)


# Weight of each engine's line reading when they are averaged (others 1). RapidOCR's
# PP-OCR recogniser, trained on far more faces than the glyph classifier, reads the line of
# an unseen face better (tuning sets, per-engine best characters: RapidOCR 85 of 101
# 17-character lines exact, the classifier 60); at 4:1 the classifier still settles what
# RapidOCR is unsure of. Chosen among 1, 2 and 4 on the tuning sets (seed 10: exact VIN
# 88 -> 94 of 102 strips, clean sheets rejected 9 -> 7 of 30; seed 12: 127 -> 130 of 166,
# 20 -> 17 of 50) (``benchmarks.rubbing --seed 10 / 12``).
ENGINE_WEIGHTS = {"rapidocr": 4.0}


# A start / stop mark broken into fragments (a maker's emblem, a ring of dots) is taken
# whole when the fragments left over beside a full line of 17 characters together stand
# within this many character pitches of the line's end and are at least SYMBOL_MIN_H x the
# median character height tall.
SYMBOL_REACH = 1.8
SYMBOL_MIN_H = 0.6
SYMBOL_MAX_W = 1.6  # x the median character height: an emblem is about as wide as tall


def _fragments_as_symbol(glyphs: Sequence[Glyph], cand: list[int], chars: Sequence[Glyph],
                         where: str) -> tuple[Glyph | None, set[int]]:
    """The fragments ``cand`` (glyph indices beyond the 17 characters, at the ``where`` end)
    merged into one symbol glyph when together they look like the missing end mark: close
    to the line's end (:data:`SYMBOL_REACH` pitches), tall enough (:data:`SYMBOL_MIN_H`) and
    no wider than :data:`SYMBOL_MAX_W`; else (None, empty set)."""
    if not cand or len(chars) < 2:
        return None, set()
    pitch = float(np.median([b.cx - a.cx for a, b in zip(chars, chars[1:], strict=False)]))
    med_h = float(np.median([g.h for g in chars]))
    med_w = float(np.median([g.w for g in chars]))  # px
    ref = chars[0] if where == "start" else chars[-1]
    parts = [glyphs[i] for i in cand if abs(glyphs[i].cx - ref.cx) <= SYMBOL_REACH * pitch]
    if not parts:
        return None, set()
    x0, x1 = min(g.x0 for g in parts), max(g.x1 for g in parts)
    y0, y1 = min(g.y0 for g in parts), max(g.y1 for g in parts)
    if y1 - y0 < SYMBOL_MIN_H * med_h or x1 - x0 > SYMBOL_MAX_W * med_h:
        return None, set()
    gap = ref.x0 - x1 if where == "start" else x0 - ref.x1
    if gap < -0.2 * med_w:  # overlapping the character: a piece of it, not a mark
        return None, set()
    merged = Glyph(x0, y0, x1, y1, sum(g.area for g in parts),
                   any(g.at_edge for g in parts))
    return merged, {i for i in cand if glyphs[i] in parts}


# A mark this many times the line's median glyph width or wider is no single character
# (tuning set seed 12: a maker's oval emblem cut in two read as C and a dropped glyph;
# exact VIN 130 -> 134 of 166 strips, clean sheets rejected 17 -> 16 of 50).
MARK_MIN_W = 1.5


def whole_end_marks(glyphs: Sequence[Glyph]) -> list[Glyph]:
    """``glyphs`` with a wide start / stop mark made whole again where the segmentation cut
    it in two (a maker's oval emblem split at the pitch): only on a line with more glyphs
    than 17 characters and two marks, the two glyphs at an end that touch (cut, no gap)
    and together are :data:`MARK_MIN_W` median glyph widths wide but no wider than
    :data:`SYMBOL_MAX_W` character heights."""
    out = list(glyphs)
    if len(out) <= VIN_LENGTH + 2:
        return out
    med_w = float(np.median([g.w for g in out]))  # px
    med_h = float(np.median([g.h for g in out]))
    for first in (True, False):
        if len(out) <= VIN_LENGTH + 2:
            break
        a, b = (out[0], out[1]) if first else (out[-2], out[-1])
        width = b.x1 - a.x0
        if b.x0 - a.x1 <= 1 and MARK_MIN_W * med_w <= width <= SYMBOL_MAX_W * med_h:
            whole = Glyph(a.x0, min(a.y0, b.y0), b.x1, max(a.y1, b.y1), a.area + b.area,
                          a.at_edge or b.at_edge)
            if first:
                out[0:2] = [whole]
            else:
                out[-2:] = [whole]
    return out


# An engine's top VIN character counts in a dispute only when given at least this.
DISPUTE_PROB = 0.2


def _top_vin(d: CellScores) -> str | None:
    """The engine's most probable VIN character (None when under :data:`DISPUTE_PROB`)."""
    vin = [(v, k) for k, v in d.items() if k != SYMBOL]
    if not vin:
        return None
    v, k = max(vin)
    return k if v >= DISPUTE_PROB else None


# A glyph beyond an end symbol is part of the line only when read as a VIN character at
# least this surely (otherwise it is the tape's torn end, a streak or a mark on the paper).
BEYOND_SYMBOL_PROB = 0.5


def _outside_symbols(glyph_scores: Sequence[CellScores], sym: Sequence[float]
                     ) -> tuple[int, int]:
    """Index range [lo, hi) of the line without the glyphs lying beyond its end symbols
    when there are more than 19: two symbols with exactly 17 glyphs between them, else a
    symbol second from an end with past it only glyphs that no engine reads as a VIN
    character with :data:`BEYOND_SYMBOL_PROB`; of 19 glyphs, the one beyond a mark-like
    second glyph when the other end is surely a character."""
    lo, hi = 0, len(sym)
    # two symbols exactly 17 glyphs apart frame the VIN: whatever lies outside them is not
    # part of it (the regulation puts the VIN between its start and end symbols)
    if hi > 19:
        pairs = [(sym[i] + sym[i + 18], i) for i in range(hi - 18)
                 if sym[i] >= SYMBOL_PROB and sym[i + 18] >= SYMBOL_PROB]
        if pairs:
            i = max(pairs)[1]
            return i, i + 19

    def weak(i: int) -> bool:
        return max((v for k, v in glyph_scores[i].items() if k != SYMBOL),
                   default=0.0) < BEYOND_SYMBOL_PROB and sym[i] < SYMBOL_PROB

    while hi - lo > 19 and sym[hi - 2] >= SYMBOL_PROB and weak(hi - 1):
        hi -= 1
    while hi - lo > 19 and sym[lo + 1] >= SYMBOL_PROB and weak(lo):
        lo += 1

    def surely_char(i: int) -> bool:
        return _surely_char(glyph_scores[i], sym[i])

    # 19 glyphs whose one end is surely a character cannot be framed by two marks there:
    # when the glyph next to the other end is mark-like, the end glyph is dirt beyond it
    if hi - lo == 19 and surely_char(hi - 1) and sym[lo + 1] >= SYMBOL_PROB:
        lo += 1
    elif hi - lo == 19 and surely_char(lo) and sym[hi - 2] >= SYMBOL_PROB:
        hi -= 1
    return lo, hi


def _surely_char(scores: CellScores, sym: float) -> bool:
    """A glyph not mark-like (``sym`` under :data:`SYMBOL_PROB`) that an engine average
    reads as a VIN character with at least :data:`SURE_PROB`."""
    return sym < SYMBOL_PROB and max(
        (v for k, v in scores.items() if k != SYMBOL), default=0.0) >= SURE_PROB


# Below this top probability a glyph read from the whole line is read again on its own,
# by the first of these engines that reads single cells. RapidOCR first: on the held-out
# tuning set (seed 10) the glyph classifier, already one of the line's two votes, was
# sure and wrong on unseen faces (OCR-A G for 6, League Mono 1 for L) where RapidOCR's
# single-cell reading was right: exact VIN 82 -> 85 of 102 strips, clean sheets rejected
# 12 -> 10 of 30, no wrong VIN either way (``benchmarks.rubbing --n 60 --seed 10``).
SECOND_OPINION = ("rapidocr", "glyph")
SURE_PROB = 0.9


def cell_image(norm: np.ndarray, g: Glyph, pad: float = 0.3) -> np.ndarray:
    """One glyph cut out of the normalised strip, its neighbours blanked: the glyph's
    columns with ``pad`` x its height of background added on every side (px)."""
    p = int(round(pad * g.h))
    y0, y1 = max(0, g.y0 - p), min(norm.shape[0], g.y1 + p)
    cell = norm[y0:y1, g.x0:g.x1]
    bg = int(median_u8(norm[y0:y1]))
    return cv2.copyMakeBorder(cell, 0, 0, p, p, cv2.BORDER_CONSTANT, value=bg)


def _second_opinion(norm: np.ndarray, seg: Segmentation, glyph_scores: list[CellScores],
                    engines: Sequence[OcrEngine]) -> None:
    """Re-read unsure glyphs one by one (the first engine of :data:`SECOND_OPINION` with
    ``read_cells``) and average the line and cell readings in place: a character read
    alone is not pulled towards its neighbours (the line recogniser's S/5, V/U
    confusions)."""
    unsure = [i for i, sc in enumerate(glyph_scores)
              if max(sc.values(), default=0.0) < SURE_PROB]
    if not unsure:
        return
    ranked = sorted(engines, key=lambda e: SECOND_OPINION.index(e.name)
                    if e.name in SECOND_OPINION else len(SECOND_OPINION))
    for eng in ranked:
        reader = getattr(eng, "read_cells", None)
        if reader is None:
            continue
        try:
            cells = reader([cell_image(norm, seg.glyphs[i]) for i in unsure])
        except OcrEngineError:
            continue
        for i, sc in zip(unsure, cells, strict=False):
            if sc:
                glyph_scores[i] = combine([glyph_scores[i], capped(sc)])
        return


# Stamped VIN characters are narrow (width/height <= ~0.65); the usual end symbols
# (stars, diamond, triangle, reference mark, a letter in a ring) are about as wide as tall.
SYMBOL_ASPECT = 0.72


def symbol_score(glyphs: Sequence[Glyph], i: int, scores: CellScores) -> float:
    """How much glyph ``i`` looks like an end symbol (0-1): the engines' probability of a
    non-VIN glyph, or a shape as wide as tall (``SYMBOL_ASPECT``) compared with the median
    glyph of the line unless the engines read it surely as a character."""
    g = glyphs[i]
    p = float(scores.get(SYMBOL, 0.0))
    med_h = float(np.median([x.h for x in glyphs]))
    aspect = g.w / max(1.0, max(g.h, med_h))
    # a wide face's characters are nearly as wide as tall: a symbol is wider than they are
    inner = glyphs[1:-1] if len(glyphs) > 4 else glyphs
    line_aspect = float(np.median([x.w / max(1.0, max(x.h, med_h)) for x in inner]))
    read_as_char = max((v for k, v in scores.items() if k != SYMBOL), default=0.0)
    if (aspect >= max(SYMBOL_ASPECT, WIDER_THAN_LINE * line_aspect)
            and read_as_char < CHAR_OVER_SHAPE):
        p = max(p, 0.8)
    if short_round(g, med_h):
        p = max(p, ROUND_MARK_P)
    return p


# A glyph at least this wide for its own height ...
ROUND_ASPECT = 0.85
# ... and at most this many times the line's median glyph height is a mark, with this
# symbol score.
SHORT_MARK_H = 0.8
ROUND_MARK_P = 0.8


def short_round(g: Glyph, med_h: float) -> bool:
    """Glyph ``g`` is a round mark clearly shorter than the characters of its line (median
    height ``med_h``, px): a hexagon nut, a dot, a ring. No VIN character, however surely
    an engine reads it as 0: every VIN character is as tall as the line and none is as wide
    as tall and short."""
    return g.w >= ROUND_ASPECT * g.h and g.h <= SHORT_MARK_H * med_h


# ... and at least this many times the line's median character aspect (wide faces).
WIDER_THAN_LINE = 1.25
# A glyph the engines read as a VIN character at least this surely is a character even
# when it is as wide as a symbol (a bold L or M, a blurred cell).
CHAR_OVER_SHAPE = 0.7


def _spans(glyphs: Sequence[Glyph], width: int) -> list[tuple[float, float]]:
    """x-ranges assigning every line px to the nearest glyph (split at mid-gaps)."""
    spans = []
    for i, g in enumerate(glyphs):
        left = 0.0 if i == 0 else (glyphs[i - 1].x1 + g.x0) / 2.0
        right = float(width) if i == len(glyphs) - 1 else (g.x1 + glyphs[i + 1].x0) / 2.0
        left = max(left, g.x0 - 0.5 * g.h) if i == 0 else left
        right = min(right, g.x1 + 0.5 * g.h) if i == len(glyphs) - 1 else right
        spans.append((left, right))
    return spans
