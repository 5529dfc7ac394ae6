"""Body colour of the vehicle, named in the ten registration colours.

Reading applied: the colour is measured on the vehicle (the vehicle mask when the
locator has one, else its box, else the central part of the picture), on a sample of
pixels converted to CIE Lab. The pixels are clustered (k-means); clusters with chroma
below ``ACHROMATIC_CHROMA`` are achromatic. Dark achromatic pixels (glass, tyres,
shadows, grille) count less (``DARK_WEIGHT``) unless they dominate - then the car is
black. Chromatic clusters are named by their nearest Lab prototypes (a few typical
paints per name); achromatic paint is named by lightness: the 80th percentile of the
non-dark achromatic pixels' L (the lit faces; a white body's shaded side reads grey)
separates white from grey.

Names are the Chinese registration names 白 灰 黄 粉 红 紫 绿 蓝 棕 黑; English words are
accepted on input (:func:`normalize_color_name`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import cv2
import numpy as np

from vincheck.errors import UsageError
from vincheck.findings import Finding, Shape, Status
from vincheck.settings import PhotoSettings

COLOR_NAMES = ("白", "灰", "黄", "粉", "红", "紫", "绿", "蓝", "棕", "黑")
ENGLISH = {"白": "white", "灰": "grey", "黄": "yellow", "粉": "pink", "红": "red",
           "紫": "purple", "绿": "green", "蓝": "blue", "棕": "brown", "黑": "black"}
_ALIASES = {**{v: k for k, v in ENGLISH.items()}, "gray": "灰",
            # traditional characters, as printed on some certificates
            "紅": "红", "綠": "绿", "藍": "蓝", "黃": "黄"}

ACHROMATIC_CHROMA = 12.0  # Lab chroma below which a cluster has no hue
DARK_L = 28.0  # Lab L below which achromatic pixels are glass / tyre / shadow / black paint
DARK_WEIGHT = 0.6
WHITE_L = 74.0  # 80th-percentile L of the lit achromatic paint: white above, grey below
N_SAMPLES = 20000
WORK_PIXELS = 2_000_000  # px: a larger picture is measured on a copy scaled down to this
N_CLUSTERS = 6

# typical paints per chromatic name (sRGB); several per name to cover light / dark shades
PROTOTYPES: dict[str, list[tuple[int, int, int]]] = {
    "红": [(200, 30, 35), (150, 20, 25), (220, 60, 50), (120, 15, 20), (235, 40, 40)],
    "粉": [(240, 160, 190), (230, 120, 160), (250, 190, 200), (200, 110, 140)],
    "黄": [(240, 200, 30), (250, 220, 90), (200, 160, 20), (245, 160, 30)],
    "绿": [(40, 140, 60), (20, 90, 40), (120, 190, 80), (30, 120, 110), (60, 110, 40)],
    "蓝": [(30, 70, 170), (20, 40, 110), (80, 130, 210), (40, 110, 190), (20, 30, 70)],
    "紫": [(110, 50, 140), (70, 30, 90), (150, 90, 180), (120, 40, 100)],
    "棕": [(110, 70, 40), (80, 50, 30), (150, 100, 60), (170, 130, 90), (90, 60, 50)],
}


def normalize_color_name(name: str) -> str:
    """The Chinese registration colour name for a Chinese or English colour word
    (``"蓝"``, ``"蓝色"``, ``"Blue"``, ``"gray"``); raises UsageError for anything else."""
    s = name.strip().lower()
    if s.endswith("色"):
        s = s[:-1]
    if s in COLOR_NAMES:
        return s
    if s in _ALIASES:
        return _ALIASES[s]
    accepted = ", ".join(f"{k} ({v})" for k, v in ENGLISH.items())
    raise UsageError(f"unknown colour {name!r}; use one of the registration colours: {accepted}")


def _lab(rgb: np.ndarray) -> np.ndarray:
    """N x 3 uint8 RGB -> N x 3 float Lab (L 0-100)."""
    arr = (rgb.reshape(-1, 1, 3).astype(np.float32) / 255.0)
    return cv2.cvtColor(arr, cv2.COLOR_RGB2Lab).reshape(-1, 3)


def _proto_lab() -> tuple[list[str], np.ndarray]:
    names, cols = [], []
    for n, lst in PROTOTYPES.items():
        for c in lst:
            names.append(n)
            cols.append(c)
    return names, _lab(np.array(cols, np.uint8))


_PROTO_NAMES, _PROTO_LAB = _proto_lab()


def name_chromatic(lab: np.ndarray) -> dict[str, float]:
    """Probabilities of the chromatic names for one Lab colour (lightness weighted half,
    so a shaded face keeps its hue's name)."""
    d = _PROTO_LAB - lab[None, :]
    dist = np.sqrt((0.5 * d[:, 0]) ** 2 + d[:, 1] ** 2 + d[:, 2] ** 2)
    best: dict[str, float] = {}
    for n, v in zip(_PROTO_NAMES, dist, strict=True):
        best[n] = min(best.get(n, math.inf), float(v))
    logits = {n: -(v / 12.0) ** 2 / 2 for n, v in best.items()}
    m = max(logits.values())
    ex = {n: math.exp(v - m) for n, v in logits.items()}
    tot = sum(ex.values())
    return {n: v / tot for n, v in ex.items()}


@dataclass
class BodyColor:
    """The colour read: ``name`` (Chinese) or None, ``confidence`` 0-1, the scores per name,
    the Lab of the winning paint, and where it was measured (x, y, w, h px)."""

    name: str | None
    confidence: float
    scores: dict[str, float] = field(default_factory=dict)
    lab: tuple[float, float, float] | None = None
    region: tuple[float, float, float, float] | None = None
    source: str = ""  # "mask", "box" or "centre"
    greyscale: bool = False  # the whole picture is black-and-white: no colour to read


# A vehicle region smaller than this share of the picture (px / px) is not trusted for the
# colour: a registration photo's vehicle fills about two thirds, so a tiny mask or box means
# the segmentation caught a part (tyres, glass, a shadow) rather than the body.
MIN_REGION_SHARE = 0.15


def _region_pixels(rgb: np.ndarray, mask: np.ndarray | None,
                   box: tuple[float, float, float, float] | None
                   ) -> tuple[np.ndarray, tuple[float, float, float, float], str]:
    h, w = rgb.shape[:2]
    if mask is not None and mask.shape == (h, w) and mask.sum() > max(
            400, MIN_REGION_SHARE * h * w):
        m = mask.astype(np.uint8)
        k = max(3, int(0.01 * max(h, w)) | 1)
        eroded = cv2.erode(m, np.ones((k, k), np.uint8))  # away from the outline's mix
        if eroded.sum() > 200:
            m = eroded
        ys, xs = np.nonzero(m)
        reg = (float(xs.min()), float(ys.min()), float(np.ptp(xs) + 1), float(np.ptp(ys) + 1))
        return rgb[m > 0], reg, "mask"
    if box is not None and box[2] >= 8 and box[3] >= 8 and box[2] * box[3] >= (
            MIN_REGION_SHARE * h * w):
        x, y, bw, bh = box
        # the box's inner part: the vehicle's outline corners are background
        x0, x1 = int(max(0, x + 0.1 * bw)), int(min(w, x + 0.9 * bw))
        y0, y1 = int(max(0, y + 0.1 * bh)), int(min(h, y + 0.9 * bh))
        if x1 - x0 >= 4 and y1 - y0 >= 4:
            return (rgb[y0:y1, x0:x1].reshape(-1, 3),
                    (float(x0), float(y0), float(x1 - x0), float(y1 - y0)), "box")
    x0, x1 = int(0.2 * w), int(0.8 * w)
    y0, y1 = int(0.25 * h), int(0.8 * h)
    return (rgb[y0:y1, x0:x1].reshape(-1, 3),
            (float(x0), float(y0), float(x1 - x0), float(y1 - y0)), "centre")


# A picture is black-and-white when, on a copy at most GREYSCALE_WORK_SIDE px big (which
# averages scanner noise away), 99.5 % of its pixels differ from the picture's typical
# channel differences (a paper or scanner cast, removed) by at most this much (0-255).
# Measured: every colour photo of the corpus reaches 9 or more, even grey cars on a grey
# day; a black-and-white one (openalpr eu/test_041) 0, and a grey picture with a colour
# cast, per-channel noise (sigma 5) or JPEG at most 4.
GREYSCALE_CHANNEL_SPREAD = 5.0
GREYSCALE_WORK_SIDE = 200  # px


def is_greyscale(rgb: np.ndarray) -> bool:
    """True when an RGB picture (H x W x 3 uint8) has no colour: a black-and-white photo,
    or a scan made in grey mode or of a black-and-white print."""
    h, w = rgb.shape[:2]
    s = min(1.0, GREYSCALE_WORK_SIDE / max(h, w, 1))
    small = rgb if s >= 1 else cv2.resize(rgb, (max(1, round(w * s)), max(1, round(h * s))),
                                          interpolation=cv2.INTER_AREA)
    c = small.reshape(-1, 3).astype(np.float32)
    d = np.stack([c[:, 0] - c[:, 1], c[:, 1] - c[:, 2], c[:, 0] - c[:, 2]], axis=1)
    d -= np.median(d, axis=0)  # a uniform cast is not colour
    return float(np.percentile(np.abs(d).max(axis=1), 99.5)) <= GREYSCALE_CHANNEL_SPREAD


def measure_body_color(rgb: np.ndarray, mask: np.ndarray | None = None,
                       box: tuple[float, float, float, float] | None = None) -> BodyColor:
    """Name the body colour of the vehicle in an RGB picture (H x W x 3 uint8).

    ``mask`` (bool H x W) and ``box`` (x, y, w, h px) locate the vehicle; without them the
    centre of the picture is used.
    """
    h, w = rgb.shape[:2]
    if h * w > WORK_PIXELS:
        # the paint is sampled anyway (N_SAMPLES px): a smaller copy reads the same colours
        # and spares the full-resolution mask work of a large photo (0.46 s at 27 Mpx)
        f = math.sqrt(WORK_PIXELS / (h * w))
        size = (max(1, round(w * f)), max(1, round(h * f)))
        small = cv2.resize(rgb, size, interpolation=cv2.INTER_AREA)
        small_mask = None if mask is None or mask.shape != (h, w) else cv2.resize(
            mask.astype(np.uint8), size, interpolation=cv2.INTER_NEAREST) > 0
        fx, fy = size[0] / w, size[1] / h
        small_box = None if box is None else (box[0] * fx, box[1] * fy, box[2] * fx,
                                              box[3] * fy)
        out = _measure(small, small_mask, small_box)
        if out.region is not None:
            x, y, bw, bh = out.region
            out.region = (x / fx, y / fy, bw / fx, bh / fy)
        return out
    return _measure(rgb, mask, box)


def _measure(rgb: np.ndarray, mask: np.ndarray | None,
             box: tuple[float, float, float, float] | None) -> BodyColor:
    """:func:`measure_body_color` on the picture as given."""
    pixels, region, source = _region_pixels(rgb, mask, box)
    if is_greyscale(rgb):
        return BodyColor(None, 0.0, region=region, source=source, greyscale=True)
    if len(pixels) < 50:
        return BodyColor(None, 0.0, region=region, source=source)
    rng = np.random.default_rng(0)
    if len(pixels) > N_SAMPLES:
        pixels = pixels[rng.choice(len(pixels), N_SAMPLES, replace=False)]
    lab = _lab(pixels)
    chroma = np.hypot(lab[:, 1], lab[:, 2])
    k = min(N_CLUSTERS, max(1, len(lab) // 20))
    criteria = (cv2.TERM_CRITERIA_EPS + cv2.TERM_CRITERIA_MAX_ITER, 20, 0.5)
    cv2.setRNGSeed(0)
    _, labels, centres = cv2.kmeans(lab.astype(np.float32), k, None, criteria, 2,
                                    cv2.KMEANS_PP_CENTERS)
    labels = labels.ravel()
    n = float(len(lab))
    scores: dict[str, float] = {}
    chroma_lab: dict[str, list[tuple[np.ndarray, float]]] = {}
    for c in range(k):
        sel = labels == c
        share = float(sel.sum()) / n
        if share == 0:
            continue
        centre = lab[sel].mean(axis=0)
        cchroma = float(np.median(chroma[sel]))
        if cchroma >= ACHROMATIC_CHROMA:
            probs = name_chromatic(centre)
            for name, p in probs.items():
                scores[name] = scores.get(name, 0.0) + share * p
            top = max(probs, key=probs.__getitem__)
            chroma_lab.setdefault(top, []).append((centre, share))
    achro = chroma < ACHROMATIC_CHROMA
    dark = achro & (lab[:, 0] < DARK_L)
    light = achro & ~dark
    dark_share = float(dark.sum()) / n
    # glass, tyres and shadows are a minority of a car; when dark paint is the majority the
    # car is black and its dark pixels count in full
    dark_score = dark_share * (1.0 if dark_share >= 0.5 else DARK_WEIGHT)
    light_share = float(light.sum()) / n
    scores["黑"] = dark_score
    l80 = float(np.percentile(lab[light, 0], 80)) if light.any() else 0.0
    if light_share > 0:
        # white vs grey by the lit faces' lightness; the split is soft within about +-6 L
        p_white = 1.0 / (1.0 + math.exp(-(l80 - WHITE_L) / 3.0))
        scores["白"] = light_share * p_white
        scores["灰"] = light_share * (1.0 - p_white)
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    if not ranked or ranked[0][1] <= 0:
        return BodyColor(None, 0.0, region=region, source=source)
    best, s1 = ranked[0]
    s2 = ranked[1][1] if len(ranked) > 1 else 0.0
    # confidence: how clearly the winner beats the runner-up (0 = tie, 1 = alone)
    confidence = float(np.clip((s1 - s2) / max(s1, 1e-9), 0.0, 1.0))
    if best in chroma_lab:
        cs = chroma_lab[best]
        wsum = sum(s for _, s in cs)
        lab_best = sum(c * s for c, s in cs) / wsum
    elif best == "黑":
        lab_best = lab[dark].mean(axis=0)
    else:
        lab_best = lab[light].mean(axis=0) if light.any() else lab.mean(axis=0)
    return BodyColor(
        name=best, confidence=round(confidence, 3),
        scores={k2: round(v, 4) for k2, v in ranked if v > 0.001},
        lab=tuple(round(float(v), 1) for v in lab_best),  # type: ignore[arg-type]
        region=region, source=source)


def judge_color(color: BodyColor, expected: str | None, settings: PhotoSettings,
                scanned: bool = False) -> Finding:
    """Finding ``color_mismatch``: the colour read against the expected colour (a name
    from :data:`COLOR_NAMES`, or None: the colour is reported, informative PASS). A
    black-and-white picture fails (Annex 1 asks for a colour photo); from a scan
    (``scanned``) it goes to review, as the scanner may have been set to grey."""
    ev = []
    if color.region is not None:
        ev.append(Shape.box(*color.region, label=color.name or "?", role="color"))
    details = {"scores": color.scores, "lab": color.lab, "measured_on": color.source,
               "confidence": color.confidence, "greyscale": color.greyscale}
    if color.greyscale:
        message = "the picture is black-and-white: Annex 1 asks for a colour photo"
        if scanned:
            message += "; if the print is in colour, scan it again in colour"
        return Finding("color_mismatch", Status.REVIEW if scanned else Status.FAIL,
                       measured=None, limit=expected, message=message, evidence=ev,
                       details=details)
    if color.name is None:
        return Finding("color_mismatch", Status.REVIEW, measured=None, limit=expected,
                       message="the body colour could not be determined", evidence=ev,
                       details=details)
    desc = f"{color.name} ({ENGLISH[color.name]}), confidence {color.confidence:.2f}"
    if expected is None:
        return Finding("color_mismatch", Status.PASS, measured=color.name, limit=None,
                       message=f"body colour reads as {desc}; no expected colour given",
                       evidence=ev, details=details)
    if expected == color.name:
        return Finding("color_mismatch", Status.PASS, measured=color.name, limit=expected,
                       message=f"body colour {desc} matches the expected {expected}",
                       evidence=ev, details=details)
    fails = settings.color_mismatch_fails and color.confidence >= settings.min_color_confidence
    message = f"body colour reads as {desc}, expected {expected} ({ENGLISH[expected]})"
    if not fails:
        message += "; the colour reading is not sure enough to reject: check by eye"
    return Finding("color_mismatch", Status.FAIL if fails else Status.REVIEW,
                   measured=color.name, limit=expected, message=message, evidence=ev,
                   details=details)
