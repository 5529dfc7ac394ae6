"""Repair a VIN read by OCR: per-position candidate maps ``{char: score}`` -> the best valid
VINs and the decision about them (as read, repaired, stamped invalid, ambiguous,
unrepairable), never inventing a VIN the image does not support."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from vincheck.errors import UsageError, VinError, VinLengthError
from vincheck.vin.rules import (
    CHECK_DIGIT_CHARS,
    CHECK_INDEX,
    FORBIDDEN_MODEL_YEAR,
    VIN_CHARS,
    VIN_LENGTH,
    YEAR_INDEX,
    _half_width,
    _model_year_rule,
    compute_check_digit,
    validate,
)
from vincheck.vin.valid_search import k_best, valid_mass


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


@dataclass(frozen=True)
class _Limits:
    """The options of :func:`repair` (see its docstring); ``year_rule`` resolved."""

    require_check_digit: bool
    year_rule: bool
    max_changes: int
    top_k: int
    min_score: float
    plausible_score: float
    min_top_score: float
    min_margin: float
    min_confidence: float


@dataclass
class _Positions:
    """The reading position by position: normalised probabilities, the spread of the
    unlisted mass, the top character and the characters allowed there; then the 0-based
    positions found empty, unreadable, unsure, forbidden (top not allowed) and not sure."""

    probs: list[dict[str, float]]
    spread: list[float]
    tops: list[str]
    allowed: list[str]
    empty: list[int] = field(default_factory=list)
    unreadable: list[int] = field(default_factory=list)
    unsure: list[int] = field(default_factory=list)
    forbidden: list[int] = field(default_factory=list)
    not_sure: list[int] = field(default_factory=list)

    @property
    def as_read(self) -> str:
        return "".join(self.tops)


#: (decision, vin, confidence, reason) of one branch of :func:`repair`.
_Verdict = tuple[RepairDecision, str | None, float, str]


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
    lim = _Limits(require_check_digit, _model_year_rule(require_check_digit, model_year_rule),
                  max_changes, top_k, min_score, plausible_score, min_top_score, min_margin,
                  min_confidence)
    pos = _read_positions(candidates, lim)
    unsure_pos = tuple(i + 1 for i in pos.unsure)
    refusal = _too_little_read(pos, max_changes)
    if refusal is not None:
        return RepairResult(RepairDecision.UNREPAIRABLE, None, pos.as_read, 0.0, (), unsure_pos,
                            refusal)
    ranked = _rank(pos, lim)
    if _reading_is_valid(pos, lim):
        decision, vin, conf, reason = _decide_on_reading(pos.as_read, ranked, lim)
    else:
        decision, vin, conf, reason = _decide_on_repairs(pos, ranked, lim)
    return RepairResult(decision, vin, pos.as_read, conf, tuple(ranked[:top_k]), unsure_pos,
                        reason)


def _read_positions(candidates: Sequence[Mapping[str, float]], lim: _Limits) -> _Positions:
    """Parse, check the length, normalise and diagnose the 17 candidate maps."""
    if isinstance(candidates, str | bytes) or not isinstance(candidates, Sequence):
        raise UsageError("repair: candidates must be a sequence of 17 {char: score} mappings")
    maps = [_parse_position(i, m) for i, m in enumerate(candidates)]
    tops = [max(m.items(), key=lambda kv: (kv[1], -ord(kv[0])))[0] if m else "?" for m in maps]
    if len(maps) != VIN_LENGTH:
        raise VinLengthError("".join(tops))
    # Normalised probabilities q and the spread of the unlisted mass.
    probs: list[dict[str, float]] = []
    spread: list[float] = []
    for m in maps:
        total = sum(m.values())
        scale = 1.0 / total if total > 1.0 else 1.0
        q = {c: s * scale for c, s in m.items()}
        probs.append(q)
        spread.append(max(0.0, 1.0 - sum(q.values())) / len(VIN_CHARS))
    allowed = [_allowed_at(i, lim.require_check_digit, lim.year_rule) for i in range(VIN_LENGTH)]
    pos = _Positions(probs, spread, tops, allowed)
    _diagnose(pos, lim)
    return pos


def _diagnose(pos: _Positions, lim: _Limits) -> None:
    """Fill the per-position lists of ``pos``. "Sure": a VIN character read with a high
    score and no plausible alternative (it may still break the position-9/10 rules, as
    stamped)."""
    for i, q in enumerate(pos.probs):
        top = pos.tops[i]
        if not q:
            for bucket in (pos.empty, pos.unreadable, pos.unsure, pos.not_sure):
                bucket.append(i)
            continue
        is_forbidden = top not in pos.allowed[i]
        low = q[top] < lim.min_top_score
        has_alt = any(c != top and c in pos.allowed[i] and s >= lim.plausible_score
                      for c, s in q.items())
        if is_forbidden:
            pos.forbidden.append(i)
        if low:
            pos.unreadable.append(i)
        if is_forbidden or low or has_alt:
            pos.unsure.append(i)
        if top not in VIN_CHARS or low or has_alt:
            pos.not_sure.append(i)


def _too_little_read(pos: _Positions, max_changes: int) -> str | None:
    """Why the reading cannot be repaired at all (an empty position, too many unreadable
    ones), or None."""
    if pos.empty:
        return f"nothing read at position(s) {_fmt(pos.empty)}"
    if len(pos.unreadable) > max_changes:
        return (f"{len(pos.unreadable)} unreadable positions ({_fmt(pos.unreadable)}), more "
                f"than the {max_changes} a repair may change")
    return None


def _rank(pos: _Positions, lim: _Limits) -> list[RepairCandidate]:
    """The k best valid VINs near the reading with their posterior share, best first."""
    cands = k_best(pos.probs, pos.spread, pos.tops, pos.allowed, lim.require_check_digit,
                   lim.max_changes, max(lim.top_k, 2), lim.min_score)
    z = valid_mass(pos.probs, pos.spread, pos.allowed, lim.require_check_digit)
    return [RepairCandidate(v, lg, len(ch), tuple(i + 1 for i in ch),
                            min(1.0, math.exp(lg) / z) if z > 0 else 0.0)
            for lg, v, ch in cands]


def _why_not_clear(best: RepairCandidate, ranked: Sequence[RepairCandidate],
                   lim: _Limits) -> str | None:
    """None when ``best`` is a clear winner, else the reason it is not."""
    others = [c for c in ranked if c.vin != best.vin]
    if others and best.log_score - max(c.log_score for c in others) < math.log(lim.min_margin):
        runner = max(others, key=lambda c: c.log_score)
        return (f"{best.vin} and {runner.vin} are both valid and similarly supported "
                f"(probability ratio {math.exp(best.log_score - runner.log_score):.2f} "
                f"< {lim.min_margin:g})")
    if best.confidence < lim.min_confidence:
        return (f"{best.vin} is valid but only {best.confidence:.2f} likely "
                f"(< {lim.min_confidence:g}): too many characters read with low scores")
    return None


def _reading_is_valid(pos: _Positions, lim: _Limits) -> bool:
    return not pos.forbidden and (not lim.require_check_digit or _sum_ok(pos.as_read))


def _decide_on_reading(as_read: str, ranked: Sequence[RepairCandidate],
                       lim: _Limits) -> _Verdict:
    """A valid reading: as read when it is clearly the best valid VIN, else ambiguous."""
    best = next(c for c in ranked if c.vin == as_read)
    doubt = _why_not_clear(best, ranked, lim)
    if doubt is None:
        return RepairDecision.AS_READ, as_read, best.confidence, "the reading is a valid VIN"
    return RepairDecision.AMBIGUOUS, None, 0.0, doubt


def _plausible(c: RepairCandidate, pos: _Positions, plausible_score: float) -> bool:
    """Every change of ``c`` is at an unsure position, to a plausible character (or
    replaces one not allowed there)."""
    return all(i - 1 in pos.unsure and (i - 1 in pos.forbidden
                                        or pos.probs[i - 1].get(c.vin[i - 1], 0.0)
                                        >= plausible_score)
               for i in c.changed_positions)


def _decide_on_repairs(pos: _Positions, ranked: Sequence[RepairCandidate],
                       lim: _Limits) -> _Verdict:
    """An invalid reading: repaired when the best plausible repair is the best valid VIN
    and clearly so; stamped invalid or unrepairable when no repair is plausible; else
    ambiguous."""
    good = [c for c in ranked if _plausible(c, pos, lim.plausible_score)]
    if not good:
        return _no_plausible_repair(pos, lim)
    best = good[0]
    doubt = _why_not_clear(best, ranked, lim)
    if best is ranked[0] and doubt is None:
        return (RepairDecision.REPAIRED, best.vin, best.confidence,
                f"changed position(s) {_fmt([i - 1 for i in best.changed_positions])} "
                "to the OCR's alternative to satisfy the VIN rules")
    if best is not ranked[0]:
        doubt = (f"the best valid VIN {ranked[0].vin} needs a change the OCR barely "
                 f"supports; the best supported one is {best.vin}")
    return RepairDecision.AMBIGUOUS, None, 0.0, doubt or ""


def _no_plausible_repair(pos: _Positions, lim: _Limits) -> _Verdict:
    """Stamped invalid when every character was read with confidence, else unrepairable."""
    as_read = pos.as_read
    if not pos.not_sure:
        try:
            validate(as_read, lim.require_check_digit, model_year_rule=lim.year_rule)
            problem = "it breaks the VIN rules"  # not reached: as_read is invalid here
        except VinError as exc:
            problem = str(exc)
        return (RepairDecision.STAMPED_INVALID, as_read, _joint(pos.probs, as_read),
                f"every character is read with confidence but {problem}: reported as stamped")
    return (RepairDecision.UNREPAIRABLE, None, 0.0,
            f"no valid VIN within {lim.max_changes} plausible change(s) of the reading "
            f"{as_read}")


def _fmt(indexes: Sequence[int]) -> str:
    return ", ".join(str(i + 1) for i in indexes)


def _sum_ok(vin: str) -> bool:
    return compute_check_digit(vin) == vin[CHECK_INDEX]


def _joint(probs: Sequence[Mapping[str, float]], text: str) -> float:
    return math.prod(q.get(c, 0.0) for q, c in zip(probs, text, strict=True))
