"""VIN rules (ISO 3779 / GB 16735 / 49 CFR 565), standard library only.

clean -> validate -> canonical 17-character string; the check digit kept apart as VALID /
INVALID / NOT_REQUIRED; decoding (WMI region, country, maker, model year); and
:func:`repair`, which turns per-position OCR candidates into the best VINs that satisfy
every rule without ever inventing a VIN the image does not support.

Positions are 1-based in everything a person reads (errors, ``changed_positions``);
Python indexes are 0-based inside.

Jurisdiction: China (GB 16735) and North America (49 CFR 565) make both the check digit
(position 9) and the model-year code (position 10) mandatory; ISO 3779 alone does not
(European makers often put ``0`` or anything at 9 and 10). ``require_check_digit=True`` is the
China/North-America setting; the model-year rule follows it unless ``model_year_rule`` is
given explicitly.

Modules: :mod:`~vincheck.vin.rules` (clean, validate, check digit),
:mod:`~vincheck.vin.decode` (region, country, maker, model year),
:mod:`~vincheck.vin.ocr_repair` (:func:`repair` and its decision),
:mod:`~vincheck.vin.valid_search` (the exact searches ``repair`` relies on) and
:mod:`~vincheck.vin.confusions` (candidate maps from a plain OCR string).
"""

from vincheck.vin.confusions import CONFUSIONS, confusion_candidates
from vincheck.vin.decode import VinInfo, country_of, describe, maker_of, model_year_candidates
from vincheck.vin.ocr_repair import RepairCandidate, RepairDecision, RepairResult, repair
from vincheck.vin.rules import (
    CHECK_DIGIT_CHARS,
    CHECK_INDEX,
    ERROR_CODES,
    FORBIDDEN_MODEL_YEAR,
    MODEL_YEAR_BASE,
    MODEL_YEAR_CODES,
    TRANSLITERATION,
    VIN_CHARS,
    VIN_LENGTH,
    WEIGHTS,
    YEAR_INDEX,
    CheckDigitStatus,
    check_digit_status,
    clean,
    compute_check_digit,
    error_code,
    is_valid,
    validate,
)
from vincheck.vin.valid_search import check_residue

__all__ = [
    "CHECK_DIGIT_CHARS", "CHECK_INDEX", "CONFUSIONS", "ERROR_CODES", "FORBIDDEN_MODEL_YEAR",
    "MODEL_YEAR_BASE", "MODEL_YEAR_CODES", "TRANSLITERATION", "VIN_CHARS", "VIN_LENGTH",
    "WEIGHTS", "YEAR_INDEX", "CheckDigitStatus", "RepairCandidate", "RepairDecision",
    "RepairResult", "VinInfo", "check_digit_status", "check_residue", "clean",
    "compute_check_digit", "confusion_candidates", "country_of", "describe", "error_code",
    "is_valid", "maker_of", "model_year_candidates", "repair", "validate",
]
