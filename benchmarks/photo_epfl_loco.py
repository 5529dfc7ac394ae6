"""Leave-one-car-out figures of the shipped view estimator's EPFL-tuned constants: the
full-turn head's probability within 25 deg of 45 deg a pass needs and that a fail may not
exceed (:data:`vincheck.photo.view.TURN_PASS_MASS`, :data:`~vincheck.photo.view.TURN_FAIL_MASS`)
and the lamp cue's four (:mod:`vincheck.photo.view_lamps`: the red share that means tail
lamps, the share that means paint, what red lamps and their absence say about the rear).

Run by ``python -m benchmarks.photo_epfl ... --loco`` (the rows of that run), or on the
rows written by ``--rows FILE``::

    .venv/bin/python -m benchmarks.photo_epfl_loco FILE

For each car the constants are chosen among :data:`CHOICES` on the other cars' photos (the
least :func:`loss`: missed and failed front-left photos, false accepts beyond 2 % and the
review share) and that car's photos are decided with them; the figures printed are those
out-of-fold decisions. The decision is re-played from each row: a shipped reading that
carries the turn head's probabilities (``probs``) is decided by the two masses, after the
lamp cue has weighed the head's own probabilities (those of the ``turn_mass`` estimator in
the same run) by the red share measured (``lamp``); any other reading (the end head near
an end, a reading the classical cues confirmed) keeps the shipped status, which no
constant changes. The same is printed for ``turn_mass`` (the two masses alone, the
estimator before the lamp cue), and the lamp cue's own accuracy on the oblique frames
(:func:`lamp_cue_accuracy`). The head's weights were trained on renders only.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import numpy as np

from vincheck.photo.view import ViewEstimate, azimuth_difference, turn_status
from vincheck.photo.view_lamps import p_rear_of, weigh_ends
from vincheck.photo.view_turn import read_probs
from vincheck.settings import PhotoSettings

S = PhotoSettings()
PASS_MASSES = (0.5, 0.6, 0.7, 0.8)
FAIL_MASSES = (0.05, 0.1, 0.2, 0.3)
PAIRS = tuple((p, f) for p in PASS_MASSES for f in FAIL_MASSES)
# the lamp cue's (red share of tail lamps, of paint (None: no limit), p_rear with red
# lamps, p_rear without)
LAMPS = tuple((t, u, qr, qa) for t in (0.02, 0.03, 0.04, 0.06) for u in (0.2, 0.3, None)
              for qr in (0.6, 0.7, 0.8) for qa in (0.1, 0.2, 0.3))
CHOICES = tuple((pair, lamps) for pair in PAIRS for lamps in LAMPS)
CAR_AZ, NEAR, FAR = 45.0, 10.0, 30.0


def decide(row: dict, pair: tuple[float, float], name: str = "shipped") -> tuple[float, str]:
    """(azimuth deg, pass / review / fail) of the car rule for one row's estimator
    ``name`` with the masses ``pair`` (pass, fail), its probabilities as they are."""
    est = row[name]
    if est.get("probs") is None:
        return est["az"], est["car"]
    v = ViewEstimate("", est["az"], est["conf"], source="turn",
                     turn_probs=tuple(est["probs"]))
    st, _mass = turn_status(v, CAR_AZ, S.azimuth_tolerance_deg, *pair)
    return est["az"], st.value


def weighed(row: dict, lamps: tuple) -> tuple[float, tuple[float, ...]] | None:
    """(azimuth deg, probabilities) of the shipped reading re-played with the lamp
    constants ``lamps`` from the head's own probabilities (``turn_mass``) and the red share
    measured; None when the lamp cue did not run on the row."""
    lamp = row["shipped"].get("lamp")
    head = row.get("turn_mass")
    if lamp is None or head is None or head.get("probs") is None:
        return None
    t, u, qr, qa = lamps
    p = np.asarray(head["probs"], dtype=float)
    p_rear = p_rear_of(lamp["red_share"], t, u, qr, qa)
    if p_rear is not None:
        p = weigh_ends(p, lamp["face_side"] == "left", p_rear)
    return read_probs(p).azimuth_deg, tuple(float(x) for x in p)


def decide_choice(row: dict, choice: tuple, cache: dict | None = None) -> tuple[float, str]:
    """(azimuth deg, status) of the shipped estimator with ``choice`` = (masses, lamp
    constants); ``cache`` keeps the weighed readings per (row id, lamp constants)."""
    pair, lamps = choice
    key = (id(row), lamps)
    if cache is not None and key in cache:
        w = cache[key]
    else:
        w = weighed(row, lamps)
        if cache is not None:
            cache[key] = w
    if w is None:
        return decide(row, pair)
    az, p = w
    v = ViewEstimate("", az, 0.0, source="turn", turn_probs=p)
    st, _mass = turn_status(v, CAR_AZ, S.azimuth_tolerance_deg, *pair)
    return az, st.value


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
    """What the constants are chosen by (lower is better)."""
    return (1 - f["near_pass"]) + 2 * f["near_fail"] + 20 * max(0.0, f["far_pass"] - 0.02) \
        + 0.5 * f["review"]


def _loco_table(rows: list[dict], table: dict) -> tuple[list[tuple[float, str]], dict]:
    """Out-of-fold decisions from ``table`` {choice: decisions of every row} and the
    choice made for each car (the first of equal losses)."""
    cars = sorted({r["car"] for r in rows})
    chosen = {}
    for car in cars:
        keep = [i for i, r in enumerate(rows) if r["car"] != car]
        rest = [rows[i] for i in keep]
        chosen[car] = min(table, key=lambda c: loss(figures(rest, [table[c][i] for i in keep])))
    return [table[chosen[r["car"]]][i] for i, r in enumerate(rows)], chosen


def loco(rows: list[dict], name: str = "shipped") -> tuple[list[tuple[float, str]], dict]:
    """Out-of-fold decisions of every row and the masses chosen for each car (estimator
    ``name``'s probabilities as they are, only the two masses chosen)."""
    return _loco_table(rows, {pr: [decide(r, pr, name) for r in rows] for pr in PAIRS})


def loco_lamps(rows: list[dict]) -> tuple[list[tuple[float, str]], dict]:
    """Out-of-fold decisions of every row and the (masses, lamp constants) chosen for each
    car, the shipped estimator re-played (needs ``turn_mass`` in the rows)."""
    cache: dict = {}
    return _loco_table(rows, {c: [decide_choice(r, c, cache) for r in rows] for c in CHOICES})


def _line(rows: list[dict], decided: list, title: str, keep) -> str:
    rs = [(r, dc) for r, dc in zip(rows, decided, strict=True) if keep(r)]
    f = figures([r for r, _ in rs], [dc for _, dc in rs])
    return (f"  {title}: 45+/-10 pass {100 * f['near_pass']:.1f} % fail "
            f"{100 * f['near_fail']:.1f} % (n={f['n_near']}) | >30 deg away pass "
            f"{100 * f['far_pass']:.1f} % (n={f['n_far']}) | review {100 * f['review']:.1f} %"
            f" | mean error {f['err']:.1f} deg | mirrored passed {f['mirrored_passed']}")


def _block(rows: list[dict], decided: list, chosen: dict) -> list[str]:
    lines = [_line(rows, decided, "all cars", lambda r: True)]
    if any(r["car"] <= 8 for r in rows) and any(r["car"] > 8 for r in rows):
        lines.append(_line(rows, decided, "cars 1-8", lambda r: r["car"] <= 8))
        lines.append(_line(rows, decided, "cars 9-20", lambda r: r["car"] > 8))
    for car in sorted(chosen):
        lines.append(_line(rows, decided, f"car {car:2d} ({chosen[car]})",
                           lambda r, c=car: r["car"] == c))
    return lines


def lamp_cue_accuracy(rows: list[dict]) -> list[str]:
    """Printable lines: how often the lamp cue alone, the head's own reading (``turn_mass``)
    and the shipped reading name the end (front / rear) right, on the unmirrored frames
    20-70 deg off the end axis the cue ran on."""
    def off_axis(a: float) -> float:
        a %= 180
        return min(a, 180 - a)

    def rear(a: float) -> bool:
        return 90 < a % 360 < 270

    sel = [r for r in rows if not r["mirrored"] and r["shipped"].get("lamp")
           and r.get("turn_mass") and 20 <= off_axis(r["az_true"]) <= 70]
    if not sel:
        return []
    said = [(r["shipped"]["lamp"]["p_rear"], rear(r["az_true"])) for r in sel]
    votes = [(p > 0.5, t) for p, t in said if p is not None]
    red = [t for p, t in votes if p]
    clear = [t for p, t in votes if not p]
    head_ok = sum(rear(r["turn_mass"]["az"]) == rear(r["az_true"]) for r in sel)
    ship_ok = sum(rear(r["shipped"]["az"]) == rear(r["az_true"]) for r in sel)
    return [f"== the lamp cue alone, {len(sel)} unmirrored frames 20-70 deg off the end axis "
            f"it ran on: no evidence (red paint or floor) on {len(sel) - len(votes)}; the "
            f"end right on {sum(p == t for p, t in votes)} of {len(votes)} (red lamps seen: "
            f"{sum(red)} of {len(red)} truly rear; none: {len(clear) - sum(clear)} of "
            f"{len(clear)} truly front); the head's own reading: {head_ok} of {len(sel)}; "
            f"the shipped reading: {ship_ok} of {len(sel)}"]


def report(rows: list[dict]) -> list[str]:
    """Printable lines: the LOCO figures in total, per car group and per car, of the
    shipped estimator (masses and lamp constants) and of ``turn_mass`` (masses)."""
    if not rows or "shipped" not in rows[0]:
        return ["(leave-one-car-out needs the shipped estimator)"]
    lines = []
    if "turn_mass" in rows[0]:
        decided, chosen = loco(rows, "turn_mass")
        lines.append(f"== leave-one-car-out, turn_mass (before the lamp cue): the pass / fail "
                     f"masses chosen on the other cars ({dict(Counter(chosen.values()))})")
        lines += _block(rows, decided, chosen)
        decided, chosen = loco_lamps(rows)
        what = "masses and lamp constants"
    else:  # rows of a run without turn_mass: the masses alone
        decided, chosen = loco(rows)
        what = "masses"
    top = Counter(chosen.values()).most_common(3)
    lines.append(f"== leave-one-car-out, shipped: the {what} chosen on the other cars "
                 f"(most chosen: {top})")
    lines += _block(rows, decided, chosen)
    return lines + lamp_cue_accuracy(rows)


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m benchmarks.photo_epfl_loco ROWS.json")
        return
    rows = json.loads(Path(args[0]).read_text(encoding="utf-8"))
    print("\n".join(report(rows)))


if __name__ == "__main__":
    main()
