"""VIN helpers for the synthetic rubbing generator (kept local: no dependency on vincheck.vin).

Check digit rule from REGULATION.md: transliterate letters, weight by position, sum mod 11,
remainder 10 is written ``X``.
"""

from __future__ import annotations

import numpy as np

VIN_ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"  # no I, O, Q
_TRANSLIT = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
# Chinese WMIs (SAIC-VW, FAW-VW, GAC Honda, Dongfeng Honda, BMW Brilliance, Tesla, Geely...)
WMIS = ("LSV", "LFV", "LGB", "LHG", "LBV", "LRW", "LGX", "LVS", "LFP", "LDC", "LGW", "LB3")
# model-year codes allowed at position 10 (never U, Z, 0, I, O, Q)
YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"


def check_digit(vin: str) -> str:
    """The check digit (``0``-``9`` or ``X``) that position 9 of a 17-char VIN must carry."""
    if len(vin) != 17:
        raise ValueError(f"a VIN has 17 characters, got {len(vin)}")
    total = sum(_TRANSLIT[c] * w for c, w in zip(vin.upper(), _WEIGHTS, strict=True))
    r = total % 11
    return "X" if r == 10 else str(r)


def has_valid_check_digit(vin: str) -> bool:
    """True when position 9 of ``vin`` equals its computed check digit."""
    return vin[8] == check_digit(vin)


def with_check_digit(vin: str) -> str:
    """``vin`` with position 9 replaced by the correct check digit."""
    return vin[:8] + check_digit(vin) + vin[9:]


def random_vin(rng: np.random.Generator) -> str:
    """A random VIN with a realistic Chinese WMI, a valid model year and a valid check digit."""
    wmi = WMIS[int(rng.integers(len(WMIS)))]
    vds = "".join(rng.choice(list(VIN_ALPHABET), 5))
    year = YEAR_CODES[int(rng.integers(len(YEAR_CODES)))]
    plant = VIN_ALPHABET[int(rng.integers(10, len(VIN_ALPHABET)))]
    serial = "".join(rng.choice(list("0123456789"), 6))
    return with_check_digit(wmi + vds + "0" + year + plant + serial)


def wrong_check_digit(vin: str, rng: np.random.Generator) -> str:
    """``vin`` with position 9 replaced by a check digit that is *not* the correct one."""
    good = check_digit(vin)
    choices = [c for c in "0123456789X" if c != good]
    return vin[:8] + choices[int(rng.integers(len(choices)))] + vin[9:]


def differing_vin(vin: str, rng: np.random.Generator) -> str:
    """A valid VIN that differs from ``vin`` in one serial/VDS character (check digit fixed).

    The check digit may change too, so the two VINs differ in one or two positions.
    """
    for _ in range(100):
        pos = int(rng.choice([3, 4, 5, 6, 7, 11, 12, 13, 14, 15, 16]))
        alphabet = "0123456789" if pos >= 11 else VIN_ALPHABET
        new = alphabet[int(rng.integers(len(alphabet)))]
        if new == vin[pos]:
            continue
        cand = with_check_digit(vin[:pos] + new + vin[pos + 1 :])
        if cand != vin:
            return cand
    raise RuntimeError("could not derive a differing VIN")  # pragma: no cover


def unknown_wmi(rng: np.random.Generator, known: set[str] | frozenset[str]) -> str:
    """A Chinese-looking WMI (``L`` + two VIN characters, third not ``9``, the mark of a
    small maker) that is not in ``known`` (the reader's table of makers)."""
    while True:
        wmi = "L" + "".join(rng.choice(list(VIN_ALPHABET), 2))
        if wmi not in known and wmi[2] != "9":
            return wmi


def with_wmi(vin: str, wmi: str) -> str:
    """``vin`` with positions 1-3 replaced by ``wmi``; a valid check digit stays valid, a
    wrong one stays wrong (a check-digit defect keeps its defect)."""
    new = wmi + vin[3:]
    if has_valid_check_digit(vin):
        return with_check_digit(new)
    if has_valid_check_digit(new):
        good = check_digit(new)
        return new[:8] + ("1" if good == "0" else "0") + new[9:]
    return new
