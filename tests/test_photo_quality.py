"""Sharpness (``blurry``) and exposure (``exposure``) of the photo."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from devkit.synth.car_photo import render_car_photo
from devkit.synth.photo_print import textured_picture
from vincheck.findings import Status
from vincheck.photo.quality import edge_blur, judge_quality, measure_quality
from vincheck.settings import PhotoSettings

S = PhotoSettings()


@pytest.fixture(scope="module")
def car() -> np.ndarray:
    rgb, _ = render_car_photo(body_color="red", seed=3)
    return rgb


def _codes(rgb):
    return {f.code: f for f in judge_quality(measure_quality(rgb, S), S)}


@pytest.mark.parametrize("which", ["car", "textured"])
def test_sharp_passes_and_heavily_blurred_fails(car, which):
    rgb = car if which == "car" else textured_picture(seed=2)
    sharp = _codes(rgb)
    assert sharp["blurry"].status is Status.PASS
    blurred = _codes(cv2.GaussianBlur(rgb, (0, 0), 4.0))
    assert blurred["blurry"].status is Status.FAIL
    assert blurred["blurry"].measured > sharp["blurry"].measured


def test_edge_blur_tracks_gaussian_sigma():
    # a clean step edge blurred by a known sigma: the estimate follows it (sqrt of the
    # sum of squares with the 0.6 px pre-smoothing and the pixel's own ~0.6 px)
    img = np.zeros((200, 200), np.float32)
    img[:, 100:] = 200.0
    img = cv2.warpAffine(img, cv2.getRotationMatrix2D((100, 100), 20, 1.0), (200, 200),
                         borderMode=cv2.BORDER_REPLICATE)
    est = []
    for sigma in (1.0, 2.0, 3.0):
        b, n = edge_blur(cv2.GaussianBlur(img, (0, 0), sigma))
        assert n >= 50
        est.append(b)
        assert b == pytest.approx(np.sqrt(sigma**2 + 0.6**2 + 0.36), abs=0.4)
    assert est[0] < est[1] < est[2]


def test_blur_measure_is_not_fooled_by_noise(car):
    rng = np.random.default_rng(0)
    blurred = cv2.GaussianBlur(car, (0, 0), 4.0).astype(float)
    noisy = np.clip(blurred + rng.normal(0, 4, blurred.shape), 0, 255).astype(np.uint8)
    assert _codes(noisy)["blurry"].status is Status.FAIL


def test_flat_picture_goes_to_review():
    f = _codes(np.full((300, 400, 3), 120, np.uint8))
    assert f["blurry"].status is Status.REVIEW


def test_black_and_blown_out_fail_exposure(car):
    assert _codes(car)["exposure"].status is Status.PASS
    dark = (car.astype(float) * 0.08).astype(np.uint8)
    f = _codes(dark)["exposure"]
    assert f.status is Status.FAIL and "dark" in f.message
    bright = np.clip(car.astype(float) * 3.0 + 60, 0, 255).astype(np.uint8)
    f = _codes(bright)["exposure"]
    assert f.status is Status.FAIL and "blown-out" in f.message
    black = np.zeros_like(car)
    assert _codes(black)["exposure"].status is Status.FAIL


def test_sharpness_independent_of_picture_size(car):
    big = cv2.resize(car, (car.shape[1] * 3, car.shape[0] * 3), interpolation=cv2.INTER_CUBIC)
    a = measure_quality(car, S).edge_blur_px
    b = measure_quality(big, S).edge_blur_px
    assert abs(a - b) < 0.5


# --- exposure is judged on the vehicle: what lies round it does not fail the photo --------

@pytest.fixture(scope="module")
def small_car():
    """A car filling about a third of the picture, and its box (x, y, w, h px)."""
    rgb, truth = render_car_photo(body_color="blue", seed=5, fill=0.33, background="plain")
    return rgb, tuple(float(v) for v in truth["vehicle_box"])


def _exposure(rgb, box=None):
    return [f for f in judge_quality(measure_quality(rgb, S, box), S)
            if f.code == "exposure"][0]


def test_bright_sky_and_black_bands_round_the_vehicle_do_not_fail(small_car):
    rgb, box = small_car
    x, y, w, h = (int(v) for v in box)
    sky = rgb.copy()
    sky[:y] = 255  # burnt-out sky above the vehicle
    bands = rgb.copy()
    bands[: rgb.shape[0] // 7] = 0  # letterbox bands
    bands[-(rgb.shape[0] // 7):] = 0
    for picture, key in ((sky, "picture_clipped_high"), (bands, "picture_clipped_low")):
        on_vehicle = _exposure(picture, box)
        assert on_vehicle.status is Status.PASS, on_vehicle.message
        assert on_vehicle.details[key] > S.max_clipped_share  # the picture's own share
        assert on_vehicle.details["clipping_measured_on"] == "vehicle"
        assert on_vehicle.evidence and on_vehicle.evidence[0].coords[:2] == (x, y)
        # without a vehicle box the whole picture counts, as before
        assert _exposure(picture).status is Status.FAIL


def test_a_burnt_out_body_fails_even_when_the_picture_is_mostly_fine(small_car):
    rgb, box = small_car
    x, y, w, h = (int(v) for v in box)
    burnt = rgb.copy()
    burnt[y + h // 4:y + h // 4 + h // 5, x:x + w] = 255  # a fifth of the body blown out
    assert _exposure(burnt).status is Status.PASS  # under 8 % of the whole picture
    f = _exposure(burnt, box)
    assert f.status is Status.FAIL and "on the vehicle" in f.message
    assert f.measured["clipped_high"] > S.max_clipped_share


def test_the_shadow_under_the_vehicle_does_not_count(small_car):
    rgb, box = small_car
    x, y, w, h = (int(v) for v in box)
    shadow = rgb.copy()
    shadow[y + int(0.87 * h):y + h, x:x + w] = 0  # black shadow and tyres at the bottom
    assert _exposure(shadow, box).status is Status.PASS


def test_a_failing_exposure_outlines_the_burnt_out_areas(small_car):
    rgb, box = small_car
    x, y, w, h = (int(v) for v in box)
    burnt = rgb.copy()
    y0, y1, x0, x1 = y + h // 4, y + h // 4 + h // 5, x + w // 5, x + 4 * w // 5
    burnt[y0:y1, x0:x1] = 255
    f = _exposure(burnt, box)
    assert f.status is Status.FAIL
    areas = [e for e in f.evidence if e.kind == "polygon"]
    assert areas and areas[0].label == "blown out" and all(not a.label for a in areas[1:])
    pts = np.asarray(areas[0].coords).reshape(-1, 2)
    # the outline follows the burnt-out patch (picture px, a few px of rounding)
    assert abs(pts[:, 0].min() - x0) <= 4 and abs(pts[:, 0].max() - (x1 - 1)) <= 4
    assert abs(pts[:, 1].min() - y0) <= 4 and abs(pts[:, 1].max() - (y1 - 1)) <= 4
    # a photo that passes draws no clipped areas, only where it was measured
    ok = _exposure(rgb, box)
    assert ok.status is Status.PASS and [e.kind for e in ok.evidence] == ["box"]
