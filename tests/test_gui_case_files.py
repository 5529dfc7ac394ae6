"""Sorting files into rubbing sheets and photos (vincheck.case_files)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.gui_support import photo_image, sheet_image, write_case
from vincheck.case_files import (
    classify_file,
    classify_image,
    image_features,
    load_case_result,
    save_case_result,
)
from vincheck.errors import InputFileError


def test_generated_sheet_and_photo_are_told_apart() -> None:
    assert classify_image(sheet_image()) == "rubbing"
    assert classify_image(photo_image()) == "photo"
    # another size / seed, and a grey-scale sheet
    assert classify_image(sheet_image(1700, 1100, seed=3)) == "rubbing"
    assert classify_image(sheet_image()[:, :, 0]) == "rubbing"
    assert classify_image(photo_image(600, 400, seed=7)) == "photo"


def test_features_explain_the_decision() -> None:
    sheet = image_features(sheet_image())
    photo = image_features(photo_image())
    assert sheet["paper"] > 0.5 > photo["paper"]
    assert photo["coloured"] > 0.3 > sheet["coloured"]
    assert sheet["strip_aspect"] >= 3.0


def test_a_white_print_scan_of_a_photo_is_a_photo() -> None:
    """A photo print lying on the white scanner bed: mostly paper, but colourful inside."""
    scan = np.full((1100, 1700, 3), 245, np.uint8)
    scan[200:800, 300:1180] = photo_image()
    assert classify_image(scan) == "photo"


def test_input_is_not_modified() -> None:
    img = sheet_image()
    before = img.copy()
    classify_image(img)
    assert np.array_equal(img, before)


def test_classify_file_and_errors(tmp_path: Path) -> None:
    case = write_case(tmp_path)
    assert classify_file(case.rubbing_files[0]) == "rubbing"
    assert classify_file(case.photo_files[0]) == "photo"
    bad = tmp_path / "bad.jpg"
    bad.write_bytes(b"\xff\xd8 not really a jpeg")
    with pytest.raises(InputFileError):
        classify_file(bad)
    with pytest.raises(InputFileError):
        classify_file(tmp_path / "missing.png")


def test_saved_case_round_trip_keeps_relative_paths(tmp_path: Path) -> None:
    from tests.gui_support import fake_result

    case = write_case(tmp_path / "files")
    result = fake_result(case)
    out = save_case_result(tmp_path / "case.json", case, result)
    text = out.read_text(encoding="utf-8")
    assert str(tmp_path) not in text  # paths stored relative to the case file
    case2, result2 = load_case_result(out)
    assert case2.files() == [str(Path(f).resolve()) for f in case.files()]
    assert result2 is not None and result2.verdict is result.verdict
    case3, result3 = load_case_result(save_case_result(tmp_path / "plain.json", case))
    assert result3 is None and case3.expected_vin == case.expected_vin


def test_a_scan_of_a_grey_white_car_print_is_a_photo() -> None:
    """A print of a white car on a grey road on the white bed: few coloured pixels and a
    dark elongated shadow (what made it look like a rubbing sheet), but one solid region
    of the print's 88:60 shape."""
    from devkit.synth.car_photo import render_car_photo
    from devkit.synth.photo_print import render_print_scan

    pic, _ = render_car_photo(azimuth_deg=45.0, body_color="white", fill=0.55, seed=11,
                              size=(880, 600))
    scan, _ = render_print_scan(pic, dpi=150, width_mm=88.0, height_mm=60.0, radius_mm=4.0,
                                angle_deg=1.2, bed="white", seed=5)
    arr = np.asarray(scan)
    if arr.ndim == 2:
        arr = np.repeat(arr[:, :, None], 3, axis=2)
    f = image_features(arr)
    # the old cues alone said rubbing: little colour, much paper, an elongated dark shadow
    assert f["coloured"] < 0.15 and f["paper"] > 0.45 and f["strip_aspect"] >= 3.0
    assert f["print_share"] > 0.2
    assert classify_image(arr) == "photo"
    assert image_features(sheet_image())["print_share"] == 0.0


def test_a_grey_sheet_is_no_photo_print() -> None:
    """Grey paper reads as "not paper" in patches joined across the page: a region of a
    print's shape, but one that fills only part of its outline. Still a rubbing sheet.
    (Sheet 175 of the rubbing benchmark's set, seed 7, rebuilt alone.)"""
    from devkit.synth.rubbing import DEFECTS, random_sheet_spec, render_sheet

    seed, index, n = 7, 175, 300
    master = np.random.default_rng(seed)
    flags = np.array([True] * (n // 2) + [False] * (n - n // 2))
    master.shuffle(flags)
    rng = np.random.default_rng([seed, index])
    defect = DEFECTS[int(flags[:index].sum()) % len(DEFECTS)] if flags[index] else None
    n_strips = 2 if rng.random() < 0.75 else 1
    spec = random_sheet_spec(rng, dpi=300, n_strips=n_strips, defect=defect,
                             clean=bool(rng.random() < 0.5))
    assert spec.paper == "grey"
    img, _ = render_sheet(spec)
    sheet = np.asarray(img.convert("RGB"))
    assert image_features(sheet)["print_share"] == 0.0
    assert classify_image(sheet) == "rubbing"


def test_a_pale_photo_with_a_dark_band_is_not_a_sheet() -> None:
    """A white car close-up on a grey street: much white, little colour and a long dark
    band (the road under the bumper), as a sheet with a strip would have; but no paper
    round its edges and a dark region larger than any strip."""
    img = np.full((400, 600, 3), 150, np.uint8)  # grey street at the edges
    img[40:290, 30:570] = 250  # the white car body
    img[300:400] = 60  # the dark road across the bottom
    f = image_features(img)
    # what made it look like a sheet: paper, no colour, an elongated dark region
    assert f["paper"] > 0.45 and f["coloured"] < 0.02 and f["strip_aspect"] >= 3.0
    assert f["border_paper"] < 0.2 and f["largest_dark"] > 0.2
    assert classify_image(img) == "photo"
    # a sheet has paper all round and strips far smaller than that band
    sheet = image_features(sheet_image())
    assert sheet["border_paper"] > 0.9 and sheet["largest_dark"] < 0.18
