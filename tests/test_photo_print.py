"""Print format: size, corner radius and aspect, on generated scans with exact geometry."""

from __future__ import annotations

import numpy as np
import pytest

from devkit.synth.photo_print import render_print_scan, save_scan, textured_picture
from vincheck.findings import Status
from vincheck.imageio import from_array, load_image
from vincheck.photo.print_format import (
    aspect_window,
    find_print_outline,
    judge_print,
    measure_print,
)
from vincheck.settings import PhotoSettings

S = PhotoSettings()


@pytest.fixture(scope="module")
def picture() -> np.ndarray:
    return textured_picture(880, 600, seed=11)


def _scan(picture, **kw):
    im, truth = render_print_scan(picture, **kw)
    return np.asarray(im), truth


def _by_code(findings):
    return {f.code: f for f in findings}


@pytest.mark.parametrize("angle,bed", [(0.0, "white"), (4.5, "grey"), (-9.5, "white"),
                                       (9.8, "grey")])
def test_size_and_radius_match_generator_truth_at_rotations(picture, angle, bed):
    rgb, truth = _scan(picture, angle_deg=angle, bed=bed, width_mm=88.3, height_mm=59.8,
                       radius_mm=3.95, noise=3.0, blur=1.0, seed=int(angle * 10) % 7)
    m = measure_print(rgb, truth["dpi"], S)
    assert m.is_scan
    assert abs(m.width_mm - truth["width_mm"]) < 0.15
    assert abs(m.height_mm - truth["height_mm"]) < 0.15
    for r in m.corner_radii_mm:
        assert r is not None and abs(r - truth["radius_mm"]) < 0.1
    assert abs(m.geometry.angle_deg - angle) < 0.1
    # the fitted sharp corners are where the generator put them (px)
    got = np.array(m.geometry.corners)
    want = np.array(truth["corners_px"])
    assert np.max(np.linalg.norm(got - want, axis=1)) < 1.0


def test_nominal_print_passes_size_and_radius(picture):
    rgb, truth = _scan(picture, angle_deg=2.0, seed=1)
    f = _by_code(judge_print(measure_print(rgb, 300, S), (rgb.shape[1], rgb.shape[0]), S))
    assert f["size"].status is Status.PASS
    assert f["corner_radius"].status is Status.PASS
    assert "aspect" not in f  # a measured scan is judged by its size


@pytest.mark.parametrize("w,h", [(89.0, 60.0), (88.0, 59.0), (87.0, 60.0)])
def test_size_off_by_1mm_fails(picture, w, h):
    rgb, _ = _scan(picture, width_mm=w, height_mm=h, angle_deg=-3.0, seed=2)
    f = _by_code(judge_print(measure_print(rgb, 300, S), (rgb.shape[1], rgb.shape[0]), S))
    assert f["size"].status is Status.FAIL
    assert f["size"].measured["width"] == pytest.approx(w, abs=0.15)
    assert f["size"].measured["height"] == pytest.approx(h, abs=0.15)


def test_radius_3_7_fails_and_4_0_passes(picture):
    rgb, _ = _scan(picture, radius_mm=3.7, angle_deg=5.0, seed=3)
    f = _by_code(judge_print(measure_print(rgb, 300, S), (rgb.shape[1], rgb.shape[0]), S))
    assert f["corner_radius"].status is Status.FAIL
    assert all(abs(r - 3.7) < 0.1 for r in f["corner_radius"].measured)
    assert f["size"].status is Status.PASS
    rgb, _ = _scan(picture, radius_mm=4.0, angle_deg=5.0, seed=3)
    f = _by_code(judge_print(measure_print(rgb, 300, S), (rgb.shape[1], rgb.shape[0]), S))
    assert f["corner_radius"].status is Status.PASS


def test_scan_without_dpi_skips_size_and_radius_but_checks_aspect(picture, tmp_path):
    im, _ = render_print_scan(picture, angle_deg=1.0, seed=4)
    path = tmp_path / "nodpi.png"
    im.save(path)  # no dpi written
    img = load_image(path)
    assert img.dpi is None
    m = measure_print(img.rgb, img.dpi, S)
    assert m.is_scan and m.width_mm is None
    f = _by_code(judge_print(m, (img.width, img.height), S))
    assert f["size"].status is Status.SKIPPED and "DPI unknown" in f["size"].message
    assert f["corner_radius"].status is Status.SKIPPED
    assert "DPI unknown" in f["corner_radius"].message
    assert f["aspect"].status is Status.PASS


def test_dpi_from_file_is_used(picture, tmp_path):
    im, truth = render_print_scan(picture, dpi=200, angle_deg=-2.0, seed=5)
    img = load_image(save_scan(im, tmp_path / "s200.png"))
    assert img.dpi == pytest.approx(200)
    m = measure_print(img.rgb, img.dpi, S)
    assert abs(m.width_mm - 88.0) < 0.2 and abs(m.height_mm - 60.0) < 0.2


def test_digital_file_aspect_4_3_fails_and_88_60_passes(picture):
    import cv2

    for (w, h), want in (((800, 600), Status.FAIL), ((880, 600), Status.PASS),
                         ((600, 880), Status.PASS)):
        rgb = cv2.resize(picture, (w, h))
        m = measure_print(rgb, None, S)
        assert not m.is_scan
        f = _by_code(judge_print(m, (w, h), S))
        assert f["aspect"].status is want, (w, h)
        assert f["size"].status is Status.SKIPPED and "digital file" in f["size"].message
        assert f["corner_radius"].status is Status.SKIPPED


def test_aspect_window_follows_mm_tolerances():
    nominal, lo, hi = aspect_window(S)
    assert nominal == pytest.approx(88 / 60)
    assert lo == pytest.approx(87.5 / 60.5) and hi == pytest.approx(88.5 / 59.5)


def test_digital_photo_on_plain_background_is_not_a_scan():
    # a photo with a uniform light background but an object that is not print-shaped
    import cv2

    rgb = np.full((600, 880, 3), 240, np.uint8)
    cv2.ellipse(rgb, (440, 330), (300, 150), 0, 0, 360, (180, 30, 30), -1)
    cv2.circle(rgb, (300, 450), 60, (20, 20, 20), -1)
    assert find_print_outline(rgb) is None


def test_picture_crop_is_deskewed_and_maps_back(picture):
    rgb, truth = _scan(picture, angle_deg=7.0, seed=6)
    m = measure_print(rgb, 300, S)
    ph, pw = m.picture.shape[:2]
    assert 1039 - 20 < pw <= 1039 and 709 - 20 < ph <= 709  # inset a little from the edge
    # the picture's centre maps back to the print centre in the scan
    centre = m.to_image[:, :2] @ np.array([pw / 2, ph / 2]) + m.to_image[:, 2]
    assert np.linalg.norm(centre - np.array(truth["center_px"])) < 2.0
    # the crop shows the picture, not the bed: compare with the source picture resized
    import cv2

    src = cv2.resize(picture, (pw, ph), interpolation=cv2.INTER_AREA).astype(float)
    diff = np.abs(cv2.GaussianBlur(m.picture, (0, 0), 2).astype(float)
                  - cv2.GaussianBlur(src.astype(np.uint8), (0, 0), 2))
    assert np.median(diff) < 12


def test_inputs_are_not_modified(picture):
    rgb, _ = _scan(picture, seed=7)
    before = rgb.copy()
    measure_print(rgb, 300, S)
    assert np.array_equal(rgb, before)


def test_from_array_scan(picture):
    rgb, _ = _scan(picture, angle_deg=-1.0, seed=8)
    img = from_array(rgb, dpi=300)
    m = measure_print(img.rgb, img.dpi, S)
    assert m.is_scan and abs(m.width_mm - 88) < 0.15
