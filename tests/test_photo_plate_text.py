"""Plate text: normalising a reading, its kind (Chinese plate number, Latin plate, words,
digits, none), the score a candidate needs beyond words, O / I in serials and putting a
lost province back."""

from __future__ import annotations

import numpy as np
import pytest

from vincheck.photo.plate_text import classify_plate_text
from vincheck.photo.plates import normalise_plate_text, score_candidate
from vincheck.settings import PhotoSettings

S = PhotoSettings()


def test_normalise_plate_text():
    assert normalise_plate_text("京A·52837") == "京A52837"
    assert normalise_plate_text("ba 123-xy") == "BA123XY"
    assert normalise_plate_text("MF2=Y8X") == "MF2Y8X"


@pytest.mark.parametrize("raw,kind", [
    ("京A·52837", "cn"), ("粤B·D12345", "cn"), ("沪A·1234学", "cn"),
    ("MA561WP", "cn_like"),  # 川 read as M
    ("A·52837", "cn_like"),  # province lost
    ("CGT+2069", "cn_like"), ("3B2:9485", "cn_like"),  # 7 characters in the same layout
    ("POLO 1.6", "mixed"), ("EXIT 79B", "mixed"),  # a serial has >= 3 digits
    ("M5-XSX", "mixed"), ("WOB-VWMK4", "mixed"), ("12AB", "mixed"),
    ("BIMMIAN", "letters"), ("78188", "digits"),
    ("17:45:57", "none"), ("2014-04-28 11:08:05", "none"), ("2013年04月04日", "none"),
    ("北门入口", "none"), ("1860565864", "none"), ("AB", "none"), ("905", "none"),
    ("2011", "digits"), ("POLO", "none"),
])
def test_plate_text_kinds(raw, kind):
    assert classify_plate_text(raw)[0] == kind


def test_score_needs_plate_evidence_beyond_words():
    thr = S.min_plate_score
    # a full Chinese plate number counts on its own
    assert score_candidate("cn", 0.9, 0.0, 3.0, 0.0) >= thr
    # a word on a badge or sign: framed by a trunk lid, on an even panel, still not a plate
    assert score_candidate("letters", 1.0, 0.6, 4.0, 1.0, frame=1.0) < thr
    # ... nor lettering on a blue van (a blue "rectangle" around it is the body)
    assert score_candidate("letters", 1.0, 0.8, 4.0, 1.0, colour_rect=True, frame=1.0) < thr
    # the same word beside an EU band is a vanity plate
    assert score_candidate("letters", 1.0, 0.6, 4.0, 1.0, frame=1.0, band=1.0) >= thr
    # letters and digits need some panel evidence
    assert score_candidate("mixed", 0.9, 0.0, 3.0, 1.0, n_chars=6) < thr
    assert score_candidate("mixed", 0.9, 0.5, 3.0, 1.0, frame=0.8, n_chars=6) >= thr
    # four digits are a year or a house number, unless in a plate-coloured rectangle
    assert score_candidate("digits", 1.0, 0.9, 2.0, 0.0, frame=1.0, n_chars=4,
                           panel_colour="yellow") < thr
    assert score_candidate("digits", 1.0, 0.9, 2.0, 0.0, colour_rect=True, frame=1.0,
                           n_chars=4, panel_colour="blue") >= thr
    # unreadable marks in a coloured rectangle at most ask a person
    assert score_candidate("none", 0.0, 1.0, 3.0, 1.0, colour_rect=True) < thr


@pytest.mark.parametrize("raw, text", [("湘AOPC37", "湘A0PC37"), ("京AI2O45", "京A12045"),
                                       ("沪A·OB123", "沪A0B123")])
def test_chinese_serials_read_o_and_i_as_digits(raw, text):
    """GA 36 serials have no letters I or O: the recogniser's O / I are the digits."""
    assert classify_plate_text(raw) == ("cn", text)


@pytest.mark.parametrize("raw", ["BY649AG", "OIL2345", "POLO16"])
def test_latin_plates_keep_their_o_and_i(raw):
    assert classify_plate_text(raw)[1] == raw


def test_a_lost_province_is_put_back_only_when_sure(monkeypatch):
    """``with_province`` rebuilds a Chinese plate number from the authority letter and the
    serial read, with the province the recogniser's probabilities favour; below
    PROVINCE_MIN_PROB, or when the result is no plate number, the reading stays."""
    from vincheck.photo import plate_text

    crop = np.zeros((48, 160, 3), np.uint8)
    monkeypatch.setattr(plate_text, "read_province", lambda c: ("川", 0.6))
    assert plate_text.with_province("MA561WP", crop) == "川A561WP"  # 川 misread as M
    assert plate_text.with_province("A113YP", crop) == "川A113YP"  # 川 lost
    assert plate_text.with_province("MAO19N2", crop) == "川A019N2"  # and no O in a serial
    assert plate_text.with_province("M25614W", crop) == "M25614W"  # no authority letter
    monkeypatch.setattr(plate_text, "read_province",
                        lambda c: ("川", plate_text.PROVINCE_MIN_PROB / 2))
    assert plate_text.with_province("MA561WP", crop) == "MA561WP"
    monkeypatch.setattr(plate_text, "read_province", lambda c: None)
    assert plate_text.with_province("MA561WP", crop) == "MA561WP"


def test_an_eu_plate_gets_no_province():
    """A real recogniser pass over a drawn EU plate: no province character is likely
    before its letters, so its reading is kept."""
    import cv2

    from devkit.synth.car_photo import plate_texture
    from vincheck.photo.plate_text import PROVINCE_MIN_PROB, read_province, with_province

    img = plate_texture("eu", "BA302OZ")
    img = cv2.resize(img, (round(img.shape[1] * 48 / img.shape[0]), 48),
                     interpolation=cv2.INTER_AREA)
    got = read_province(img)
    assert got is None or got[1] < PROVINCE_MIN_PROB
    assert with_province("BA302OZ", img) == "BA302OZ"
