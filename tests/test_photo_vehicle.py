"""fill_ratio and vehicle_cut_off on synthetic car photos."""

from __future__ import annotations

import numpy as np
import pytest

from devkit.synth.car_photo import render_car_photo
from vincheck.errors import UnreadableImageError
from vincheck.findings import Status
from vincheck.photo.vehicle import judge_vehicle, locate_vehicle
from vincheck.settings import PhotoSettings

S = PhotoSettings()


def _judge(rgb):
    region = locate_vehicle(rgb, S)
    return region, {f.code: f for f in judge_vehicle(region, (rgb.shape[1], rgb.shape[0]), S)}


def test_two_thirds_fill_passes_and_box_matches():
    rgb, truth = render_car_photo(azimuth_deg=0, body_color="red", background="grass")
    region, f = _judge(rgb)
    assert f["fill_ratio"].status is Status.PASS
    assert abs(region.fill_bbox - truth["fill"]) < 0.07
    assert f["vehicle_cut_off"].status is Status.PASS
    assert f["fill_ratio"].details["fill_mask"] is not None


def test_small_car_fails_fill():
    rgb, truth = render_car_photo(azimuth_deg=45, body_color="blue", fill=0.3,
                                  background="grass")
    region, f = _judge(rgb)
    assert f["fill_ratio"].status is Status.FAIL
    assert region.fill_bbox < S.min_fill_ratio


def test_car_cut_by_the_frame():
    rgb, _ = render_car_photo(azimuth_deg=20, body_color="red", fill=0.5, cut_off=True,
                              background="grass")
    _, f = _judge(rgb)
    assert f["vehicle_cut_off"].status is Status.FAIL
    assert "right" in f["vehicle_cut_off"].measured


def test_input_not_modified_and_bad_input():
    rgb, _ = render_car_photo(azimuth_deg=0, body_color="red", background="grass")
    before = rgb.copy()
    locate_vehicle(rgb, S)
    assert np.array_equal(rgb, before)
    with pytest.raises(UnreadableImageError):
        locate_vehicle(np.zeros((10, 10), np.uint8), S)


def test_no_region_is_review():
    f = judge_vehicle(None, (880, 600), S)
    assert {x.status for x in f} == {Status.REVIEW}


# --- the plate anchor (plates= argument) ------------------------------------------------

def _plate(cx, cy, hp, score=0.9, aspect=3.2):
    from vincheck.findings import PlateRead

    w = hp * aspect
    box = (cx - w / 2, cy - hp / 2, cx + w / 2, cy - hp / 2, cx + w / 2, cy + hp / 2,
           cx - w / 2, cy + hp / 2)
    return PlateRead(box, "A12345", score, "blue")


def test_anchor_picks_the_biggest_confident_plate():
    from vincheck.photo.vehicle_anchor import main_plate

    small, big, weak = _plate(100, 300, 10), _plate(400, 300, 30), _plate(450, 300, 60, 0.3)
    a = main_plate([small, weak, big], (880, 600))
    assert a is not None and abs(a.cx - 400) < 1 and abs(a.height - 30) < 1
    assert main_plate([weak], (880, 600)) is None
    assert main_plate(None, (880, 600)) is None


def test_anchor_box_scales_with_the_plate_and_grows_towards_the_flank():
    rgb = np.full((600, 880, 3), 128, np.uint8)
    centred = locate_vehicle(rgb, S, plates=[_plate(440, 380, 30)])
    x, y, w, h = centred.box
    assert x < 440 < x + w and y < 380 < y + h
    assert abs((440 - x) - (x + w - 440)) < 0.05 * w  # end-on: plate in the middle
    bigger = locate_vehicle(rgb, S, plates=[_plate(440, 380, 36)])
    assert bigger.fill_bbox > centred.fill_bbox
    left = locate_vehicle(rgb, S, plates=[_plate(250, 380, 30)])
    lx, _, lw, _ = left.box
    assert (lx + lw - 250) > 2 * (250 - lx)  # face on the left, flank runs off right
    assert left.cut_off_sides == []


def test_anchor_box_reports_a_vehicle_running_out_of_the_frame():
    rgb = np.full((600, 880, 3), 128, np.uint8)
    region = locate_vehicle(rgb, S, plates=[_plate(440, 380, 90)])
    assert {"left", "right", "top"} <= set(region.cut_off_sides)
    f = {x.code: x for x in judge_vehicle(region, (880, 600), S)}
    assert f["vehicle_cut_off"].status is Status.FAIL


# --- the bundled sample case: a car with a ground shadow and a narrow margin -------------

def test_sample_case_picture_is_not_cut_off_and_shadow_is_not_vehicle():
    # the same parameters as devkit/synth/sample_case.py
    rgb, truth = render_car_photo(azimuth_deg=45.0, body_color="white", plate=None,
                                  fill=0.60, size=(1320, 900), background="street", seed=11)
    region, f = _judge(rgb)
    assert f["vehicle_cut_off"].status is Status.PASS, region.cut_off_sides
    assert abs(region.fill_bbox - truth["fill"]) <= 0.07
    # the bottom of the box is the tyre contact line, not the end of the cast shadow
    tx, ty, tw, th = truth["vehicle_box"]
    x, y, w, h = region.box
    assert abs((y + h) - (ty + th)) <= 0.04 * th
    assert abs(x - tx) <= 0.03 * tw and abs((x + w) - (tx + tw)) <= 0.03 * tw
