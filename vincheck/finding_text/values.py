"""A finding's measured value and limit as the checklist and the report show them, in
Chinese or English. Most values read well as formatted by :func:`vincheck.rules.format_value`
(numbers with units, shares as percent); a few codes carry values that say nothing on
their own — a start symbol "yes / yes", a vehicle cut off "none / none", plates "0 / 0" —
and get words here: "present / required", "not cut off / none allowed", "no plate /
none allowed". A range limit ``[lo, hi]`` reads "lo–hi"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from vincheck import rules
from vincheck.findings import Finding

Pair = tuple[str, str]  # (Chinese, English)

PRESENT: Pair = ("有", "present")
ABSENT: Pair = ("无", "absent")
REQUIRED: Pair = ("应有", "required")
NOT_CUT_OFF: Pair = ("未截断", "not cut off")
CUT_OFF_AT: Pair = ("{sides}被截断", "cut off at {sides}")
NO_CUT_OFF_ALLOWED: Pair = ("不得截断", "none allowed")
NO_PLATE: Pair = ("无号牌可见", "no plate visible")
PLATES_VISIBLE: Pair = ("{n} 块号牌可见", "{n} plate(s) visible")
NO_PLATE_ALLOWED: Pair = ("不得有号牌可见", "none allowed")
SHOULD_BE: Pair = ("应为 {v}", "should be {v}")
SHEETS: Pair = ("{n} 份", "{n} sheet(s)")
RUBBINGS: Pair = ("{n} 份拓印", "{n} rubbing(s)")
PHOTOS: Pair = ("{n} 张", "{n} photo(s)")
ENGINE_NAMES: dict[str, Pair] = {
    "glyph": ("本项目字形分类器", "own glyph classifier"),
    "rapidocr": ("RapidOCR", "RapidOCR"), "tesseract": ("Tesseract", "Tesseract")}

WORDS: tuple[Pair, ...] = (PRESENT, ABSENT, REQUIRED, NOT_CUT_OFF, CUT_OFF_AT,
                           NO_CUT_OFF_ALLOWED, NO_PLATE, PLATES_VISIBLE, NO_PLATE_ALLOWED,
                           SHOULD_BE, SHEETS, RUBBINGS, PHOTOS, *ENGINE_NAMES.values())
"""Every fixed word of this module (a report's font must cover the Chinese)."""

ValueText = Callable[[Any, str], "str | None"]  # (value, lang) -> text, None: the default


def _w(pair: Pair, lang: str) -> str:
    return pair[0 if rules.is_zh(lang) else 1]


def _symbol(value: Any, lang: str) -> str | None:
    return _w(PRESENT if value else ABSENT, lang) if isinstance(value, bool) else None


def _symbol_limit(value: Any, lang: str) -> str | None:
    return _w(REQUIRED, lang) if value is True else None


def _cut_off(value: Any, lang: str) -> str | None:
    if not isinstance(value, list):
        return None
    if not value:
        return _w(NOT_CUT_OFF, lang)
    return _w(CUT_OFF_AT, lang).format(sides=rules.format_value(value, "", lang))


def _no_cut_off(value: Any, lang: str) -> str | None:
    return _w(NO_CUT_OFF_ALLOWED, lang) if value == [] else None


def _plates(value: Any, lang: str) -> str | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return _w(PLATES_VISIBLE, lang).format(n=value) if value else _w(NO_PLATE, lang)


def _no_plate(value: Any, lang: str) -> str | None:
    return _w(NO_PLATE_ALLOWED, lang) if value == 0 else None


def _should_be(value: Any, lang: str) -> str | None:
    if isinstance(value, str) and len(value) == 1:  # the check digit the VIN needs
        return _w(SHOULD_BE, lang).format(v=value)
    return None


def _count(pair: Pair) -> ValueText:
    def text(value: Any, lang: str) -> str | None:
        if isinstance(value, bool) or not isinstance(value, int):
            return None
        return _w(pair, lang).format(n=value)
    return text


def engine_names(codes: list[str], lang: str) -> str:
    """OCR engines by name ("glyph" is the project's own glyph classifier)."""
    return ("、" if rules.is_zh(lang) else ", ").join(
        _w(ENGINE_NAMES[v], lang) if v in ENGINE_NAMES else v for v in codes)


def _engines(value: Any, lang: str) -> str | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return None
    return engine_names(value, lang)


MEASURED: dict[str, ValueText] = {
    "missing_start_symbol": _symbol, "missing_end_symbol": _symbol,
    "vehicle_cut_off": _cut_off, "plate_visible": _plates,
    "missing_rubbing": _count(SHEETS), "missing_photo": _count(PHOTOS),
    "rubbing_count": _count(RUBBINGS), "ocr_engine": _engines,
}
LIMIT: dict[str, ValueText] = {
    "missing_start_symbol": _symbol_limit, "missing_end_symbol": _symbol_limit,
    "vehicle_cut_off": _no_cut_off, "plate_visible": _no_plate,
    "rubbing_count": _count(RUBBINGS), "check_digit": _should_be,
}


def _range(value: Any, unit: str, lang: str) -> str | None:
    """``[lo, hi]`` (two numbers) as "lo–hi" with the unit once."""
    if not (isinstance(value, (list, tuple)) and len(value) == 2 and all(
            isinstance(v, (int, float)) and not isinstance(v, bool) for v in value)):
        return None
    lo, hi = (rules.format_value(v, unit, lang) for v in value)
    return f"{lo}–{hi}"


def measured_text(f: Finding, lang: str = "zh_CN") -> str:
    """The finding's measured value in ``lang`` ("–" for none)."""
    special = MEASURED.get(f.code)
    text = special(f.measured, lang) if special else None
    return text if text is not None else rules.format_value(f.measured, rules.unit_of(f), lang)


def limit_text(f: Finding, lang: str = "zh_CN") -> str:
    """The finding's limit in ``lang`` ("–" for none); a ``[lo, hi]`` range as "lo–hi"."""
    special = LIMIT.get(f.code)
    text = special(f.limit, lang) if special else None
    if text is None:
        text = _range(f.limit, rules.unit_of(f), lang)
    return text if text is not None else rules.format_value(f.limit, rules.unit_of(f), lang)
