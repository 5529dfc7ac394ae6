"""Certificate values from OCR (RapidOCR): the text line holding a field's label and the
value on it or on the nearest line to its right on the same row (the row's tilt followed)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from vincheck.barcodes import (
    COLOUR_LABELS,
    KIND_LABELS,
    VIN_LABELS,
    Box,
    vin_tokens,
)
from vincheck.certificate.values import (
    FILL_MIN_CONFIDENCE,
    NEVER_IN_VIN,
    UNLABELLED_FACTOR,
    CertificateValue,
    colour_from_text,
    kind_from_text,
    passes_vin_rules,
    vin_from_text,
)


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
                    for tok in vin_tokens(_squash(ln.text).translate(NEVER_IN_VIN))
                    if passes_vin_rules(tok)]
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
