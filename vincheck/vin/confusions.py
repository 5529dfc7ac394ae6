"""Candidate maps for :func:`vincheck.vin.repair` from a plain OCR string: each character
with the characters OCR commonly mistakes it for."""

from __future__ import annotations

from collections.abc import Sequence

from vincheck.errors import UsageError
from vincheck.vin.rules import _half_width

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
