"""What the character distributions of a strip say about its VIN beyond the best
reading: the joint probability of a reading, the one valid VIN a common OCR confusion away,
and whether any plausible reading at all meets the check digit."""

from __future__ import annotations

from collections.abc import Sequence


def joint(scores: Sequence[dict], text: str) -> float:
    """The product of each position's score for the character ``text`` has there (0-1)."""
    p = 1.0
    for sc, ch in zip(scores, text, strict=False):
        p *= float(sc.get(ch, 0.0))
    return p


def confusion_alternative(scores: Sequence[dict], as_read: str
                           ) -> tuple[str, int, str] | None:
    """The single valid VIN one common OCR confusion away from ``as_read`` (vin, 1-based
    position, character), preferring the position read with the lowest confidence; None
    when there is none or more than one."""
    from vincheck.vin import CONFUSIONS, compute_check_digit

    found = []
    for i, ch in enumerate(as_read):
        for alt in CONFUSIONS.get(ch, ""):
            v = as_read[:i] + alt + as_read[i + 1:]
            try:
                ok = compute_check_digit(v) == v[8]
            except Exception:  # noqa: BLE001 - not allowed there
                ok = False
            if ok:
                found.append((float(scores[i].get(ch, 0.0)), v, i + 1, alt))
    if len({f[1] for f in found}) != 1:
        return None
    _, v, pos, alt = min(found)
    return v, pos, alt


def invalid_everywhere(scores: Sequence[dict], as_read: str, min_score: float = 0.01,
                        min_share: float = 0.1) -> bool:
    """True when no combination of the plausible readings at each position (score >=
    ``min_score`` and >= ``min_share`` x that position's best) has a valid check digit:
    the reachable (weighted sum - check value) mod 11 residues are tracked position by
    position, so any number of combinations is covered exactly."""
    from vincheck.vin import CHECK_DIGIT_CHARS, TRANSLITERATION, check_residue

    reach = {0}
    for i, (sc, ch) in enumerate(zip(scores, as_read, strict=True)):
        top = max(sc.values(), default=0.0)
        alts = {c for c, v in sc.items() if v >= max(min_score, min_share * top)} | {ch}
        if i == 8:
            alts &= set(CHECK_DIGIT_CHARS)
        else:
            alts &= set(TRANSLITERATION)
        steps = {check_residue(i, c) for c in alts}
        reach = {(r + d) % 11 for r in reach for d in steps}
        if not reach:
            return True
    return 0 not in reach


def check_digit_holds(text: str | None) -> bool:
    """Whether ``text`` is 17 VIN characters whose position 9 is their check digit."""
    from vincheck.errors import VinError
    from vincheck.vin import VIN_LENGTH, compute_check_digit

    if text is None or len(text) != VIN_LENGTH:
        return False
    try:
        return compute_check_digit(text) == text[8]
    except VinError:
        return False
