"""The 45-degree rule on real whole-car photos: the EPFL multi-view cars (GIMS08).

Run::

    .venv/bin/python -m benchmarks.photo_epfl [--quick] [--cars 1,2] [--extra DIR] [-v]

Data: real photos of cars turning on motor-show turntables, every frame with its azimuth
(Ozuysal, Lepetit, Fua, "Pose Estimation for Category Specific Multiview Object
Localization", CVPR 2009; copyright CVLab - EPFL, free for research use). Cars 1-8 are in
``../shared/corpus/epfl-multiview-cars`` (``labels.tsv``). The other 12 cars can be added
for measuring with ``--extra DIR`` (or ``VINCHECK_EPFL_DIR``): a directory holding the
dataset's own files (``tripod-seq.txt``, ``times_SS.txt``, ``tripod_seq_SS_FFF.jpg``, e.g.
``data/epfl-gims08/`` of GitHub ``wuyasan/CVFinalProject``). Their azimuths are derived by
the dataset's recipe as the shared MANIFEST describes (constant turntable speed: the angle
from the capture time, the frontal frame and the rotation sense), and the same frames are
used (the first full turn, every second frame plus every frame within 45 +/- 10 deg).
These photos are for measuring only: no weights are trained on them. Six constants, the
full-turn head's probability near 45 deg a pass needs and a fail may not exceed
(``TURN_PASS_MASS``, ``TURN_FAIL_MASS``) and the lamp cue's four (``view_lamps``), were
chosen on them (as was the confidence floor of ``turn_floor`` before); ``--loco`` prints
their figures leave-one-car-out (each car decided with the constants chosen on the
others), beside those of ``turn_mass``'s two masses.
Never copy them into the repository.

Convention: 0 deg = the front head-on, 45 = front-left (the Annex 1 car photo), 90 = left
side, 135 = rear-left (the trailer photo), 180 = rear, 270 = right.

Each estimator runs the view part of ``vincheck photo`` (plates, vehicle, plate owners,
view, ``angle`` finding) on every photo; the plates and the vehicle box are found once and
shared. Estimators, in the same run:

- ``always_pass``: the trivial baseline, every photo said to be at 45 deg and passed;
- ``cues``: the classical plate-free cues alone (no learnt head);
- ``ends_head``: the end head of :mod:`vincheck.photo.view_head` alone (the estimator
  before the full-turn head, ``estimate_view(..., head="ends")``);
- ``turn_floor``: the full-turn head decided by its confidence floor
  (``TURN_MIN_CONFIDENCE``: below 0.7 to review), the shipped estimator before the
  probability masses decided;
- ``turn_mass``: the full-turn head's probability near the required view deciding, without
  the lamps' colour (``estimate_view(..., lamps=False)``), the shipped estimator before
  the lamp cue of :mod:`vincheck.photo.view_lamps`;
- ``shipped``: :func:`vincheck.photo.view.estimate_view` as it is (the shipped estimator:
  the full-turn head of :mod:`vincheck.photo.view_turn`, handing end-on views over, front
  and rear of its reading weighed by the end face's red tail lamps or their absence; its
  probability near the required view decides pass / review / fail).

``--cache FILE`` keeps the plates and vehicle boxes found (pickle) to re-run quickly;
``--rows FILE`` writes every row as JSON; ``--loco`` adds the leave-one-car-out figures of
the two constants tuned on these photos (:mod:`benchmarks.photo_epfl_loco`). The README's
figures: ``--extra DIR --quick --estimators always_pass,ends_head,turn_mass,shipped
--loco``.

Printed per car and in total: the car rule (45 +/- tolerance) pass / review / fail on the
frames truly within 45 +/- 10 deg and on those more than 30 deg from 45; the share sent to
review of all frames; the mean azimuth error over the full turn; the mirrored check (each
45 +/- 10 frame flipped left-right becomes a front-right photo, which must never pass); the
trailer rule (135 +/- tolerance) on the frames truly within 135 +/- 10 deg and its false
passes more than 30 deg from 135; ms per photo for the view part (plates + vehicle + view)
and, on every 8th photo, the whole photo check.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import pickle
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from devkit.corpus import CORPUS
from vincheck.findings import Status
from vincheck.imageio import load_image
from vincheck.photo import check_photo
from vincheck.photo.plate_owner import mark_owners
from vincheck.photo.plates import detect_plates
from vincheck.photo.vehicle import locate_vehicle
from vincheck.photo.view import (
    TURN_MIN_CONFIDENCE,
    ViewEstimate,
    azimuth_difference,
    estimate_view,
    judge_view,
)
from vincheck.photo.view_cue_estimate import UNSURE_CONFIDENCE
from vincheck.settings import PhotoSettings

S = PhotoSettings()
SHARED = CORPUS / "epfl-multiview-cars"
CAR_AZ, TRAILER_AZ = 45.0, 135.0
NEAR, FAR = 10.0, 30.0  # deg: "truly at the required view", "clearly another view"


@dataclass
class Frame:
    """One labelled photo: car number, frame number, azimuth (deg), file."""

    car: int
    frame: int
    azimuth: float
    path: Path


def shared_frames(root: Path = SHARED) -> list[Frame]:
    """The frames of ``labels.tsv`` in the shared corpus folder (cars 1-8)."""
    tsv = root / "labels.tsv"
    if not tsv.is_file():
        return []
    with tsv.open(encoding="utf-8") as f:
        return [Frame(int(r["car"]), int(r["frame"]), float(r["azimuth_deg"]), root / r["file"])
                for r in csv.DictReader(f, delimiter="\t")]


def _times(path: Path) -> list[float]:
    """Capture times (s) of one sequence's ``times_SS.txt``."""
    return [dt.datetime.strptime(line.strip(), "%Y:%m:%d %H:%M:%S").timestamp()
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def dataset_frames(root: Path, skip_cars: set[int] = frozenset()) -> list[Frame]:
    """Frames of the original dataset directory ``root`` (``tripod-seq.txt``,
    ``times_SS.txt``, the JPEGs), azimuths by the dataset's recipe: angle = (t - t_frontal)
    / (t_last_of_turn - t_first) * 360 * sense, in the convention above. The first full
    turn, every second frame plus every frame within 45 +/- 10 deg (the shared selection;
    it reproduces the shared ``labels.tsv`` exactly for cars 1-8)."""
    lines = (root / "tripod-seq.txt").read_text(encoding="utf-8").splitlines()
    n_cars = int(lines[0].split()[0])
    turn, front, sense = ([int(v) for v in lines[i].split()] for i in (4, 5, 6))
    pattern = lines[2].strip()
    out = []
    for car in range(1, n_cars + 1):
        if car in skip_cars:
            continue
        t = _times(root / f"times_{car:02d}.txt")
        n, f0, s = turn[car - 1], front[car - 1], sense[car - 1]
        period = t[n - 1] - t[0]
        for fr in range(1, n + 1):
            az = round(((t[fr - 1] - t[f0 - 1]) / period * 360 * s) % 360, 1)
            if fr % 2 == 0 or azimuth_difference(az, CAR_AZ) <= NEAR:
                out.append(Frame(car, fr, az, root / (pattern % (car, fr))))
    return out


# ---------------------------------------------------------------- estimators

Estimator = Callable[[np.ndarray, object, list], ViewEstimate]


def _always_pass(rgb, region, plates) -> ViewEstimate:
    return ViewEstimate("front-left", CAR_AZ, 1.0, source="baseline")


def _shipped(rgb, region, plates) -> ViewEstimate:
    return estimate_view(rgb, region, S, plates=plates)


def _turn_floor(rgb, region, plates) -> ViewEstimate:
    v = estimate_view(rgb, region, S, plates=plates)
    if v.turn_probs is None:
        return v
    conf = v.confidence if v.confidence >= TURN_MIN_CONFIDENCE else \
        min(v.confidence, UNSURE_CONFIDENCE)
    return replace(v, turn_probs=None, confidence=conf)


def _turn_mass(rgb, region, plates) -> ViewEstimate:
    return estimate_view(rgb, region, S, plates=plates, lamps=False)


def _cues(rgb, region, plates) -> ViewEstimate:
    return estimate_view(rgb, region, S, plates=plates, use_head=False)


def _ends_head(rgb, region, plates) -> ViewEstimate:
    return estimate_view(rgb, region, S, plates=plates, head="ends")


ESTIMATORS: dict[str, Estimator] = {"always_pass": _always_pass, "cues": _cues,
                                    "ends_head": _ends_head, "turn_floor": _turn_floor,
                                    "turn_mass": _turn_mass, "shipped": _shipped}


def _status(v: ViewEstimate, kind: str) -> str:
    """pass / review / fail of the ``angle`` finding; kind "trailer_trusted": the trailer
    rule with a learnt head's answer trusted (no trailer was among its training data, so
    ``vincheck`` sends a trailer's head reading to review)."""
    if v.source == "baseline":
        return "pass"
    if kind == "trailer_trusted":
        v, kind = replace(v, source="measured"), "trailer"
    st = judge_view(v, kind, S).status
    return {Status.PASS: "pass", Status.REVIEW: "review"}.get(st, "fail")


def measure(frames: list[Frame], names: list[str], whole_every: int = 8,
            verbose: bool = False, cache: Path | None = None,
            mirror_every: int = 1) -> list[dict]:
    """One row per (frame, mirrored or not): per estimator its azimuth, car and trailer
    status and ms; plates and vehicle found once per picture (kept in the pickle file
    ``cache`` when given, to re-run estimators quickly; their ms then exclude it)."""
    rows = []
    found: dict = {}
    if cache is not None and cache.is_file():
        with cache.open("rb") as f:
            found = pickle.load(f)
    n_found = len(found)
    for i, fr in enumerate(frames):
        rgb0 = load_image(fr.path).rgb
        mirrors = [False] + ([True] if azimuth_difference(fr.azimuth, CAR_AZ) <= NEAR
                             and fr.frame % mirror_every == 0 else [])
        for mirrored in mirrors:
            rgb = np.ascontiguousarray(rgb0[:, ::-1]) if mirrored else rgb0
            key = f"{fr.car}/{fr.frame}/{int(mirrored)}"
            h, w = rgb.shape[:2]
            if key in found:
                region, on, base_ms = found[key]
            else:
                t0 = time.perf_counter()
                plates = detect_plates(rgb, S)
                region = locate_vehicle(rgb, S, plates=plates)
                plates = mark_owners(plates, None if region is None else region.box, (w, h))
                on = [p for p in plates if p.on_vehicle is not False]
                base_ms = 1000 * (time.perf_counter() - t0)
                found[key] = (region, on, base_ms)
            row = {"car": fr.car, "frame": fr.frame, "mirrored": mirrored,
                   "az_true": (360 - fr.azimuth) % 360 if mirrored else fr.azimuth,
                   "plates": len(on)}
            for name in names:
                t1 = time.perf_counter()
                v = ESTIMATORS[name](rgb, region, on)
                ms = base_ms + 1000 * (time.perf_counter() - t1)
                row[name] = {"az": float(v.azimuth_deg), "car": _status(v, "car"),
                             "trailer": _status(v, "trailer"),
                             "trailer_trusted": _status(v, "trailer_trusted"), "ms": ms,
                             "conf": float(v.confidence), "source": v.source,
                             "turn": [v.cues["turn"]["azimuth_deg"], v.cues["turn"]["confidence"]]
                             if isinstance(v.cues, dict) and "turn" in v.cues else None,
                             "probs": None if v.turn_probs is None
                             else [float(p) for p in v.turn_probs],
                             "lamp": v.cues.get("lamp_colour")
                             if isinstance(v.cues, dict) else None}
            if not mirrored and whole_every and i % whole_every == 0:
                row["whole_ms"] = check_photo(load_image(fr.path), S, kind="car").ms
            rows.append(row)
            if cache is not None and len(found) - n_found >= 50:
                with cache.open("wb") as f:
                    pickle.dump(found, f)
                n_found = len(found)
            if verbose:
                parts = " ".join(f"{n}={row[n]['az']:.0f}/{row[n]['car'][0]}" for n in names)
                print(f"  car {fr.car:2d} frame {fr.frame:3d}{' M' if mirrored else '  '} "
                      f"true {row['az_true']:5.1f}  {parts}", flush=True)
    if cache is not None and len(found) > n_found:
        with cache.open("wb") as f:
            pickle.dump(found, f)
    return rows


def _shares(rows: list[dict], name: str, rule: str) -> str:
    if not rows:
        return "-"
    n = len(rows)
    c = {k: sum(r[name][rule] == k for r in rows) for k in ("pass", "review", "fail")}
    return (f"{100 * c['pass'] / n:5.1f} / {100 * c['review'] / n:5.1f} / "
            f"{100 * c['fail'] / n:5.1f} % (n={n})")


def summarise(rows: list[dict], name: str) -> dict[str, str]:
    """The figures of one estimator on ``rows``."""
    plain = [r for r in rows if not r["mirrored"]]
    near = [r for r in plain if azimuth_difference(r["az_true"], CAR_AZ) <= NEAR]
    far = [r for r in plain if azimuth_difference(r["az_true"], CAR_AZ) > FAR]
    mirrored = [r for r in rows if r["mirrored"]]
    t_near = [r for r in plain if azimuth_difference(r["az_true"], TRAILER_AZ) <= NEAR]
    t_far = [r for r in plain if azimuth_difference(r["az_true"], TRAILER_AZ) > FAR]
    errs = [azimuth_difference(r[name]["az"], r["az_true"]) for r in plain]
    # an even sample of the turn: every 16th frame (the frames near 45 and 135 deg are
    # over-represented in the selection)
    even = [azimuth_difference(r[name]["az"], r["az_true"]) for r in plain
            if r["frame"] % 16 == 0]
    out = {
        "car 45+/-10: pass / review / fail": _shares(near, name, "car"),
        "car >30 deg from 45: pass / review / fail": _shares(far, name, "car"),
        "review share, all frames": (
            f"{100 * np.mean([r[name]['car'] == 'review' for r in plain]):.1f} %"
            if plain else "-"),
        "mean azimuth error (deg), full turn": f"{np.mean(errs):.1f}" if errs else "-",
        "median azimuth error (deg)": f"{np.median(errs):.1f}" if errs else "-",
        "mean / median azimuth error (deg), every 16th frame (an even turn)": (
            f"{np.mean(even):.1f} / {np.median(even):.1f} (n={len(even)})" if even else "-"),
        "mirrored 45+/-10 (front-right): passed": (
            f"{sum(r[name]['car'] == 'pass' for r in mirrored)}/{len(mirrored)}"
            if mirrored else "-"),
        "trailer 135+/-10: pass / review / fail": _shares(t_near, name, "trailer"),
        "same, the head's reading trusted": _shares(t_near, name, "trailer_trusted"),
        "trailer >30 deg from 135: pass (head trusted)": (
            f"{100 * np.mean([r[name]['trailer'] == 'pass' for r in t_far]):.1f} % "
            f"({100 * np.mean([r[name]['trailer_trusted'] == 'pass' for r in t_far]):.1f} %)"
            if t_far else "-"),
        "view part ms, median / p90": (
            f"{statistics.median(r[name]['ms'] for r in rows):.0f} / "
            f"{np.percentile([r[name]['ms'] for r in rows], 90):.0f}" if rows else "-"),
    }
    return out


def per_car_table(rows: list[dict], names: list[str]) -> list[str]:
    """One line per car: for each estimator pass share at 45 +/- 10, pass share > 30 deg
    away, review share, mean azimuth error."""
    lines = ["car | n | " + " | ".join(
        f"{n}: pass@45 / pass@far / review / err" for n in names)]
    for car in sorted({r["car"] for r in rows}):
        rs = [r for r in rows if r["car"] == car and not r["mirrored"]]
        near = [r for r in rs if azimuth_difference(r["az_true"], CAR_AZ) <= NEAR]
        far = [r for r in rs if azimuth_difference(r["az_true"], CAR_AZ) > FAR]
        cells = []
        for n in names:
            p45 = np.mean([r[n]["car"] == "pass" for r in near]) if near else float("nan")
            pfar = np.mean([r[n]["car"] == "pass" for r in far]) if far else float("nan")
            rev = np.mean([r[n]["car"] == "review" for r in rs])
            err = np.mean([azimuth_difference(r[n]["az"], r["az_true"]) for r in rs])
            cells.append(f"{100 * p45:3.0f}% {100 * pfar:3.0f}% {100 * rev:3.0f}% {err:5.1f}")
        lines.append(f"{car:3d} | {len(rs):3d} | " + " | ".join(cells))
    return lines


def frames_for(args) -> list[Frame]:
    """The frames selected by the command line."""
    frames = shared_frames()
    extra = args.extra or os.environ.get("VINCHECK_EPFL_DIR")
    if extra:
        have = {f.car for f in frames}
        frames += dataset_frames(Path(extra), skip_cars=have)
    if args.cars:
        want = {int(c) for c in args.cars.split(",")}
        frames = [f for f in frames if f.car in want]
    if args.quick:  # every 8th frame plus every frame near 45 deg and every 2nd near 135
        frames = [f for f in frames if f.frame % 16 == 0
                  or azimuth_difference(f.azimuth, CAR_AZ) <= NEAR
                  or azimuth_difference(f.azimuth, TRAILER_AZ) <= NEAR and f.frame % 4 == 0]
    return frames


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--extra", help="directory of the original dataset (the other cars); "
                    "default $VINCHECK_EPFL_DIR")
    ap.add_argument("--cars", help="only these car numbers, e.g. 1,2,9")
    ap.add_argument("--estimators", default=",".join(ESTIMATORS),
                    help=f"comma-separated, of {', '.join(ESTIMATORS)}")
    ap.add_argument("--quick", action="store_true",
                    help="every 8th frame, all within 45 +/- 10 deg (every 2nd of them also "
                         "mirrored) and every 2nd within 135 +/- 10 deg")
    ap.add_argument("--cache", type=Path, help="pickle file keeping the plates and vehicle "
                    "boxes found, to re-run the estimators quickly (ms then exclude them)")
    ap.add_argument("--no-whole", action="store_true", help="skip the whole-check timing")
    ap.add_argument("--rows", type=Path, help="write every row (JSON) to this file")
    ap.add_argument("--loco", action="store_true", help="also the leave-one-car-out figures "
                    "of the constants chosen on these photos (benchmarks.photo_epfl_loco)")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args(argv)
    frames = frames_for(args)
    if not frames:
        print(f"no EPFL photos: {SHARED} absent and no --extra directory")
        return
    names = [n for n in args.estimators.split(",") if n]
    unknown = [n for n in names if n not in ESTIMATORS]
    if unknown:
        ap.error(f"unknown estimator(s) {', '.join(unknown)}")
    cars = sorted({f.car for f in frames})
    print(f"EPFL multi-view cars (Ozuysal, Lepetit, Fua, CVPR 2009; CVLab - EPFL, research "
          f"use): {len(frames)} photos of {len(cars)} cars ({', '.join(map(str, cars))}); "
          f"tolerance +/- {S.azimuth_tolerance_deg:.0f} deg; no weights were trained on "
          f"these photos, six constants (the turn head's pass / fail masses, the lamp "
          f"cue's four) were chosen on them: --loco gives their leave-one-car-out figures")
    rows = measure(frames, names, whole_every=0 if args.no_whole else 8,
                   verbose=args.verbose, cache=args.cache,
                   mirror_every=2 if args.quick else 1)
    if args.rows:
        args.rows.write_text(json.dumps(rows), encoding="utf-8")
    groups = {"all cars": rows}
    if any(r["car"] <= 8 for r in rows) and any(r["car"] > 8 for r in rows):
        groups["cars 1-8 (shared corpus)"] = [r for r in rows if r["car"] <= 8]
        groups["cars 9-20 (--extra)"] = [r for r in rows if r["car"] > 8]
    for title, rs in groups.items():
        print(f"== {title}")
        sums = {n: summarise(rs, n) for n in names}
        for key in sums[names[0]]:
            print(f"  {key}")
            for n in names:
                print(f"    {n:12s} {sums[n][key]}")
    whole = [r["whole_ms"] for r in rows if "whole_ms" in r]
    if whole:
        print(f"== whole photo check (every 8th photo, {len(whole)}): median "
              f"{statistics.median(whole):.0f} ms, max {max(whole):.0f} ms")
    print("== per car (pass@45: pass share of the 45 +/- 10 frames; pass@far: of the frames "
          "> 30 deg from 45; review: of all frames; err: mean azimuth error, deg)")
    for line in per_car_table(rows, names):
        print("  " + line)
    if args.loco:
        from benchmarks.photo_epfl_loco import report

        print("\n".join(report(rows)))


if __name__ == "__main__":
    main()
