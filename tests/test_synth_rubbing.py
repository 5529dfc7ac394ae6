"""Tests of the synthetic VIN-rubbing sheet generator (devkit/synth/rubbing.py)."""

from __future__ import annotations

import copy
import json
import math

import numpy as np
import pytest
from PIL import Image

from devkit.synth.rubbing import (
    DEFECTS,
    FONTS,
    SheetSpec,
    StripSpec,
    main,
    random_sheet_spec,
    render_sheet,
    write_dataset,
)
from devkit.synth.rubbing_vin import check_digit, random_vin

DPI = 200  # keeps the renders fast; the 300/600 dpi paths are covered separately


def _gray(img: Image.Image) -> np.ndarray:
    return np.asarray(img.convert("L"), np.float64)


def _poly_mask(shape: tuple[int, int], pts: list[list[float]]) -> np.ndarray:
    import cv2

    m = np.zeros(shape, np.uint8)
    cv2.fillPoly(m, [np.round(np.array(pts) * 16).astype(np.int32)], 1, shift=4)
    return m.astype(bool)


def _char_vs_tape(gray: np.ndarray, strip: dict, pct: float = 80) -> tuple[float, float]:
    """Grey of the stamped strokes (80th percentile inside the char boxes: a box is
    partly stroke, partly tape) and the median grey of the tape band around the line."""
    inside = np.zeros(gray.shape, bool)
    for box in strip["char_boxes"]:
        inside |= _poly_mask(gray.shape, box)
    tape = _poly_mask(gray.shape, strip["corners"])
    # the band of the text line, expanded by 1 char height above and below
    c = np.array(strip["char_boxes"])
    top = c[:, [0, 1]].mean(axis=(0, 1))
    bottom = c[:, [2, 3]].mean(axis=(0, 1))
    v = bottom - top
    first, last = c[0], c[-1]
    band = [first[0] - v, last[1] - v, last[2] + v, first[3] + v]
    around = tape & _poly_mask(gray.shape, [list(p) for p in band]) & ~inside
    return float(np.percentile(gray[inside], pct)), float(np.percentile(gray[around], 50))


def _box_heights_mm(strip: dict, dpi: int) -> np.ndarray:
    c = np.array(strip["char_boxes"])
    return np.linalg.norm(c[:, 3] - c[:, 0], axis=1) / (dpi / 25.4)


@pytest.fixture(scope="module")
def sheets() -> dict:
    """One rendered sheet per defect (and a clean one), plus the same spec without defect."""
    out = {}
    for i, defect in enumerate((None, *DEFECTS)):
        spec = random_sheet_spec(np.random.default_rng(100 + i), dpi=DPI, defect=defect)
        img, truth = render_sheet(spec)
        base = copy.deepcopy(spec)
        for s in base.strips:
            s.defects = {}
            s.vin = spec.strips[0].vin if defect == "copies_differ" else s.vin
        out[defect] = (spec, img, truth, base)
    return out


def test_check_digit_rule_on_known_vins() -> None:
    # SAL1A2A40SA606662: real engraved VIN (corpus); 1M8GDM9AXKP042788: textbook example
    assert check_digit("SAL1A2A40SA606662") == "0"
    assert check_digit("1M8GDM9AXKP042788") == "X"
    rng = np.random.default_rng(5)
    for _ in range(20):
        v = random_vin(rng)
        assert len(v) == 17 and not set(v) & set("IOQ") and v[9] not in "UZ0"
        assert v[8] == check_digit(v)


def test_same_seed_same_sheet() -> None:
    a = random_sheet_spec(np.random.default_rng(7), dpi=DPI, defect="shifted")
    b = random_sheet_spec(np.random.default_rng(7), dpi=DPI, defect="shifted")
    assert a == b
    img_a, truth_a = render_sheet(a)
    img_b, truth_b = render_sheet(b)
    assert truth_a == truth_b
    assert np.array_equal(np.asarray(img_a), np.asarray(img_b))
    c = random_sheet_spec(np.random.default_rng(8), dpi=DPI, defect="shifted")
    assert not np.array_equal(np.asarray(render_sheet(c)[0]), np.asarray(img_a))


def test_clean_sheet_truth_matches_pixels(sheets: dict) -> None:
    spec, img, truth, _ = sheets[None]
    assert img.info["dpi"] == (DPI, DPI)
    assert truth["dpi"] == DPI and list(img.size) == truth["size_px"]
    assert truth["expected_reasons"] == [] and truth["all_reasons"] == []
    gray = _gray(img)
    paper = float(np.median(gray))
    for st in truth["strips"]:
        assert st["visible_text"] == st["vin"] and len(st["char_boxes"]) == 17
        assert st["start_box"] is not None and st["end_box"] is not None
        tape = gray[_poly_mask(gray.shape, st["corners"])]
        assert np.percentile(tape, 25) < paper - 60  # a dark graphite strip
        light, dark = _char_vs_tape(gray, st)
        assert light > dark + 40  # recessed characters stay light
        assert np.all(_box_heights_mm(st, DPI) >= 7.0)


@pytest.mark.parametrize("angle", [-14.0, -3.5, 0.0, 9.0, 15.0])
def test_angle_recovered_from_corners(angle: float) -> None:
    strip = StripSpec(vin="LSVAU218XN2183294", font="dot_matrix", angle_deg=angle,
                      center_mm=(105.0, 74.0))
    _, truth = render_sheet(SheetSpec(strips=[strip], dpi=DPI, seed=3))
    (x0, y0), (x1, y1) = truth["strips"][0]["corners"][:2]
    assert math.degrees(math.atan2(-(y1 - y0), x1 - x0)) == pytest.approx(angle, abs=0.5)
    # the character boxes follow the same direction
    b = np.array(truth["strips"][0]["char_boxes"])
    d = b[-1, 0] - b[0, 0]
    assert math.degrees(math.atan2(-d[1], d[0])) == pytest.approx(angle, abs=0.5)


def test_every_font_renders_light_characters() -> None:
    for i, font in enumerate(FONTS):
        strip = StripSpec(vin="LFV2A21K0G3104567", font=font, center_mm=(105.0, 74.0))
        img, truth = render_sheet(SheetSpec(strips=[strip], dpi=DPI, seed=i))
        light, dark = _char_vs_tape(_gray(img), truth["strips"][0])
        assert light > dark + 40, font


def test_check_digit_defect(sheets: dict) -> None:
    _, _, truth, _ = sheets["check_digit"]
    for st in truth["strips"]:
        assert check_digit(st["vin"]) != st["vin"][8]
        assert "check_digit" in st["expected_reasons"]


@pytest.mark.parametrize("side", ["start", "end"])
def test_missing_symbol(sheets: dict, side: str) -> None:
    _, img, truth, _ = sheets[f"missing_{side}_symbol"]
    hit = [st for st in truth["strips"] if f"missing_{side}_symbol" in st["expected_reasons"]]
    assert len(hit) == 1
    assert hit[0][f"{side}_box"] is None
    assert len(hit[0]["char_boxes"]) == 17


def test_truncated(sheets: dict) -> None:
    _, _, truth, _ = sheets["truncated"]
    (st,) = [s for s in truth["strips"] if "truncated" in s["defects"]]
    n = len(st["visible_text"])
    assert 13 <= n <= 16 and len(st["char_boxes"]) == n
    side = st["defects"]["truncated"]["side"]
    if side == "left":
        assert st["vin"].endswith(st["visible_text"]) and st["start_box"] is None
        assert "missing_start_symbol" in st["expected_reasons"]
    else:
        assert st["vin"].startswith(st["visible_text"]) and st["end_box"] is None
        assert "missing_end_symbol" in st["expected_reasons"]
    assert "truncated" in st["expected_reasons"]


def test_char_too_small(sheets: dict) -> None:
    _, img, truth, _ = sheets["char_too_small"]
    for st in truth["strips"]:
        h = _box_heights_mm(st, DPI)
        assert np.all(h < 7.0) and np.all(h > 3.5)
        assert "char_too_small" in st["expected_reasons"]
        light, dark = _char_vs_tape(_gray(img), st)
        assert light > dark + 30


def _render_kind(defect: str, kind: str) -> tuple[dict, dict, np.ndarray, np.ndarray]:
    """Render the first seed whose ``defect`` has ``kind``, with and without the defect."""
    for seed in range(200):
        spec = random_sheet_spec(np.random.default_rng(seed), dpi=DPI, n_strips=1,
                                 defect=defect)
        if spec.strips[0].defects[defect]["kind"] == kind:
            break
    img, truth = render_sheet(spec)
    base = copy.deepcopy(spec)
    base.strips[0].defects = {}
    img0, truth0 = render_sheet(base)
    return truth["strips"][0], truth0["strips"][0], _gray(img), _gray(img0)


def test_deformed_stretch() -> None:
    st, st0, _, _ = _render_kind("deformed", "stretch")
    d = st["defects"]["deformed"]
    centres = np.array(st["char_boxes"]).mean(axis=1)
    pitch = np.linalg.norm(np.diff(centres, axis=0), axis=1)
    inside = pitch[d["first"] : d["first"] + d["count"] - 1]
    outside = np.r_[pitch[: d["first"] - 1], pitch[d["first"] + d["count"] :]]
    assert inside.mean() / np.median(outside) == pytest.approx(d["scale_x"], rel=0.08)
    assert st["expected_reasons"] == ["deformed"] and st0["expected_reasons"] == []


def test_deformed_shear() -> None:
    st, _, img, img0 = _render_kind("deformed", "shear")
    b = np.array(st["char_boxes"])
    a = math.radians(st["angle_deg"])  # back to the strip frame
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]])
    side = (b[:, 0] - b[:, 3]) @ rot.T  # bottom-left -> top-left
    slant = np.degrees(np.arctan2(side[:, 0], -side[:, 1]))
    assert np.allclose(slant, st["defects"]["deformed"]["shear_deg"], atol=0.5)
    tape = _poly_mask(img.shape, st["corners"])
    assert np.abs(img - img0)[tape].mean() > 3.0


def test_deformed_height_ramp() -> None:
    st, _, _, _ = _render_kind("deformed", "height_ramp")
    h = _box_heights_mm(st, DPI)
    assert h.max() / h.min() == pytest.approx(st["defects"]["deformed"]["ratio"], rel=0.05)
    assert h.min() >= 7.0  # only "deformed" must fire, not "char_too_small"
    up = st["defects"]["deformed"]["direction"] == "up"
    assert (h[-1] > h[0]) == up


def test_shifted_ghost_brightens_beside_characters() -> None:
    st, _, img, img0 = _render_kind("shifted", "ghost")
    dx, dy = st["defects"]["shifted"]["offset_mm"]
    assert 0.6 <= math.hypot(dx, dy) <= 1.5
    diff = img - img0
    inside = np.zeros(img.shape, bool)
    for box in st["char_boxes"]:
        inside |= _poly_mask(img.shape, box)
    tape = _poly_mask(img.shape, st["corners"])
    # the lighter second impression falls on tape next to the characters
    assert diff[tape & ~inside].mean() > 1.0
    assert np.percentile(diff[tape & ~inside], 99) > 25


def test_shifted_smear_changes_the_band_only() -> None:
    st, _, img, img0 = _render_kind("shifted", "smear")
    d = st["defects"]["shifted"]
    diff = np.abs(img - img0)
    boxes = st["char_boxes"]
    in_band = np.zeros(img.shape, bool)
    for box in boxes[d["first"] : d["first"] + d["count"]]:
        in_band |= _poly_mask(img.shape, box)
    far = np.zeros(img.shape, bool)
    far_idx = [i for i in range(17) if i < d["first"] - 2 or i > d["first"] + d["count"] + 1]
    for i in far_idx:
        far |= _poly_mask(img.shape, boxes[i])
    assert diff[in_band].mean() > 4 * diff[far].mean() + 1.0


def test_unreadable_kills_contrast(sheets: dict) -> None:
    spec, img, truth, base = sheets["unreadable"]
    img0, truth0 = render_sheet(base)
    i = next(k for k, s in enumerate(truth["strips"]) if "unreadable" in s["defects"])
    light, dark = _char_vs_tape(_gray(img), truth["strips"][i], pct=50)
    light0, dark0 = _char_vs_tape(_gray(img0), truth0["strips"][i], pct=50)
    assert (light - dark) < 0.2 * (light0 - dark0)
    assert truth["strips"][i]["expected_reasons"] == ["unreadable"]


def test_copies_differ(sheets: dict) -> None:
    _, _, truth, _ = sheets["copies_differ"]
    a, b = (st["vin"] for st in truth["strips"])
    assert a != b and check_digit(a) == a[8] and check_digit(b) == b[8]
    assert truth["expected_reasons"] == ["copies_differ"]
    assert all(st["expected_reasons"] == [] for st in truth["strips"])


def test_defect_images_differ_from_clean(sheets: dict) -> None:
    for defect in ("missing_start_symbol", "truncated"):
        spec, img, _, base = sheets[defect]
        img0, _ = render_sheet(base)
        assert not np.array_equal(np.asarray(img), np.asarray(img0)), defect


@pytest.mark.slow
@pytest.mark.parametrize("dpi", [300, 600])
def test_high_dpi_sheet(dpi: int) -> None:
    spec = random_sheet_spec(np.random.default_rng(11), dpi=dpi, clean=False)
    img, truth = render_sheet(spec)
    assert img.info["dpi"] == (dpi, dpi)
    assert img.size == (round(210 * dpi / 25.4), round(148.5 * dpi / 25.4))
    for st in truth["strips"]:
        light, dark = _char_vs_tape(_gray(img), st)
        assert light > dark + 30
        assert np.all(np.abs(_box_heights_mm(st, dpi) - st["char_height_mm"]) < 0.3)


def test_write_dataset_is_deterministic(tmp_path) -> None:
    a = write_dataset(tmp_path / "a", 3, seed=4, dpi=DPI, defect_share=0.67)
    b = write_dataset(tmp_path / "b", 3, seed=4, dpi=DPI, defect_share=0.67)
    rows = [json.loads(line) for line in a.read_text().splitlines()]
    assert a.read_text() == b.read_text() and len(rows) == 3
    assert sum(r["defect"] is not None for r in rows) == 2
    for r in rows:
        pa, pb = tmp_path / "a" / r["file"], tmp_path / "b" / r["file"]
        assert pa.read_bytes() == pb.read_bytes()
        with Image.open(pa) as im:
            assert round(im.info["dpi"][0]) == DPI
            assert list(im.size) == r["size_px"]


def test_unknown_wmi_sets_are_the_same_sheets_with_other_makers(tmp_path) -> None:
    from devkit.synth.rubbing_vin import has_valid_check_digit, with_wmi
    from vincheck.vin import maker_of

    # a check-digit defect keeps its wrong digit, a valid VIN stays valid
    assert has_valid_check_digit(with_wmi("LSVAU2180N2183594", "LZ7"))
    assert not has_valid_check_digit(with_wmi("LSVAU2181N2183594", "LZ7"))
    plain = write_dataset(tmp_path / "a", 4, seed=6, dpi=DPI, defect_share=1.0)
    other = write_dataset(tmp_path / "b", 4, seed=6, dpi=DPI, defect_share=1.0,
                          unknown_wmi=True)
    rows_a = [json.loads(line) for line in plain.read_text().splitlines()]
    rows_b = [json.loads(line) for line in other.read_text().splitlines()]
    for ra, rb in zip(rows_a, rows_b, strict=True):
        assert ra["defect"] == rb["defect"]
        for sa, sb in zip(ra["strips"], rb["strips"], strict=True):
            assert maker_of(sa["vin"]) is not None and maker_of(sb["vin"]) is None
            assert sa["vin"][3:8] == sb["vin"][3:8] and sa["vin"][9:] == sb["vin"][9:]
            assert sa["check_digit_valid"] == sb["check_digit_valid"]
            assert (sa["font"], sa["start_symbol"]) == (sb["font"], sb["start_symbol"])


def test_cli_writes_dataset(tmp_path, capsys) -> None:
    assert main(["--out", str(tmp_path), "--n", "1", "--seed", "2", "--dpi", "150"]) == 0
    assert (tmp_path / "sheet_0000.png").is_file()
    assert str(tmp_path / "truth.jsonl") in capsys.readouterr().out


def test_unknown_defect_is_refused() -> None:
    with pytest.raises(ValueError):
        random_sheet_spec(np.random.default_rng(0), defect="bent")


def test_random_layouts_stay_on_the_page_without_overlap() -> None:
    import cv2

    for seed in range(6):
        spec = random_sheet_spec(np.random.default_rng(300 + seed), dpi=100, clean=False,
                                 defect="copies_differ")
        spec.blur_px = spec.noise_sigma = 0.0
        _, truth = render_sheet(spec)
        w, h = truth["size_px"]
        polys = [np.array(st["corners"], np.float32) for st in truth["strips"]]
        for p in polys:
            assert p[:, 0].min() >= 0 and p[:, 1].min() >= 0
            assert p[:, 0].max() <= w and p[:, 1].max() <= h
        area, _ = cv2.intersectConvexConvex(polys[0], polys[1])
        assert area == 0.0


def test_seal_is_red_and_off_the_strips() -> None:
    strip = StripSpec(vin="LSVAU2180N2183594", center_mm=(105.0, 60.0))
    spec = SheetSpec(strips=[strip], dpi=DPI, seed=9, seal=True, dust=30)
    img, truth = render_sheet(spec)
    cx, cy, r = truth["seal_circle"]
    rgb = np.asarray(img, np.float64)
    yy, xx = np.mgrid[: rgb.shape[0], : rgb.shape[1]]
    ring = np.abs(np.hypot(xx - cx, yy - cy) - r) < 2
    red = rgb[ring][:, 0] - rgb[ring][:, 1]
    assert np.median(red) > 40  # the ring is red ink
    corners = np.array(truth["strips"][0]["corners"])
    assert np.hypot(corners[:, 0] - cx, corners[:, 1] - cy).min() > r
    # no seal when asked not to
    assert render_sheet(SheetSpec(strips=[strip], dpi=DPI, seed=9))[1]["seal_circle"] is None


def test_sample_sheet_spec_is_clean_and_bundled() -> None:
    from devkit.corpus import REPO
    from devkit.synth.rubbing import SAMPLE_VIN, sample_sheet_spec

    assert check_digit(SAMPLE_VIN) == SAMPLE_VIN[8]
    spec = sample_sheet_spec()
    assert spec.dpi == 300 and len(spec.strips) == 2
    assert all(s.defects == {} and s.vin == SAMPLE_VIN for s in spec.strips)
    asset = REPO / "vincheck" / "data" / "sample_case" / "rubbing_sheet.png"
    with Image.open(asset) as im:
        assert round(im.info["dpi"][0]) == 300
        assert im.size == (round(210 * 300 / 25.4), round(148.5 * 300 / 25.4))
