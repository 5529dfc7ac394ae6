"""angle: the camera's azimuth around the vehicle from classical cues."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tests.synth.car_photo import render_car_photo
from vincheck.findings import Status
from vincheck.photo.vehicle import locate_vehicle
from vincheck.photo.view import azimuth_difference, estimate_view, judge_view, view_of_azimuth
from vincheck.settings import PhotoSettings

S = PhotoSettings()
LABELS = Path(__file__).parent / "labels" / "photo_labels.csv"


def _view(az, color="white", bg="street"):
    rgb, _ = render_car_photo(azimuth_deg=az, body_color=color, background=bg)
    return estimate_view(rgb, locate_vehicle(rgb, S), S)


@pytest.fixture(scope="module")
def views():
    return {az: _view(az) for az in (0, 45, 135)}


def test_front_left_45_passes_for_a_car(views):
    v = views[45]
    assert v.view == "front-left"
    assert judge_view(v, "car", S).status is Status.PASS


def test_front_fails_for_a_car(views):
    assert judge_view(views[0], "car", S).status is not Status.PASS


def test_rear_left_fails_for_a_car_and_passes_for_a_trailer(views):
    v = views[135]
    assert v.view == "rear-left"
    assert judge_view(v, "car", S).status is not Status.PASS
    assert judge_view(v, "trailer", S).status is Status.PASS


def test_helpers():
    assert view_of_azimuth(44) == "front-left"
    assert view_of_azimuth(350) == "front"
    assert azimuth_difference(350, 10) == 20


@pytest.mark.corpus
@pytest.mark.slow
def test_labelled_corpus_view_accuracy_floor(corpus_dir):
    from vincheck.imageio import load_image

    rows = list(csv.DictReader(LABELS.open(encoding="utf-8")))
    right = 0
    for r in rows:
        rgb = load_image(corpus_dir / r["file"]).rgb
        v = estimate_view(rgb, locate_vehicle(rgb, S), S)
        right += v.view == r["view"]
    acc = right / len(rows)
    assert acc >= VIEW_FLOOR, f"view accuracy {acc:.2f}"


# Measured 0.24 on the 41 labelled photos (benchmarks.photo, same as the "always
# front-left" baseline): classical cues are weak on real photos. Floor a bit below.
VIEW_FLOOR = 0.17
