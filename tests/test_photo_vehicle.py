"""fill_ratio and vehicle_cut_off on synthetic car photos."""

from __future__ import annotations

import numpy as np
import pytest

from tests.synth.car_photo import render_car_photo
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
