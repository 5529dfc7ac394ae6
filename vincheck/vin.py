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
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from vincheck import wmi_data
from vincheck.errors import (
    UsageError,
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


# --- decoding -----------------------------------------------------------------------------

def model_year_candidates(code: str, current_year: int | None = None,
                          count: int = 2) -> tuple[int, ...]:
    """Model years a position-10 code can stand for, most recent first.

    The 30 codes repeat every 30 years (A = 1980, 2010, 2040; 1 = 2001, 2031; ...). Returns the
    ``count`` most recent years not later than ``current_year + 1`` (a vehicle may carry next
    year's model year). Empty for a code that is not a model-year code (U, Z, 0, ...)."""
    code = clean(code)
    if len(code) != 1 or code not in MODEL_YEAR_CODES:
        return ()
    latest = (current_year if current_year is not None else date.today().year) + 1
    year = MODEL_YEAR_BASE + MODEL_YEAR_CODES.index(code)
    year += 30 * ((latest - year) // 30)
    return tuple(y for y in (year - 30 * k for k in range(count)) if y >= MODEL_YEAR_BASE)


def _range_key(code: str) -> tuple[int, int]:
    order = wmi_data.RANGE_ORDER
    return order.index(code[0]), order.index(code[1])


def country_of(wmi: str) -> tuple[str | None, str | None]:
    """(region, country) of a WMI from the ISO 3780 ranges; country None when not listed."""
    wmi = clean(wmi)
    if len(wmi) < 2 or any(ch not in wmi_data.RANGE_ORDER for ch in wmi[:2]):
        return None, None
    region = wmi_data.REGION_BY_FIRST_CHAR.get(wmi[0])
    key = _range_key(wmi[:2])
    for first, last, country, row_region in wmi_data.COUNTRY_RANGES:
        if first[0] == wmi[0] and _range_key(first) <= key <= _range_key(last):
            return row_region, country
    return region, None


def maker_of(wmi: str) -> str | None:
    """Manufacturer for a WMI from the (partial) table in :mod:`vincheck.wmi_data`."""
    return wmi_data.MANUFACTURERS.get(clean(wmi)[:3])


@dataclass(frozen=True)
class VinInfo:
    """A decoded VIN; parts named after ISO 3779. ``vin`` has 17 VIN characters."""

    vin: str
    require_check_digit: bool = True
    current_year: int | None = None

    @property
    def wmi(self) -> str:
        """World manufacturer identifier, positions 1-3."""
        return self.vin[:3]

    @property
    def vds(self) -> str:
        """Vehicle descriptor section, positions 4-9 (includes the check digit)."""
        return self.vin[3:9]

    @property
    def vis(self) -> str:
        """Vehicle indicator section, positions 10-17."""
        return self.vin[9:]

    @property
    def check_digit(self) -> str:
        """The character found at position 9."""
        return self.vin[CHECK_INDEX]

    @property
    def expected_check_digit(self) -> str:
        return compute_check_digit(self.vin)

    @property
    def check_digit_status(self) -> CheckDigitStatus:
        return check_digit_status(self.vin, self.require_check_digit)

    @property
    def model_year_code(self) -> str:
        return self.vin[YEAR_INDEX]

    @property
    def model_year_candidates(self) -> tuple[int, ...]:
        return model_year_candidates(self.model_year_code, self.current_year)

    @property
    def plant_code(self) -> str:
        """Assembly plant, position 11."""
        return self.vin[10]

    @property
    def serial(self) -> str:
        """Production sequence number, positions 12-17."""
        return self.vin[11:]

    @property
    def is_small_manufacturer(self) -> bool:
        """WMI ending in 9: maker of < 500 vehicles/year, identified by WMI + positions 12-14."""
        return self.vin[2] == "9"

    @property
    def region(self) -> str | None:
        return country_of(self.wmi)[0]

    @property
    def country(self) -> str | None:
        return country_of(self.wmi)[1]

    @property
    def maker(self) -> str | None:
        return maker_of(self.wmi)

    def to_dict(self) -> dict[str, Any]:
        return {
            "vin": self.vin, "wmi": self.wmi, "vds": self.vds, "vis": self.vis,
            "region": self.region, "country": self.country, "maker": self.maker,
            "check_digit": {"expected": self.expected_check_digit, "found": self.check_digit,
                            "status": str(self.check_digit_status)},
            "model_year_code": self.model_year_code,
            "model_years": list(self.model_year_candidates),
            "plant_code": self.plant_code, "serial": self.serial,
        }


def describe(vin: str, require_check_digit: bool = True, *, strict: bool = True,
             model_year_rule: bool | None = None, current_year: int | None = None) -> VinInfo:
    """Decode a VIN. ``strict`` validates fully first (raising like :func:`validate`);
    ``strict=False`` only requires 17 VIN characters, so an invalid VIN can still be shown."""
    if strict:
        vin = validate(vin, require_check_digit, model_year_rule=model_year_rule)
    else:
        vin = clean(vin)
        _check_structure(vin)
    return VinInfo(vin, require_check_digit, current_year)


# --- repair -------------------------------------------------------------------------------

class RepairDecision(StrEnum):
    """What :func:`repair` concluded (see its docstring)."""

    AS_READ = "as_read"
    REPAIRED = "repaired"
    STAMPED_INVALID = "stamped_invalid"
    AMBIGUOUS = "ambiguous"
    UNREPAIRABLE = "unrepairable"


@dataclass(frozen=True)
class RepairCandidate:
    """A valid VIN consistent with the OCR candidates.

    ``log_score``: natural-log joint probability of the 17 characters (per-position scores
    normalised, see :func:`repair`); ``changes``: positions differing from the top OCR
    reading, ``changed_positions`` 1-based; ``confidence``: posterior share of this VIN
    among all valid VINs (0-1)."""

    vin: str
    log_score: float
    changes: int
    changed_positions: tuple[int, ...]
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        return {"vin": self.vin, "log_score": round(self.log_score, 4), "changes": self.changes,
                "changed_positions": list(self.changed_positions),
                "confidence": round(self.confidence, 4)}


@dataclass(frozen=True)
class RepairResult:
    """Result of :func:`repair`.

    ``vin``: the answer — the reading for AS_READ and STAMPED_INVALID, the repaired VIN for
    REPAIRED, None for AMBIGUOUS and UNREPAIRABLE. ``confidence``: for AS_READ/REPAIRED the
    posterior share of ``vin`` among valid VINs; for STAMPED_INVALID the joint OCR
    probability of the reading; 0 when ``vin`` is None. ``as_read``: the top character per
    position (``?`` where nothing was read). ``candidates``: valid VINs, best first.
    ``unsure_positions``: 1-based positions where the OCR was not sure."""

    decision: RepairDecision
    vin: str | None
    as_read: str
    confidence: float
    candidates: tuple[RepairCandidate, ...] = field(default_factory=tuple)
    unsure_positions: tuple[int, ...] = ()
    reason: str = ""

    @property
    def best(self) -> RepairCandidate | None:
        return self.candidates[0] if self.candidates else None

    def to_dict(self) -> dict[str, Any]:
        return {"decision": str(self.decision), "vin": self.vin, "as_read": self.as_read,
                "confidence": round(self.confidence, 4), "reason": self.reason,
                "unsure_positions": list(self.unsure_positions),
                "candidates": [c.to_dict() for c in self.candidates]}


def _parse_position(i: int, mapping: Any) -> dict[str, float]:
    if not isinstance(mapping, Mapping):
        raise UsageError(f"repair: position {i + 1} must be a mapping {{char: score}}, "
                         f"got {type(mapping).__name__}")
    out: dict[str, float] = {}
    for key, score in mapping.items():
        if not isinstance(key, str) or len(key) != 1:
            raise UsageError(f"repair: position {i + 1} has key {key!r}; keys must be "
                             "single characters")
        try:
            s = float(score)
        except (TypeError, ValueError):
            raise UsageError(f"repair: position {i + 1} score {score!r} is not a number") \
                from None
        if not (0.0 <= s <= 1.0):  # also rejects NaN
            raise UsageError(f"repair: position {i + 1} score {score!r} is not in 0-1")
        ch = _half_width(key).upper()
        if s > 0.0:
            out[ch] = max(s, out.get(ch, 0.0))
    return out


def _allowed_at(index: int, require_check_digit: bool, year_rule: bool) -> str:
    if index == CHECK_INDEX and require_check_digit:
        return CHECK_DIGIT_CHARS
    if index == YEAR_INDEX and year_rule:
        return "".join(c for c in VIN_CHARS if c not in FORBIDDEN_MODEL_YEAR)
    return VIN_CHARS


def check_residue(index: int, ch: str) -> int:
    """Contribution of ``ch`` at ``index`` to (weighted sum - check value) mod 11."""
    if index == CHECK_INDEX:
        return (-CHECK_DIGIT_CHARS.index(ch)) % 11
    return (WEIGHTS[index] * TRANSLITERATION[ch]) % 11


def repair(candidates: Sequence[Mapping[str, float]], *, require_check_digit: bool = True,
           model_year_rule: bool | None = None, max_changes: int = 2, top_k: int = 5,
           min_score: float = 0.01, plausible_score: float = 0.10,
           min_top_score: float = 0.40, min_margin: float = 3.0,
           min_confidence: float = 0.5) -> RepairResult:
    """Best valid VINs for 17 per-position OCR candidate maps ``{char: score}``.

    Scores are OCR probabilities 0-1; per position they are divided by their sum when it
    exceeds 1, and the mass not given (1 - sum) is spread evenly over the 33 VIN characters
    ("something the OCR did not list"; a caller that normalises each position to sum 1
    says nothing else is possible, so pass raw scores to let ``confidence`` account for
    unlisted characters). Candidates are built only from the characters the
    caller gave (score >= ``min_score``; the top character is always kept); the spread mass
    only enters ``confidence``, the posterior share among *all* valid VINs, computed exactly.
    The search is exact: dynamic programming over (position, weighted sum mod 11, changes)
    with k-best lists; at most ``max_changes`` positions differ from the top reading.

    Thresholds: an alternative is *plausible* when its score >= ``plausible_score``; a position
    is *unreadable* when it is empty or its top score < ``min_top_score``; a position is
    *unsure* when unreadable, its top character is not allowed there, or it has a plausible
    alternative. Decisions:

    - ``unrepairable``: an empty position, more than ``max_changes`` unreadable positions, or
      no valid VIN whose changes are all plausible (unless ``stamped_invalid`` applies);
    - ``as_read``: the top reading is valid, beats the next valid VIN by ``min_margin``
      (probability ratio) and has ``confidence`` >= ``min_confidence``;
    - ``repaired``: the best valid VIN changes only unsure positions to plausible characters
      (or replaces a character not allowed there), is the best valid VIN overall, beats the
      next by ``min_margin`` and has ``confidence`` >= ``min_confidence``;
    - ``stamped_invalid``: every position holds a VIN character read with confidence (top
      score >= ``min_top_score``, no plausible alternative) but the reading breaks the
      check-digit (or model-year) rule: ``vin`` is the reading as stamped, never corrected
      into another valid VIN (such VINs may still be listed in ``candidates``);
    - ``ambiguous``: otherwise (valid VINs exist but none is clearly best).

    Raises :class:`VinLengthError` when not 17 positions, :class:`UsageError` for malformed
    maps or scores outside 0-1."""
    if max_changes < 0 or top_k < 1 or min_margin < 1.0 or not all(
            0.0 <= t <= 1.0 for t in (min_score, plausible_score, min_top_score, min_confidence)):
        raise UsageError("repair: need max_changes >= 0, top_k >= 1, min_margin >= 1 and "
                         "score thresholds in 0-1")
    if isinstance(candidates, str | bytes) or not isinstance(candidates, Sequence):
        raise UsageError("repair: candidates must be a sequence of 17 {char: score} mappings")
    maps = [_parse_position(i, m) for i, m in enumerate(candidates)]
    tops = [max(m.items(), key=lambda kv: (kv[1], -ord(kv[0])))[0] if m else "?" for m in maps]
    as_read = "".join(tops)
    if len(maps) != VIN_LENGTH:
        raise VinLengthError(as_read)
    year_rule = _model_year_rule(require_check_digit, model_year_rule)

    # Normalised probabilities q and the spread of the unlisted mass.
    probs: list[dict[str, float]] = []
    spread: list[float] = []
    for m in maps:
        total = sum(m.values())
        scale = 1.0 / total if total > 1.0 else 1.0
        q = {c: s * scale for c, s in m.items()}
        probs.append(q)
        spread.append(max(0.0, 1.0 - sum(q.values())) / len(VIN_CHARS))
    allowed = [_allowed_at(i, require_check_digit, year_rule) for i in range(VIN_LENGTH)]

    # Per-position diagnosis. "sure": a VIN character read with a high score and no
    # plausible alternative (it may still break the position-9/10 rules, as stamped).
    empty, unreadable, unsure, forbidden, not_sure = [], [], [], [], []
    for i, q in enumerate(probs):
        top = tops[i]
        if not q:
            empty.append(i)
            unreadable.append(i)
            unsure.append(i)
            not_sure.append(i)
            continue
        is_forbidden = top not in allowed[i]
        low = q[top] < min_top_score
        has_alt = any(c != top and c in allowed[i] and s >= plausible_score
                      for c, s in q.items())
        if is_forbidden:
            forbidden.append(i)
        if low:
            unreadable.append(i)
        if is_forbidden or low or has_alt:
            unsure.append(i)
        if top not in VIN_CHARS or low or has_alt:
            not_sure.append(i)
    unsure_pos = tuple(i + 1 for i in unsure)

    def result(decision: RepairDecision, vin: str | None, conf: float, reason: str,
               cands: Sequence[RepairCandidate] = ()) -> RepairResult:
        return RepairResult(decision, vin, as_read, conf, tuple(cands), unsure_pos, reason)

    if empty:
        return result(RepairDecision.UNREPAIRABLE, None, 0.0,
                      f"nothing read at position(s) {_fmt(empty)}")
    if len(unreadable) > max_changes:
        return result(RepairDecision.UNREPAIRABLE, None, 0.0,
                      f"{len(unreadable)} unreadable positions ({_fmt(unreadable)}), more than "
                      f"the {max_changes} a repair may change")

    cands = _k_best(probs, spread, tops, allowed, require_check_digit, max_changes,
                    max(top_k, 2), min_score)
    z = _valid_mass(probs, spread, allowed, require_check_digit)
    ranked = [RepairCandidate(v, lg, len(ch), tuple(i + 1 for i in ch),
                              min(1.0, math.exp(lg) / z) if z > 0 else 0.0)
              for lg, v, ch in cands]
    shown = ranked[:top_k]
    log_margin = math.log(min_margin)

    def why_not_clear(best: RepairCandidate) -> str | None:
        """None when ``best`` is a clear winner, else the reason it is not."""
        others = [c for c in ranked if c.vin != best.vin]
        if others and best.log_score - max(c.log_score for c in others) < log_margin:
            runner = max(others, key=lambda c: c.log_score)
            return (f"{best.vin} and {runner.vin} are both valid and similarly supported "
                    f"(probability ratio {math.exp(best.log_score - runner.log_score):.2f} "
                    f"< {min_margin:g})")
        if best.confidence < min_confidence:
            return (f"{best.vin} is valid but only {best.confidence:.2f} likely "
                    f"(< {min_confidence:g}): too many characters read with low scores")
        return None

    as_read_ok = not forbidden and (not require_check_digit or _sum_ok(as_read))
    if as_read_ok:
        best = next(c for c in ranked if c.vin == as_read)
        doubt = why_not_clear(best)
        if doubt is None:
            return result(RepairDecision.AS_READ, as_read, best.confidence,
                          "the reading is a valid VIN", shown)
        return result(RepairDecision.AMBIGUOUS, None, 0.0, doubt, shown)

    def plausible(c: RepairCandidate) -> bool:
        return all(i - 1 in unsure and (i - 1 in forbidden
                                        or probs[i - 1].get(c.vin[i - 1], 0.0) >= plausible_score)
                   for i in c.changed_positions)

    good = [c for c in ranked if plausible(c)]
    if not good:
        if not not_sure:
            try:
                validate(as_read, require_check_digit, model_year_rule=year_rule)
                problem = "it breaks the VIN rules"  # not reached: as_read is invalid here
            except VinError as exc:
                problem = str(exc)
            return result(RepairDecision.STAMPED_INVALID, as_read, _joint(probs, as_read),
                          f"every character is read with confidence but {problem}: "
                          "reported as stamped", shown)
        return result(RepairDecision.UNREPAIRABLE, None, 0.0,
                      f"no valid VIN within {max_changes} plausible change(s) of the reading "
                      f"{as_read}", shown)
    best = good[0]
    doubt = why_not_clear(best)
    if best is ranked[0] and doubt is None:
        return result(RepairDecision.REPAIRED, best.vin, best.confidence,
                      f"changed position(s) {_fmt([i - 1 for i in best.changed_positions])} "
                      "to the OCR's alternative to satisfy the VIN rules", shown)
    if best is not ranked[0]:
        doubt = (f"the best valid VIN {ranked[0].vin} needs a change the OCR barely "
                 f"supports; the best supported one is {best.vin}")
    return result(RepairDecision.AMBIGUOUS, None, 0.0, doubt or "", shown)


def _fmt(indexes: Sequence[int]) -> str:
    return ", ".join(str(i + 1) for i in indexes)


def _sum_ok(vin: str) -> bool:
    return compute_check_digit(vin) == vin[CHECK_INDEX]


def _joint(probs: Sequence[Mapping[str, float]], text: str) -> float:
    return math.prod(q.get(c, 0.0) for q, c in zip(probs, text, strict=True))


def _k_best(probs: Sequence[Mapping[str, float]], spread: Sequence[float],
            tops: Sequence[str], allowed: Sequence[str], require_check_digit: bool,
            max_changes: int, k: int, min_score: float) -> list[tuple[float, str, tuple[int, ...]]]:
    """Exact k best valid strings: DP over (sum mod 11, changes) with k-best lists.

    Returns (log probability, vin, changed 0-based indexes), best first."""
    # state (residue, changes) -> list of (log, text, changed)
    states: dict[tuple[int, int], list[tuple[float, str, tuple[int, ...]]]] = {
        (0, 0): [(0.0, "", ())]}
    for i in range(VIN_LENGTH):
        options = []
        for c, s in probs[i].items():
            if c in allowed[i] and (s >= min_score or c == tops[i]):
                options.append((c, math.log(s + spread[i]),
                                check_residue(i, c) if require_check_digit else 0, c != tops[i]))
        if not options:
            return []
        new: dict[tuple[int, int], list[tuple[float, str, tuple[int, ...]]]] = {}
        for (res, nch), paths in states.items():
            for c, lg, r, changed in options:
                n2 = nch + changed
                if n2 > max_changes:
                    continue
                key = ((res + r) % 11, n2)
                bucket = new.setdefault(key, [])
                for plg, ptxt, pch in paths:
                    bucket.append((plg + lg, ptxt + c, pch + (i,) if changed else pch))
        for bucket in new.values():
            if len(bucket) > k:
                bucket.sort(key=lambda t: -t[0])
                del bucket[k:]
        states = new
    final = [p for (res, _), paths in states.items() if res == 0 for p in paths]
    final.sort(key=lambda t: (-t[0], t[1]))
    return final[:k]


def _valid_mass(probs: Sequence[Mapping[str, float]], spread: Sequence[float],
                allowed: Sequence[str], require_check_digit: bool) -> float:
    """Total probability of all valid VINs (listed scores + spread mass), exact."""
    if not require_check_digit:
        return math.prod(sum(probs[i].get(c, 0.0) + spread[i] for c in allowed[i])
                         for i in range(VIN_LENGTH))
    mass = [0.0] * 11
    mass[0] = 1.0
    for i in range(VIN_LENGTH):
        per_res = [0.0] * 11
        for c in allowed[i]:
            p = probs[i].get(c, 0.0) + spread[i]
            if p > 0.0:
                per_res[check_residue(i, c)] += p
        new = [0.0] * 11
        for r0, m in enumerate(mass):
            if m == 0.0:
                continue
            for r1, p in enumerate(per_res):
                if p:
                    new[(r0 + r1) % 11] += m * p
        mass = new
    return mass[0]


# --- OCR confusions -----------------------------------------------------------------------

#: Characters commonly confused by OCR on stamped/rubbed VINs (read -> possible truths).
CONFUSIONS: dict[str, str] = {
    "0": "D", "D": "0", "O": "0D", "Q": "0D",
    "I": "1", "1": "7", "7": "1", "L": "1",
    "5": "S", "S": "5", "8": "B", "B": "8", "2": "Z", "Z": "2",
    "6": "G", "G": "6", "U": "V", "V": "U",
}


def confusion_candidates(text: str, scores: Sequence[float] | None = None, *,
                         default_score: float = 0.9,
                         min_alt_score: float = 0.02) -> list[dict[str, float]]:
    """Per-position candidate maps for :func:`repair` from a plain OCR string.

    Each character keeps its score (``scores[i]``, or ``default_score`` when no scores are
    given); its known visual confusions (:data:`CONFUSIONS`: 0/D/O/Q, I/1, 1/7, 5/S, 8/B,
    2/Z, 6/G, U/V) share the remaining mass ``1 - score`` equally, but get at least
    ``min_alt_score`` — low, so that a confident reading keeps its characters unless a rule
    forbids them. Characters are made upper-case and half-width; nothing is removed, so
    positions stay aligned with ``scores``."""
    if scores is not None and len(scores) != len(text):
        raise UsageError(f"confusion_candidates: {len(text)} characters but {len(scores)} "
                         "scores")
    out: list[dict[str, float]] = []
    for i, raw in enumerate(text):
        ch = _half_width(raw).upper()
        s = float(scores[i]) if scores is not None else default_score
        if not (0.0 <= s <= 1.0):
            raise UsageError(f"confusion_candidates: score {s!r} at position {i + 1} not in 0-1")
        alts = [a for a in CONFUSIONS.get(ch, "") if a != ch]
        m = {ch: s}
        if alts:
            share = max(min_alt_score, (1.0 - s) / len(alts))
            for a in alts:
                m[a] = max(m.get(a, 0.0), share)
        out.append(m)
    return out
