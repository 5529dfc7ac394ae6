"""Plates on the vehicle photographed fail the photo; plates only on other vehicles go to
review (``vincheck.photo.plate_owner``)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from devkit.synth.car_photo import plate_texture, render_car_photo
from vincheck.findings import PlateRead, Status
from vincheck.imageio import from_array
from vincheck.photo import check_photo
from vincheck.photo.plate_owner import mark_owners, on_vehicle
from vincheck.photo.plates import judge_plates
from vincheck.settings import PhotoSettings

S = PhotoSettings()
BOX = (100.0, 100.0, 400.0, 300.0)  # x, y, w, h px: the vehicle found
SIZE = (800, 600)


def _plate(cx: float, cy: float, text: str = "京A12345", w: float = 60, h: float = 20
           ) -> PlateRead:
    x0, y0, x1, y1 = cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2
    return PlateRead((x0, y0, x1, y0, x1, y1, x0, y1), text, 0.95)


@pytest.mark.parametrize("cx,cy,expected", [
    (300, 330, True),   # in the bumper
    (300, 200, True),   # on a tailgate, high up
    (300, 120, False),  # in the top fifth of the box: the roof or glass of a car behind
    (60, 330, False),   # left of the box
    (560, 300, False),  # right of the box
    (60, 450, True),    # below the box: nearer the camera than the vehicle found
])
def test_plate_position_against_the_vehicle_box(cx, cy, expected):
    assert on_vehicle(_plate(cx, cy), BOX) is expected


def test_box_reaching_the_top_of_the_picture_keeps_high_plates():
    """A rear close-up cut off above the boot lid has its plate near the box's top."""
    cut = (100.0, 0.0, 400.0, 200.0)
    high = _plate(300, 20)
    assert mark_owners([high], cut, SIZE)[0].on_vehicle is True
    assert mark_owners([high], (100.0, 10.0, 400.0, 200.0), SIZE)[0].on_vehicle is False
    assert mark_owners([_plate(600, 20)], cut, SIZE)[0].on_vehicle is False


def test_without_a_vehicle_every_plate_counts():
    plates = mark_owners([_plate(700, 50)], None, SIZE)
    assert plates[0].on_vehicle is None
    assert judge_plates(plates, S).status is Status.FAIL


def test_judgement_of_own_and_other_plates():
    own, other = _plate(300, 330, "京A11111"), _plate(700, 300, "京B22222")
    both = judge_plates(mark_owners([own, other], BOX, SIZE), S)
    assert both.status is Status.FAIL and both.measured == 1
    assert both.details["other_vehicle_plates"] == 1
    assert "京A11111" in both.message and "京B22222" in both.message
    assert [s.label for s in both.evidence] == ["京A11111", "京B22222 (other vehicle)"]
    only_other = judge_plates(mark_owners([other], BOX, SIZE), S)
    assert only_other.status is Status.REVIEW and only_other.measured == 0
    assert "another vehicle" in only_other.message
    assert judge_plates(mark_owners([], BOX, SIZE), S).status is Status.PASS


def _paste_plate(rgb: np.ndarray, x: int, y: int, w: int) -> np.ndarray:
    tex = plate_texture("blue", "苏E·75614")
    h = round(w * tex.shape[0] / tex.shape[1])
    out = rgb.copy()
    out[y:y + h, x:x + w] = cv2.resize(tex, (w, h), interpolation=cv2.INTER_AREA)
    return out


def test_photo_with_a_plate_only_beside_the_car_goes_to_review():
    """A plate-free car with a plate standing in the background to its right: the photo
    is not failed for it but sent to a person; the same plate on the car fails."""
    base, truth = render_car_photo(azimuth_deg=0, body_color="white", plate=None,
                                   fill=0.4, seed=3)
    x, y, w, h = truth["vehicle_box"]
    px = int(x + w + 40)
    assert px + 110 < base.shape[1], "no room beside the car"
    beside = _paste_plate(base, px, int(y + 0.6 * h), 110)
    r = check_photo(from_array(beside))
    f = next(f for f in r.findings if f.code == "plate_visible")
    assert f.status is Status.REVIEW, f.message
    assert [p.on_vehicle for p in r.plates] == [False]

    on_car, _ = render_car_photo(azimuth_deg=0, body_color="white", plate="blue",
                                 fill=0.4, seed=3)
    r = check_photo(from_array(on_car))
    f = next(f for f in r.findings if f.code == "plate_visible")
    assert f.status is Status.FAIL
    assert [p.on_vehicle for p in r.plates if p.score >= S.min_plate_score] == [True]


def test_owner_is_kept_in_the_record():
    marked = mark_owners([_plate(300, 330), _plate(700, 300)], BOX, SIZE)
    back = [PlateRead.from_dict(p.to_dict()) for p in marked]
    assert [p.on_vehicle for p in back] == [True, False]
    assert "on_vehicle" not in _plate(1, 1).to_dict()  # not judged: not written
