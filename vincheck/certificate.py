"""Read the 机动车整车出厂合格证 (vehicle conformity certificate): the VIN (车辆识别代号/车架号),
the body colour (车身颜色) and the vehicle kind (车辆名称: car or trailer).

Two sources, in this order:

1. **Barcode** (:mod:`vincheck.barcodes`): a decoded QR / PDF417 / DataMatrix / Code 39 …
   whose payload labels the fields (``车辆识别代号:…``) or is a VIN. Its error correction
   makes the value exact; confidence 0.99 for a labelled value that passes the VIN rules.
2. **OCR** of the labelled fields (RapidOCR, models inside its wheel): the text line
   holding the label, and the value on the same line or on the nearest line to its right
   on the same row (the row's tilt is followed, so a rotated page works). The VIN goes
   through :func:`vincheck.vin.repair` (check digit); a repaired VIN is only a suggestion.

Every value carries its ``source`` ("barcode" / "ocr"), ``confidence`` (0-1), the text as
read and an evidence ``box`` (x0, y0, x1, y1 in image px). ``fill`` is True only when the
value may be put into the case without asking (confidence >= :data:`FILL_MIN_CONFIDENCE`
and nothing repaired or guessed); anything else is shown for the operator to confirm.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from vincheck.barcodes import (
    COLOUR_LABELS,
    KIND_LABELS,
    VIN_LABELS,
    Barcode,
    Box,
    labelled_value,
    payload_fields,
    read_barcodes,
    vin_tokens,
)
from vincheck.vin import VIN_LENGTH

#: Confidence (0-1) a value needs to be filled into the case without the operator's word.
FILL_MIN_CONFIDENCE = 0.85
#: Confidence of a labelled barcode value that passes the VIN rules.
BARCODE_CONFIDENCE = 0.99
#: Confidence of a barcode whose payload is one bare VIN (a VIN label, not a certificate).
BARE_BARCODE_CONFIDENCE = 0.95
#: An OCR'd 17-character run found without its label (it may be another number).
UNLABELLED_FACTOR = 0.7
#: Registration colours (GA 802) and words printed for them on certificates.
COLOUR_NAMES = ("白", "灰", "黄", "粉", "红", "紫", "绿", "蓝", "棕", "黑")
_COLOUR_ALIASES = {"紅": "红", "綠": "绿", "藍": "蓝", "黃": "黄", "銀": "灰", "银": "灰",
                   "咖": "棕", "褐": "棕", "橙": "黄"}
_GUESSED_ALIASES = {"银", "銀", "咖", "褐", "橙"}  # mapped by custom, not printed name
_FILENAME_HINTS = ("合格证", "hegezheng", "hgz", "certificate", "coc")
_VIN_CHARS_RE = re.compile(r"[^0-9A-Z]")
# OCR confusions that the VIN alphabet settles: I, O and Q never occur in a VIN
_NEVER_IN_VIN = str.maketrans({"O": "0", "Q": "0", "I": "1"})


@dataclass
class CertificateValue:
    """One value read from a certificate.

    ``value``: the normalised value (17-character VIN, registration colour name, "car" /
    "trailer"), None when the text read could not be turned into one; ``text``: what was
    read; ``source``: "barcode" or "ocr"; ``confidence`` 0-1; ``box``: evidence (x0, y0, x1,
    y1, image px) or None; ``fill``: True when it may be filled without asking; ``note``:
    why not, or what was repaired."""

    name: str  # "vin" | "colour" | "kind"
    value: str | None
    text: str
    source: str
    confidence: float
    box: Box | None = None
    fill: bool = False
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "value": self.value, "text": self.text,
                "source": self.source, "confidence": round(self.confidence, 4),
                "box": list(self.box) if self.box else None, "fill": self.fill,
                "note": self.note}


@dataclass
class CertificateReading:
    """What was read from one certificate page: ``values`` by name ("vin", "colour",
    "kind"; missing when nothing was found), the decoded ``barcodes``, ``ocr_used`` and
    ``ms`` (time taken)."""

    file: str | None
    values: dict[str, CertificateValue] = field(default_factory=dict)
    barcodes: list[Barcode] = field(default_factory=list)
    ocr_used: bool = False
    ms: float = 0.0

    def value(self, name: str) -> str | None:
        v = self.values.get(name)
        return v.value if v else None

    def filled(self) -> dict[str, str]:
        """The values that may be filled into the case without asking."""
        return {k: v.value for k, v in self.values.items() if v.fill and v.value}

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "values": {k: v.to_dict() for k, v in self.values.items()},
                "filled": self.filled(), "barcodes": [b.to_dict() for b in self.barcodes],
                "ocr_used": self.ocr_used, "ms": round(self.ms, 1)}


# --- values from text ---------------------------------------------------------------------

def colour_from_text(text: str) -> tuple[str | None, float, str]:
    """(registration colour, factor 0-1, note) for a printed colour (``"珍珠白"`` -> 白).
    Several different colours (a two-tone body) or none give None."""
    found: list[str] = []
    guessed = False
    for ch in text:
        name = ch if ch in COLOUR_NAMES else _COLOUR_ALIASES.get(ch)
        if name:
            guessed |= ch in _GUESSED_ALIASES
            if name not in found:
                found.append(name)
    if len(found) == 1:
        return found[0], (0.7 if guessed else 1.0), ("colour word mapped by custom"
                                                      if guessed else "")
    if len(found) > 1:
        return None, 0.0, "several colours: " + "/".join(found)
    return None, 0.0, "no registration colour in the text"


def kind_from_text(text: str) -> str | None:
    """"trailer" for a 挂车 (semi-trailer / trailer), "car" for any other vehicle name."""
    if "挂车" in text or "掛車" in text:
        return "trailer"
    if "车" in text or "車" in text:
        return "car"
    return None


def vin_from_text(text: str, score: float) -> tuple[str | None, float, str]:
    """(VIN, confidence, note) for an OCR'd value with line score ``score`` 0-1.

    I/O/Q become 1/0/0 (never in a VIN); then :func:`vincheck.vin.repair` on the 17
    characters. A reading that passes as read keeps ``min(score, posterior)``; a repaired
    one is returned with its repaired positions in the note (a suggestion only)."""
    from vincheck.vin import RepairDecision, confusion_candidates, repair

    raw = _VIN_CHARS_RE.sub("", text.upper().translate(_NEVER_IN_VIN))
    if len(raw) != VIN_LENGTH:
        # a seal stroke or a stray mark read as an extra character: a unique 17-long
        # window that passes the VIN rules, at reduced confidence
        windows = [raw[i:i + VIN_LENGTH] for i in range(max(0, len(raw) - VIN_LENGTH + 1))]
        ok = [w for w in windows if _passes(w)]
        if len(raw) > VIN_LENGTH and len(ok) == 1:
            return ok[0], score * 0.6, f"{len(raw)} characters read; 17 kept"
        return None, 0.0, f"{len(raw)} VIN characters read, a VIN has 17"
    res = repair(confusion_candidates(raw, [min(0.98, score)] * VIN_LENGTH))
    if res.decision == RepairDecision.AS_READ and res.vin:
        return res.vin, min(score, res.confidence), ""
    if res.decision == RepairDecision.REPAIRED and res.vin and res.best:
        pos = ", ".join(str(p) for p in res.best.changed_positions)
        return res.vin, min(score, res.confidence) * 0.9, f"repaired at position {pos}"
    if _passes(raw):  # valid as read, but the OCR was too unsure to rule out others
        return raw, min(score, res.confidence), "the OCR was unsure of some characters"
    return None, 0.0, f"{raw} does not pass the VIN rules ({res.decision})"


def _passes(vin: str) -> bool:
    from vincheck.vin import is_valid

    return is_valid(vin)


# --- barcode ------------------------------------------------------------------------------

def values_from_barcodes(barcodes: list[Barcode]) -> dict[str, CertificateValue]:
    """VIN, colour and kind carried by decoded barcodes (first barcode that has each)."""
    out: dict[str, CertificateValue] = {}
    for b in barcodes:
        fields = payload_fields(b.text)
        vin_text = labelled_value(fields, VIN_LABELS)
        if "vin" not in out:
            if vin_text is not None:
                vin = "".join(vin_text.split()).upper()
                ok = _passes(vin)
                out["vin"] = CertificateValue(
                    "vin", vin if len(vin) == VIN_LENGTH else None, vin_text, "barcode",
                    BARCODE_CONFIDENCE if ok else 0.5, b.box, fill=ok,
                    note="" if ok else "the barcode's VIN does not pass the VIN rules")
            else:
                tokens = [t for t in vin_tokens(b.text) if _passes(t)]
                if len(set(tokens)) == 1:
                    bare = b.text.strip().upper() == tokens[0]
                    conf = BARE_BARCODE_CONFIDENCE if bare else 0.8
                    out["vin"] = CertificateValue(
                        "vin", tokens[0], b.text, "barcode", conf, b.box,
                        fill=conf >= FILL_MIN_CONFIDENCE,
                        note="" if bare else "unlabelled VIN in the barcode")
        colour_text = labelled_value(fields, COLOUR_LABELS)
        if colour_text is not None and "colour" not in out:
            colour, factor, note = colour_from_text(colour_text)
            conf = BARCODE_CONFIDENCE * factor
            out["colour"] = CertificateValue("colour", colour, colour_text, "barcode", conf,
                                             b.box, fill=bool(colour) and conf >=
                                             FILL_MIN_CONFIDENCE, note=note)
        kind_text = labelled_value(fields, KIND_LABELS)
        if kind_text is not None and "kind" not in out:
            kind = kind_from_text(kind_text)
            out["kind"] = CertificateValue("kind", kind, kind_text, "barcode",
                                           BARCODE_CONFIDENCE if kind else 0.0, b.box,
                                           fill=kind is not None)
    return out


# --- OCR ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class TextLine:
    """One OCR'd text line: ``text``, ``score`` 0-1, ``quad`` 4 x 2 corner points (px)."""

    text: str
    score: float
    quad: np.ndarray

    @property
    def box(self) -> Box:
        q = self.quad
        return (int(q[:, 0].min()), int(q[:, 1].min()), int(q[:, 0].max()), int(q[:, 1].max()))

    @property
    def centre(self) -> tuple[float, float]:
        return float(self.quad[:, 0].mean()), float(self.quad[:, 1].mean())

    @property
    def height(self) -> float:
        q = self.quad
        return float(np.hypot(*(q[3] - q[0])) + np.hypot(*(q[2] - q[1]))) / 2

    @property
    def slope(self) -> float:
        """dy / dx of the line's top edge."""
        dx, dy = self.quad[1] - self.quad[0]
        return float(dy / dx) if abs(dx) > 1e-6 else 0.0


def ocr_lines(rgb: np.ndarray) -> list[TextLine]:
    """RapidOCR text lines of the whole page."""
    from vincheck.ocr.rapid import get_rapidocr

    res = get_rapidocr()(np.ascontiguousarray(rgb))
    if res is None or getattr(res, "boxes", None) is None:
        return []
    return [TextLine(str(t), float(s), np.asarray(b, dtype=np.float64))
            for b, t, s in zip(res.boxes, res.txts, res.scores, strict=False)]


def _squash(text: str) -> str:
    return "".join(text.split())


def _label_at(text: str, labels: tuple[str, ...]) -> int | None:
    """End index of the first label found in ``text`` (spaces removed), or None."""
    for label in labels:
        i = text.upper().find(label.upper())
        if i >= 0:
            return i + len(label)
    return None


_LABEL_TAIL = re.compile(r"^[/／]?(?:车架号|车辆名称)?\s*[:：]?\s*")


def labelled_line_value(lines: list[TextLine], labels: tuple[str, ...]
                        ) -> tuple[str, float, Box] | None:
    """(value text, score, evidence box) of the field labelled with one of ``labels``:
    the rest of the label's own line, else the nearest line to its right on the same row
    (the evidence box is then that line's box).
    """
    for line in lines:
        t = _squash(line.text)
        end = _label_at(t, labels)
        if end is None:
            continue
        rest = _LABEL_TAIL.sub("", t[end:])
        if len(rest) >= 1 and not _label_at(rest, labels):
            return rest, line.score, line.box
        cx, cy = line.centre
        h = max(line.height, 8.0)
        slope = line.slope if abs(line.slope) < 0.2 else 0.0
        right_x = float(line.quad[:, 0].max())
        best: tuple[float, TextLine] | None = None
        for other in lines:
            if other is line:
                continue
            ox, oy = other.centre
            x0 = float(other.quad[:, 0].min())
            if x0 < right_x - h:
                continue
            if abs(oy - (cy + slope * (ox - cx))) > 0.6 * h:
                continue
            if best is None or x0 < best[0]:
                best = (x0, other)
        if best is not None:
            return _squash(best[1].text), best[1].score, best[1].box
    return None


def values_from_ocr(lines: list[TextLine], want: set[str]) -> dict[str, CertificateValue]:
    """VIN, colour and kind (those in ``want``) from OCR'd text lines."""
    out: dict[str, CertificateValue] = {}
    if "vin" in want:
        found = labelled_line_value(lines, VIN_LABELS)
        if found is not None:
            text, score, box = found
            vin, conf, note = vin_from_text(text, score)
            out["vin"] = CertificateValue("vin", vin, text, "ocr", conf, box,
                                          fill=bool(vin) and not note
                                          and conf >= FILL_MIN_CONFIDENCE, note=note)
        else:  # no label read: a lone 17-character run that passes the VIN rules
            runs = [(tok, ln) for ln in lines
                    for tok in vin_tokens(_squash(ln.text).translate(_NEVER_IN_VIN))
                    if _passes(tok)]
            if len({tok for tok, _ in runs}) == 1:
                tok, ln = runs[0]
                out["vin"] = CertificateValue("vin", tok, ln.text, "ocr",
                                              ln.score * UNLABELLED_FACTOR, ln.box,
                                              note="found without its label")
    if "colour" in want:
        found = labelled_line_value(lines, COLOUR_LABELS)
        if found is not None:
            text, score, box = found
            colour, factor, note = colour_from_text(text)
            conf = score * factor
            out["colour"] = CertificateValue("colour", colour, text, "ocr", conf, box,
                                             fill=bool(colour) and conf >= FILL_MIN_CONFIDENCE,
                                             note=note)
    if "kind" in want:
        found = labelled_line_value(lines, KIND_LABELS)
        if found is not None:
            text, score, box = found
            kind = kind_from_text(text)
            out["kind"] = CertificateValue("kind", kind, text, "ocr", score if kind else 0.0,
                                           box, fill=bool(kind) and score >=
                                           FILL_MIN_CONFIDENCE)
    return out


# --- the page -----------------------------------------------------------------------------

def read_certificate(rgb: np.ndarray, file: str | None = None, *, use_ocr: bool = True,
                     lines: list[TextLine] | None = None) -> CertificateReading:
    """Read an H x W x 3 uint8 RGB certificate page (or a VIN label): barcodes first, OCR
    for what they did not give (skipped when ``use_ocr`` is False; ``lines`` are OCR lines
    already read, e.g. by a caller that also needs the page text)."""
    t0 = time.perf_counter()
    reading = CertificateReading(file=file)
    reading.barcodes = read_barcodes(rgb)
    reading.values = values_from_barcodes(reading.barcodes)
    missing = {"vin", "colour", "kind"} - {k for k, v in reading.values.items() if v.fill}
    if missing and use_ocr:
        reading.ocr_used = True
        if lines is None:
            lines = ocr_lines(rgb)
        for name, v in values_from_ocr(lines, missing).items():
            old = reading.values.get(name)
            if old is None or old.value is None or (v.fill and not old.fill):
                reading.values[name] = v
    reading.ms = (time.perf_counter() - t0) * 1000.0
    return reading


def read_certificate_file(path: str | Path, *, use_ocr: bool = True) -> CertificateReading:
    """Read a certificate image file (first page). Raises InputFileError for a file that
    cannot be read and OcrEngineError when an engine is missing."""
    from vincheck.imageio import load_image

    t0 = time.perf_counter()
    img = load_image(path)
    reading = read_certificate(img.rgb, str(path), use_ocr=use_ocr)
    reading.ms = (time.perf_counter() - t0) * 1000.0
    return reading


# --- sorting ------------------------------------------------------------------------------

def name_says_certificate(path: str | Path) -> bool:
    """Whether a file name marks a certificate (合格证, hgz, certificate …)."""
    name = Path(path).stem.lower()
    return any(h in name for h in _FILENAME_HINTS)


FORM_WORK_SIZE = 800  # px: the longer side a page is reduced to before looking for rules


def ruled_form_lines(rgb: np.ndarray) -> tuple[int, int]:
    """(long roughly horizontal lines, long roughly vertical lines) on the page: the
    ruled table of a form. Lines are Hough segments at least a quarter of the page's width
    (a fifth of its height) long, within 10 degrees of the axes, merged by position."""
    import cv2

    arr = np.asarray(rgb)
    gray = cv2.cvtColor(arr[:, :, :3], cv2.COLOR_RGB2GRAY) if arr.ndim == 3 else arr
    h, w = gray.shape
    scale = FORM_WORK_SIZE / max(h, w)
    if scale < 1.0:
        gray = cv2.resize(gray, (round(w * scale), round(h * scale)),
                          interpolation=cv2.INTER_AREA)
    h, w = gray.shape
    dark = cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C,
                                 cv2.THRESH_BINARY_INV, 25, 12)
    segs = cv2.HoughLinesP(dark, 1, np.pi / 360, threshold=int(0.15 * w),
                           minLineLength=int(0.2 * min(w, h)), maxLineGap=6)
    horiz: list[float] = []
    vert: list[float] = []
    for x0, y0, x1, y1 in ([] if segs is None else segs.reshape(-1, 4).tolist()):
        ang = math.degrees(math.atan2(y1 - y0, x1 - x0)) % 180
        length = math.hypot(x1 - x0, y1 - y0)
        if (ang < 10 or ang > 170) and length >= 0.25 * w:
            horiz.append((y0 + y1) / 2)
        elif 80 < ang < 100 and length >= 0.2 * h:
            vert.append((x0 + x1) / 2)

    def distinct(vals: list[float], gap: float) -> int:
        n, last = 0, -1e9
        for v in sorted(vals):
            if v - last > gap:
                n += 1
            last = v
        return n

    return distinct(horiz, 0.01 * h), distinct(vert, 0.01 * w)


#: A ruled form: at least this many long horizontal and vertical rules (generated
#: certificates: 17-31 and 6-9; photos of cars and VIN plates on paper: fewer) …
FORM_MIN_RULES = (10, 5)
#: … on a page mostly of paper (share of near-white low-saturation pixels, 0-1).
FORM_MIN_PAPER = 0.4


def looks_like_certificate(rgb: np.ndarray, paper: float) -> bool:
    """A ruled form on paper (:data:`FORM_MIN_RULES`, :data:`FORM_MIN_PAPER`; ``paper`` the
    share from :func:`vincheck.case_files.image_features`) or a barcode whose payload names
    a certificate field or is a VIN."""
    if paper >= FORM_MIN_PAPER:
        n_h, n_v = ruled_form_lines(rgb)
        if n_h >= FORM_MIN_RULES[0] and n_v >= FORM_MIN_RULES[1]:
            return True
    try:  # QR, DataMatrix, Code 39 read at any angle; no deskew pass (sorting stays quick)
        codes = read_barcodes(rgb, deskew=False)
    except Exception:  # noqa: BLE001 - sorting never fails for lack of a barcode reader
        return False
    return any(values_from_barcodes([b]) for b in codes)


# --- into the case ------------------------------------------------------------------------

def apply_to_case(case: Any, reading: CertificateReading, given: set[str] | frozenset[str]
                  = frozenset()) -> list[str]:
    """Put the values that may be filled without asking into a
    :class:`~vincheck.inspection.CaseInput` (``expected_vin``, ``color``, ``kind``), except
    those named in ``given`` ("vin", "colour", "kind": set by the operator, kept). Returns
    one line per value not filled or differing from a given one, saying why; the case is
    changed in place."""
    notes: list[str] = []
    targets = {"vin": "expected_vin", "colour": "color", "kind": "kind"}
    for name, attr in targets.items():
        v = reading.values.get(name)
        if v is None:
            notes.append(f"certificate {name}: not found")
            continue
        current = getattr(case, attr)
        if not (v.fill and v.value):
            shown = v.value or v.text or "-"
            why = v.note or f"confidence {v.confidence:.2f}"
            notes.append(f"certificate {name} {shown} ({v.source}) not filled: {why}")
        elif name in given:
            if current != v.value:
                notes.append(f"certificate {name} {v.value} ({v.source}) differs from the "
                             f"given {current}; the given value is kept")
        else:
            setattr(case, attr, v.value)
    return notes
