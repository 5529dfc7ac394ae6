"""Read barcodes (QR, PDF417, DataMatrix, Code 39, Code 128 …) with zxing-cpp, and find
the VIN and other labelled fields in what they carry.

zxing-cpp (Apache-2.0, PyPI wheel) decodes UTF-8 Chinese payloads that OpenCV's QR
detector fails on. A barcode's payload is checked by its own error correction, so a
decoded value is exact; whether it is the *right* field is decided here: a labelled value
(``车辆识别代号:…``) or, on a VIN label, a payload that is one VIN.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import numpy as np

from vincheck.errors import OcrEngineError
from vincheck.vin import VIN_LENGTH

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in image px

#: Labels of the certificate fields as they appear in a payload or on the page.
VIN_LABELS = ("车辆识别代号", "车架号", "识别代号", "VIN")
COLOUR_LABELS = ("车身颜色", "颜色")
KIND_LABELS = ("车辆名称", "车辆类型")

_PAIR_SPLIT = re.compile(r"[;；|\n\r,，\t]+")
_KEY_VALUE = re.compile(r"^\s*(?:\d+\s*[.、]?\s*)?([^:：=]{1,30})\s*[:：=]\s*(.*?)\s*$")
_VIN_TOKEN = re.compile(rf"(?<![A-Z0-9])[A-HJ-NPR-Z0-9]{{{VIN_LENGTH}}}(?![A-Z0-9])")


@dataclass(frozen=True)
class Barcode:
    """One decoded barcode: ``text`` its payload, ``format`` zxing's name ("QRCode",
    "PDF417", "Code39" …), ``box`` its bounding box in image px."""

    text: str
    format: str
    box: Box

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "format": self.format, "box": list(self.box)}


def read_barcodes(image: np.ndarray, deskew: bool = True) -> list[Barcode]:
    """All barcodes zxing-cpp decodes in an H x W (x 3 RGB) uint8 image.

    zxing finds QR and DataMatrix at any angle but not a PDF417 turned a few degrees (a
    page laid askew on the scanner); when nothing decodes and ``deskew``, the page is
    turned straight by the angle of its long ruled lines (:func:`skew_degrees`) and read
    again; boxes are given in the input's coordinates. Raises
    :class:`~vincheck.errors.OcrEngineError` when zxing-cpp is not installed."""
    try:
        import zxingcpp
    except ImportError as exc:  # pragma: no cover - a broken install
        raise OcrEngineError(f"zxing-cpp is not installed ({exc}); reinstall vincheck with "
                             "its dependencies (pip install zxing-cpp)") from exc
    import cv2

    arr = np.ascontiguousarray(image)
    if arr.ndim == 3:
        arr = cv2.cvtColor(np.ascontiguousarray(arr[:, :, :3]), cv2.COLOR_RGB2GRAY)
    found = _decode(zxingcpp, arr, None)
    if found or not deskew:
        return found
    angle = skew_degrees(arr)
    if abs(angle) < 0.5:
        return found
    h, w = arr.shape
    m = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    straight = cv2.warpAffine(arr, m, (w, h), flags=cv2.INTER_LINEAR,
                              borderMode=cv2.BORDER_REPLICATE)
    return _decode(zxingcpp, straight, cv2.invertAffineTransform(m))


def _decode(zxingcpp: Any, gray: np.ndarray, back: np.ndarray | None) -> list[Barcode]:
    out = []
    for r in zxingcpp.read_barcodes(gray):
        p = r.position
        pts = np.array([[q.x, q.y] for q in (p.top_left, p.top_right, p.bottom_right,
                                              p.bottom_left)], dtype=np.float64)
        if back is not None:
            pts = pts @ back[:, :2].T + back[:, 2]
        fmt = str(r.format).split(".")[-1]
        box = (int(pts[:, 0].min()), int(pts[:, 1].min()), int(pts[:, 0].max()),
               int(pts[:, 1].max()))
        out.append(Barcode(r.text, fmt, box))
    return out


def skew_degrees(gray: np.ndarray) -> float:
    """The page's tilt in degrees (the angle to turn it by with OpenCV's
    ``getRotationMatrix2D`` to make it straight): median angle of its long near-horizontal
    lines (Hough segments >= a fifth of the page, within 15 degrees); 0 when there are
    none."""
    import math

    import cv2

    h, w = gray.shape
    s = min(1.0, 1000.0 / max(h, w))
    small = cv2.resize(gray, None, fx=s, fy=s, interpolation=cv2.INTER_AREA) if s < 1 else gray
    dark = cv2.adaptiveThreshold(small, 255, cv2.ADAPTIVE_THRESH_MEAN_C,
                                 cv2.THRESH_BINARY_INV, 25, 12)
    sw = small.shape[1]
    segs = cv2.HoughLinesP(dark, 1, np.pi / 360, threshold=int(0.15 * sw),
                           minLineLength=int(0.2 * sw), maxLineGap=6)
    angles = []
    for x0, y0, x1, y1 in ([] if segs is None else segs.reshape(-1, 4).tolist()):
        a = math.degrees(math.atan2(y1 - y0, x1 - x0))
        if abs(a) < 15:
            angles.append(a)
    return float(np.median(angles)) if angles else 0.0


def payload_fields(text: str) -> dict[str, str]:
    """``key:value`` pairs of a payload (separators ``;`` ``|`` ``,`` new line; ``:`` ``：``
    or ``=`` between key and value; a leading field number is dropped)."""
    out: dict[str, str] = {}
    for part in _PAIR_SPLIT.split(text):
        m = _KEY_VALUE.match(part)
        if m and m.group(1).strip() not in out:
            out[m.group(1).strip()] = m.group(2).strip()
    return out


def labelled_value(fields: dict[str, str], labels: tuple[str, ...]) -> str | None:
    """The value of the first key that contains one of ``labels`` (in label order)."""
    for label in labels:
        for key, value in fields.items():
            if label.lower() in key.lower() and value:
                return value
    return None


def vin_tokens(text: str) -> list[str]:
    """17-character runs of VIN characters in ``text`` (upper-cased), in order."""
    return _VIN_TOKEN.findall(text.upper())
