"""Plates on the vehicle photographed versus plates on other vehicles, with a baseline.

Run: ``.venv/bin/python -m benchmarks.plate_owner``.

On the corpus photos with a labelled main vehicle box (``tests/labels/photo_labels.csv``
and ``vehicle_end_labels.csv``), the photo check's own steps run: plates
(:func:`~vincheck.photo.plates.detect_plates`), the vehicle
(:func:`~vincheck.photo.vehicle.locate_vehicle`) and
:func:`~vincheck.photo.plate_owner.mark_owners`. Every plate found (score at least
``min_plate_score``) that matches a true plate is scored. The true plates are the
sources' ground truth and the background plates they leave out
(``tests/labels/plates_unlabelled.csv``). A true plate is on the main vehicle when its
centre lies inside the labelled box and it is not one of those background plates.
Reported:

- ``main_plates_kept``: plates on the main vehicle still counted on it (they fail the
  photo); a miss would send a photo with a plate to review instead of failing it;
- ``other_plates_found``: plates on other vehicles called so (alone, they send the photo
  to review instead of failing it);
- ``photos_failed``: photos whose ``plate_visible`` fails (as they should: all show their
  own plate); ``painted_photos_review``: the same photos with the main vehicle's plates
  painted out, where a background plate alone is left: review instead of fail.

Baseline in the same run: every plate counts as on the vehicle (the rule before).
"""

from __future__ import annotations

import csv

import numpy as np

from devkit.corpus import CORPUS, LABELS
from devkit.corpus_plates import paint_out_plates, plate_polygons
from vincheck.findings import Status
from vincheck.imageio import load_image
from vincheck.photo.plate_owner import mark_owners, plate_centre
from vincheck.photo.plates import detect_plates, judge_plates
from vincheck.photo.vehicle import locate_vehicle
from vincheck.settings import PhotoSettings

S = PhotoSettings()


def main_boxes() -> dict[str, tuple[float, float, float, float]]:
    """Labelled main vehicle box (x, y, w, h px) by corpus file."""
    out = {}
    for name in ("photo_labels.csv", "vehicle_end_labels.csv"):
        for r in csv.DictReader((LABELS / name).open(encoding="utf-8")):
            if r["x"]:
                out[r["file"]] = tuple(float(r[k]) for k in "xywh")
    return out


def background_plates() -> dict[str, list[np.ndarray]]:
    """The real plates the sources' labels leave out (outlines, px), by file."""
    out: dict[str, list[np.ndarray]] = {}
    for r in csv.DictReader((LABELS / "plates_unlabelled.csv").open(encoding="utf-8")):
        x, y, w, h = (float(r[k]) for k in "xywh")
        out.setdefault(r["file"], []).append(
            np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]]))
    return out


def _inside(pt: tuple[float, float], poly: np.ndarray, grow: float = 5.0) -> bool:
    x0, y0 = poly.min(0) - grow
    x1, y1 = poly.max(0) + grow
    return bool(x0 <= pt[0] <= x1 and y0 <= pt[1] <= y1)


def truth_of(plate, mains: list[np.ndarray], others: list[np.ndarray]) -> str | None:
    """"main", "other" or None (no true plate there) for a plate found."""
    c = plate_centre(plate)
    if any(_inside(c, p) for p in others):
        return "other"
    if any(_inside(c, p) for p in mains):
        return "main"
    return None


def run() -> dict:
    boxes, bg = main_boxes(), background_plates()
    kept = [0, 0]
    other = [0, 0]
    failed = [0, 0, 0]  # vincheck, baseline, photos
    painted = {"FAIL": 0, "REVIEW": 0, "PASS": 0}
    painted_base_fail = 0
    wrong: list[str] = []
    for f, (bx, by, bw, bh) in boxes.items():
        rgb = load_image(CORPUS / f).rgb
        size = (rgb.shape[1], rgb.shape[0])
        polys = [np.asarray(p, float) for p in plate_polygons(CORPUS, f)]
        mains = [p for p in polys if bx <= p[:, 0].mean() <= bx + bw
                 and by <= p[:, 1].mean() <= by + bh]
        others = [p for p in polys if not any(p is m for m in mains)] + bg.get(f, [])
        plates = detect_plates(rgb, S)
        region = locate_vehicle(rgb, S, plates=plates)
        marked = mark_owners(plates, None if region is None else region.box, size)
        for p in marked:
            if p.score < S.min_plate_score:
                continue
            t = truth_of(p, mains, others)
            if t == "main":
                kept[0] += p.on_vehicle is not False
                kept[1] += 1
            elif t == "other":
                other[0] += p.on_vehicle is False
                other[1] += 1
            if t is not None and (t == "main") != (p.on_vehicle is not False):
                wrong.append(f"{f}: a {t} plate called {'other' if t == 'main' else 'main'}")
        if mains:
            failed[2] += 1
            failed[0] += judge_plates(marked, S).status is Status.FAIL
            failed[1] += judge_plates(plates, S).status is Status.FAIL
            if bg.get(f) or len(polys) > len(mains):
                # the main vehicle's plates painted out, the others left
                clean = paint_out_plates(rgb, mains)
                plates = detect_plates(clean, S)
                region = locate_vehicle(clean, S, plates=plates)
                marked = mark_owners(plates, None if region is None else region.box, size)
                painted[judge_plates(marked, S).status.name] += 1
                painted_base_fail += judge_plates(plates, S).status is Status.FAIL
    return {
        "main_plates_kept": f"{kept[0]}/{kept[1]}",
        "other_plates_found": f"{other[0]}/{other[1]}",
        "baseline_other_plates_found": f"0/{other[1]}",
        "photos_failed": f"{failed[0]}/{failed[2]}",
        "baseline_photos_failed": f"{failed[1]}/{failed[2]}",
        "painted_photos_with_other_plates": painted,
        "baseline_painted_photos_failed": painted_base_fail,
        "wrong": wrong,
    }


def main() -> None:
    if not CORPUS.is_dir():
        print("corpus absent: nothing to measure")
        return
    for k, v in run().items():
        print(f"{k}: {v}")


if __name__ == "__main__":
    main()
