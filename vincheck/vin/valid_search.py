"""Exact searches over valid VINs for :func:`vincheck.vin.repair`: the k most probable
valid strings near the reading, and the total probability of all valid VINs (dynamic
programming over the weighted sum mod 11)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from vincheck.vin.rules import CHECK_DIGIT_CHARS, CHECK_INDEX, TRANSLITERATION, VIN_LENGTH, WEIGHTS


def check_residue(index: int, ch: str) -> int:
    """Contribution of ``ch`` at ``index`` to (weighted sum - check value) mod 11."""
    if index == CHECK_INDEX:
        return (-CHECK_DIGIT_CHARS.index(ch)) % 11
    return (WEIGHTS[index] * TRANSLITERATION[ch]) % 11


def k_best(probs: Sequence[Mapping[str, float]], spread: Sequence[float],
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


def valid_mass(probs: Sequence[Mapping[str, float]], spread: Sequence[float],
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
