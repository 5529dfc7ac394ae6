"""Read a certificate page (barcodes first, OCR for what they did not give) or its file,
and put what may be filled into a case."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

from vincheck.barcodes import read_barcodes
from vincheck.certificate.from_barcode import values_from_barcodes
from vincheck.certificate.from_ocr import TextLine, ocr_lines, values_from_ocr
from vincheck.certificate.values import CertificateReading


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
