"""The shipped vehicle detector: model file, decoding, px mapping, and how the vehicle
locator uses its boxes (fill ratio, cut-off, choice of the main vehicle)."""

from __future__ import annotations

import csv
import hashlib

import cv2
import numpy as np
import pytest

import vincheck.photo.vehicle_detector as vd
from devkit.corpus import label_file
from devkit.synth.car_photo import render_car_photo
from vincheck.findings import Status
from vincheck.photo.vehicle import judge_vehicle, locate_vehicle
from vincheck.photo.vehicle_detected import frame_sides, main_detection
from vincheck.photo.vehicle_detector import Detection, detect_objects, detect_vehicles, nms
from vincheck.settings import PhotoSettings

S = PhotoSettings()
LABELS = label_file("photo_labels.csv")


def _iou(a, b) -> float:
    ax, ay, aw, ah = a
    bx, by, bw, bh = b
    ix = max(0.0, min(ax + aw, bx + bw) - max(ax, bx))
    iy = max(0.0, min(ay + ah, by + bh) - max(ay, by))
    inter = ix * iy
    return inter / (aw * ah + bw * bh - inter)


@pytest.fixture(scope="module")
def car():
    """A rendered car photo (a white car, end-on) and its truth."""
    return render_car_photo(azimuth_deg=0, body_color="white", background="street", fill=0.6)


def test_model_file_matches_its_metadata():
    meta = vd.metadata()
    data = vd.MODEL_PATH.read_bytes()
    assert hashlib.sha256(data).hexdigest() == meta["sha256"] == vd.model_sha256()
    assert meta["input_size"] == 416 and meta["channel_order"] == "BGR"
    assert len(meta["classes"]) == 80
    for name in vd.VEHICLE_CLASSES:
        assert name in meta["classes"]
    assert meta["original_model_license"] == "Apache-2.0"
    assert meta["source_package_license"] == "MIT"
    assert "human-models" in meta["source_package"]


def test_blank_and_noise_pictures_have_no_vehicle():
    grey = np.full((480, 640, 3), 128, np.uint8)
    noise = np.random.default_rng(3).integers(0, 256, (480, 640, 3), dtype=np.uint8)
    assert detect_vehicles(grey) == []
    assert detect_vehicles(noise) == []
    region = locate_vehicle(grey, S)
    assert region is None or region.method != "detector"


def test_rendered_car_is_found_where_it_is(car):
    rgb, truth = car
    dets = detect_vehicles(rgb, min_score=0.25)
    assert dets, "no vehicle on a rendered car"
    best = max(dets, key=lambda d: _iou(d.box, truth["vehicle_box"]))
    assert best.label in vd.VEHICLE_CLASSES
    assert _iou(best.box, truth["vehicle_box"]) > 0.75


def test_boxes_are_in_input_px_whatever_the_size_and_shape(car):
    rgb, truth = car
    base = max(detect_vehicles(rgb, 0.25), key=lambda d: d.score).box
    half = cv2.resize(rgb, (rgb.shape[1] // 2, rgb.shape[0] // 2), interpolation=cv2.INTER_AREA)
    b2 = max(detect_vehicles(half, 0.25), key=lambda d: d.score).box
    assert _iou(tuple(2 * v for v in b2), base) > 0.85
    # the photo on a taller canvas (portrait letterbox), shifted down by 150 px
    tall = np.full((rgb.shape[0] + 300, rgb.shape[1], 3), 90, np.uint8)
    tall[150:150 + rgb.shape[0]] = rgb
    b3 = max(detect_vehicles(tall, 0.25), key=lambda d: d.score).box
    assert _iou((b3[0], b3[1] - 150, b3[2], b3[3]), base) > 0.8


def test_input_is_not_modified_and_bad_input_is_refused(car):
    from vincheck.errors import UnreadableImageError

    rgb, _ = car
    before = rgb.copy()
    detect_objects(rgb)
    assert np.array_equal(rgb, before)
    with pytest.raises(UnreadableImageError):
        detect_vehicles(np.zeros((50, 50), np.uint8))


def test_nms_keeps_the_best_of_overlapping_boxes():
    boxes = np.array([[0, 0, 100, 100], [5, 5, 105, 105], [200, 200, 300, 300]], np.float32)
    scores = np.array([0.5, 0.9, 0.4], np.float32)
    assert nms(boxes, scores, 0.6) == [1, 2]
    assert nms(boxes, scores, 0.99) == [1, 0, 2]


def test_main_vehicle_is_the_large_central_one_and_holds_the_plate():
    size = (1000, 700)
    small_sure = Detection((20, 20, 120, 90), "car", 0.9)
    big = Detection((150, 150, 700, 450), "car", 0.5)
    assert main_detection([small_sure, big], size) is big
    assert main_detection([Detection((0, 0, 20, 20), "car", 0.9)], size) is None  # tiny
    assert main_detection([Detection((150, 150, 700, 450), "car", 0.2)], size) is None
    left = Detection((0, 200, 480, 350), "car", 0.6)
    right = Detection((520, 200, 470, 340), "car", 0.6)
    assert main_detection([left, right], size, plate_centre=(700, 480)) is right
    assert main_detection([left, right], size, plate_centre=(200, 480)) is left


def test_frame_sides():
    assert frame_sides((0, 100, 500, 300), (1000, 700)) == ["left"]
    assert frame_sides((100, 0, 900, 700), (1000, 700)) == ["right", "top", "bottom"]
    assert frame_sides((50, 50, 900, 600), (1000, 700)) == []


def _block_photo(x0, y0, x1, y1, size=(900, 600)):
    """A plain ground with a dark 'vehicle' block (its box is x0..x1, y0..y1 px)."""
    w, h = size
    rgb = np.zeros((h, w, 3), np.uint8)
    rgb[:] = (150, 170, 150)
    cv2.rectangle(rgb, (x0, y0), (x1 - 1, y1 - 1), (40, 40, 120), -1)
    cv2.rectangle(rgb, (x0 + 40, y0 + 20), (x1 - 40, y0 + 80), (200, 210, 230), -1)
    return rgb


def _findings(rgb, det):
    region = locate_vehicle(rgb, S, detections=[det])
    return region, {f.code: f for f in judge_vehicle(region, rgb.shape[1::-1], S)}


def test_detector_box_sets_fill_and_method():
    rgb = _block_photo(120, 90, 780, 560)  # 660 x 470 of 900 x 600: fill 0.57
    region, f = _findings(rgb, Detection((120.0, 90.0, 660.0, 470.0), "car", 0.7))
    assert region.method == "detector" and region.label == "car"
    assert region.fill_bbox == pytest.approx(660 * 470 / (900 * 600))
    assert f["fill_ratio"].status is Status.PASS
    assert f["fill_ratio"].details["method"] == "detector"
    assert f["vehicle_cut_off"].status is Status.PASS
    assert region.mask is not None and region.fill_mask is not None
    assert 0.3 < region.fill_mask <= region.fill_bbox + 0.05


def test_small_detected_vehicle_fails_fill():
    rgb = _block_photo(350, 250, 550, 400)
    _region, f = _findings(rgb, Detection((350.0, 250.0, 200.0, 150.0), "car", 0.7))
    assert f["fill_ratio"].status is Status.FAIL


def test_box_at_the_frame_is_cut_off_only_where_the_vehicle_runs_into_it():
    rgb = _block_photo(300, 100, 900, 560)  # the block runs into the right edge
    region, f = _findings(rgb, Detection((300.0, 100.0, 600.0, 460.0), "car", 0.7))
    assert f["vehicle_cut_off"].status is Status.FAIL
    assert region.cut_off_sides == ["right"]
    # a loose box reaching the frame next to a vehicle that stops short of it: no cut
    rgb = _block_photo(300, 100, 860, 560)
    region, f = _findings(rgb, Detection((300.0, 100.0, 600.0, 460.0), "car", 0.7))
    assert f["vehicle_cut_off"].status is Status.PASS, region.cut_off_sides


def test_missing_model_is_an_engine_error(monkeypatch, tmp_path):
    from vincheck.errors import OcrEngineError

    monkeypatch.setattr(vd, "MODEL_PATH", tmp_path / "absent.onnx")
    monkeypatch.setattr(vd, "_detector", None)
    with pytest.raises(OcrEngineError):
        detect_vehicles(np.zeros((64, 64, 3), np.uint8))


def test_labelled_corpus_photo_box(corpus_dir):
    rows = list(csv.DictReader(LABELS.open(encoding="utf-8")))
    from vincheck.imageio import load_image

    ious = []
    for r in rows[:3]:
        path = corpus_dir / r["file"]
        if not path.exists():
            pytest.skip(f"{r['file']} absent")
        rgb = load_image(path).rgb
        region = locate_vehicle(rgb, S)
        assert region is not None and region.method == "detector"
        ious.append(_iou(region.box, tuple(float(r[k]) for k in ("x", "y", "w", "h"))))
    assert min(ious) > 0.7, ious


def test_a_weak_box_around_a_surer_vehicle_is_passed_over():
    """A low-score box merged over a car and the window frame it is seen through holds the
    surer car box: the car is the vehicle, even though the merged box is bigger."""
    size = (1600, 1200)
    car = Detection((200, 200, 900, 700), "car", 0.52)
    merged = Detection((190, 80, 1400, 1100), "car", 0.31)
    assert main_detection([merged, car], size, plate_centre=(400, 650)) is car
    # a big box that is as sure as the one inside it stays the vehicle (a truck and its cab)
    truck = Detection((190, 80, 1400, 1100), "truck", 0.6)
    assert main_detection([truck, car], size, plate_centre=(400, 650)) is truck
    # a small sure box inside (a car on a transporter's deck, 5 % of it) does not count
    deck_car = Detection((300, 300, 300, 200), "car", 0.9)
    assert main_detection([merged, deck_car], size) is merged
