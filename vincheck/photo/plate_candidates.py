"""Where a licence plate might be: text lines from the PP-OCR detector and plate-coloured
rectangles, as quadrilaterals in full-resolution px, most plate-like first.

Both run on one downscaled copy (longest side ``PhotoSettings.plate_detect_side_px``). A
colour rectangle must hold contrasting marks (characters) before it is kept, so painted
panels, blue sky between branches and green leaves do not crowd out the real text lines.
A dark photo (night frames, a car in shadow against a bright sky) also gets a second
detector pass on a contrast-lifted copy (:func:`lift_contrast`): the detector does not
see dim characters a few grey levels above their plate.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import cv2
import numpy as np

from vincheck.photo.plate_color import plate_colour_masks
from vincheck.settings import PhotoSettings

_det_lock = threading.Lock()
# longest text line (width / height) worth reading: an EU plate's line is ~5:1 with the
# detector's margin; timestamps and banners are longer
MAX_LINE_ASPECT = 7.5
# a text line of STACK_SIZE x to 1/STACK_SIZE x the height right above or below another
# makes both lines of a sign, a poster or a label (a plate has one line of its size: a US
# state name, a slogan or a dealer frame's text are much smaller)
STACK_SIZE = 0.8
# two text lines side by side are also read as one (a plate number split by the detector)
# when the lower is at least MERGE_SIZE of the taller's height and the gap between them is
# at most MERGE_GAP of that height
MERGE_SIZE = 0.6
MERGE_GAP = 0.6
# photos whose median grey level (0-255) is at most this are also searched lifted
DARK_MEDIAN = 50.0


@dataclass
class Candidate:
    """A place to read: 4 corners (full-resolution px, TL TR BR BL, long side first)."""

    quad: np.ndarray
    source: str  # "text" | "colour"
    det_score: float = 0.0
    colour_hint: str = ""  # the plate colour of a colour rectangle around it
    lifted: bool = False  # found only on the contrast-lifted copy of a dark photo
    stacked: bool = False  # another text line of its size directly above or below it

    @property
    def size(self) -> tuple[float, float]:
        """(width, height) px along the quad's own axes."""
        tl, tr, br, bl = self.quad
        return (float(np.linalg.norm(tr - tl) + np.linalg.norm(br - bl)) / 2,
                float(np.linalg.norm(bl - tl) + np.linalg.norm(br - tr)) / 2)

    @property
    def aspect(self) -> float:
        w, h = self.size
        return w / max(h, 1e-6)


def order_quad(pts: np.ndarray) -> np.ndarray:
    """Corners ordered TL, TR, BR, BL with the long side first (along the text)."""
    pts = np.asarray(pts, np.float32).reshape(4, 2)
    c = pts.mean(0)
    ang = np.arctan2(pts[:, 1] - c[1], pts[:, 0] - c[0])
    pts = pts[np.argsort(ang)]
    start = int(np.argmin(pts.sum(1)))
    pts = np.roll(pts, -start, axis=0)
    if np.linalg.norm(pts[1] - pts[0]) < np.linalg.norm(pts[3] - pts[0]) * 0.8:
        pts = np.roll(pts, -1, axis=0)  # the first edge is the short one
    return pts


def text_candidates(bgr_small: np.ndarray, scale: float, box_thresh: float = 0.5
                    ) -> list[Candidate]:
    """Text lines from the PP-OCR detector run on ``bgr_small`` as it is (no resizing);
    ``box_thresh``: least mean text probability (0-1) inside a line's box."""
    from rapidocr.ch_ppocr_det.utils import DBPostProcess, DetPreProcess

    from vincheck.ocr.rapid import get_rapidocr

    engine = get_rapidocr()
    det = engine.text_det
    if det is None:  # rapidocr loads its detector lazily
        loader = getattr(engine, "_load_det_model", None)
        det = loader() if loader else None
    if det is None:
        return []
    prep = DetPreProcess(max(bgr_small.shape[:2]), "max", det.mean, det.std)(bgr_small)
    if prep is None:
        return []
    # the engine's own post-processing with our box threshold (the shared engine's
    # settings stay untouched)
    post = DBPostProcess(thresh=0.3, box_thresh=box_thresh, unclip_ratio=1.6,
                         use_dilation=True)
    with _det_lock:
        preds = det.session(prep)
    boxes, scores = post(preds, bgr_small.shape[:2])
    return [Candidate(order_quad(np.asarray(b, np.float32) / scale), "text", float(s))
            for b, s in zip(boxes, scores, strict=False)]


def colour_candidates(rgb_small: np.ndarray, scale: float, settings: PhotoSettings
                      ) -> list[Candidate]:
    """Blue / yellow / green rectangles of plate aspect with characters inside."""
    h, w = rgb_small.shape[:2]
    grey = cv2.cvtColor(rgb_small, cv2.COLOR_RGB2GRAY)
    out: list[Candidate] = []
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (max(3, w // 120) | 1, 3))
    for name, m in plate_colour_masks(rgb_small).items():
        closed = cv2.morphologyEx(m, cv2.MORPH_CLOSE, kernel)
        cnts, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for c in cnts:
            area = cv2.contourArea(c)
            if area < max(60.0, 0.00004 * h * w):
                continue
            (cx, cy), (rw, rh), ang = cv2.minAreaRect(c)
            long_, short = max(rw, rh), min(rw, rh)
            if short < settings.plate_min_height_px * scale or long_ > 0.5 * w:
                continue
            if not 1.6 <= long_ / short <= 6.5 or area / (rw * rh + 1e-6) < 0.45:
                continue
            quad = order_quad(cv2.boxPoints(((cx, cy), (rw, rh), ang)))
            if not _has_marks(grey, m, quad, settings):
                continue
            out.append(Candidate(quad / scale, "colour", 0.0, name))
    return out


def _has_marks(grey: np.ndarray, mask: np.ndarray, quad: np.ndarray,
               settings: PhotoSettings) -> bool:
    """Whether the rectangle holds characters: a share of off-colour pixels inside, with a
    grey-level contrast to the plate colour."""
    poly = np.zeros(grey.shape, np.uint8)
    tl, tr, br, bl = quad
    c = quad.mean(0)
    inner = (quad - c) * 0.8 + c  # away from the rim (bumper, frame)
    cv2.fillPoly(poly, [inner.astype(np.int32)], 1)
    inside = poly > 0
    n = int(inside.sum())
    if n < 20:
        return False
    off = (mask[inside] == 0)
    share = float(off.mean())
    if not settings.plate_min_mark_share <= share <= 0.7:
        return False
    g = grey[inside].astype(np.float32)
    return abs(float(g[off].mean()) - float(g[~off].mean())) >= settings.plate_min_contrast


def plausible_text_box(c: Candidate, w: int, h: int, settings: PhotoSettings) -> bool:
    """A text line that could be (part of) a plate: tall enough, not a banner."""
    ww, hh = c.size
    if hh < settings.plate_min_height_px or ww < 2 * settings.plate_min_height_px:
        return False
    return 1.0 <= ww / hh <= MAX_LINE_ASPECT and ww < 0.6 * w


def iou(a: np.ndarray, b: np.ndarray) -> float:
    """Intersection over union of two quads' axis-aligned bounding boxes."""
    ax0, ay0 = a.min(0)
    ax1, ay1 = a.max(0)
    bx0, by0 = b.min(0)
    bx1, by1 = b.max(0)
    iw = max(0.0, min(ax1, bx1) - max(ax0, bx0))
    ih = max(0.0, min(ay1, by1) - max(ay0, by0))
    inter = iw * ih
    ua = (ax1 - ax0) * (ay1 - ay0) + (bx1 - bx0) * (by1 - by0) - inter
    return float(inter / ua) if ua > 0 else 0.0


def _inside(inner: np.ndarray, outer: np.ndarray) -> bool:
    c = inner.mean(0)
    return cv2.pointPolygonTest(outer.reshape(-1, 1, 2).astype(np.float32),
                                (float(c[0]), float(c[1])), False) >= 0


def priority(c: Candidate) -> float:
    """Higher = read first: plate aspect, a plate colour around it, detector confidence."""
    a = c.aspect
    aspect_fit = float(np.exp(-((np.log(a) - np.log(3.3)) ** 2) / 0.5))
    return aspect_fit + (0.4 if c.colour_hint else 0.0) + 0.3 * c.det_score


def _stacked(c: Candidate, lines: list[Candidate]) -> bool:
    """Whether one of ``lines`` is a line of text of about ``c``'s height (STACK_SIZE)
    right above or below it (centres 0.6-2.2 heights apart across the line) and overlaps
    it along the line by a fifth of the shorter one."""
    centre, u, n = _frame_of(c)
    wc, hc = c.size
    for o in lines:
        if o is c:
            continue
        wo, ho = o.size
        if not STACK_SIZE * hc <= ho <= hc / STACK_SIZE:
            continue
        d = o.quad.mean(0) - centre
        across, along = abs(float(d @ n)), abs(float(d @ u))
        overlap = (wc + wo) / 2 - along
        if 0.6 * hc <= across <= 2.2 * hc and overlap >= 0.2 * min(wc, wo):
            return True
    return False


def _frame_of(c: Candidate) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(centre, unit vector along the line, unit vector across it, pointing down) px."""
    tl, tr, br, bl = c.quad
    u = (tr - tl + br - bl) / 2
    u = u / max(float(np.linalg.norm(u)), 1e-6)
    return c.quad.mean(0), u, np.float32([-u[1], u[0]])


def merged_lines(lines: list[Candidate]) -> list[Candidate]:
    """Pairs of text lines that are one plate number split by the detector at a gap, a
    sticker, a seal or a dash: side by side on one baseline (centres within a quarter of
    the taller's height across the line), heights within MERGE_SIZE of each other, at most
    MERGE_GAP heights apart. Each pair as one line around both (source "text")."""
    out: list[Candidate] = []
    for i, a in enumerate(lines):
        ca, ua, na = _frame_of(a)
        wa, ha = a.size
        for b in lines[i + 1:]:
            wb, hb = b.size
            hmax = max(ha, hb)
            if min(ha, hb) < MERGE_SIZE * hmax:
                continue
            d = b.quad.mean(0) - ca
            if abs(float(d @ na)) > 0.25 * hmax:
                continue
            gap = abs(float(d @ ua)) - (wa + wb) / 2
            if gap > MERGE_GAP * hmax:
                continue
            pts = np.concatenate([a.quad, b.quad]).astype(np.float32)
            quad = order_quad(cv2.boxPoints(cv2.minAreaRect(pts)))
            if max(iou(quad, a.quad), iou(quad, b.quad)) > 0.7:
                continue  # one holds the other: nothing new to read
            out.append(Candidate(quad, "text", min(a.det_score, b.det_score),
                                 lifted=a.lifted or b.lifted))
    return out


def lift_contrast(rgb: np.ndarray) -> np.ndarray:
    """A copy with local contrast equalised (CLAHE on the lightness, 8x8 tiles): dim
    characters on a dark plate come up to the contrast the text detector needs."""
    lab = cv2.cvtColor(rgb, cv2.COLOR_RGB2LAB)
    lab[..., 0] = cv2.createCLAHE(clipLimit=2.0, tileGridSize=(8, 8)).apply(lab[..., 0])
    return cv2.cvtColor(lab, cv2.COLOR_LAB2RGB)


def is_dark(rgb_small: np.ndarray) -> bool:
    """Whether a photo is dark enough for the lifted pass (median grey <= DARK_MEDIAN)."""
    return float(np.median(cv2.cvtColor(rgb_small, cv2.COLOR_RGB2GRAY))) <= DARK_MEDIAN


def find_candidates(rgb: np.ndarray, settings: PhotoSettings) -> list[Candidate]:
    """Candidates in read order (see the module docstring); at most
    ``settings.plate_max_reads``."""
    h, w = rgb.shape[:2]
    scale = min(1.0, settings.plate_detect_side_px / max(h, w))
    small = cv2.resize(rgb, (max(1, round(w * scale)), max(1, round(h * scale))),
                       interpolation=cv2.INTER_AREA) if scale < 1 else rgb
    lines = text_candidates(cv2.cvtColor(small, cv2.COLOR_RGB2BGR), scale,
                            settings.plate_det_box_thresh)
    if is_dark(small):
        lifted = lift_contrast(small)
        for c in text_candidates(cv2.cvtColor(lifted, cv2.COLOR_RGB2BGR), scale,
                                 settings.plate_det_box_thresh):
            if all(iou(c.quad, t.quad) < 0.5 for t in lines):
                c.lifted = True
                lines.append(c)
    texts = [c for c in lines if plausible_text_box(c, w, h, settings)]
    texts += [m for m in merged_lines(texts) if plausible_text_box(m, w, h, settings)]
    colours = colour_candidates(small, scale, settings)
    cands: list[Candidate] = []
    for t in texts:
        around = [c for c in colours if _inside(t.quad, c.quad)]
        neighbours = lines
        if around:
            t.colour_hint = around[0].colour_hint
            # inside a plate-coloured panel only the lines on the same panel make it a
            # sign (scene text above a plate is not on its panel)
            neighbours = [o for o in lines if _inside(o.quad, around[0].quad)]
        t.stacked = _stacked(t, neighbours)
        cands.append(t)
    for c in colours:
        # a colour rectangle that is the text line itself adds nothing; one that is larger
        # (the whole plate with the province character the detector split off) is kept
        if not any(iou(c.quad, t.quad) > 0.6 for t in texts):
            cands.append(c)
    cands.sort(key=lambda c: -priority(c))
    return cands[: settings.plate_max_reads]
