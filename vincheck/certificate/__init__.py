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

Modules: :mod:`~vincheck.certificate.values` (what a reading holds, values from text),
:mod:`~vincheck.certificate.from_barcode`, :mod:`~vincheck.certificate.from_ocr`,
:mod:`~vincheck.certificate.page` (read a page or file, fill a case) and
:mod:`~vincheck.certificate.form` (is this file a certificate).
"""

from vincheck.certificate.form import (
    FORM_MIN_PAPER,
    FORM_MIN_RULES,
    FORM_WORK_SIZE,
    looks_like_certificate,
    name_says_certificate,
    ruled_form_lines,
)
from vincheck.certificate.from_barcode import values_from_barcodes
from vincheck.certificate.from_ocr import (
    TextLine,
    labelled_line_value,
    ocr_lines,
    values_from_ocr,
)
from vincheck.certificate.page import apply_to_case, read_certificate, read_certificate_file
from vincheck.certificate.values import (
    BARCODE_CONFIDENCE,
    BARE_BARCODE_CONFIDENCE,
    COLOUR_NAMES,
    FILL_MIN_CONFIDENCE,
    UNLABELLED_FACTOR,
    CertificateReading,
    CertificateValue,
    colour_from_text,
    kind_from_text,
    vin_from_text,
)

__all__ = [
    "BARCODE_CONFIDENCE", "BARE_BARCODE_CONFIDENCE", "COLOUR_NAMES", "FILL_MIN_CONFIDENCE",
    "FORM_MIN_PAPER", "FORM_MIN_RULES", "FORM_WORK_SIZE", "UNLABELLED_FACTOR",
    "CertificateReading", "CertificateValue", "TextLine", "apply_to_case", "colour_from_text",
    "kind_from_text", "labelled_line_value", "looks_like_certificate", "name_says_certificate",
    "ocr_lines", "read_certificate", "read_certificate_file", "ruled_form_lines",
    "values_from_barcodes", "values_from_ocr", "vin_from_text",
]
