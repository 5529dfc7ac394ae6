"""What a certificate reading holds (:class:`CertificateValue` with source, confidence,
text and evidence box; :class:`CertificateReading`), the confidences that decide whether a
value is filled without asking, and the VIN, colour and kind from a text as read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from vincheck.barcodes import (
    Barcode,
    Box,
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
_VIN_CHARS_RE = re.compile(r"[^0-9A-Z]")
# OCR confusions that the VIN alphabet settles: I, O and Q never occur in a VIN

NEVER_IN_VIN = str.maketrans({"O": "0", "Q": "0", "I": "1"})


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

    raw = _VIN_CHARS_RE.sub("", text.upper().translate(NEVER_IN_VIN))
    if len(raw) != VIN_LENGTH:
        # a seal stroke or a stray mark read as an extra character: a unique 17-long
        # window that passes the VIN rules, at reduced confidence
        windows = [raw[i:i + VIN_LENGTH] for i in range(max(0, len(raw) - VIN_LENGTH + 1))]
        ok = [w for w in windows if passes_vin_rules(w)]
        if len(raw) > VIN_LENGTH and len(ok) == 1:
            return ok[0], score * 0.6, f"{len(raw)} characters read; 17 kept"
        return None, 0.0, f"{len(raw)} VIN characters read, a VIN has 17"
    res = repair(confusion_candidates(raw, [min(0.98, score)] * VIN_LENGTH))
    if res.decision == RepairDecision.AS_READ and res.vin:
        return res.vin, min(score, res.confidence), ""
    if res.decision == RepairDecision.REPAIRED and res.vin and res.best:
        pos = ", ".join(str(p) for p in res.best.changed_positions)
        return res.vin, min(score, res.confidence) * 0.9, f"repaired at position {pos}"
    if passes_vin_rules(raw):  # valid as read, but the OCR was too unsure to rule out others
        return raw, min(score, res.confidence), "the OCR was unsure of some characters"
    return None, 0.0, f"{raw} does not pass the VIN rules ({res.decision})"


def passes_vin_rules(vin: str) -> bool:
    from vincheck.vin import is_valid

    return is_valid(vin)
