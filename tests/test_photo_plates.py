"""plate_visible: synthetic plates of every kind fire, plate-free cars, blank holders and
other scene text don't (plate text: test_photo_plate_text.py; corpus photos:
test_photo_plates_corpus.py)."""

from __future__ import annotations

from functools import lru_cache

import cv2
import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFont

from devkit.synth.car_photo import render_car_photo
from vincheck.errors import UnreadableImageError
from vincheck.findings import Status
from vincheck.photo.plate_candidates import colour_candidates
from vincheck.photo.plate_color import eu_band, frame_evidence, panel_evidence
from vincheck.photo.plates import (
    detect_plates,
    judge_plates,
    score_candidate,
)
from vincheck.settings import PhotoSettings

S = PhotoSettings()
CJK = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
LATIN = "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf"


@lru_cache(maxsize=8)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def _plate(bg, fg, rows: list[tuple[str, float]], size=(440, 140), band=None, top_text=None
           ) -> np.ndarray:
    """A plate picture: ``rows`` of (text, share of the height), optional coloured band
    (colour, "left"|"top") and a small line of text at the top (a US state name)."""
    w, h = size
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([3, 3, w - 4, h - 4], radius=10, outline=fg, width=4)
    x0, y0 = 12, 10
    if band is not None:
        colour, where = band
        if where == "left":
            d.rectangle([6, 6, 52, h - 7], fill=colour)
            x0 = 60
        else:
            d.rectangle([6, 6, w - 7, 30], fill=colour)
            y0 = 34
    if top_text:
        d.text((w / 2, 18), top_text, fill=(170, 30, 30), font=_font(LATIN, 22), anchor="mm")
        y0 = 32
    y = y0
    for text, share in rows:
        rh = (h - y0 - 8) * share
        font = _font(CJK if any(ord(c) > 127 for c in text) else LATIN, int(rh * 0.8))
        d.text(((x0 + w - 12) / 2, y + rh / 2), text, fill=fg, font=font, anchor="mm")
        y += rh
    return np.array(img)


def _paste(rgb: np.ndarray, quad, picture: np.ndarray) -> np.ndarray:
    """``picture`` warped into ``quad`` (TL TR BR BL, px) of a copy of ``rgb``."""
    h, w = picture.shape[:2]
    src = np.float32([[0, 0], [w - 1, 0], [w - 1, h - 1], [0, h - 1]])
    m = cv2.getPerspectiveTransform(src, np.float32(quad))
    size = (rgb.shape[1], rgb.shape[0])
    warped = cv2.warpPerspective(picture, m, size, flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((h, w), 255, np.uint8), m, size) > 127
    out = rgb.copy()
    out[mask] = warped[mask]
    return out


def _car_with(picture: np.ndarray, az: float = 0, color: str = "silver", taller: float = 1.0
              ) -> tuple[np.ndarray, np.ndarray]:
    """A plate-free car photo with ``picture`` in the place of its plate (``taller``: the
    holder extended upwards, for two-row plates)."""
    rgb, truth = render_car_photo(azimuth_deg=az, body_color=color, plate="blue")
    base, _ = render_car_photo(azimuth_deg=az, body_color=color, plate=None)
    q = np.array(truth["plate_box"], np.float32)
    if taller != 1.0:
        up = (q[3] - q[0]) * (taller - 1)
        q = np.float32([q[0] - up, q[1] - up, q[2], q[3]])
    return _paste(base, q, picture), q


def _assert_found_on(plates, quad) -> None:
    f = judge_plates(plates, S)
    assert f.status is Status.FAIL, [p.to_dict() for p in plates]
    tx, ty = np.asarray(quad).mean(0)
    box = np.array(plates[0].box, np.float32).reshape(4, 2)
    assert cv2.pointPolygonTest(box, (float(tx), float(ty)), True) >= -8


@pytest.mark.parametrize("kind,az,color", [("blue", 45, "white"), ("yellow", 0, "red"),
                                           ("green", 30, "silver"), ("eu", 20, "black"),
                                           ("blue", 45, "blue")])  # no colour contrast
def test_plates_of_every_kind_fail_the_photo(kind, az, color):
    rgb, truth = render_car_photo(azimuth_deg=az, body_color=color, plate=kind)
    plates = detect_plates(rgb, S)
    _assert_found_on(plates, truth["plate_box"])
    assert judge_plates(plates, S).evidence[0].kind == "polygon"


PLATES = {
    # Chinese white (police) plate: black characters, red 警
    "cn-white": (lambda: _plate((245, 245, 245), (15, 15, 15), [("京A·0006警", 1.0)]), 1.0),
    # Chinese black plate (foreign-owned / Hong Kong-Macau cross-border): white characters
    "cn-black": (lambda: _plate((20, 20, 22), (240, 240, 240), [("粤Z·F023港", 1.0)]), 1.0),
    # two-row yellow plate (trucks, buses): province + letter above, five below
    "cn-two-row": (lambda: _plate((240, 190, 20), (15, 15, 15),
                                  [("冀 B", 0.38), ("K1234", 0.62)], size=(440, 220)), 1.55),
    "us": (lambda: _plate((240, 240, 236), (20, 40, 120), [("7ABC123", 1.0)],
                          top_text="California"), 1.0),
    "br": (lambda: _plate((245, 245, 245), (20, 20, 20), [("BRA2E19", 1.0)],
                          band=((20, 60, 160), "top")), 1.0),
}


@pytest.mark.parametrize("name", sorted(PLATES))
def test_white_black_two_row_and_foreign_plates_fail_the_photo(name):
    make, taller = PLATES[name]
    rgb, quad = _car_with(make(), taller=taller)
    _assert_found_on(detect_plates(rgb, S), quad)


@pytest.mark.parametrize("angle", [-48, 40])
def test_steeply_tilted_plate_is_read_either_way(angle):
    """A plate turned by ~45 degrees (photo held askew): which end of the line comes first
    is ambiguous, so the line is also read turned by 180 degrees."""
    base, _ = render_car_photo(azimuth_deg=0, body_color="white", plate=None)
    plate = _plate((25, 65, 185), (250, 250, 250), [("川A·019W2", 1.0)], size=(300, 80))
    u = np.float32([np.cos(np.radians(angle)), np.sin(np.radians(angle))])  # along
    n = np.float32([-u[1], u[0]])  # across, pointing down the characters
    c, half_w, half_h = np.float32([440, 330]), 150.0, 40.0
    quad = np.float32([c - u * half_w - n * half_h, c + u * half_w - n * half_h,
                       c + u * half_w + n * half_h, c - u * half_w + n * half_h])
    rgb = _paste(base, quad, plate)
    _assert_found_on(detect_plates(rgb, S), quad)


def test_plate_free_car_passes():
    rgb, _ = render_car_photo(azimuth_deg=45, body_color="blue", plate=None)
    f = judge_plates(detect_plates(rgb, S), S)
    assert f.status is Status.PASS


@pytest.mark.parametrize("colour", [(25, 65, 185), (240, 190, 20), (245, 245, 245)])
def test_blank_plate_holder_is_not_a_plate(colour):
    rgb, truth = render_car_photo(azimuth_deg=10, body_color="white", plate="blue")
    out = rgb.copy()
    cv2.fillPoly(out, [np.array(truth["plate_box"], np.int32)], colour)
    f = judge_plates(detect_plates(out, S), S)
    assert f.status is not Status.FAIL


def _text_panel(text: str, bg, fg, size, font=CJK) -> np.ndarray:
    img = Image.new("RGB", size, bg)
    ImageDraw.Draw(img).text((size[0] / 2, size[1] / 2), text, fill=fg,
                             font=_font(font, int(size[1] * 0.6)), anchor="mm")
    return np.array(img)


def test_scene_text_is_not_a_plate():
    """A shop sign, a surveillance timestamp and a dealer sticker on a plate-free car."""
    rgb, _ = render_car_photo(azimuth_deg=20, body_color="white", plate=None,
                              background="street")
    out = rgb.copy()
    sign = _text_panel("北门入口", (180, 20, 20), (250, 230, 120), (220, 60))
    out[20:80, 600:820] = sign
    stamp = _text_panel("2014-04-28 11:08:05", (0, 0, 0), (250, 250, 250), (300, 26), LATIN)
    out[0:26, 0:300] = np.maximum(out[0:26, 0:300] // 3, stamp)
    sticker = _text_panel("AUTOHAUS", (250, 250, 250), (20, 20, 20), (150, 40), LATIN)
    out[300:340, 120:270] = sticker
    plates = detect_plates(out, S)
    assert judge_plates(plates, S).status is not Status.FAIL, [p.to_dict() for p in plates]


def test_bad_input_is_a_clear_error():
    with pytest.raises(UnreadableImageError):
        detect_plates(np.zeros((10, 10, 3), np.uint8), S)
    with pytest.raises(UnreadableImageError):
        detect_plates(np.zeros((100, 100), np.uint8), S)


def test_panel_frame_and_band_evidence():
    plate = _plate((245, 245, 245), (15, 15, 15), [("AB 123", 1.0)], band=((20, 50, 170),
                                                                        "left"))
    h, w = plate.shape[:2]
    body = np.full((h * 3, w * 2, 3), (120, 20, 20), np.uint8)
    y0, x0 = h, w // 2
    body[y0:y0 + h, x0:x0 + w] = plate
    tight = body[y0 + 12:y0 + h - 12, x0 + 60:x0 + w - 10]
    colour, ev = panel_evidence(tight, body[y0 - 10:y0 + h + 10, x0 + 60:x0 + w - 10])
    assert colour == "white" and ev > 0.5
    th = h - 24
    framed = body[y0 + 12 - int(0.6 * th):y0 + h - 12 + int(0.6 * th), x0 + 60:x0 + w - 10]
    assert frame_evidence(framed, 0.6) > 0.5
    assert eu_band(body[y0 + 5:y0 + h - 5, x0:x0 + 62]) > 0.5
    # text painted on the car body: no panel rim, no band
    painted = body.copy()
    painted[y0:y0 + h, x0:x0 + w] = (120, 20, 20)
    framed_p = painted[y0 + 12 - int(0.6 * th):y0 + h - 12 + int(0.6 * th),
                       x0 + 60:x0 + w - 10]
    assert frame_evidence(framed_p, 0.6) < 0.2
    assert eu_band(painted[y0 + 5:y0 + h - 5, x0:x0 + 62]) < 0.2


def test_orange_paint_and_shaded_white_plates():
    """Orange car paint is not a yellow plate; a white plate in shade is still white and a
    black plate (light characters on a dark panel) black."""
    orange = _plate((235, 110, 20), (200, 200, 200), [("POLO", 1.0)])
    assert panel_evidence(orange[20:-20, 20:-20], orange)[0] != "yellow"
    shaded = _plate((105, 105, 110), (20, 20, 20), [("AB 123", 1.0)])
    assert panel_evidence(shaded[20:-20, 20:-20], shaded)[0] == "white"
    black = _plate((20, 20, 22), (235, 235, 235), [("AB 123", 1.0)])
    assert panel_evidence(black[20:-20, 20:-20], black)[0] == "black"


def test_blank_coloured_rectangle_is_no_candidate():
    img = np.full((300, 500, 3), 128, np.uint8)
    cv2.rectangle(img, (50, 100), (190, 145), (25, 65, 185), -1)  # blank blue holder
    plate = _plate((25, 65, 185), (250, 250, 250), [("A12345", 1.0)], size=(140, 45))
    img[200:245, 300:440] = plate
    cands = colour_candidates(img, 1.0, S)
    centres = [c.quad.mean(0) for c in cands]
    assert any(300 <= x <= 440 and 200 <= y <= 245 for x, y in centres)
    assert not any(50 <= x <= 190 and 100 <= y <= 145 for x, y in centres)


def _night(rgb: np.ndarray, quad, contrast: float = 0.45, gain: float = 0.2) -> np.ndarray:
    """A night frame: the plate's characters only ``contrast`` of their contrast above the
    plate, the whole picture blurred, scaled by ``gain`` and noisy."""
    f = rgb.astype(np.float32)
    inside = np.zeros(rgb.shape[:2], np.uint8)
    cv2.fillPoly(inside, [np.asarray(quad, np.int32)], 1)
    sel = inside > 0
    mean = f[sel].mean(0)
    f[sel] = mean + contrast * (f[sel] - mean)
    f = cv2.GaussianBlur(f, (0, 0), 1.0) * gain + 4
    f += np.random.default_rng(0).normal(0, 3, f.shape)
    return np.clip(f, 0, 255).astype(np.uint8)


def test_dim_plate_in_a_night_frame_is_found():
    """A dark photo (median grey ~24) with a dim low-contrast plate: found on the
    contrast-lifted pass."""
    from vincheck.photo.plate_candidates import is_dark

    rgb, truth = render_car_photo(azimuth_deg=10, body_color="grey", plate="blue")
    night = _night(rgb, truth["plate_box"])
    assert is_dark(night)
    _assert_found_on(detect_plates(night, S), truth["plate_box"])


def test_lifted_and_stretched_copies_raise_contrast():
    from vincheck.photo.plate_candidates import lift_contrast
    from vincheck.photo.plates import stretch

    rng = np.random.default_rng(1)
    dim = (20 + rng.integers(0, 12, (48, 160, 3))).astype(np.uint8)
    dim[14:34, 20:140] += 10  # faint characters
    before = dim.copy()
    s = stretch(dim)
    assert np.array_equal(dim, before)  # input untouched
    assert np.percentile(s, 98) - np.percentile(s, 2) > 200
    g = cv2.cvtColor(dim, cv2.COLOR_RGB2GRAY).astype(float)
    lg = cv2.cvtColor(lift_contrast(dim), cv2.COLOR_RGB2GRAY).astype(float)
    assert lg[14:34, 20:140].mean() - lg[:10].mean() > g[14:34, 20:140].mean() - g[:10].mean()


def _sign(lines: list[str], size=(300, 150)) -> np.ndarray:
    """A green road sign with ``lines`` of white letters of one size."""
    w, h = size
    img = Image.new("RGB", size, (20, 110, 60))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([3, 3, w - 4, h - 4], radius=8, outline=(245, 245, 245), width=4)
    rh = (h - 16) / len(lines)
    for i, t in enumerate(lines):
        d.text((w / 2, 8 + rh * (i + 0.5)), t, fill=(245, 245, 245),
               font=_font(LATIN, int(rh * 0.7)), anchor="mm")
    return np.array(img)


def test_road_sign_with_stacked_lines_is_not_a_plate():
    """Letters and digits on a sign with another line of the same size right below them
    are a sign, not a plate, even inside the sign's rim."""
    rgb, _ = render_car_photo(azimuth_deg=20, body_color="white", plate=None,
                              background="street")
    out = rgb.copy()
    out[20:170, 560:860] = _sign(["EXIT 79B", "NORTH"])
    plates = detect_plates(out, S)
    assert judge_plates(plates, S).status is not Status.FAIL, [p.to_dict() for p in plates]


def test_stacked_lines_are_told_apart_from_a_plate_with_small_print():
    from vincheck.photo.plate_candidates import Candidate, _stacked

    def box(x, y, w, h):
        return Candidate(np.float32([[x, y], [x + w, y], [x + w, y + h], [x, y + h]]), "text")

    line = box(100, 100, 120, 30)
    below_same = box(110, 140, 90, 28)  # a second line of a sign
    state_name = box(120, 80, 80, 12)  # the small state name above a US plate
    far_right = box(400, 140, 90, 28)  # another text elsewhere
    assert _stacked(line, [line, below_same])
    assert not _stacked(line, [line, state_name, far_right])
    thr = S.min_plate_score
    args = ("mixed", 0.95, 0.5, 4.0, 1.0)
    assert score_candidate(*args, frame=1.0, n_chars=6) >= thr
    assert score_candidate(*args, frame=1.0, n_chars=6, stacked=True) < thr
    # a Chinese plate number counts even with text around it
    assert score_candidate("cn", 0.9, 0.0, 3.0, 0.0, stacked=True) >= thr


def test_badge_without_a_plate_rim_is_not_a_plate():
    """Letters and digits of a badge on the body, on an even panel but without the plate's
    rim above and below: below the threshold; the same with a rim is a plate."""
    thr = S.min_plate_score
    assert score_candidate("mixed", 0.97, 0.2, 3.0, 0.6, frame=0.6, n_chars=5) < thr
    assert score_candidate("mixed", 0.97, 0.5, 3.0, 0.0, frame=0.0, n_chars=6,
                           panel_colour="blue") < thr
    assert score_candidate("mixed", 0.97, 0.3, 3.0, 0.6, frame=1.0, n_chars=5) >= thr
    # the edges of a plate-coloured rectangle around the characters are a rim too
    assert score_candidate("digits", 0.9, 0.3, 3.0, 0.6, colour_rect=True, frame=0.0,
                           n_chars=5, panel_colour="blue") >= thr


def test_split_line_is_also_read_as_one():
    """Two boxes on one baseline a small gap apart (a plate number split at a sticker) are
    also offered as one line; boxes on different rows or far apart are not merged."""
    from vincheck.photo.plate_candidates import Candidate, merged_lines

    def box(x, y, w, h):
        return Candidate(np.float32([[x, y], [x + w, y], [x + w, y + h], [x, y + h]]), "text")

    left, right = box(100, 100, 40, 26), box(150, 98, 70, 30)
    merged = merged_lines([left, right])
    assert len(merged) == 1
    x0, y0 = merged[0].quad.min(0)
    x1, y1 = merged[0].quad.max(0)
    assert x0 <= 101 and x1 >= 219 and y0 <= 99 and y1 >= 127
    assert merged_lines([left, box(100, 160, 70, 30)]) == []  # the next row
    assert merged_lines([left, box(300, 100, 70, 30)]) == []  # far along the line
    assert merged_lines([left, box(150, 100, 70, 120)]) == []  # a much taller box


def test_plate_under_painted_scene_text_is_still_a_plate():
    """A blue plate with a slogan of its size painted right above it on the car: the
    slogan is not on the plate's panel, so the plate still counts."""
    from vincheck.photo.plate_candidates import _stacked
    from vincheck.photo.plates import read_candidates

    rgb, quad = _car_with(_plate((25, 65, 185), (250, 250, 250), [("FZ RUL2", 1.0)]),
                          color="black")
    q = np.asarray(quad, np.float32)
    x0, y0 = q.min(0)
    x1, y1 = q.max(0)
    ph = int(y1 - y0)
    slogan = _text_panel("MUSIC IS BEST", (28, 28, 30), (240, 240, 240),
                         (int((x1 - x0) * 2.2), int(ph * 1.6)), LATIN)
    sy = int(y0 - ph * 1.65)
    sx = int((x0 + x1) / 2 - slogan.shape[1] / 2)
    out = rgb.copy()
    out[sy:sy + slogan.shape[0], sx:sx + slogan.shape[1]] = slogan
    reads = read_candidates(out, S)
    lines = [r.candidate for r in reads if r.candidate.source == "text"]
    # the slogan is a line of the plate's size right above it ...
    assert any(_stacked(c, lines) for c in lines)
    # ... but not on the plate's panel
    _assert_found_on(detect_plates(out, S), quad)
