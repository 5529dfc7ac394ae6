"""The label files' derived columns follow the rules their README states (no corpus needed).

``tests/labels/photo_labels.csv``: ``azimuth`` is the circular mean of the three
annotators' azimuths (degrees, to 0.1) and ``view`` its class; each annotator's ``view_c``
is the class of their azimuth."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from vincheck.photo.view import azimuth_difference, view_of_azimuth

LABELS = Path(__file__).parent / "labels" / "photo_labels.csv"
ROWS = list(csv.DictReader(LABELS.open(encoding="utf-8")))


def circular_mean(angles: list[float]) -> float:
    """Mean direction of angles in degrees, 0-360."""
    s = sum(math.sin(math.radians(a)) for a in angles)
    c = sum(math.cos(math.radians(a)) for a in angles)
    return math.degrees(math.atan2(s, c)) % 360


def test_circular_mean_wraps_round_zero():
    assert azimuth_difference(circular_mean([350.0, 10.0, 0.0]), 0.0) < 1e-9
    assert circular_mean([170.0, 190.0]) == pytest.approx(180.0)


def test_every_view_photo_has_three_annotators():
    assert len(ROWS) == 41
    for r in ROWS:
        for who in "abc":
            az = float(r[f"azimuth_{who}"])
            assert 0 <= az < 360, (r["file"], who)


@pytest.mark.parametrize("row", ROWS, ids=[r["file"].split("/")[-1] for r in ROWS])
def test_azimuth_is_the_mean_of_the_three_and_view_its_class(row):
    mean = circular_mean([float(row[f"azimuth_{w}"]) for w in "abc"])
    assert azimuth_difference(float(row["azimuth"]), mean) <= 0.05 + 1e-9
    assert row["view"] == view_of_azimuth(float(row["azimuth"]))
    assert row["view_c"] == view_of_azimuth(float(row["azimuth_c"]))
