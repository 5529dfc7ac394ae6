"""Sort a case's files into rubbing sheets and photos, and read / write case files.

A *certificate* (the 合格证, see :mod:`vincheck.certificate`) is recognised by its
file name, its ruled form or a barcode carrying a VIN. A *rubbing sheet* is a scan of
mostly near-white, low-saturation paper carrying one or more dark, elongated graphite
strips. A *photo* (a digital file or a scanned print) is colourful or textured over a
large part of its area. :func:`classify_image` tells them apart from pixels alone;
:func:`classify_file` loads a file through :mod:`vincheck.imageio`.

A *case file* is JSON: ``{"expected_vin", "kind", "color", "rubbing_files": [...],
"photo_files": [...]}`` with paths relative to the JSON file's folder (absolute paths are
kept as they are). A saved case may also hold ``"result"`` (a ``CaseResult`` dict) and
``"decisions"``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Literal

import numpy as np

from vincheck.atomic_file import write_text_atomic
from vincheck.errors import InputFileError, UnreadableImageError
from vincheck.findings import CaseResult, Decision
from vincheck.inspection import CaseInput

FileKind = Literal["rubbing", "photo", "certificate"]

_ANALYSIS_SIZE = 400  # px: the longer side an image is reduced to before classifying
_PAPER_MIN_VALUE = 190  # 0-255: brightness of scanned white paper
_PAPER_MAX_SAT = 40  # 0-255 (OpenCV HSV): saturation of white paper
_COLOUR_MIN_SAT = 60  # saturation above which a pixel counts as coloured
_DARK_MAX_VALUE = 110  # 0-255: graphite of a rubbing strip
_STRIP_MIN_ASPECT = 3.0  # length / width of a rubbing strip's dark band
_STRIP_MIN_AREA = 0.002  # share of the image a strip covers at least
_BARE_SHEET_PAPER = 0.8  # share of paper above which an uncoloured scan is a sheet
_BARE_SHEET_COLOUR = 0.02  # ... when at most this share is coloured
_PRINT_ASPECT = (1.25, 1.75)  # long / short side of a photo print (88:60 = 1.47)
_PRINT_SOLID = 0.85  # share of its bounding rectangle a print's region fills
_PRINT_MIN_AREA = 0.15  # share of the scan a photo print covers at least
_PRINT_FILLED = 0.5  # share of its outline a print's non-paper pixels fill (a white car
# inside is a hole; a printed frame fills almost nothing)
_BORDER = 0.03  # width of the image's outer frame, share of its shorter side
_SHEET_BORDER_PAPER = 0.5  # a scanned sheet's frame is paper (generated sheets: 1.0)
_STRIP_MAX_AREA = 0.18  # share of the image one rubbing strip covers at most (generated
# sheets: 0.08-0.14; a dark road or bumper across a photo: 0.2 and more)


def image_features(rgb: np.ndarray) -> dict[str, float]:
    """Measures used to classify an H x W x 3 uint8 RGB image (the input is not modified).

    Returns shares of the image area (0-1): ``paper`` near-white low-saturation pixels,
    ``coloured`` saturated pixels, ``dark`` dark pixels; ``strip_aspect`` the largest
    length / width of a dark connected region covering at least 0.2 % of the image
    (0 if none); ``largest_dark`` the share the largest dark region covers;
    ``border_paper`` the share of paper in the image's outer frame (3 % of its shorter
    side); ``edge_density`` the share of edge pixels (texture); ``print_share`` the share
    covered by one solid region of a photo print's shape (0 if none).
    """
    import cv2

    arr = np.asarray(rgb)
    if arr.ndim == 2:
        arr = np.repeat(arr[:, :, None], 3, axis=2)
    if arr.ndim != 3 or arr.shape[2] < 3 or arr.size == 0:
        raise UnreadableImageError("not an H x W x 3 image")
    arr = np.ascontiguousarray(arr[:, :, :3], dtype=np.uint8)
    h, w = arr.shape[:2]
    scale = _ANALYSIS_SIZE / max(h, w)
    if scale < 1.0:
        arr = cv2.resize(arr, (max(1, round(w * scale)), max(1, round(h * scale))),
                         interpolation=cv2.INTER_AREA)
    hsv = cv2.cvtColor(arr, cv2.COLOR_RGB2HSV)
    sat, val = hsv[:, :, 1], hsv[:, :, 2]
    n = float(sat.size)
    paper = (val >= _PAPER_MIN_VALUE) & (sat <= _PAPER_MAX_SAT)
    coloured = (sat >= _COLOUR_MIN_SAT) & (val >= 40)
    dark = val <= _DARK_MAX_VALUE
    gray = cv2.cvtColor(arr, cv2.COLOR_RGB2GRAY)
    edges = cv2.Canny(gray, 60, 160)

    # Dark strips: close small gaps between characters so a rubbing line is one region.
    kernel = cv2.getStructuringElement(cv2.MORPH_RECT, (5, 5))
    dark_closed = cv2.morphologyEx(dark.astype(np.uint8) * 255, cv2.MORPH_CLOSE, kernel)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(dark_closed, connectivity=8)
    best_aspect = 0.0
    largest_dark = float(stats[1:, cv2.CC_STAT_AREA].max()) / n if count > 1 else 0.0
    for i in range(1, count):
        if stats[i, cv2.CC_STAT_AREA] < _STRIP_MIN_AREA * n:
            continue
        ys, xs = np.nonzero(labels == i)
        pts = np.stack([xs, ys], axis=1).astype(np.float32)
        (_, _), (rw, rh), _ = cv2.minAreaRect(pts)
        short, long_ = sorted((max(rw, 1.0), max(rh, 1.0)))
        best_aspect = max(best_aspect, long_ / short)
    # A photo print on the scanner bed: one large, solid, rectangle-like non-paper region
    # of about the print's 88:60 shape.
    body = cv2.morphologyEx((~paper).astype(np.uint8) * 255, cv2.MORPH_CLOSE, kernel)
    count, labels, stats, _ = cv2.connectedComponentsWithStats(body, connectivity=8)
    print_like = 0.0
    if count > 1:
        i = 1 + int(np.argmax(stats[1:, cv2.CC_STAT_AREA]))
        # the outline's area: a white car inside the print counts as print, not a hole
        cnts, _ = cv2.findContours((labels == i).astype(np.uint8), cv2.RETR_EXTERNAL,
                                   cv2.CHAIN_APPROX_SIMPLE)
        outline = max(cnts, key=cv2.contourArea)
        area = float(cv2.contourArea(outline))
        (_, _), (rw, rh), _ = cv2.minAreaRect(outline)
        short, long_ = sorted((max(rw, 1.0), max(rh, 1.0)))
        solid = area / (rw * rh) if rw * rh > 0 else 0.0
        # ... but mostly filled: a printed frame around a form encloses a large outline
        # with hardly any pixels of its own
        filled = float(stats[i, cv2.CC_STAT_AREA]) / area if area > 0 else 0.0
        if (_PRINT_ASPECT[0] <= long_ / short <= _PRINT_ASPECT[1] and solid >= _PRINT_SOLID
                and filled >= _PRINT_FILLED and area >= _PRINT_MIN_AREA * n):
            print_like = float(area / n)
    m = max(2, round(_BORDER * min(paper.shape)))
    frame = np.concatenate([paper[:m].ravel(), paper[-m:].ravel(), paper[m:-m, :m].ravel(),
                            paper[m:-m, -m:].ravel()])
    return {
        "paper": float(paper.sum() / n),
        "coloured": float(coloured.sum() / n),
        "dark": float(dark.sum() / n),
        "strip_aspect": float(best_aspect),
        "largest_dark": largest_dark,
        "border_paper": float(frame.mean()) if frame.size else 0.0,
        "edge_density": float((edges > 0).sum() / n),
        "print_share": print_like,
    }


def classify_image(rgb: np.ndarray) -> FileKind:
    """``"rubbing"`` for a mostly white, grey sheet with dark elongated strips; else
    ``"photo"``."""
    f = image_features(rgb)
    if f["paper"] < 0.45 or f["coloured"] > 0.15 or f["print_share"] > 0.0:
        return "photo"
    if f["border_paper"] < _SHEET_BORDER_PAPER and f["largest_dark"] > _STRIP_MAX_AREA:
        # a pale photo (a white car close-up) with a dark road or bumper across it: no
        # paper round its edges, and its dark region is larger than any strip
        return "photo"
    if f["strip_aspect"] >= _STRIP_MIN_ASPECT:
        return "rubbing"
    # Nearly all grey-white paper, no colour and no print on it: a sheet whose strips are
    # short or faint (a photo print would have shown as one solid region above).
    if f["paper"] >= _BARE_SHEET_PAPER and f["coloured"] < _BARE_SHEET_COLOUR:
        return "rubbing"
    # Mostly white and grey with no strip: a pale sheet (faint rubbing) rather than a
    # photo, unless the non-paper part is busy with edges like a picture.
    non_paper = max(1e-6, 1.0 - f["paper"])
    return "rubbing" if f["edge_density"] / non_paper < 0.25 else "photo"


def classify_file(path: str | Path) -> FileKind:
    """Classify an image file (first page) as ``"certificate"`` (the vehicle's conformity
    certificate, by its name or :func:`vincheck.certificate.looks_like_certificate`),
    ``"rubbing"`` or ``"photo"``.

    Raises :class:`~vincheck.errors.InputFileError` when the file cannot be read.
    """
    from vincheck.certificate import looks_like_certificate, name_says_certificate
    from vincheck.imageio import load_image

    if name_says_certificate(path):
        return "certificate"
    rgb = load_image(path).rgb
    if looks_like_certificate(rgb, image_features(rgb)["paper"]):
        return "certificate"
    return classify_image(rgb)


# --- saved cases (case + result + decisions) ---------------------------------------------

def save_case_result(path: str | Path, case: CaseInput, result: CaseResult | None = None) -> Path:
    """Write a case file (the format of :mod:`vincheck.case_io`, paths relative to its
    folder) that also holds ``"result"`` and ``"decisions"``; written atomically."""
    p = Path(path)
    p.parent.mkdir(parents=True, exist_ok=True)
    base = p.resolve().parent

    def rel(name: str) -> str:
        try:
            return os.path.relpath(Path(name).resolve(), base)
        except ValueError:  # another drive on Windows
            return str(Path(name).resolve())

    data: dict[str, Any] = {
        "expected_vin": case.expected_vin, "kind": case.kind, "color": case.color,
        "dpi": case.dpi, "rubbing_files": [rel(f) for f in case.rubbing_files],
        "photo_files": [rel(f) for f in case.photo_files],
    }
    if case.certificate_files:
        data["certificate_files"] = [rel(f) for f in case.certificate_files]
    if result is not None:
        data["result"] = _map_files(result.to_dict(), rel)
        data["decisions"] = [d.to_dict() for d in result.decisions]
    return write_text_atomic(p, json.dumps(data, ensure_ascii=False, indent=2))


def _map_files(d: dict[str, Any], conv: Any) -> dict[str, Any]:
    """A result dict with the ``file`` of every sheet, photo and error passed through
    ``conv`` (to store paths relative to the case file, and back)."""
    for key in ("sheets", "photos", "errors"):
        for item in d.get(key) or []:
            if isinstance(item, dict) and item.get("file"):
                item["file"] = conv(str(item["file"]))
    return d


def load_case_result(path: str | Path) -> tuple[CaseInput, CaseResult | None]:
    """Read a case file; returns the case and the result saved with it (None if none).

    Raises :class:`~vincheck.errors.UsageError` (unreadable case file) or
    :class:`~vincheck.errors.InputFileError` (a saved result that is malformed).
    """
    from vincheck.case_io import load_case_file

    case = load_case_file(path)
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    if not data.get("result"):
        return case, None
    base = Path(path).resolve().parent
    try:
        result = CaseResult.from_dict(_map_files(data["result"],
                                                 lambda f: str((base / f).resolve())))
        result.decisions = [Decision.from_dict(d) for d in data.get("decisions") or []]
    except (KeyError, TypeError, ValueError) as exc:
        raise InputFileError(f"the saved result is malformed ({exc})", str(path)) from exc
    return case, result
