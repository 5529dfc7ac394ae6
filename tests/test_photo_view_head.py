"""The learnt end head: its symmetry under a mirrored photo, its azimuth conventions, the
fall-back without weights, and that its split keeps the benchmark's held-out photos out.
The plate-free path's checks here run with the end head alone (``head="ends"``); the
full-turn head in front of it is tested in ``test_photo_view_turn.py``."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from devkit.corpus import LABELS
from devkit.synth.car_photo import render_car_photo
from vincheck.findings import Status
from vincheck.photo import view_head as vh
from vincheck.photo.vehicle import locate_vehicle
from vincheck.photo.view import ViewEstimate, estimate_view, judge_view, view_of_azimuth
from vincheck.settings import PhotoSettings

S = PhotoSettings()


@pytest.fixture(scope="module")
def drawn_car():
    rgb, truth = render_car_photo(azimuth_deg=60, body_color="blue", fill=0.6, seed=3)
    return rgb, truth["vehicle_box"]


def test_a_mirrored_photo_gets_the_mirrored_view(drawn_car):
    rgb, box = drawn_car
    x, y, w, h = box
    mirrored_box = (rgb.shape[1] - x - w, y, w, h)
    a = vh.read_view(rgb, box)
    b = vh.read_view(np.ascontiguousarray(rgb[:, ::-1]), mirrored_box)
    assert b.p_rear == pytest.approx(a.p_rear, abs=1e-4)
    assert b.p_oblique == pytest.approx(a.p_oblique, abs=1e-4)
    assert b.p_face_left == pytest.approx(1 - a.p_face_left, abs=1e-4)
    assert b.azimuth_deg == pytest.approx((360 - a.azimuth_deg) % 360, abs=0.05)


def test_features_of_a_mirrored_crop():
    rng = np.random.default_rng(5)
    crop = (rng.random((90, 160, 3)) * 255).astype(np.uint8)
    f = vh.crop_features(crop)
    g = vh.crop_features(np.ascontiguousarray(crop[:, ::-1]))
    for name in ("feat16", "feat32"):
        assert np.allclose(f[name]["sym"], g[name]["sym"], atol=1e-3)
        assert np.allclose(f[name]["anti"], -g[name]["anti"], atol=1e-3)
    assert f["feat16"]["sym"].shape == (256 * vh.BANDS,)
    assert f["feat32"]["anti"].shape == (512 * vh.BANDS,)


@pytest.mark.parametrize(("end", "oblique", "side", "angle", "view", "lo", "hi"), [
    (-4, 4, 4, 38, "front-left", 37.9, 38.1),   # front face on the picture's left
    (-4, 4, -4, 38, "front-right", 321.9, 322.1),
    (4, 4, -4, 40, "rear-left", 139.9, 140.1),  # rear face on the right: camera rear-left
    (4, 4, 4, 40, "rear-right", 219.9, 220.1),
    (-4, -4, 4, 38, "front", 7.9, 8.1),         # head-on: the head-on regression is read
    (-4, 4, 4, 5, "front-left", 22.9, 23.1),    # oblique wins: the angle moves to the edge
    (4, -4, 4, 30, "rear", 187.9, 188.1),
])
def test_combine_places_the_camera(end, oblique, side, angle, view, lo, hi):
    # the oblique regression says ``angle``, the head-on one 8 degrees
    hv = vh.combine({"end": end, "oblique": oblique, "side": side, "angle": angle,
                     "angle_end_on": 8.0})
    assert view_of_azimuth(hv.azimuth_deg) == view
    assert lo <= hv.azimuth_deg <= hi


def test_a_head_on_angle_beyond_the_class_edge_is_held_at_the_edge():
    hv = vh.combine({"end": -4, "oblique": -4, "side": 4, "angle": 40, "angle_end_on": 35})
    assert hv.azimuth_deg == pytest.approx(vh.OBLIQUE_FROM_DEG - 0.5)


def test_confidence_is_the_weakest_decision():
    sure = vh.combine({"end": -6, "oblique": 6, "side": 6, "angle": 40, "angle_end_on": 5})
    unsure_side = vh.combine({"end": -6, "oblique": 6, "side": 0.1, "angle": 40,
                              "angle_end_on": 5})
    head_on = vh.combine({"end": -6, "oblique": -6, "side": 0.1, "angle": 40,
                          "angle_end_on": 5})
    assert sure.confidence > 0.9
    assert unsure_side.confidence < 0.1
    assert head_on.confidence > 0.9  # the side does not matter head-on


def test_without_weights_the_cues_decide(monkeypatch, drawn_car):
    rgb, _box = drawn_car
    region = locate_vehicle(rgb, S)
    monkeypatch.setattr(vh, "HEAD_PATH", Path("/nonexistent/view_head.npz"))
    vh._weights.cache_clear()
    try:
        v = estimate_view(rgb, region, S, head="ends")
    finally:
        monkeypatch.undo()
        vh._weights.cache_clear()
    assert v.source == "cues" and "head" not in v.cues
    with_head = estimate_view(rgb, region, S, head="ends")
    assert with_head.source == "head" and "head" in with_head.cues
    assert {s.role for s in with_head.evidence} >= {"view_face"}


def test_a_trailer_read_by_the_head_goes_to_review():
    v = ViewEstimate("rear-left", 135.0, 0.95, source="head")
    assert judge_view(v, "trailer", S).status is Status.REVIEW
    assert judge_view(v, "car", S).status is Status.FAIL
    plate = ViewEstimate("rear-left", 135.0, 0.95, source="plate")
    assert judge_view(plate, "trailer", S).status is Status.PASS


@pytest.mark.parametrize("azimuth", [90, 270])
def test_a_side_view_with_round_wheels_is_not_passed(azimuth):
    """The head knows angles up to 34 deg off the end axis and reads a drawn side view as
    a front-left three-quarter view (it passed); two nearly round wheels overrule its
    angle and send the photo to review."""
    rgb, _truth = render_car_photo(azimuth_deg=azimuth, body_color="white", seed=1,
                                   background="street")
    v = estimate_view(rgb, locate_vehicle(rgb, S), S, head="ends")
    assert v.source == "head"
    side_on = v.cues["side_on_wheels"]
    assert len(side_on["ratios"]) >= 2 and min(side_on["ratios"]) >= 0.8
    off = min(v.azimuth_deg % 180, 180 - v.azimuth_deg % 180)
    assert off >= 53  # the wheels' angle, not the head's three-quarter one
    f = judge_view(v, "car", S)
    assert f.status is Status.REVIEW
    assert "nearly round" in f.message


def test_a_rear_view_the_head_reads_as_a_front_is_not_passed():
    """The head reads this drawn rear-right car (red tail lamps) as the front-left at about
    35 deg, sure enough to pass it; the lamps put the rear to the camera, so a person
    decides."""
    rgb, _truth = render_car_photo(azimuth_deg=220, body_color="white", seed=1)
    v = estimate_view(rgb, locate_vehicle(rgb, S), S, head="ends")
    assert v.source == "head" and v.cues["end"] == "front"  # the head's (wrong) end
    assert v.cues["cue_end"] == "rear" and v.cues["agreement"]["lamps"]
    assert v.cues["end_disagreement"] == {"head": "front", "lamps": "rear"}
    f = judge_view(v, "car", S)
    assert f.status is Status.REVIEW
    assert "lamps point to the rear" in f.message


def test_head_and_lamps_on_the_same_end_keep_the_head_confidence():
    rgb, _truth = render_car_photo(azimuth_deg=40, body_color="blue", seed=2)
    v = estimate_view(rgb, locate_vehicle(rgb, S), S, head="ends")
    assert v.cues["cue_end"] == v.cues["end"] == "front" and v.cues["agreement"]["lamps"]
    assert "end_disagreement" not in v.cues
    assert v.confidence == pytest.approx(v.cues["head"]["confidence"], abs=1e-3)
    assert judge_view(v, "car", S).status is Status.PASS


def test_a_three_quarter_view_keeps_the_head_angle(drawn_car):
    rgb, box = drawn_car
    v = estimate_view(rgb, locate_vehicle(rgb, S), S, head="ends")
    assert "side_on_wheels" not in v.cues
    assert v.azimuth_deg == pytest.approx(v.cues["head"]["azimuth_deg"], abs=0.01)


def test_the_shipped_head_was_not_trained_on_agpl_photos():
    meta = vh.metadata()
    assert "openalpr-benchmarks" in meta["excluded_sources"]  # AGPL-3.0
    excluded = set(meta["excluded_sources"])
    views = list(csv.DictReader((LABELS / "photo_labels.csv").open(encoding="utf-8")))
    names = {r["file"] for r in views}
    ends = [r for r in csv.DictReader((LABELS / "vehicle_end_labels.csv").open(encoding="utf-8"))
            if r["end"] in ("front", "rear") and r["file"] not in names]

    def allowed(rows: list[dict]) -> int:
        return sum(r["file"].split("/")[0] not in excluded for r in rows)

    assert meta["training_photos"] == {"view": allowed(views), "end": allowed(ends)}
    assert meta["held_out_photos"] == {"view": len(views) - allowed(views),
                                       "end": len(ends) - allowed(ends)}
    assert meta["held_out_photos"]["view"] >= 20  # enough unseen photos to measure it on
    with np.load(vh.HEAD_PATH) as z:
        for head, m in vh.HEAD_MAPS.items():
            channels = 256 if m == "feat16" else 512
            assert z[f"{head}_w"].shape == (channels * vh.BANDS,)


@pytest.mark.parametrize("rear, face_left, off, az", [
    (False, True, 45.0, 45.0),  # front face on the left: from the front-left
    (False, False, 45.0, 315.0),  # front face on the right: from the front-right
    (True, True, 45.0, 225.0),  # rear face on the left: from the rear-right
    (True, False, 45.0, 135.0),  # rear face on the right: from the rear-left
    (False, True, 0.0, 0.0), (True, False, 0.0, 180.0),
])
def test_azimuth_of_the_face_and_its_side(rear, face_left, off, az):
    from vincheck.photo.azimuth import azimuth_of

    assert azimuth_of(rear, face_left, off) == pytest.approx(az)
    assert view_of_azimuth(azimuth_of(rear, face_left, off)) == view_of_azimuth(az)


def test_the_head_reads_the_box_and_a_wider_and_a_narrower_one(monkeypatch, drawn_car):
    """Three crops (the box, 5 % of its width wider and narrower on each side), their
    outputs averaged: the answer hangs less on the exact box."""
    rgb, box = drawn_car
    widths: list[int] = []
    real = vh.crop_features

    def spy(crop):
        widths.append(crop.shape[1])
        return real(crop)

    monkeypatch.setattr(vh, "crop_features", spy)
    avg = vh.read_scores(rgb, (200.0, 150.0, 400.0, 300.0))
    d = round(vh.BOX_JITTER * 400)
    m = vh.CROP_MARGIN
    assert widths == [round(200 + 400 * (1 + m)) - round(200 - 400 * m),
                      round(200 - d + (400 + 2 * d) * (1 + m)) - round(200 - d - (400 + 2 * d) * m),
                      round(200 + d + (400 - 2 * d) * (1 + m)) - round(200 + d - (400 - 2 * d) * m)]
    single = vh.scores(real(vh.vehicle_crop(rgb, (200.0, 150.0, 400.0, 300.0))))
    assert set(avg) == set(single) and avg != single
