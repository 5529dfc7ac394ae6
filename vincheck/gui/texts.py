"""User-visible words that belong to data, not to one widget: statuses, verdicts, colours,
vehicle kinds, reason codes and settings fields.

Everything is written in English and marked with ``QT_TRANSLATE_NOOP`` so that
``pyside6-lupdate`` collects it; the functions translate at call time, so switching the
language changes the text the next time a widget asks.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from vincheck.findings import Finding, Status, Verdict

CTX = "Texts"

# The ten registration colour names (as stored in cases and results) and their English.
COLOURS: list[tuple[str, str]] = [
    ("白", QT_TRANSLATE_NOOP("Texts", "white")),
    ("灰", QT_TRANSLATE_NOOP("Texts", "grey")),
    ("黄", QT_TRANSLATE_NOOP("Texts", "yellow")),
    ("粉", QT_TRANSLATE_NOOP("Texts", "pink")),
    ("红", QT_TRANSLATE_NOOP("Texts", "red")),
    ("紫", QT_TRANSLATE_NOOP("Texts", "purple")),
    ("绿", QT_TRANSLATE_NOOP("Texts", "green")),
    ("蓝", QT_TRANSLATE_NOOP("Texts", "blue")),
    ("棕", QT_TRANSLATE_NOOP("Texts", "brown")),
    ("黑", QT_TRANSLATE_NOOP("Texts", "black")),
]

KINDS: list[tuple[str, str]] = [
    ("car", QT_TRANSLATE_NOOP("Texts", "car")),
    ("trailer", QT_TRANSLATE_NOOP("Texts", "trailer")),
]

VIEWS = {
    "front": QT_TRANSLATE_NOOP("Texts", "front"),
    "front-left": QT_TRANSLATE_NOOP("Texts", "front-left"),
    "left": QT_TRANSLATE_NOOP("Texts", "left"),
    "rear-left": QT_TRANSLATE_NOOP("Texts", "rear-left"),
    "rear": QT_TRANSLATE_NOOP("Texts", "rear"),
    "rear-right": QT_TRANSLATE_NOOP("Texts", "rear-right"),
    "right": QT_TRANSLATE_NOOP("Texts", "right"),
    "front-right": QT_TRANSLATE_NOOP("Texts", "front-right"),
}

STATUS_TEXT = {
    Status.PASS: QT_TRANSLATE_NOOP("Texts", "pass"),
    Status.FAIL: QT_TRANSLATE_NOOP("Texts", "fail"),
    Status.REVIEW: QT_TRANSLATE_NOOP("Texts", "review"),
    Status.SKIPPED: QT_TRANSLATE_NOOP("Texts", "not measured"),
}

VERDICT_TEXT = {
    Verdict.PASS: QT_TRANSLATE_NOOP("Texts", "PASS: the paperwork meets the rules"),
    Verdict.FAIL: QT_TRANSLATE_NOOP("Texts", "FAIL: the paperwork does not meet the rules"),
    Verdict.REVIEW: QT_TRANSLATE_NOOP("Texts", "REVIEW: a person must decide"),
}

# Reason code -> (rule title, plain explanation of a result that did not pass).
# Codes not listed fall back to the code itself and the finding's English message.
REASONS: dict[str, tuple[str, str]] = {
    # --- case ----------------------------------------------------------------------------
    "expected_vin": (
        QT_TRANSLATE_NOOP("Texts", "Expected VIN is valid"),
        QT_TRANSLATE_NOOP("Texts", "The VIN typed as expected is not a valid VIN.")),
    "missing_rubbing": (
        QT_TRANSLATE_NOOP("Texts", "A rubbing sheet is present"),
        QT_TRANSLATE_NOOP("Texts", "No VIN rubbing sheet was given.")),
    "missing_photo": (
        QT_TRANSLATE_NOOP("Texts", "An exterior photo is present"),
        QT_TRANSLATE_NOOP("Texts", "No exterior photo was given.")),
    "rubbing_count": (
        QT_TRANSLATE_NOOP("Texts", "Two rubbings"),
        QT_TRANSLATE_NOOP("Texts", "The rules call for two VIN rubbings.")),
    "copies_differ": (
        QT_TRANSLATE_NOOP("Texts", "All rubbings read the same VIN"),
        QT_TRANSLATE_NOOP("Texts", "The rubbings read different VINs.")),
    "vin_mismatch": (
        QT_TRANSLATE_NOOP("Texts", "VIN matches the papers"),
        QT_TRANSLATE_NOOP("Texts", "The VIN read differs from the expected VIN.")),
    "input_error": (
        QT_TRANSLATE_NOOP("Texts", "File could be read"),
        QT_TRANSLATE_NOOP("Texts", "A file of the case could not be read.")),
    # --- Annex 2: rubbing ----------------------------------------------------------------
    "no_rubbing": (
        QT_TRANSLATE_NOOP("Texts", "A rubbing strip is found"),
        QT_TRANSLATE_NOOP("Texts", "No rubbing strip was found on the sheet.")),
    "unreadable": (
        QT_TRANSLATE_NOOP("Texts", "VIN read with confidence"),
        QT_TRANSLATE_NOOP("Texts",
                          "Some characters are uncertain: compare them with the rubbing by "
                          "eye.")),
    "truncated": (
        QT_TRANSLATE_NOOP("Texts", "Complete 17-character VIN"),
        QT_TRANSLATE_NOOP("Texts",
                          "Fewer than 17 characters are on the tape: the rubbing is cut "
                          "off.")),
    "check_digit": (
        QT_TRANSLATE_NOOP("Texts", "Check digit (position 9)"),
        QT_TRANSLATE_NOOP("Texts", "The check digit does not match the other characters.")),
    "missing_start_symbol": (
        QT_TRANSLATE_NOOP("Texts", "Start symbol before the VIN"),
        QT_TRANSLATE_NOOP("Texts", "No start symbol was found before the first character.")),
    "missing_end_symbol": (
        QT_TRANSLATE_NOOP("Texts", "Stop symbol after the VIN"),
        QT_TRANSLATE_NOOP("Texts", "No stop symbol was found after the last character.")),
    "deformed": (
        QT_TRANSLATE_NOOP("Texts", "No deformation"),
        QT_TRANSLATE_NOOP("Texts",
                          "Character sizes, spacing or slant vary: the tape was stretched or "
                          "sheared.")),
    "char_too_small": (
        QT_TRANSLATE_NOOP("Texts", "Character height"),
        QT_TRANSLATE_NOOP("Texts", "The characters are smaller than the minimum height.")),
    "shifted": (
        QT_TRANSLATE_NOOP("Texts", "No shift or doubled impression"),
        QT_TRANSLATE_NOOP("Texts", "A second, shifted impression or a smear is visible.")),
    "dpi": (
        QT_TRANSLATE_NOOP("Texts", "Scan resolution known"),
        QT_TRANSLATE_NOOP("Texts",
                          "The scan resolution is unknown, so sizes in mm cannot be measured. "
                          "Enter the scan DPI.")),
    "ocr_engine": (
        QT_TRANSLATE_NOOP("Texts", "OCR engines"),
        QT_TRANSLATE_NOOP("Texts", "Not every OCR engine was available.")),
    # --- Annex 1: photo ------------------------------------------------------------------
    "size": (
        QT_TRANSLATE_NOOP("Texts", "Print size 88 x 60 mm"),
        QT_TRANSLATE_NOOP("Texts", "The print is not 88 x 60 mm within the tolerance.")),
    "aspect": (
        QT_TRANSLATE_NOOP("Texts", "Picture proportions 88:60"),
        QT_TRANSLATE_NOOP("Texts", "The picture does not have the 88:60 proportions.")),
    "corner_radius": (
        QT_TRANSLATE_NOOP("Texts", "Corner radius 4 mm"),
        QT_TRANSLATE_NOOP("Texts", "The rounded corners are not 4 mm within the tolerance.")),
    "angle": (
        QT_TRANSLATE_NOOP("Texts", "Taken from the required side at 45°"),
        QT_TRANSLATE_NOOP("Texts", "The vehicle is not seen from the required side and angle.")),
    "plate_visible": (
        QT_TRANSLATE_NOOP("Texts", "No number plate mounted"),
        QT_TRANSLATE_NOOP("Texts", "A number plate is visible on the vehicle.")),
    "fill_ratio": (
        QT_TRANSLATE_NOOP("Texts", "Vehicle fills two thirds"),
        QT_TRANSLATE_NOOP("Texts", "The vehicle does not fill about two thirds of the photo.")),
    "vehicle_cut_off": (
        QT_TRANSLATE_NOOP("Texts", "Whole vehicle in the picture"),
        QT_TRANSLATE_NOOP("Texts", "The vehicle is cut off at the edge of the picture.")),
    "blurry": (
        QT_TRANSLATE_NOOP("Texts", "Sharp picture"),
        QT_TRANSLATE_NOOP("Texts", "The photo is blurred.")),
    "exposure": (
        QT_TRANSLATE_NOOP("Texts", "Well exposed"),
        QT_TRANSLATE_NOOP("Texts", "The photo is too dark or too bright.")),
    "color_mismatch": (
        QT_TRANSLATE_NOOP("Texts", "Body colour matches"),
        QT_TRANSLATE_NOOP("Texts", "The body colour differs from the colour on the papers.")),
}

UNITS = {"mm": "mm", "px": "px", "deg": "°", "ratio": "", "dpi": "dpi", "": "",
         "share of characters": ""}
# units written as words by the core (translated when shown)
UNIT_WORDS = {
    "characters": QT_TRANSLATE_NOOP("Texts", "characters"),
    "strips": QT_TRANSLATE_NOOP("Texts", "strips"),
    "char heights": QT_TRANSLATE_NOOP("Texts", "character heights"),
}
# names of the parts of a measured value or limit that is a small dict (and a few words)
VALUE_KEYS = {
    "pitch_spread": QT_TRANSLATE_NOOP("Texts", "spacing spread"),
    "height_spread": QT_TRANSLATE_NOOP("Texts", "height spread"),
    "slant_deg": QT_TRANSLATE_NOOP("Texts", "slant °"),
    "aspect": QT_TRANSLATE_NOOP("Texts", "width/height"),
    "pitch_mm": QT_TRANSLATE_NOOP("Texts", "spacing mm"),
    "height_mm": QT_TRANSLATE_NOOP("Texts", "height mm"),
    "ghost_offset": QT_TRANSLATE_NOOP("Texts", "double offset"),
    "ghost_score": QT_TRANSLATE_NOOP("Texts", "double score"),
    "ghost_dx_px": QT_TRANSLATE_NOOP("Texts", "double dx px"),
    "ghost_dy_px": QT_TRANSLATE_NOOP("Texts", "double dy px"),
    "sharpness_ratio": QT_TRANSLATE_NOOP("Texts", "sharpness"),
    "width": QT_TRANSLATE_NOOP("Texts", "width"),
    "height": QT_TRANSLATE_NOOP("Texts", "height"),
    "tolerance": QT_TRANSLATE_NOOP("Texts", "tolerance"),
    "radius": QT_TRANSLATE_NOOP("Texts", "radius"),
    "nominal": QT_TRANSLATE_NOOP("Texts", "nominal"),
    "min": QT_TRANSLATE_NOOP("Texts", "min"),
    "max": QT_TRANSLATE_NOOP("Texts", "max"),
    "mean_luma": QT_TRANSLATE_NOOP("Texts", "mean brightness"),
    "clipped_low": QT_TRANSLATE_NOOP("Texts", "crushed"),
    "clipped_high": QT_TRANSLATE_NOOP("Texts", "blown out"),
    "max_clipped_share": QT_TRANSLATE_NOOP("Texts", "clipped max"),
    "max_edge_blur_px": QT_TRANSLATE_NOOP("Texts", "edge blur max px"),
}
VALUE_WORDS = {
    "left": QT_TRANSLATE_NOOP("Texts", "left"),
    "right": QT_TRANSLATE_NOOP("Texts", "right"),
    "top": QT_TRANSLATE_NOOP("Texts", "top"),
    "bottom": QT_TRANSLATE_NOOP("Texts", "bottom"),
    "one VIN": QT_TRANSLATE_NOOP("Texts", "one VIN"),
    "known DPI": QT_TRANSLATE_NOOP("Texts", "known DPI"),
    "not required": QT_TRANSLATE_NOOP("Texts", "not required"),
}


def tr(text: str) -> str:
    """Translate one of the marked texts above (a variable, never a literal: lupdate would
    file ``tr("literal")`` under the empty context; write
    ``QCoreApplication.translate("Texts", "literal")`` instead)."""
    return QCoreApplication.translate(CTX, text)


def colour_name(code: str | None) -> str:
    """Display name of a registration colour ("白" -> "white" in English, "白" in Chinese)."""
    for c, en in COLOURS:
        if c == code:
            return tr(en)
    return code or ""


def kind_name(code: str) -> str:
    for c, en in KINDS:
        if c == code:
            return tr(en)
    return code


def view_name(view: str | None) -> str:
    """Display name of an estimated view ("front-left" -> "左前" in Chinese)."""
    if not view:
        return ""
    return tr(VIEWS[view]) if view in VIEWS else view


def status_text(status: Status) -> str:
    return tr(STATUS_TEXT[status])


def verdict_text(verdict: Verdict) -> str:
    return tr(VERDICT_TEXT[verdict])


def rule_title(code: str) -> str:
    """Short title of the rule behind a reason code; unknown codes read as words."""
    if code in REASONS:
        return tr(REASONS[code][0])
    return code.replace("_", " ").capitalize()


def explanation(finding: Finding) -> str:
    """One plain sentence about a finding in the current language: its code's template
    with the measured value and limit (:mod:`vincheck.gui.finding_text`); for a status or
    value shape the template does not know, the rule's plain explanation; for an unknown
    code, the core's English message."""
    from vincheck.gui.finding_text import finding_sentence

    sentence = finding_sentence(finding)
    if sentence:
        return sentence
    if finding.status is Status.PASS:
        return QCoreApplication.translate("Texts", "Meets the rule.")
    if finding.status is Status.SKIPPED:
        if finding.code == "dpi" or "DPI unknown" in (finding.message or ""):
            return tr(REASONS["dpi"][1])
        return QCoreApplication.translate(
            "Texts", "Could not be measured; a person must check it.")
    if finding.code in REASONS:
        return tr(REASONS[finding.code][1])
    return finding.message or rule_title(finding.code)


def format_value(value: Any, unit: str = "") -> str:
    """A measured value or limit as short text with its unit."""
    if value is None:
        return "–"
    u = UNITS[unit] if unit in UNITS else tr(UNIT_WORDS[unit]) if unit in UNIT_WORDS else unit
    if isinstance(value, bool):
        text = (QCoreApplication.translate("Texts", "yes") if value
                else QCoreApplication.translate("Texts", "no"))
    elif isinstance(value, float):
        text = f"{value:.3g}" if abs(value) < 100 else f"{value:.1f}"
    elif isinstance(value, (list, tuple)):
        # an empty list (no side of the vehicle touches the frame) reads "none", not "[]"
        text = (", ".join(format_value(v) for v in value[:6]) + ("…" if len(value) > 6 else "")
                ) if value else QCoreApplication.translate("Texts", "none")
    elif isinstance(value, dict):
        text = ", ".join(f"{tr(VALUE_KEYS[k]) if k in VALUE_KEYS else k} {format_value(v)}"
                         for k, v in list(value.items())[:4])
    elif isinstance(value, str) and value in VALUE_WORDS:
        text = tr(VALUE_WORDS[value])
    else:
        text = str(value)
    if u and not isinstance(value, (str, bool)):
        return f"{text} {u}" if u != "°" else f"{text}°"
    return text
