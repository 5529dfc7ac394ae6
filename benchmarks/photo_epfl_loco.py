"""Leave-one-car-out figures of the shipped view estimator's EPFL-tuned constants,
:data:`vincheck.photo.view.TURN_PASS_MASS` and :data:`~vincheck.photo.view.TURN_FAIL_MASS`
(the full-turn head's probability within 25 deg of 45 deg a pass needs, and that a fail
may not exceed).

Run by ``python -m benchmarks.photo_epfl ... --loco`` (the rows of that run), or on the
rows written by ``--rows FILE``::

    .venv/bin/python -m benchmarks.photo_epfl_loco FILE

For each car the pair is chosen among :data:`PAIRS` on the other cars' photos (the least
:func:`loss`: missed and failed front-left photos, false accepts beyond 2 % and the review
share) and that car's photos are decided with it; the figures printed are those
out-of-fold decisions. The decision is re-played from each row: a shipped reading that
carries the turn head's probabilities (``probs``) is decided by the two masses, any other
(the end head near an end, a reading the classical cues confirmed) keeps the shipped
status, which no mass changes. The head's weights were trained on renders only.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from vincheck.photo.view import ViewEstimate, azimuth_difference, turn_status
from vincheck.settings import PhotoSettings

S = PhotoSettings()
PASS_MASSES = (0.5, 0.6, 0.7, 0.8)
FAIL_MASSES = (0.05, 0.1, 0.2, 0.3)
PAIRS = tuple((p, f) for p in PASS_MASSES for f in FAIL_MASSES)
CAR_AZ, NEAR, FAR = 45.0, 10.0, 30.0


def decide(row: dict, pair: tuple[float, float]) -> tuple[float, str]:
    """(azimuth deg, pass / review / fail) of the car rule for one row with the masses
    ``pair`` (pass, fail)."""
    shipped = row["shipped"]
    if shipped.get("probs") is None:
        return shipped["az"], shipped["car"]
    v = ViewEstimate("", shipped["az"], shipped["conf"], source="turn",
                     turn_probs=tuple(shipped["probs"]))
    st, _mass = turn_status(v, CAR_AZ, S.azimuth_tolerance_deg, *pair)
    return shipped["az"], st.value


def figures(rows: list[dict], decided: list[tuple[float, str]]) -> dict[str, float]:
    """Pass / fail at 45 +/- 10, pass > 30 deg away, review share, mean error, mirrored
    passes of rows and their decisions."""
    pairs = list(zip(rows, decided, strict=True))
    plain = [(r, dc) for r, dc in pairs if not r["mirrored"]]
    near = [dc[1] for r, dc in plain if azimuth_difference(r["az_true"], CAR_AZ) <= NEAR]
    far = [dc[1] for r, dc in plain if azimuth_difference(r["az_true"], CAR_AZ) > FAR]

    def share(xs: list[str], k: str) -> float:
        return float(np.mean([x == k for x in xs])) if xs else float("nan")

    return {"near_pass": share(near, "pass"), "near_fail": share(near, "fail"),
            "far_pass": share(far, "pass"), "review": share([dc[1] for _r, dc in plain],
                                                            "review"),
            "err": float(np.mean([azimuth_difference(dc[0], r["az_true"]) for r, dc in plain]))
            if plain else float("nan"),
            "mirrored_passed": sum(dc[1] == "pass" for r, dc in pairs if r["mirrored"]),
            "n_near": len(near), "n_far": len(far)}


def loss(f: dict[str, float]) -> float:
    """What a pair of masses is chosen by (lower is better)."""
    return (1 - f["near_pass"]) + 2 * f["near_fail"] + 20 * max(0.0, f["far_pass"] - 0.02) \
        + 0.5 * f["review"]


def loco(rows: list[dict]) -> tuple[list[tuple[float, str]], dict[int, float]]:
    """Out-of-fold decisions of every row and the masses chosen for each car."""
    cars = sorted({r["car"] for r in rows})
    chosen = {}
    for car in cars:
        rest = [r for r in rows if r["car"] != car]
        chosen[car] = min(PAIRS, key=lambda pr: loss(figures(rest, [decide(r, pr)
                                                                    for r in rest])))
    return [decide(r, chosen[r["car"]]) for r in rows], chosen


def report(rows: list[dict]) -> list[str]:
    """Printable lines: the LOCO figures in total, per car group and per car."""
    if not rows or "shipped" not in rows[0]:
        return ["(leave-one-car-out needs the shipped estimator)"]
    decided, chosen = loco(rows)
    all_pr = min(PAIRS, key=lambda pr: loss(figures(rows, [decide(r, pr) for r in rows])))
    lines = [f"== leave-one-car-out: the turn head's pass / fail masses chosen on the other "
             f"cars (chosen: {dict(Counter(chosen.values()))}; on all cars: {all_pr})"]

    def line(title: str, keep) -> str:
        rs = [(r, dc) for r, dc in zip(rows, decided, strict=True) if keep(r)]
        f = figures([r for r, _ in rs], [dc for _, dc in rs])
        return (f"  {title}: 45+/-10 pass {100 * f['near_pass']:.1f} % fail "
                f"{100 * f['near_fail']:.1f} % (n={f['n_near']}) | >30 deg away pass "
                f"{100 * f['far_pass']:.1f} % (n={f['n_far']}) | review {100 * f['review']:.1f} %"
                f" | mean error {f['err']:.1f} deg | mirrored passed {f['mirrored_passed']}")

    lines.append(line("all cars", lambda r: True))
    if any(r["car"] <= 8 for r in rows) and any(r["car"] > 8 for r in rows):
        lines.append(line("cars 1-8", lambda r: r["car"] <= 8))
        lines.append(line("cars 9-20", lambda r: r["car"] > 8))
    for car in sorted(chosen):
        lines.append(line(f"car {car:2d} (masses {chosen[car]})", lambda r, c=car: r["car"] == c))
    return lines


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m benchmarks.photo_epfl_loco ROWS.json")
        return
    rows = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    print("\n".join(report(rows)))


if __name__ == "__main__":
    main()
