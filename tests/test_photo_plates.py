"""plate_visible: synthetic plates of every kind fire, plate-free cars and blank holders don't;
real corpus plates fire and painted-out copies don't."""

from __future__ import annotations

import csv

import cv2
import numpy as np
import pytest

from tests.synth.car_photo import render_car_photo
from vincheck.findings import Status
from vincheck.photo.plates import detect_plates, judge_plates, normalise_plate_text
from vincheck.settings import PhotoSettings

S = PhotoSettings()


@pytest.mark.parametrize("kind,az,color", [("blue", 45, "white"), ("yellow", 0, "red"),
                                           ("green", 30, "silver"), ("eu", 20, "black")])
def test_plates_of_every_kind_fail_the_photo(kind, az, color):
    rgb, truth = render_car_photo(azimuth_deg=az, body_color=color, plate=kind)
    plates = detect_plates(rgb, S)
    f = judge_plates(plates, S)
    assert f.status is Status.FAIL
    # the plate found lies on the true plate
    tx, ty = np.array(truth["plate_box"]).mean(0)
    best = plates[0]
    q = np.array(best.box).reshape(4, 2)
    assert q[:, 0].min() - 5 <= tx <= q[:, 0].max() + 5
    assert q[:, 1].min() - 5 <= ty <= q[:, 1].max() + 5
    assert f.evidence and f.evidence[0].kind == "polygon"


def test_plate_free_car_passes():
    rgb, _ = render_car_photo(azimuth_deg=45, body_color="blue", plate=None)
    f = judge_plates(detect_plates(rgb, S), S)
    assert f.status is Status.PASS


def test_blank_plate_holder_is_not_a_plate():
    rgb, truth = render_car_photo(azimuth_deg=10, body_color="white", plate="blue")
    out = rgb.copy()
    q = np.array(truth["plate_box"], np.int32)
    cv2.fillPoly(out, [q], (25, 65, 185))  # a blue holder with nothing on it
    f = judge_plates(detect_plates(out, S), S)
    assert f.status is not Status.FAIL


def test_normalise_plate_text():
    assert normalise_plate_text("京A·52837") == "京A52837"
    assert normalise_plate_text("ba 123-xy") == "BA123XY"


def _easypr_rows(corpus):
    path = corpus / "easypr-general-test" / "ground_truth.tsv"
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    return rows


@pytest.mark.corpus
def test_real_plates_found_and_painted_out_plates_not(corpus_dir):
    from vincheck.imageio import load_image

    rows = _easypr_rows(corpus_dir)
    by_file: dict[str, list] = {}
    for r in rows:
        by_file.setdefault(r["file"], []).append(r)
    files = sorted(by_file)[::11][:8]
    hits = clean = 0
    for name in files:
        rgb = load_image(corpus_dir / "easypr-general-test" / name).rgb
        if judge_plates(detect_plates(rgb, S), S).status is Status.FAIL:
            hits += 1
        painted = rgb.copy()
        for r in by_file[name]:
            box = cv2.boxPoints(((float(r["x_center"]), float(r["y_center"])),
                                 (float(r["width"]) * 1.25, float(r["height"]) * 1.5),
                                 float(r["rotation_deg"])))
            cv2.fillPoly(painted, [box.astype(np.int32)], tuple(int(v) for v in np.median(
                painted.reshape(-1, 3), 0)))
        if judge_plates(detect_plates(painted, S), S).status is not Status.FAIL:
            clean += 1
    assert hits >= 6, f"plates found on {hits}/{len(files)} real photos"
    assert clean >= 6, f"painted-out photos clean on {clean}/{len(files)}"
