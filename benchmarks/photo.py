"""Photo benchmark: plates, false plates, view, fill ratio and time, with baselines.

Run: ``.venv/bin/python -m benchmarks.photo [--quick] [--only plates|views] [--dump DIR]``
(``--dump`` writes plate misses and false plates as annotated PNGs). Plate text: of the
true plates found, the share read exactly as the source's text (EasyPR, CCPD, openalpr),
and the same with O / 0 and I / 1 taken alike (the openalpr truths write O for 0);
baseline: plain Tesseract on the true plate's box. The whole photo check is timed on the
41 view photos as they are and with their plates painted out. Uses
``../shared/corpus`` when present (plate recall on EasyPR / CCPD / openalpr plates, false
plates on painted-out copies, with the real plates their labels leave out painted out too
(``tests/labels/plates_unlabelled.csv``), and CCPD ``sample_np_*``; view and fill on
``tests/labels/photo_labels.csv``);
otherwise synthetic photos from ``devkit.synth.car_photo``. Baselines in the same run: a
plain HSV colour-and-aspect plate detector and "always front-left" for the view.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import time
from pathlib import Path

import numpy as np

from benchmarks.photo_plates import (
    baseline_plate,
    corpus_plate_sets,
    run_plates,
    synthetic_plate_sets,
)
from devkit.corpus import CORPUS, label_file
from devkit.synth.car_photo import render_car_photo
from vincheck.imageio import load_image
from vincheck.photo.vehicle import locate_vehicle
from vincheck.photo.view import azimuth_difference, estimate_view
from vincheck.settings import PhotoSettings

S = PhotoSettings()
LABELS = label_file("photo_labels.csv")



def run_views(items: list) -> dict:
    """items: (name, rgb, view, azimuth, box or None)."""
    right = base = 0
    errs, fill_errs, times = [], [], []
    wrong = []
    methods: dict[str, int] = {}
    for name, rgb, view, az, box in items:
        t = time.perf_counter()
        region = locate_vehicle(rgb, S)
        v = estimate_view(rgb, region, S)
        times.append(time.perf_counter() - t)
        how = "none" if region is None else region.method
        methods[how] = methods.get(how, 0) + 1
        right += v.view == view
        if v.view != view:
            wrong.append(f"{name}: {view} -> {v.view}")
        base += view == "front-left"
        errs.append(azimuth_difference(v.azimuth_deg, az))
        if box is not None and region is not None:
            h, w = rgb.shape[:2]
            fill_errs.append(abs(region.fill_bbox - box[2] * box[3] / (w * h)))
    n = max(1, len(items))
    return {"view_accuracy": right / n, "baseline_view_accuracy": base / n, "n_views": n,
            "mean_azimuth_error_deg": float(np.mean(errs)) if errs else None,
            "fill_within_0.07": float(np.mean(np.array(fill_errs) <= 0.07)) if fill_errs
            else None,
            "mean_fill_error": float(np.mean(fill_errs)) if fill_errs else None,
            "vehicle_view_median_ms": 1000 * statistics.median(times) if times else 0.0,
            "vehicle_located_by": methods,
            "wrong_views": wrong[:20]}


def run_whole_checks(items: list) -> dict:
    """The whole photo check (:func:`vincheck.photo.check_photo`: print, plates, vehicle,
    view, quality, colour) on each labelled photo as it is and with its plates painted
    out (the compliant case), warm; beside it the plain HSV plate detector's time."""
    from devkit.corpus_plates import paint_out_plates, plate_polygons
    from vincheck.imageio import LoadedImage
    from vincheck.photo import check_photo

    check_photo(LoadedImage("warm-up", items[0][1], None, None, None, "JPEG"), S)
    out: dict = {}
    for label, painted in (("as_is", False), ("painted", True)):
        times, base = [], []
        for name, rgb, *_ in items:
            if painted:
                rgb = paint_out_plates(rgb, plate_polygons(CORPUS, name))
            t = time.perf_counter()
            check_photo(LoadedImage(name, rgb, None, None, None, "JPEG"), S)
            times.append(time.perf_counter() - t)
            t = time.perf_counter()
            baseline_plate(rgb)
            base.append(time.perf_counter() - t)
        out[f"whole_check_{label}_median_ms"] = 1000 * statistics.median(times)
        out[f"whole_check_{label}_max_ms"] = 1000 * max(times)
        out[f"baseline_hsv_plates_{label}_median_ms"] = 1000 * statistics.median(base)
    out["n"] = len(items)
    return out


def corpus_view_items() -> list:
    items = []
    for r in csv.DictReader(LABELS.open(encoding="utf-8")):
        rgb = load_image(CORPUS / r["file"]).rgb
        box = tuple(float(r[k]) for k in ("x", "y", "w", "h"))
        items.append((r["file"], rgb, r["view"], float(r["azimuth"]), box))
    return items


def synthetic_view_items(n: int) -> list:
    items = []
    colours = ["white", "blue", "silver", "red", "black", "green"]
    for i in range(n):
        az = (i * 45 + (i // 8) * 10) % 360
        rgb, t = render_car_photo(azimuth_deg=az, body_color=colours[i % 6], seed=i,
                                  background=["street", "plain", "grass"][i % 3])
        items.append((f"synth-{az}-{colours[i % 6]}", rgb, t["view"], az, t["vehicle_box"]))
    return items


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--only", choices=("plates", "views"), default=None,
                    help="run only the plate or only the view/fill/print part")
    ap.add_argument("--dump", type=Path, default=None,
                    help="write plate misses and false plates as annotated PNGs here")
    args = ap.parse_args(argv)
    out: dict = {}
    n_syn = 8 if args.quick else 24
    plates, views = args.only in (None, "plates"), args.only in (None, "views")
    if CORPUS.is_dir():
        if plates:
            pos, neg = corpus_plate_sets(args.quick)
            out["corpus_plates"] = run_plates(pos, neg, args.dump)
        if views:
            items = corpus_view_items()
            out["corpus_views"] = run_views(items)
            out["corpus_whole_check"] = run_whole_checks(items)
    else:
        print("corpus absent: synthetic photos only")
    if plates:
        out["synthetic_plates"] = run_plates(*synthetic_plate_sets(n_syn))
    if views:
        out["synthetic_views"] = run_views(synthetic_view_items(n_syn))
        from benchmarks import photo_view  # plate-anchored view / fill, held-out split

        out.update(photo_view.run(args.quick))
    if views:
        try:
            from benchmarks import photo_print  # P1's print-format benchmark, when present

            out["print"] = photo_print.run(10 if args.quick else 40, 0)
        except ImportError:
            pass
    for section, vals in out.items():
        print(f"== {section}")
        if isinstance(vals, dict):
            for k, v in vals.items():
                print(f"  {k}: {round(v, 3) if isinstance(v, float) else v}")
        else:
            print(f"  {vals}")


if __name__ == "__main__":
    main()
