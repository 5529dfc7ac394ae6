"""angle: the camera's azimuth around the vehicle from classical cues."""

from __future__ import annotations

import csv

import numpy as np
import pytest

from devkit.corpus import label_file
from devkit.synth.car_photo import render_car_photo
from vincheck.findings import Status
from vincheck.photo.vehicle import locate_vehicle
from vincheck.photo.view import azimuth_difference, estimate_view, judge_view, view_of_azimuth
from vincheck.settings import PhotoSettings

S = PhotoSettings()
LABELS = label_file("photo_labels.csv")


def _view(az, color="white", bg="street"):
    # fill 0.6: at the default 0.66 an oblique car ends within 5 px of the frame, which the
    # detector path rightly reports as touching it (a cut-off car's view is not trusted).
    # The classical cues alone: the learnt head reads photos, not these drawings (its own
    # tests are in test_photo_view_head.py)
    rgb, _ = render_car_photo(azimuth_deg=az, body_color=color, background=bg, fill=0.6)
    return estimate_view(rgb, locate_vehicle(rgb, S), S, use_head=False)


@pytest.fixture(scope="module")
def views():
    return {az: _view(az) for az in (0, 45, 135)}


def test_front_left_45_passes_for_a_car(views):
    v = views[45]
    assert v.view == "front-left"
    assert judge_view(v, "car", S).status is Status.PASS


def test_front_fails_for_a_car(views):
    assert judge_view(views[0], "car", S).status is not Status.PASS


def test_rear_left_fails_for_a_car_and_passes_for_a_trailer(views):
    v = views[135]
    assert v.view == "rear-left"
    assert judge_view(v, "car", S).status is not Status.PASS
    assert judge_view(v, "trailer", S).status is Status.PASS


def test_helpers():
    assert view_of_azimuth(44) == "front-left"
    assert view_of_azimuth(350) == "front"
    assert azimuth_difference(350, 10) == 20


# --- the plate anchor (plates= argument) ------------------------------------------------

def _scene(plate_cx, rear, hp=24, size=(880, 600)):
    """A grey body with a plate; a rear has red lamps beside the plate and a smooth lid
    above it, a front a striped grille above the plate and no red."""
    import cv2

    from vincheck.findings import PlateRead

    w, h = size
    rgb = np.full((h, w, 3), (90, 110, 90), np.uint8)
    cy = int(0.62 * h)
    x0, x1 = int(plate_cx - 7 * hp), int(plate_cx + 7 * hp)
    cv2.rectangle(rgb, (x0, cy - 7 * hp), (x1, cy + 3 * hp), (150, 150, 155), -1)
    pw = int(3.2 * hp)
    px0 = int(plate_cx - pw / 2)
    cv2.rectangle(rgb, (px0, cy - hp // 2), (px0 + pw, cy + hp // 2), (250, 250, 250), -1)
    for i in range(6):  # characters
        cx = px0 + int((i + 0.7) * pw / 6.5)
        cv2.rectangle(rgb, (cx, cy - hp // 3), (cx + hp // 5, cy + hp // 3), (10, 10, 10), -1)
    if rear:
        for sx in (-1, 1):
            lx = int(plate_cx + sx * 5 * hp)
            cv2.rectangle(rgb, (lx - hp, cy - 3 * hp), (lx + hp, cy - hp), (210, 20, 25), -1)
    else:
        for k in range(12):  # grille: dark and bright bars just above the plate
            yy = cy - hp - k * hp // 6
            cv2.line(rgb, (int(plate_cx - 2.5 * hp), yy), (int(plate_cx + 2.5 * hp), yy),
                     (10, 10, 10) if k % 2 else (240, 240, 240), 2)
    box = (px0, cy - hp / 2, px0 + pw, cy - hp / 2, px0 + pw, cy + hp / 2, px0, cy + hp / 2)
    return rgb, [PlateRead(tuple(float(v) for v in box), "A12345", 0.95, "blue")]


@pytest.mark.parametrize(("cx", "rear", "want"), [
    (440, True, "rear"), (440, False, "front"), (200, False, "front-left"),
    (680, False, "front-right"), (680, True, "rear-left"), (200, True, "rear-right")])
def test_anchor_view_classes(cx, rear, want):
    rgb, plates = _scene(cx, rear)
    v = estimate_view(rgb, locate_vehicle(rgb, S, plates=plates), S, plates=plates)
    assert v.view == want, v.cues
    assert v.confidence >= S.min_view_confidence


def test_anchor_front_left_passes_and_near_boundary_goes_to_review():
    rgb, plates = _scene(200, False)
    v = estimate_view(rgb, None, S, plates=plates)
    assert judge_view(v, "car", S).status is Status.PASS
    # plate about one eighth of the width off centre: between end-on and three-quarter
    rgb, plates = _scene(440 - 0.13 * 880, False)
    v = estimate_view(rgb, None, S, plates=plates)
    assert judge_view(v, "car", S).status is Status.REVIEW


@pytest.fixture(scope="module")
def corpus_runs(corpus_dir):
    """Per labelled photo: (label row, region, view) with detected plates passed in."""
    from vincheck.imageio import load_image
    from vincheck.photo.plates import detect_plates

    out = []
    for r in csv.DictReader(LABELS.open(encoding="utf-8")):
        rgb = load_image(corpus_dir / r["file"]).rgb
        plates = detect_plates(rgb, S)
        region = locate_vehicle(rgb, S, plates=plates)
        out.append((r, rgb.shape, region, estimate_view(rgb, region, S, plates=plates)))
    return out


@pytest.mark.corpus
@pytest.mark.slow
def test_labelled_corpus_view_and_fill_floors(corpus_runs):
    n = len(corpus_runs)
    right = sum(v.view == r["view"] for r, _s, _g, v in corpus_runs)
    assert right / n >= VIEW_FLOOR, f"view accuracy {right / n:.2f}"
    conf = [(r, v) for r, _s, _g, v in corpus_runs
            if judge_view(v, "car", S).status is not Status.REVIEW]
    conf_right = sum(v.view == r["view"] for r, v in conf) / max(1, len(conf))
    assert conf_right >= CONFIDENT_VIEW_FLOOR, f"confident accuracy {conf_right:.2f}"
    fill_ok = 0
    for r, shape, region, _v in corpus_runs:
        truth = float(r["w"]) * float(r["h"]) / (shape[0] * shape[1])
        fill_ok += region is not None and abs(region.fill_bbox - truth) <= 0.07
    assert fill_ok / n >= FILL_FLOOR, f"fill within 0.07 on {fill_ok / n:.2f}"


# Measured with detected plates passed in (benchmarks.photo_view) and the detector's
# vehicle box: view class right on 0.78 of the 41 labelled photos, 0.95 of the confident
# ones, fill within 0.07 on 0.68. Floors below (the plate detector is being tuned at the
# same time).
VIEW_FLOOR = 0.62
CONFIDENT_VIEW_FLOOR = 0.8
FILL_FLOOR = 0.55


# --- the compliant case: the labelled photos with their plates painted out ---------------

@pytest.fixture(scope="module")
def painted_runs(corpus_dir):
    """Per labelled photo with its ground-truth plates painted out: (label row, image shape,
    region, view) from the plate-free path."""
    from devkit.corpus_plates import paint_out_plates, plate_polygons
    from vincheck.imageio import load_image

    out = []
    for r in csv.DictReader(LABELS.open(encoding="utf-8")):
        rgb = paint_out_plates(load_image(corpus_dir / r["file"]).rgb,
                               plate_polygons(corpus_dir, r["file"]))
        region = locate_vehicle(rgb, S)
        out.append((r, rgb.shape, region, estimate_view(rgb, region, S)))
    return out


@pytest.mark.corpus
@pytest.mark.slow
def test_painted_corpus_fill_and_confident_decisions(painted_runs):
    n = len(painted_runs)
    fill_ok = 0
    for r, shape, region, _v in painted_runs:
        truth = float(r["w"]) * float(r["h"]) / (shape[0] * shape[1])
        fill_ok += region is not None and abs(region.fill_bbox - truth) <= 0.07
    assert fill_ok / n >= PAINTED_FILL_FLOOR, f"fill within 0.07 on {fill_ok / n:.2f}"
    # the learnt view head was never trained on the openalpr photos (AGPL): judge it on
    # them, as the benchmark does
    from benchmarks.photo_view import unseen_by_head

    held = [(r, v) for r, _s, _g, v in painted_runs if unseen_by_head(r["file"])]
    right = sum(v.view == r["view"] for r, v in held)
    assert right / len(held) >= PAINTED_VIEW_FLOOR, f"unseen view accuracy {right}/{len(held)}"
    assert all(v.source == "head" for _r, v in held)
    conf = []
    for r, _s, _g, v in painted_runs:
        status = judge_view(v, "car", S).status
        if status is not Status.REVIEW:
            want = azimuth_difference(float(r["azimuth"]), S.car_azimuth_deg) \
                <= S.azimuth_tolerance_deg
            conf.append((status is Status.PASS) == want)
    # the head decides most photos, and few of all the photos get a wrong confident
    # car-angle verdict
    assert len(conf) / n >= PAINTED_MIN_DECIDED, f"decided {len(conf)} of {n}"
    wrong = len(conf) - sum(conf)
    assert wrong / n <= PAINTED_MAX_WRONG, f"{wrong} of {n} decided wrongly"


# Measured (benchmarks.photo_view --painted) with the detector's vehicle box: fill within
# 0.07 on 0.95 of the 41 photos; with the learnt view head the view class is right on 11 of
# the 13 held-out photos (the classical cues alone: 6), 39 of 41 photos are decided (not
# review) and 2 of them get a wrong car-angle verdict. Floors a bit below.
PAINTED_FILL_FLOOR = 0.85
PAINTED_VIEW_FLOOR = 0.75
PAINTED_MIN_DECIDED = 0.6
PAINTED_MAX_WRONG = 0.1


def _end_cues(red_left, red_right, texture, body_red=0.0):
    return {"red_left": red_left, "red_right": red_right, "texture": texture,
            "body_red": body_red}


def test_one_red_lamp_beside_the_plate_votes_rear():
    """Seen from a corner only the near tail lamp shows beside the plate: still the rear."""
    from vincheck.photo.view_anchor import rear_evidence

    assert rear_evidence(_end_cues(0.05, 0.0, 0.5)) > 0
    assert rear_evidence(_end_cues(0.0, 0.05, 0.5)) > 0
    assert rear_evidence(_end_cues(0.0, 0.0, 0.5)) < 0  # no lamp at all: front
    # on a red body the red is paint: it does not count as a lamp
    assert rear_evidence(_end_cues(0.05, 0.0, 0.5, body_red=0.6)) <= 0


def test_grille_texture_votes_front_and_lamps_outweigh_it():
    from vincheck.photo.view_anchor import rear_evidence

    assert rear_evidence(_end_cues(0.0, 0.0, 1.2)) < rear_evidence(_end_cues(0.0, 0.0, 0.2))
    # rear vents above a plate between two clear tail lamps (rear-engined cars)
    assert rear_evidence(_end_cues(0.04, 0.04, 0.9)) > 0
