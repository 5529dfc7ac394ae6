"""What the VIN standard says about a reading before any glyph is seen: prior odds that
weigh the 17 character distributions of a strip before the check digit picks the VIN.

ISO 3779:2009 (and GB 16735) make the last four characters of the vehicle indicator
section, positions 14-17, numeric. A letter read there is far more likely a misread digit
(a dotted 0 read as C, a 6 as G) than a VIN breaking the standard, so its score is scaled
by :data:`LETTER_IN_SERIAL` and the position renormalised. The prior is soft: a letter read
surely, with no digit beside it, stays the reading (as stamped, for the rules to judge).

Positions 1-3 are the world manufacturer identifier (WMI). A reading whose plausible
characters there spell a WMI of a known maker (:mod:`vincheck.wmi_data`) is
:data:`KNOWN_WMI_ODDS` times likelier than one spelling an unknown code: the joint scores
of the first three positions are weighed so, and each position gets its share of the
result. A WMI read surely is kept whether known or not; the prior only moves a position
whose reading already hesitates (a dotted G read as 6 beside a G, an L beside a C).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from vincheck.vin import VIN_LENGTH

# 0-based indexes of positions 14-17 (ISO 3779: "the last four characters shall be numeric")
SERIAL_INDEXES = range(13, 17)
# prior odds of a letter against a digit at those positions (a letter there breaks the
# standard; 0.02 lets a digit read at 1/50 of a letter's score win)
LETTER_IN_SERIAL = 0.02


# prior odds of a known maker's WMI against an unknown code (most VINs a station sees are
# of makers in the table; small makers and imports are not, and a sure reading of them stays)
KNOWN_WMI_ODDS = 10.0
# characters of a WMI position taken into the joint weighing: score >= this, at most
# WMI_TOP per position
WMI_MIN_SCORE = 0.01
WMI_TOP = 4


def _weigh_wmi(out: list[dict[str, float]]) -> None:
    """Weigh positions 1-3 in place by :data:`KNOWN_WMI_ODDS` (see the module's text)."""
    from itertools import product

    from vincheck.vin import maker_of

    tops = []
    for sc in out[:3]:
        ranked = sorted(sc.items(), key=lambda kv: -kv[1])
        kept = [(c, p) for c, p in ranked[:WMI_TOP] if p >= WMI_MIN_SCORE] or ranked[:1]
        if not kept:
            return
        tops.append(kept)
    marg: list[dict[str, float]] = [{}, {}, {}]
    for combo in product(*tops):
        wmi = "".join(c for c, _ in combo)
        w = (KNOWN_WMI_ODDS if maker_of(wmi) else 1.0)
        for _, p in combo:
            w *= p
        for k, (c, _) in enumerate(combo):
            marg[k][c] = marg[k].get(c, 0.0) + w
    for k in range(3):
        total = sum(p for _, p in tops[k])
        mass = sum(marg[k].values())
        if mass <= 0:
            continue
        sc = out[k]
        for c, w in marg[k].items():
            sc[c] = w * total / mass


def with_vin_priors(scores: Sequence[Mapping[str, float]]) -> list[dict[str, float]]:
    """A copy of a strip's 17 character distributions (``{char: score 0-1}``) weighed by
    the standard's prior; any other length is returned copied unchanged."""
    out = [dict(s) for s in scores]
    if len(out) != VIN_LENGTH:
        return out
    for i in SERIAL_INDEXES:
        sc = out[i]
        total = sum(sc.values())
        weighed = {c: p * (LETTER_IN_SERIAL if c.isalpha() else 1.0) for c, p in sc.items()}
        new_total = sum(weighed.values())
        if total > 0 and new_total > 0:
            out[i] = {c: p * total / new_total for c, p in weighed.items()}
    _weigh_wmi(out)
    return out
