"""Body colour named in the ten registration colours, and ``color_mismatch``."""

from __future__ import annotations

import numpy as np
import pytest

from tests.synth.car_photo import render_car_photo
from vincheck.errors import UsageError
from vincheck.findings import Status
from vincheck.photo.color import (
    COLOR_NAMES,
    judge_color,
    measure_body_color,
    normalize_color_name,
)
from vincheck.photo.vehicle import locate_vehicle
from vincheck.settings import PhotoSettings

S = PhotoSettings()
CASES = [("white", "白"), ("grey", "灰"), ("yellow", "黄"), ("pink", "粉"), ("red", "红"),
         ("purple", "紫"), ("green", "绿"), ("blue", "蓝"), ("brown", "棕"), ("black", "黑")]


@pytest.mark.parametrize("paint,name", CASES)
def test_car_body_colour_is_named(paint, name):
    rgb, truth = render_car_photo(body_color=paint, seed=7, background="street",
                                  azimuth_deg=40)
    region = locate_vehicle(rgb, S)
    c = measure_body_color(rgb, None if region is None else region.mask,
                           None if region is None else region.box)
    assert c.name == name, (paint, c.scores)
    assert c.confidence >= 0.3
    # on the true box alone (no mask) too
    c2 = measure_body_color(rgb, None, truth["vehicle_box"])
    assert c2.name == name, (paint, c2.scores)


FAILING = PhotoSettings(color_mismatch_fails=True)


def test_red_car_against_blue_is_a_mismatch():
    """By default a difference goes to a person (the reading is right on only about a third
    of real photos); with ``color_mismatch_fails`` a sure difference fails."""
    rgb, truth = render_car_photo(body_color="red", seed=2, background="plain")
    c = measure_body_color(rgb, None, truth["vehicle_box"])
    assert c.name == "红"
    f = judge_color(c, normalize_color_name("蓝"), S)
    assert f.code == "color_mismatch" and f.status is Status.REVIEW
    assert f.measured == "红" and f.limit == "蓝" and "check by eye" in f.message
    failing = judge_color(c, normalize_color_name("蓝"), FAILING)
    assert failing.status is Status.FAIL and "check by eye" not in failing.message
    for settings in (S, FAILING):
        assert judge_color(c, normalize_color_name("red"), settings).status is Status.PASS


def test_without_expected_colour_is_informative_pass():
    rgb, truth = render_car_photo(body_color="green", seed=1)
    f = judge_color(measure_body_color(rgb, None, truth["vehicle_box"]), None, S)
    assert f.status is Status.PASS and f.measured == "绿" and "绿" in f.message


def test_low_confidence_difference_is_review():
    rgb, truth = render_car_photo(body_color="red", seed=2)
    c = measure_body_color(rgb, None, truth["vehicle_box"])
    strict = PhotoSettings(color_mismatch_fails=True, min_color_confidence=c.confidence + 0.01)
    assert judge_color(c, "蓝", strict).status is Status.REVIEW


def test_centre_region_used_without_locator():
    rgb = np.full((400, 600, 3), 200, np.uint8)
    rgb[120:320, 150:450] = (30, 70, 170)
    c = measure_body_color(rgb)
    assert c.name == "蓝" and c.source == "centre"


@pytest.mark.parametrize("text,name", [("蓝", "蓝"), ("蓝色", "蓝"), ("Blue", "蓝"),
                                       ("gray", "灰"), ("grey", "灰"), (" white ", "白"),
                                       ("BROWN", "棕"), ("紅", "红")])
def test_colour_names_accepted(text, name):
    assert normalize_color_name(text) == name


def test_every_registration_name_round_trips():
    for n in COLOR_NAMES:
        assert normalize_color_name(n) == n


@pytest.mark.parametrize("bad", ["silver", "orange", "", "xyz"])
def test_unknown_colour_is_a_usage_error(bad):
    with pytest.raises(UsageError):
        normalize_color_name(bad)
