"""Body colour benchmark on the real corpus photos, with a plain baseline.

Run: ``.venv/bin/python -m benchmarks.photo_colour [--quick] [-v]``.

Labels: ``tests/labels/photo_colours.csv``. Two annotators named the body colour of the
main vehicle of every labelled corpus photo (the 41 view photos and the 284 end-labelled
ones) in the ten registration colours, independently and without seeing vincheck's
reading: a first choice, an optional second (a dark grey that could be black, a champagne
between brown and yellow), or ``unclear`` (night shots, glare, no paint in view).

The photo goes through the same steps as ``vincheck photo``: plates, vehicle region,
:func:`vincheck.photo.color.measure_body_color` on its mask and box. Reported, over the
photos both annotators could judge:

- ``right_where_annotators_agree``: the colour read equals their common first choice;
- ``acceptable``: the colour read is one of either annotator's choices;
- ``undetermined``: no colour read (the finding goes to review);
- with the certificate colour given as the agreed colour (``--color``): the share of
  PASS, REVIEW and FAIL (a FAIL is a false ``color_mismatch``);
- with a clearly different certificate colour (white for black, red for blue, ...): the
  share of FAIL (mismatches caught) and REVIEW;
- both under the default settings (a difference goes to review) and with
  ``color_mismatch_fails`` set (a sure difference fails);
- median ms of the colour measurement.

Baseline in the same run: the median RGB of the middle half of the vehicle box, named by
the nearest of ten reference colours.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time

import numpy as np

from devkit.corpus import CORPUS, label_file
from vincheck.imageio import load_image
from vincheck.photo.color import COLOR_NAMES, judge_color, measure_body_color
from vincheck.photo.plates import detect_plates
from vincheck.photo.vehicle import locate_vehicle
from vincheck.settings import PhotoSettings

S = PhotoSettings()
FAILING = PhotoSettings(color_mismatch_fails=True)  # a sure difference fails
LABELS = label_file("photo_colours.csv")
# the baseline's reference colours (sRGB)
REFERENCE = {"白": (235, 235, 235), "灰": (128, 128, 128), "黑": (25, 25, 25),
             "红": (190, 30, 30), "蓝": (30, 60, 160), "绿": (40, 130, 60),
             "黄": (230, 190, 30), "棕": (120, 80, 45), "粉": (235, 150, 180),
             "紫": (110, 50, 140)}
# a certificate colour that is clearly not the labelled one
OTHER = {"白": "黑", "黑": "白", "灰": "红", "红": "蓝", "蓝": "红", "绿": "红", "黄": "蓝",
         "棕": "蓝", "粉": "绿", "紫": "黄"}


def baseline_colour(rgb: np.ndarray, box: tuple[float, float, float, float] | None) -> str:
    """Median RGB of the middle half of the box (the whole picture without one), named by
    the nearest reference colour."""
    h, w = rgb.shape[:2]
    x, y, bw, bh = box if box is not None else (0, 0, w, h)
    x0, y0 = int(max(0, x + bw / 4)), int(max(0, y + bh / 4))
    x1, y1 = int(min(w, x + 3 * bw / 4)), int(min(h, y + 3 * bh / 4))
    patch = rgb[y0:y1, x0:x1] if x1 > x0 and y1 > y0 else rgb
    med = np.median(patch.reshape(-1, 3), axis=0)
    return min(REFERENCE, key=lambda n: float(np.sum((med - np.array(REFERENCE[n])) ** 2)))


def labelled() -> list[dict]:
    """Label rows both annotators could judge, with their accepted names."""
    out = []
    for r in csv.DictReader(LABELS.open(encoding="utf-8")):
        a, b = r["colour_a"], r["colour_b"]
        if a not in COLOR_NAMES or b not in COLOR_NAMES:
            continue
        accepted = {a, b} | {c for c in (r["second_a"], r["second_b"]) if c in COLOR_NAMES}
        out.append({"file": r["file"], "a": a, "b": b, "agreed": a if a == b else None,
                    "accepted": accepted})
    return out


def run(quick: bool = False, verbose: bool = False) -> dict:
    rows = labelled()[:: 3 if quick else 1]
    n = len(rows)
    counts = {"right": 0, "agreed": 0, "acceptable": 0, "undetermined": 0,
              "base_right": 0, "base_acceptable": 0}
    same = {p: {s: 0 for s in ("PASS", "REVIEW", "FAIL")} for p in ("default", "fails")}
    other = {p: {s: 0 for s in ("PASS", "REVIEW", "FAIL")} for p in ("default", "fails")}
    times, wrong = [], []
    for r in rows:
        rgb = load_image(CORPUS / r["file"]).rgb
        region = locate_vehicle(rgb, S, plates=detect_plates(rgb, S))
        t = time.perf_counter()
        body = measure_body_color(rgb, None if region is None else region.mask,
                                  None if region is None else region.box)
        times.append(time.perf_counter() - t)
        base = baseline_colour(rgb, None if region is None else region.box)
        counts["undetermined"] += body.name is None
        counts["acceptable"] += body.name in r["accepted"]
        counts["base_acceptable"] += base in r["accepted"]
        if r["agreed"] is not None:
            counts["agreed"] += 1
            counts["right"] += body.name == r["agreed"]
            counts["base_right"] += base == r["agreed"]
            for policy, settings in (("default", S), ("fails", FAILING)):
                same[policy][judge_color(body, r["agreed"], settings).status.name] += 1
                other[policy][judge_color(body, OTHER[r["agreed"]], settings).status.name] += 1
        if body.name not in r["accepted"]:
            wrong.append(f"{r['file']}: {'/'.join(sorted(r['accepted']))} -> {body.name}")
            if verbose:
                print("  " + wrong[-1])
    agreed = max(1, counts["agreed"])
    return {
        "photos_both_could_judge": n,
        "annotators_agree": counts["agreed"] / max(1, n),
        "right_where_annotators_agree": counts["right"] / agreed,
        "acceptable": counts["acceptable"] / max(1, n),
        "undetermined": counts["undetermined"] / max(1, n),
        "baseline_right_where_annotators_agree": counts["base_right"] / agreed,
        "baseline_acceptable": counts["base_acceptable"] / max(1, n),
        **{f"certificate_colour_right_{p}": {k: v / agreed for k, v in same[p].items()}
           for p in same},
        **{f"certificate_colour_clearly_other_{p}": {k: v / agreed for k, v in other[p].items()}
           for p in other},
        "colour_median_ms": 1000 * statistics.median(times) if times else 0.0,
        "wrong": wrong[:40],
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--quick", action="store_true", help="every third photo")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each miss")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir() or not LABELS.is_file():
        print("corpus or colour labels absent: nothing to measure")
        return
    for k, v in run(args.quick, args.verbose).items():
        if isinstance(v, dict):
            v = {a: round(b, 3) for a, b in v.items()}
        print(f"{k}: {round(v, 3) if isinstance(v, float) else v}")


if __name__ == "__main__":
    main()
