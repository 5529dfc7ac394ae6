"""The learnt view head: the view of a vehicle without a number plate, from the bundled
detector's backbone features of the vehicle crop.

The crop (the vehicle box, 4 % margin; also 5 % wider and narrower, the outputs averaged)
and its mirror image are run through the detector's backbone
(:func:`.vehicle_detector.backbone_maps`); each map is averaged over three horizontal
bands (top, middle, bottom third). From those:

- ``sym`` = features of the crop + those of its mirror (mirror-aligned): unchanged when the
  photo is flipped left-right. Logistic heads read the **end** (rear or front) and whether
  the view is **oblique** (22.5 degrees or more off the end axis) or head-on; ridge
  regressions read the **angle off the end axis** (degrees), one for oblique views and one
  for head-on ones.
- ``anti`` = features of the crop - those of its mirror: negated when the photo is flipped.
  A logistic head without bias reads on which side of the picture the **face** lies (the
  front or rear face of the car, the flank running off to the other side), so a flipped
  photo gets exactly the opposite answer.

The weights (``vincheck/data/view_head.npz``) are made by ``tools/train_view_head.py`` from
the labelled corpus photos of permissively licensed sources (``tests/labels``), each with
its plates painted out and as it is; ``view_head.json`` beside them records what it was
trained on and what was left out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from vincheck.errors import OcrEngineError
from vincheck.package_data import data_path, read_json, read_npz
from vincheck.photo.azimuth import azimuth_of
from vincheck.photo.vehicle_detector import backbone_maps

DATA = data_path()
HEAD_PATH = DATA / "view_head.npz"
HEAD_META_PATH = DATA / "view_head.json"
CROP_MARGIN = 0.04  # share of the box's width / height added on each side of the crop
# the head reads three crops: the box, and the box 5 % of its width wider and narrower on
# each side; it was trained on boxes jittered by up to 8 %, and the average hangs less on
# the exact box. Measured against the box alone (small gains, near the noise): front /
# rear right on 186 instead of 182 of the 220 trained photos (3-fold cross-validated, the
# two jittered training crops as the extra crops); the view class on 28 instead of 27 of
# the 31 unseen view photos; on the 66 unseen close-ups 43 instead of 44 (45 before the
# crop edges were rounded instead of truncated). Costs about 0.12 s per photo.
BOX_JITTER = 0.05
OBLIQUE_FROM_DEG = 22.5  # off the end axis from which a view is oblique (class boundary)
BANDS = 3  # horizontal bands the feature maps are averaged over
# which backbone map each head reads
HEAD_MAPS = {"end": "feat16", "oblique": "feat32", "side": "feat32", "angle": "feat32",
             "angle_end_on": "feat32"}


class ViewHeadError(OcrEngineError):
    """The shipped view head is missing or damaged (an engine failure, exit code 3)."""


@dataclass(frozen=True)
class HeadView:
    """What the head reads: probabilities 0-1 that the visible end is the rear, that the view
    is oblique and that the face lies on the picture's left; the angle off the end axis
    (degrees 0-90) and the resulting azimuth (degrees, 0 = front, 45 = front-left) and
    confidence 0-1 (the weakest of the decisions it rests on)."""

    p_rear: float
    p_oblique: float
    p_face_left: float
    off_axis_deg: float
    azimuth_deg: float
    confidence: float

    def as_dict(self) -> dict[str, float]:
        """Rounded values for the finding's details."""
        return {k: round(float(v), 3) for k, v in self.__dict__.items()}


def vehicle_crop(rgb: np.ndarray, box: tuple[float, float, float, float],
                 margin: float = CROP_MARGIN) -> np.ndarray:
    """The vehicle box (x, y, w, h px) with ``margin`` of its size around it, clipped."""
    h, w = rgb.shape[:2]
    x, y, bw, bh = box
    # rounded (not truncated) edges: the crop of a mirrored photo is the mirrored crop
    x0, y0 = round(max(0, x - margin * bw)), round(max(0, y - margin * bh))
    x1, y1 = round(min(w, x + bw * (1 + margin))), round(min(h, y + bh * (1 + margin)))
    if x1 - x0 < 2 or y1 - y0 < 2:
        return np.ascontiguousarray(rgb)
    return np.ascontiguousarray(rgb[y0:y1, x0:x1])


def band_means(m: np.ndarray, bands: int = BANDS) -> np.ndarray:
    """A C x H x W map averaged over ``bands`` horizontal bands -> C * bands values."""
    e = np.linspace(0, m.shape[1], bands + 1).round().astype(int)
    return np.concatenate([m[:, e[i]:e[i + 1]].mean((1, 2)) for i in range(bands)])


def crop_features(crop: np.ndarray) -> dict[str, dict[str, np.ndarray]]:
    """{map name: {"sym": ..., "anti": ...}} of a vehicle crop (see the module docstring)."""
    a = backbone_maps(crop)
    b = backbone_maps(np.ascontiguousarray(crop[:, ::-1]))
    out = {}
    for name, fa, fb in zip(("feat16", "feat32"), a, b, strict=True):
        fb = fb[:, :, ::-1]  # mirror-aligned: column j of the mirror shows column j here
        out[name] = {"sym": band_means(fa + fb), "anti": band_means(fa - fb)}
    return out


@lru_cache(maxsize=1)
def _weights() -> dict[str, np.ndarray]:
    return read_npz(HEAD_PATH, np.float64, ViewHeadError, "view head weights")


@lru_cache(maxsize=1)
def metadata() -> dict:
    """What the shipped head was trained on (``view_head.json``)."""
    return read_json(HEAD_META_PATH, ViewHeadError, "view head metadata")


def head_inputs(feats: dict[str, dict[str, np.ndarray]]) -> dict[str, np.ndarray]:
    """The feature vector each head reads."""
    return {name: feats[m]["anti" if name == "side" else "sym"] for name, m in HEAD_MAPS.items()}


def scores(feats: dict[str, dict[str, np.ndarray]],
           weights: dict[str, np.ndarray] | None = None) -> dict[str, float]:
    """Raw head outputs: logits ``end`` (rear > 0), ``oblique`` (> 0), ``side`` (face on the
    left > 0) and the regressed angle off the end axis (degrees) of an oblique view
    (``angle``) and of a head-on one (``angle_end_on``)."""
    w = _weights() if weights is None else weights
    x = head_inputs(feats)
    out = {}
    for name in HEAD_MAPS:
        z = (x[name] - w[f"{name}_mean"]) / w[f"{name}_scale"]
        out[name] = float(z @ w[f"{name}_w"] + w[f"{name}_b"][0])
    return out


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))


def combine(s: dict[str, float]) -> HeadView:
    """Head outputs -> one view: the end and the oblique/head-on decision pick the class, the
    regressed angle places it inside the class (moved to the class's edge when the two
    disagree), the face side picks left or right."""
    p_rear, p_obl, p_left = _sigmoid(s["end"]), _sigmoid(s["oblique"]), _sigmoid(s["side"])
    oblique = p_obl >= 0.5
    off = float(np.clip(s["angle"] if oblique else s["angle_end_on"], 0.0, 90.0))
    if oblique:
        off = max(off, OBLIQUE_FROM_DEG + 0.5)
    else:
        off = min(off, OBLIQUE_FROM_DEG - 0.5)
    rear = p_rear >= 0.5
    left = p_left >= 0.5
    az = azimuth_of(rear, left, off)
    margins = [abs(2 * p_rear - 1), abs(2 * p_obl - 1)]
    if oblique:
        margins.append(abs(2 * p_left - 1))
    return HeadView(p_rear, p_obl, p_left, off, az % 360, float(min(margins)))


def read_scores(rgb: np.ndarray, box: tuple[float, float, float, float]) -> dict[str, float]:
    """The raw head outputs (:func:`scores`) for the vehicle in ``box`` (x, y, w, h px),
    averaged over the box and the box widened and narrowed by BOX_JITTER of its width on
    each side (symmetric, so a mirrored photo still gets the mirrored answer)."""
    x, y, w, h = box
    d = round(BOX_JITTER * w)  # whole px, so the crops of a mirrored photo mirror these
    outs = [scores(crop_features(vehicle_crop(rgb, (x - e, y, w + 2 * e, h))))
            for e in (0, d, -d)]
    return {k: float(np.mean([o[k] for o in outs])) for k in outs[0]}


def read_view(rgb: np.ndarray, box: tuple[float, float, float, float]) -> HeadView:
    """The head's view of the vehicle in ``box`` (x, y, w, h px) of an RGB photo."""
    return combine(read_scores(rgb, box))
