"""Photo orchestration (check_photo / check_photo_file) and ``vincheck photo``."""

from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from devkit.synth.car_photo import render_car_photo
from devkit.synth.photo_print import render_print_scan, save_scan
from vincheck.cancel import CancelToken
from vincheck.cli import main
from vincheck.errors import Cancelled, UsageError
from vincheck.findings import Shape, Status
from vincheck.imageio import from_array
from vincheck.photo import CODE_ORDER, check_photo, check_photo_file, map_shape
from vincheck.settings import Settings

ALL_CODES = {"size", "corner_radius", "aspect", "plate_visible", "fill_ratio",
             "vehicle_cut_off", "angle", "blurry", "exposure", "color_mismatch"}


@pytest.fixture(scope="module")
def car_rgb() -> np.ndarray:
    rgb, _ = render_car_photo(body_color="red", seed=4, size=(1040, 709), fill=0.6)
    return rgb


@pytest.fixture(scope="module")
def files(tmp_path_factory, car_rgb):
    d = tmp_path_factory.mktemp("photos")
    scan, truth = render_print_scan(car_rgb, angle_deg=4.0, seed=3)
    save_scan(scan, d / "scan.png")
    Image.fromarray(car_rgb).save(d / "digital.png")
    Image.fromarray(car_rgb[:, :946]).save(d / "digital_4x3.png")  # 946:709 = 4:3
    (d / "broken.png").write_bytes(b"\x89PNG\r\n\x1a\n not really")
    return d, truth


@pytest.fixture(scope="module")
def scan_result(files):
    d, _ = files
    return check_photo_file(d / "scan.png", Settings(), color="红")[0]


def test_scan_result_fills_every_field(scan_result, files):
    _, truth = files
    r = scan_result
    assert r.is_scan and r.dpi == pytest.approx(300)
    codes = [f.code for f in r.findings]
    assert set(codes) >= ALL_CODES - {"aspect"}
    assert codes == sorted(codes, key=CODE_ORDER.index)  # checklist order
    assert abs(r.width_mm - 88) < 0.15 and abs(r.height_mm - 60) < 0.15
    assert all(abs(x - 4.0) < 0.1 for x in r.corner_radii_mm)
    assert r.color == "红" and r.color_confidence > 0.3
    assert r.view and r.azimuth_deg is not None and r.fill_ratio is not None
    assert r.ms > 0
    # picture box = the print outline in the scan's pixels
    pb = np.array(r.picture_box).reshape(4, 2)
    assert np.max(np.linalg.norm(pb - np.array(truth["corners_px"]), axis=1)) < 1.0


def test_scan_evidence_is_in_the_scan_frame(scan_result, files):
    _, truth = files
    x, y, w, h = scan_result.vehicle_box
    pb = np.array(scan_result.picture_box).reshape(4, 2)
    # the vehicle lies inside the print, not at the picture's own origin
    assert pb[:, 0].min() - 2 <= x and x + w <= pb[:, 0].max() + 2
    assert pb[:, 1].min() - 2 <= y and y + h <= pb[:, 1].max() + 2
    fill = next(f for f in scan_result.findings if f.code == "fill_ratio")
    assert fill.evidence and fill.evidence[0].kind == "polygon"  # rotated box
    coords = np.array(fill.evidence[0].coords).reshape(-1, 2)
    assert coords[:, 0].min() > pb[:, 0].min() - 2


def test_map_shape_translation_and_rotation():
    shift = np.array([[1.0, 0.0, 10.0], [0.0, 1.0, 20.0]])
    assert map_shape(Shape.box(1, 2, 3, 4), shift).coords == (11, 22, 3, 4)
    c, s = np.cos(np.pi / 2), np.sin(np.pi / 2)
    rot = np.array([[c, -s, 0.0], [s, c, 0.0]])
    m = map_shape(Shape.box(0, 0, 2, 1), rot)
    assert m.kind == "polygon"
    assert np.allclose(np.array(m.coords).reshape(4, 2)[2], [-1, 2])
    assert map_shape(Shape("circle", (1, 0, 5)), rot).coords[2] == 5


def test_map_shape_scale_keeps_boxes_and_scales_radii():
    half = np.array([[2.5, 0.0, 10.0], [0.0, 2.5, 0.0]])  # a work copy at 1/2.5 size
    m = map_shape(Shape.box(4, 2, 10, 6), half)
    assert m.kind == "box" and m.coords == pytest.approx((20, 5, 25, 15))
    assert map_shape(Shape("circle", (0, 0, 4)), half).coords == pytest.approx((10, 0, 10))


def test_a_large_picture_is_checked_on_a_smaller_copy(monkeypatch, car_rgb):
    """Above ``PICTURE_WORK_PIXELS`` the rules run on a scaled copy; their answers and the
    evidence, mapped back to the loaded picture, match the full-size check."""
    import vincheck.photo as photo

    full = check_photo(from_array(car_rgb), Settings())
    monkeypatch.setattr(photo, "PICTURE_WORK_PIXELS", car_rgb.shape[0] * car_rgb.shape[1] // 4)
    half = check_photo(from_array(car_rgb), Settings())
    w = car_rgb.shape[1]
    assert np.allclose(half.vehicle_box, full.vehicle_box, atol=0.02 * w)
    assert half.fill_ratio == pytest.approx(full.fill_ratio, abs=0.02)
    assert half.view == full.view and half.color == full.color
    assert {f.code: f.status for f in half.findings} == {f.code: f.status for f in full.findings}
    fill = next(f for f in half.findings if f.code == "fill_ratio")
    assert fill.evidence[0].kind == "box"
    assert np.allclose(fill.evidence[0].coords, half.vehicle_box, atol=1.0)



def test_digital_results(files):
    d, _ = files
    good = check_photo_file(d / "digital.png", Settings())[0]
    f = {x.code: x for x in good.findings}
    assert not good.is_scan
    assert f["aspect"].status is Status.PASS
    assert f["size"].status is Status.SKIPPED and f["corner_radius"].status is Status.SKIPPED
    assert f["color_mismatch"].status is Status.PASS  # no expected colour: informative
    assert good.width_mm is None and "width_mm" not in good.to_dict()
    bad = check_photo_file(d / "digital_4x3.png", Settings(), color="blue")[0]
    f = {x.code: x for x in bad.findings}
    assert f["aspect"].status is Status.FAIL
    # a colour unlike the papers goes to a person by default, and fails when set to
    assert f["color_mismatch"].status is Status.REVIEW
    assert "aspect" in bad.reasons and "color_mismatch" in bad.reasons
    strict = Settings()
    strict.photo.color_mismatch_fails = True
    again = check_photo_file(d / "digital_4x3.png", strict, color="blue")[0]
    assert {x.code: x for x in again.findings}["color_mismatch"].status is Status.FAIL


def test_black_and_white_photo_file_and_grey_scan(tmp_path, car_rgb):
    """A black-and-white file fails ``color_mismatch`` (Annex 1: a colour photo), whatever
    colour the papers give; a scan of one goes to review (the scanner may be set to grey)."""
    grey = np.repeat(np.asarray(Image.fromarray(car_rgb).convert("L"))[..., None], 3, axis=2)
    Image.fromarray(grey).convert("L").save(tmp_path / "bw.png")  # a grey-mode file
    res = check_photo_file(tmp_path / "bw.png", Settings(), color="红")[0]
    f = {x.code: x for x in res.findings}
    assert f["color_mismatch"].status is Status.FAIL and res.color is None
    assert "color_mismatch" in res.reasons and res.verdict.name == "FAIL"
    scan, _ = render_print_scan(grey, angle_deg=2.0, seed=5)
    save_scan(scan, tmp_path / "bw_scan.png")
    res = check_photo_file(tmp_path / "bw_scan.png", Settings(), color="红")[0]
    f = {x.code: x for x in res.findings}
    assert res.is_scan and f["color_mismatch"].status is Status.REVIEW
    assert "scan it again in colour" in f["color_mismatch"].message


def test_cancel_stops_the_check(car_rgb):
    token = CancelToken()
    token.cancel()
    with pytest.raises(Cancelled):
        check_photo(from_array(car_rgb), Settings(), cancel=token)


def test_cancel_between_stages(car_rgb):
    class CancelAfter:
        def __init__(self, n: int) -> None:
            self.n = n

        def check(self) -> None:
            self.n -= 1
            if self.n < 0:
                raise Cancelled("the check was cancelled")

    with pytest.raises(Cancelled):
        check_photo(from_array(car_rgb), Settings(), cancel=CancelAfter(2))


def test_bad_kind_and_colour(car_rgb):
    with pytest.raises(UsageError):
        check_photo(from_array(car_rgb), Settings(), kind="bus")
    with pytest.raises(UsageError):
        check_photo(from_array(car_rgb), Settings(), color="silver")


def test_cli_json_lines_and_exit_codes(files, capsys):
    d, _ = files
    code = main(["photo", str(d / "scan.png"), "--json", "--color", "red"])
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1
    rec = json.loads(out[0])
    for key in ("file", "verdict", "reasons", "findings", "view", "azimuth_deg", "fill_ratio",
                "vehicle_box", "plates", "color", "ms", "width_mm", "height_mm",
                "corner_radii_mm"):
        assert key in rec
    for f in rec["findings"]:
        assert {"code", "passed", "measured", "limit", "message", "evidence"} <= set(f)
    assert rec["color"] == "红"
    assert code == (0 if rec["verdict"] == "pass" else 1)


def test_cli_fail_gives_1(files, capsys):
    d, _ = files
    assert main(["photo", str(d / "digital_4x3.png")]) == 1
    out = capsys.readouterr().out
    assert "aspect" in out and "FAIL" in out


def test_cli_bad_file_continues_and_gives_2(files, capsys):
    d, _ = files
    code = main(["photo", str(d / "broken.png"), str(d / "digital_4x3.png"), "--json"])
    cap = capsys.readouterr()
    lines = [json.loads(x) for x in cap.out.strip().splitlines()]
    assert code == 2
    assert lines[0]["verdict"] == "error" and "broken.png" in lines[0]["file"]
    assert lines[1]["file"].endswith("digital_4x3.png")  # the next file was still checked
    assert "broken.png" in cap.err


def test_cli_usage_errors(files, capsys):
    d, _ = files
    assert main(["photo", str(d / "digital.png"), "--color", "silver"]) == 2
    assert "unknown colour" in capsys.readouterr().err
    assert main(["photo", str(d / "missing.png")]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["photo", str(d / "digital.png"), "--kind", "bus"])
    assert exc.value.code == 2


def test_cli_dpi_override(files, capsys):
    d, _ = files
    main(["photo", str(d / "scan.png"), "--json", "--dpi", "600"])
    rec = json.loads(capsys.readouterr().out.strip())
    # at a wrongly claimed 600 dpi the print measures half size and fails
    assert rec["width_mm"] == pytest.approx(44.0, abs=0.2)
    size = next(f for f in rec["findings"] if f["code"] == "size")
    assert size["status"] == "fail"
