"""Body colour named in the ten registration colours, and ``color_mismatch``."""

from __future__ import annotations

import numpy as np
import pytest

from devkit.synth.car_photo import render_car_photo
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


def test_a_large_picture_is_read_on_a_smaller_copy(monkeypatch):
    """Above ``WORK_PIXELS`` the colour is read on a scaled copy; the region it reports is
    still in the input's px."""
    from vincheck.photo import color

    rgb, _truth = render_car_photo(body_color="blue", seed=7, background="street",
                                   azimuth_deg=40)
    region = locate_vehicle(rgb, S)
    full = measure_body_color(rgb, region.mask, region.box)
    monkeypatch.setattr(color, "WORK_PIXELS", rgb.shape[0] * rgb.shape[1] // 6)
    small = measure_body_color(rgb, region.mask, region.box)
    assert small.name == full.name == "蓝" and small.source == full.source == "mask"
    assert np.allclose(small.region, full.region, atol=0.02 * rgb.shape[1])


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


# --- a black-and-white picture: Annex 1 asks for a colour photo -------------------------

def _black_and_white(rgb: np.ndarray, cast=(0, 0, 0), noise: float = 0.0,
                     seed: int = 0) -> np.ndarray:
    g = (0.299 * rgb[..., 0] + 0.587 * rgb[..., 1] + 0.114 * rgb[..., 2])[..., None]
    n = np.random.default_rng(seed).normal(0.0, noise, rgb.shape) if noise else 0.0
    return np.clip(g + np.asarray(cast, float) + n, 0, 255).astype(np.uint8)


def test_a_black_and_white_picture_has_no_colour_to_read():
    import cv2

    from vincheck.photo.color import is_greyscale

    rgb, truth = render_car_photo(body_color="red", seed=3, background="street")
    assert not is_greyscale(rgb)
    bw = _black_and_white(rgb)
    # also as a colour-mode scan of a black-and-white print (paper cast, channel noise)
    # and after JPEG
    tinted = _black_and_white(rgb, cast=(10, 3, -8), noise=4.0)
    ok, buf = cv2.imencode(".jpg", cv2.cvtColor(bw, cv2.COLOR_RGB2BGR),
                           [cv2.IMWRITE_JPEG_QUALITY, 80])
    jpeg = cv2.cvtColor(cv2.imdecode(buf, cv2.IMREAD_COLOR), cv2.COLOR_BGR2RGB)
    for picture in (bw, tinted, jpeg):
        assert is_greyscale(picture)
        c = measure_body_color(picture, None, truth["vehicle_box"])
        assert c.greyscale and c.name is None
    # one small coloured thing (a red lamp, 1 % of the picture) is colour
    spot = bw.copy()
    h, w = spot.shape[:2]
    spot[h // 2:h // 2 + h // 10, w // 2:w // 2 + w // 10] = (200, 30, 30)
    assert not is_greyscale(spot)


def test_a_black_and_white_photo_fails_and_a_grey_scan_goes_to_review():
    rgb, truth = render_car_photo(body_color="white", seed=3)
    c = measure_body_color(_black_and_white(rgb), None, truth["vehicle_box"])
    digital = judge_color(c, "白", S)
    assert digital.status is Status.FAIL and "black-and-white" in digital.message
    assert digital.details["greyscale"] is True and digital.measured is None
    assert judge_color(c, None, S).status is Status.FAIL  # with or without a colour given
    scanned = judge_color(c, "白", S, scanned=True)
    assert scanned.status is Status.REVIEW and "scan it again in colour" in scanned.message
    # the same photo in colour is judged on its colour
    assert judge_color(measure_body_color(rgb, None, truth["vehicle_box"]), "白",
                       S).status is Status.PASS
