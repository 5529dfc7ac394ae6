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

Box = tuple[int, int, int, int]  # x0, y0, x1, y1 in image px

#: Labels of the certificate fields as they appear in a payload or on the page.
VIN_LABELS = ("车辆识别代号", "车架号", "识别代号", "VIN")
COLOUR_LABELS = ("车身颜色", "颜色")
KIND_LABELS = ("车辆名称", "车辆类型")

_PAIR_SPLIT = re.compile(r"[;；|\n\r,，\t]+")
_KEY_VALUE = re.compile(r"^\s*(?:\d+\s*[.、]?\s*)?([^:：=]{1,30})\s*[:：=]\s*(.*?)\s*$")
_VIN_TOKEN = re.compile(r"(?<![A-Z0-9])[A-HJ-NPR-Z0-9]{17}(?![A-Z0-9])")


@dataclass(frozen=True)
class Barcode:
    """One decoded barcode: ``text`` its payload, ``format`` zxing's name ("QRCode",
    "PDF417", "Code39" …), ``box`` its bounding box in image px."""

    text: str
    format: str
    box: Box

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "format": self.format, "box": list(self.box)}


def read_barcodes(image: np.ndarray) -> list[Barcode]:
    """All barcodes zxing-cpp decodes in an H x W (x 3 RGB) uint8 image (any rotation).

    Raises :class:`~vincheck.errors.OcrEngineError` when zxing-cpp is not installed."""
    try:
        import zxingcpp
    except ImportError as exc:  # pragma: no cover - a broken install
        raise OcrEngineError(f"zxing-cpp is not installed ({exc}); reinstall vincheck with "
                             "its dependencies (pip install zxing-cpp)") from exc
    arr = np.ascontiguousarray(image)
    if arr.ndim == 3:
        arr = np.ascontiguousarray(arr[:, :, :3].mean(axis=2).astype(np.uint8))
    out = []
    for r in zxingcpp.read_barcodes(arr):
        p = r.position
        xs = [p.top_left.x, p.top_right.x, p.bottom_left.x, p.bottom_right.x]
        ys = [p.top_left.y, p.top_right.y, p.bottom_left.y, p.bottom_right.y]
        fmt = str(r.format).split(".")[-1]
        out.append(Barcode(r.text, fmt, (min(xs), min(ys), max(xs), max(ys))))
    return out


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
