"""The full-turn view head: the azimuth (0-360 degrees) of a whole vehicle without a plate,
from the bundled detector's backbone features of the vehicle crop.

The crop (the vehicle box with a 4 % margin) and its mirror image are run through the
detector's backbone (:func:`.vehicle_detector.backbone_maps`); each of its two maps is
averaged over a 3 x 3 grid of cells (the layout of wheels, glass and lamps across the box
tells the view). A softmax regression reads from these the probability of each of
:data:`BINS` azimuth bins (10 degrees each). The mirror's probabilities, mirrored
(azimuth ``a`` -> ``360 - a``), are averaged with the crop's, so a flipped photo gets
exactly the flipped answer: a front-left photo mirrored reads as front-right.

The azimuth is the circular mean of the probabilities within 20 degrees of the most
probable bin; the confidence is the probability mass within 25 degrees of that azimuth.

The weights (``vincheck/data/view_turn.npz``) are made by ``tools/train_view_head.py
--turn`` from rendered views of CC0 3D car models (``tools/car_renders.py``) only;
``view_turn.json`` beside them records the data, seed, command and sha256.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from vincheck.errors import OcrEngineError
from vincheck.package_data import data_path, file_sha256, read_json, read_npz
from vincheck.photo.vehicle_detector import backbone_maps
from vincheck.photo.view_head import vehicle_crop

DATA = data_path()
TURN_PATH = DATA / "view_turn.npz"
TURN_META_PATH = DATA / "view_turn.json"
BINS = 36  # azimuth bins of 10 degrees, centred on 0, 10, ... 350
GRID = 3  # rows and columns of cells each feature map is averaged over
PEAK_DEG = 20.0  # half-width of the peak the azimuth and the confidence are read from


class ViewTurnError(OcrEngineError):
    """The shipped full-turn head is missing or damaged (an engine failure, exit code 3)."""


@dataclass(frozen=True)
class TurnView:
    """What the head reads: azimuth (degrees 0-360, 0 = front, 45 = front-left, 90 = left),
    confidence 0-1 (the probability mass within PEAK_DEG + 5 of it) and the bin
    probabilities."""

    azimuth_deg: float
    confidence: float
    probs: tuple[float, ...]

    def as_dict(self) -> dict:
        """Rounded values for the finding's details (the 4 most probable bins)."""
        top = np.argsort(self.probs)[::-1][:4]
        return {"azimuth_deg": round(self.azimuth_deg, 1),
                "confidence": round(self.confidence, 3),
                "top_bins_deg": {int(k * 360 // BINS): round(float(self.probs[k]), 3)
                                 for k in top}}


def grid_means(m: np.ndarray, n: int = GRID) -> np.ndarray:
    """A C x H x W map averaged over an n x n grid of cells -> C * n * n values."""
    ey = np.linspace(0, m.shape[1], n + 1).round().astype(int)
    ex = np.linspace(0, m.shape[2], n + 1).round().astype(int)
    return np.concatenate([m[:, ey[i]:ey[i + 1], ex[j]:ex[j + 1]].mean((1, 2))
                           for i in range(n) for j in range(n)])


def crop_vector(crop: np.ndarray) -> np.ndarray:
    """The feature vector of one crop (both backbone maps, grid-averaged)."""
    f16, f32 = backbone_maps(crop)
    return np.concatenate([grid_means(f16), grid_means(f32)]).astype(np.float32)


def turn_features(rgb: np.ndarray, box: tuple[float, float, float, float]) -> np.ndarray:
    """2 x D features of the vehicle in ``box`` (x, y, w, h px): the crop and its mirror."""
    crop = vehicle_crop(rgb, box)
    return np.stack([crop_vector(crop), crop_vector(np.ascontiguousarray(crop[:, ::-1]))])


def mirror_bins(p: np.ndarray) -> np.ndarray:
    """Bin probabilities of the mirrored view: bin k (azimuth 10 k) -> bin -k."""
    return p[..., (-np.arange(BINS)) % BINS]


def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(-1, keepdims=True)


@lru_cache(maxsize=1)
def _weights() -> dict[str, np.ndarray]:
    return read_npz(TURN_PATH, np.float32, ViewTurnError, "full-turn view head")


@lru_cache(maxsize=1)
def metadata() -> dict:
    """What the shipped head was trained on (``view_turn.json``)."""
    return read_json(TURN_META_PATH, ViewTurnError, "full-turn view head metadata")


def weights_sha256() -> str:
    """sha256 of the shipped weights file (hex)."""
    return file_sha256(TURN_PATH)


def probabilities(feats: np.ndarray, weights: dict[str, np.ndarray] | None = None) -> np.ndarray:
    """Bin probabilities (BINS,) from :func:`turn_features`: the crop's and the mirror's
    (mirrored) averaged."""
    w = _weights() if weights is None else weights
    z = (feats - w["mean"]) / w["scale"]
    p = softmax(z @ w["w"] + w["b"])
    return 0.5 * (p[0] + mirror_bins(p[1]))


def read_probs(p: np.ndarray) -> TurnView:
    """The azimuth and confidence of bin probabilities ``p``."""
    centres = np.arange(BINS) * (360.0 / BINS)
    k = int(np.argmax(p))
    d = np.abs((centres - centres[k] + 180) % 360 - 180)
    near = d <= PEAK_DEG + 1e-6
    s = float((p[near] * np.sin(np.radians(centres[near]))).sum())
    c = float((p[near] * np.cos(np.radians(centres[near]))).sum())
    az = math.degrees(math.atan2(s, c)) % 360
    da = np.abs((centres - az + 180) % 360 - 180)
    conf = float(p[da <= PEAK_DEG + 5.0].sum())
    return TurnView(az, min(1.0, conf), tuple(float(v) for v in p))


def read_turn(rgb: np.ndarray, box: tuple[float, float, float, float]) -> TurnView:
    """The head's view of the vehicle in ``box`` (x, y, w, h px) of an RGB photo."""
    return read_probs(probabilities(turn_features(rgb, box)))
