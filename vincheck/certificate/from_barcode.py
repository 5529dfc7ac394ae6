"""Certificate values from decoded barcodes (:mod:`vincheck.barcodes`): a labelled payload
or a bare VIN; error correction makes them exact."""

from __future__ import annotations

from vincheck.barcodes import (
    COLOUR_LABELS,
    KIND_LABELS,
    VIN_LABELS,
    Barcode,
    labelled_value,
    payload_fields,
    vin_tokens,
)
from vincheck.certificate.values import (
    BARCODE_CONFIDENCE,
    BARE_BARCODE_CONFIDENCE,
    FILL_MIN_CONFIDENCE,
    CertificateValue,
    colour_from_text,
    kind_from_text,
    passes_vin_rules,
)
from vincheck.vin import VIN_LENGTH


def values_from_barcodes(barcodes: list[Barcode]) -> dict[str, CertificateValue]:
    """VIN, colour and kind carried by decoded barcodes (first barcode that has each)."""
    out: dict[str, CertificateValue] = {}
    for b in barcodes:
        fields = payload_fields(b.text)
        vin_text = labelled_value(fields, VIN_LABELS)
        if "vin" not in out:
            if vin_text is not None:
                vin = "".join(vin_text.split()).upper()
                ok = passes_vin_rules(vin)
                out["vin"] = CertificateValue(
                    "vin", vin if len(vin) == VIN_LENGTH else None, vin_text, "barcode",
                    BARCODE_CONFIDENCE if ok else 0.5, b.box, fill=ok,
                    note="" if ok else "the barcode's VIN does not pass the VIN rules")
            else:
                tokens = [t for t in vin_tokens(b.text) if passes_vin_rules(t)]
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
