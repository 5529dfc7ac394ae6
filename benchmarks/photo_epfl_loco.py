"""Leave-one-car-out figures of the shipped view estimator's one EPFL-tuned constant,
:data:`vincheck.photo.view.TURN_MIN_CONFIDENCE` (the full-turn head's confidence floor).

Run by ``python -m benchmarks.photo_epfl ... --loco`` (the rows of that run), or on the
rows written by ``--rows FILE``::

    .venv/bin/python -m benchmarks.photo_epfl_loco FILE

For each car the floor is chosen among :data:`FLOORS` on the other cars' photos (the
least :func:`loss`: missed and failed front-left photos, false accepts beyond 2 % and the
review share) and that car's photos are decided with it; the figures printed are those
out-of-fold decisions. The decision is re-played from each row: the shipped estimator's
full-turn reading (azimuth, confidence) when it puts the camera ``TURN_FROM_DEG`` or more
off the end axis, else the end head's estimate (the ``ends_head`` estimator of the same
run). The head's weights were trained on renders only; no other constant was tuned here.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from vincheck.photo.view import TURN_FROM_DEG, azimuth_difference, off_axis_of
from vincheck.settings import PhotoSettings

S = PhotoSettings()
FLOORS = (0.45, 0.5, 0.55, 0.6, 0.65, 0.7)
CAR_AZ, NEAR, FAR = 45.0, 10.0, 30.0


def decide(row: dict, floor: float) -> tuple[float, str]:
    """(azimuth deg, pass / review / fail) of the car rule for one row with ``floor``."""
    turn = row["shipped"].get("turn")
    if turn is not None and off_axis_of(turn[0]) >= TURN_FROM_DEG:
        az, conf, low = turn[0], turn[1], max(floor, S.min_view_confidence)
    else:
        az, conf, low = row["ends_head"]["az"], row["ends_head"]["conf"], S.min_view_confidence
    if conf < low:
        return az, "review"
    ok = azimuth_difference(az, CAR_AZ) <= S.azimuth_tolerance_deg
    return az, "pass" if ok else "fail"


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
    """What a floor is chosen by (lower is better)."""
    return (1 - f["near_pass"]) + 2 * f["near_fail"] + 20 * max(0.0, f["far_pass"] - 0.02) \
        + 0.5 * f["review"]


def loco(rows: list[dict]) -> tuple[list[tuple[float, str]], dict[int, float]]:
    """Out-of-fold decisions of every row and the floor chosen for each car."""
    cars = sorted({r["car"] for r in rows})
    chosen = {}
    for car in cars:
        rest = [r for r in rows if r["car"] != car]
        chosen[car] = min(FLOORS, key=lambda fl: loss(figures(rest, [decide(r, fl)
                                                                     for r in rest])))
    return [decide(r, chosen[r["car"]]) for r in rows], chosen


def report(rows: list[dict]) -> list[str]:
    """Printable lines: the LOCO figures in total, per car group and per car."""
    if not rows or "ends_head" not in rows[0] or "shipped" not in rows[0]:
        return ["(leave-one-car-out needs the ends_head and shipped estimators)"]
    decided, chosen = loco(rows)
    all_fl = min(FLOORS, key=lambda fl: loss(figures(rows, [decide(r, fl) for r in rows])))
    lines = [f"== leave-one-car-out: the turn head's confidence floor chosen on the other "
             f"cars (chosen: {dict(Counter(chosen.values()))}; on all cars: {all_fl})"]

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
        lines.append(line(f"car {car:2d} (floor {chosen[car]})", lambda r, c=car: r["car"] == c))
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
