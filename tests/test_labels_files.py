"""The label files' derived columns follow the rules their README states (no corpus needed).

``tests/labels/photo_labels.csv``: ``azimuth`` is the circular mean of the three
annotators' azimuths (degrees, to 0.1) and ``view`` its class; each annotator's ``view_c``
is the class of their azimuth."""

from __future__ import annotations

import csv

import pytest

from devkit.corpus import label_file
from vincheck.photo.azimuth import circular_mean
from vincheck.photo.view import azimuth_difference, view_of_azimuth

LABELS = label_file("photo_labels.csv")
ROWS = list(csv.DictReader(LABELS.open(encoding="utf-8")))


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


def test_annotator_reference_scores_each_annotator_against_the_other_two():
    from benchmarks.photo_view import _annotator_reference

    def row(a: float, b: float, c: float) -> dict:
        az = {"a": a, "b": b, "c": c}
        return {**{f"azimuth_{w}": v for w, v in az.items()},
                **{f"view_{w}": view_of_azimuth(v) for w, v in az.items()}}

    # all near 45 deg; then A says front (10) while B and C say front-left (30, 40):
    # against the mean of B and C (35) A is wrong, B against A and C (25) right, C against
    # A and B (20: front) wrong
    ref = _annotator_reference([row(45, 40, 50), row(10, 30, 40)])
    assert ref == {"min": 0.5, "mean": pytest.approx(2 / 3), "max": 1.0}
