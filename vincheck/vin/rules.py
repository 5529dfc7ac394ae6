"""The VIN rules: clean typed text, validate (length, characters, model-year code, check
digit) and compute the check digit (ISO 3779 / GB 16735 / 49 CFR 565)."""

from __future__ import annotations

import unicodedata
from enum import StrEnum

from vincheck.errors import (
    VinCharacterError,
    VinCheckDigitError,
    VinError,
    VinLengthError,
    VinModelYearError,
)

VIN_LENGTH = 17
#: The 33 characters a VIN may use: 0-9 and A-Z without I, O, Q.
VIN_CHARS = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"
#: Position-9 values: 0-9, and X for remainder 10.
CHECK_DIGIT_CHARS = "0123456789X"
#: Codes never used at position 10 (model year).
FORBIDDEN_MODEL_YEAR = "UZ0"
#: The 30 model-year codes in order; code i stands for 1980 + i (+ 30 k).
MODEL_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"
MODEL_YEAR_BASE = 1980

#: Transliteration of ISO 3779 annex (digits keep their value).
TRANSLITERATION: dict[str, int] = {
    **{d: int(d) for d in "0123456789"},
    "A": 1, "B": 2, "C": 3, "D": 4, "E": 5, "F": 6, "G": 7, "H": 8,
    "J": 1, "K": 2, "L": 3, "M": 4, "N": 5, "P": 7, "R": 9,
    "S": 2, "T": 3, "U": 4, "V": 5, "W": 6, "X": 7, "Y": 8, "Z": 9,
}
#: Weights by position 1-17 (position 9, the check digit itself, weighs 0).
WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
CHECK_INDEX = 8  # 0-based index of position 9
YEAR_INDEX = 9  # 0-based index of position 10

# Separators people type inside a VIN; removed by clean().
_SEPARATORS = frozenset("-._/\\|·•‧—–") | frozenset("\u00a0\u3000")

#: Stable reason codes of the VIN errors (used in JSON output and findings).
ERROR_CODES: dict[type[VinError], str] = {
    VinLengthError: "vin_length",
    VinCharacterError: "vin_character",
    VinModelYearError: "vin_model_year",
    VinCheckDigitError: "vin_check_digit",
}


def error_code(exc: VinError) -> str:
    """The stable reason code of a VIN error (``"vin_length"``, ``"vin_character"``, ...)."""
    for cls in type(exc).__mro__:
        if cls in ERROR_CODES:
            return ERROR_CODES[cls]
    return "vin_invalid"


# --- clean / validate ---------------------------------------------------------------------

def _half_width(ch: str) -> str:
    """Full-width ASCII forms (U+FF01-U+FF5E) and the ideographic space to half-width."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if ch == "\u3000":
        return " "
    return ch


def clean(text: str) -> str:
    """Normalise typed text to a VIN candidate: full-width -> half-width, separators
    (space, ``-``, ``.``, ``_``, ``/`` and the like) removed, upper case. Never validates."""
    if not isinstance(text, str):
        raise VinError(f"a VIN must be text, got {type(text).__name__}")
    out = []
    for ch in text:
        ch = _half_width(ch)
        if ch.isspace() or ch in _SEPARATORS:
            continue
        out.append(ch)
    # Upper-case character by character, keeping one character per character (so that
    # e.g. "ß" stays one forbidden character instead of becoming "SS").
    return "".join(c if len(c.upper()) != 1 else c.upper()
                   for c in unicodedata.normalize("NFC", "".join(out)))


def _model_year_rule(require_check_digit: bool, model_year_rule: bool | None) -> bool:
    return require_check_digit if model_year_rule is None else model_year_rule


def _check_structure(vin: str) -> None:
    """Length then characters; raises the first problem."""
    if len(vin) != VIN_LENGTH:
        raise VinLengthError(vin)
    for i, ch in enumerate(vin):
        if ch not in TRANSLITERATION:
            raise VinCharacterError(vin, ch, i + 1)


def _weighted_sum(vin: str) -> int:
    return sum(TRANSLITERATION[ch] * w for ch, w in zip(vin, WEIGHTS, strict=True))


def compute_check_digit(vin: str) -> str:
    """The check digit ('0'-'9' or 'X') the 17-character ``vin`` should carry at position 9.

    Position 9 itself is ignored (weight 0). Raises :class:`VinLengthError` /
    :class:`VinCharacterError` when the text is not 17 VIN characters."""
    vin = clean(vin)
    _check_structure(vin)
    return CHECK_DIGIT_CHARS[_weighted_sum(vin) % 11]


class CheckDigitStatus(StrEnum):
    """Outcome of the position-9 check.

    VALID: position 9 is the computed digit. INVALID: it is not, and the check digit is
    required (China, North America). NOT_REQUIRED: it is not, but the setting does not
    require a check digit (e.g. a European import): advisory only, not an error."""

    VALID = "valid"
    INVALID = "invalid"
    NOT_REQUIRED = "not_required"


def check_digit_status(vin: str, require: bool = True) -> CheckDigitStatus:
    """Check position 9 of ``vin``; raises only for length or character errors."""
    vin = clean(vin)
    if compute_check_digit(vin) == vin[CHECK_INDEX]:
        return CheckDigitStatus.VALID
    return CheckDigitStatus.INVALID if require else CheckDigitStatus.NOT_REQUIRED


def validate(vin: str, require_check_digit: bool = True, *,
             model_year_rule: bool | None = None) -> str:
    """Return the canonical 17-character VIN or raise the first problem found.

    Order of checks: length (:class:`VinLengthError`), characters
    (:class:`VinCharacterError`, 1-based position), model-year code at position 10
    (:class:`VinModelYearError`; applied when ``model_year_rule`` is true, which by default
    follows ``require_check_digit``), check digit (:class:`VinCheckDigitError`, only when
    ``require_check_digit``)."""
    vin = clean(vin)
    _check_structure(vin)
    if _model_year_rule(require_check_digit, model_year_rule) \
            and vin[YEAR_INDEX] in FORBIDDEN_MODEL_YEAR:
        raise VinModelYearError(vin, vin[YEAR_INDEX])
    if require_check_digit:
        expected = compute_check_digit(vin)
        if expected != vin[CHECK_INDEX]:
            raise VinCheckDigitError(vin, expected, vin[CHECK_INDEX])
    return vin


def is_valid(vin: str, require_check_digit: bool = True, *,
             model_year_rule: bool | None = None) -> bool:
    """True when :func:`validate` would accept ``vin``."""
    try:
        validate(vin, require_check_digit, model_year_rule=model_year_rule)
    except VinError:
        return False
    return True
