"""The full-turn view head: exact mirror symmetry (a front-left photo mirrored is a
front-right one and never passes), how it hands over to the end head, its provenance, its
figures on rendered views of a car model it never saw (no corpus needed) and, with the
corpus, on the EPFL multi-view cars (measured on, never trained on)."""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np
import pytest

from devkit.corpus import CORPUS
from devkit.synth.car_photo import render_car_photo
from vincheck.findings import Status
from vincheck.photo import view_turn as vt
from vincheck.photo.vehicle import locate_vehicle
from vincheck.photo.view import (
    TURN_FAIL_MASS,
    TURN_FROM_DEG,
    TURN_PASS_MASS,
    ViewEstimate,
    azimuth_difference,
    estimate_view,
    judge_view,
    mass_near,
    off_axis_of,
)
from vincheck.settings import PhotoSettings

S = PhotoSettings()
TOOLS = Path(__file__).resolve().parent.parent / "tools"
EPFL = CORPUS / "epfl-multiview-cars"


@pytest.fixture(scope="module")
def drawn_car():
    rgb, truth = render_car_photo(azimuth_deg=50, body_color="red", fill=0.6, seed=4)
    return rgb, truth["vehicle_box"]


def test_a_mirrored_photo_reads_as_the_mirrored_azimuth(drawn_car):
    rgb, (x, y, w, h) = drawn_car
    a = vt.read_turn(rgb, (x, y, w, h))
    b = vt.read_turn(np.ascontiguousarray(rgb[:, ::-1]), (rgb.shape[1] - x - w, y, w, h))
    assert azimuth_difference(b.azimuth_deg, (360 - a.azimuth_deg) % 360) < 0.05
    assert b.confidence == pytest.approx(a.confidence, abs=1e-4)


def test_mirror_bins_maps_azimuth_a_to_360_minus_a():
    p = np.zeros(vt.BINS)
    p[4] = 1.0  # 40 deg
    q = vt.mirror_bins(p)
    assert q[vt.BINS - 4] == 1.0 and q.sum() == 1.0  # 320 deg
    assert vt.mirror_bins(q)[4] == 1.0


def test_read_probs_takes_the_peak_and_its_mass():
    p = np.full(vt.BINS, 0.1 / (vt.BINS - 3))
    p[[4, 5, 6]] = [0.2, 0.5, 0.2]  # 40, 50, 60 deg
    t = vt.read_probs(p)
    assert t.azimuth_deg == pytest.approx(50.0, abs=0.01)
    assert t.confidence == pytest.approx(0.9 + 2 * 0.1 / (vt.BINS - 3), abs=1e-6)
    # two equal peaks half a turn apart (front-left or rear-right): not confident
    p = np.full(vt.BINS, 0.0)
    p[[4, 22]] = 0.5
    assert vt.read_probs(p).confidence == pytest.approx(0.5)


def test_an_oblique_reading_decides_and_an_end_on_one_hands_over(drawn_car, monkeypatch):
    rgb, _box = drawn_car
    region = locate_vehicle(rgb, S)
    probs = np.full(vt.BINS, 0.01 / (vt.BINS - 1))

    def fake(p):
        return lambda _rgb, _box: vt.read_probs(p)

    oblique = probs.copy()
    oblique[5] = 0.99  # 50 deg: the full-turn head decides
    monkeypatch.setattr("vincheck.photo.view.read_turn", fake(oblique))
    v = estimate_view(rgb, region, S)
    assert v.source == "turn" and v.azimuth_deg == pytest.approx(50.0, abs=0.5)
    # the steps show in the details: the cues' own answer, then the head's that decided
    steps = v.cues["steps"]
    assert [s["step"] for s in steps] == ["cues", "turn"]
    assert steps[-1]["azimuth_deg"] == pytest.approx(v.azimuth_deg, abs=0.05)
    assert steps[-1]["confidence"] == pytest.approx(v.confidence, abs=1e-3)
    assert judge_view(v, "car", S).status is Status.PASS
    assert judge_view(v, "trailer", S).status is Status.REVIEW  # never saw a trailer
    end_on = probs.copy()
    end_on[1] = 0.99  # 10 deg: off the end axis less than TURN_FROM_DEG
    assert off_axis_of(10.0) < TURN_FROM_DEG
    monkeypatch.setattr("vincheck.photo.view.read_turn", fake(end_on))
    v = estimate_view(rgb, region, S)
    assert v.source == "head" and v.cues["turn"]["azimuth_deg"] == pytest.approx(10.0, abs=0.5)
    names = [s["step"] for s in v.cues["steps"]]
    assert names[:2] == ["cues", "head"] and all(n.startswith("veto ") for n in names[2:])
    assert v.cues["steps"][-1]["azimuth_deg"] == pytest.approx(v.azimuth_deg, abs=0.05)


def _turn_estimate(mass_at: dict[int, float]) -> ViewEstimate:
    """A full-turn reading carrying its bin probabilities: ``mass_at`` {bin: probability},
    the rest spread evenly."""
    p = np.full(vt.BINS, (1.0 - sum(mass_at.values())) / (vt.BINS - len(mass_at)))
    for k, m in mass_at.items():
        p[k] = m
    t = vt.read_probs(p)
    return ViewEstimate("x", t.azimuth_deg, t.confidence, source="turn",
                        turn_probs=tuple(float(v) for v in p))


def test_mass_near_sums_the_bins_within_the_window():
    p = np.zeros(vt.BINS)
    p[[2, 3, 4, 5, 6, 7, 8]] = 0.1  # 20 ... 80 deg
    assert mass_near(p, 45.0) == pytest.approx(0.6)  # 20 and 70 (25 deg away) ... not 80
    assert mass_near(p, 45.0, window=15.0) == pytest.approx(0.4)  # 30, 40, 50, 60
    assert mass_near(p, 225.0) == pytest.approx(0.0)


def test_the_mass_near_the_required_view_decides_a_turn_reading():
    # confident front-left: pass
    assert judge_view(_turn_estimate({4: 0.45, 5: 0.45}), "car", S).status is Status.PASS
    # read at 45 deg but much of the probability half a turn away (front-left or
    # rear-right?): review, though the reading lies inside the tolerance
    split = _turn_estimate({4: 0.3, 5: 0.3, 22: 0.2, 23: 0.2})
    assert azimuth_difference(split.azimuth_deg, 45.0) <= S.azimuth_tolerance_deg
    assert mass_near(split.turn_probs, 45.0) < TURN_PASS_MASS
    f = judge_view(split, "car", S)
    assert f.status is Status.REVIEW and "uncertain" in f.message
    # unsure whether rear or rear-right, but surely not front-left: fail, not review (the
    # confidence floor used to send it to a person)
    rear = _turn_estimate({18: 0.3, 20: 0.3, 22: 0.3})
    assert rear.confidence < 0.7 and mass_near(rear.turn_probs, 45.0) <= TURN_FAIL_MASS
    f = judge_view(rear, "car", S)
    assert f.status is Status.FAIL and f.details["mass_near_target"] < TURN_FAIL_MASS
    # read outside the tolerance with much probability near 45: review
    near_miss = _turn_estimate({2: 0.5, 4: 0.4})  # 20 and 40 deg -> about 29 deg
    assert azimuth_difference(near_miss.azimuth_deg, 45.0) > S.azimuth_tolerance_deg
    assert judge_view(near_miss, "car", S).status is Status.REVIEW
    # a confident front-right (a mirrored front-left photo) never passes
    assert judge_view(_turn_estimate({31: 0.45, 32: 0.45}), "car", S).status is Status.FAIL
    # the trailer rule still sends a confident head reading to review
    t = judge_view(_turn_estimate({13: 0.45, 14: 0.45}), "trailer", S)
    assert t.status is Status.REVIEW and "trailers" in t.message


def test_without_turn_weights_the_end_head_decides(drawn_car, monkeypatch):
    rgb, _box = drawn_car
    monkeypatch.setattr(vt, "TURN_PATH", Path("/nonexistent/view_turn.npz"))
    vt._weights.cache_clear()
    try:
        v = estimate_view(rgb, locate_vehicle(rgb, S), S)
    finally:
        monkeypatch.undo()
        vt._weights.cache_clear()
    assert v.source == "head" and "turn" not in v.cues


def test_the_shipped_weights_are_the_recorded_ones_and_from_renders_only():
    meta = vt.metadata()
    assert meta["sha256"] == hashlib.sha256(vt.TURN_PATH.read_bytes()).hexdigest()
    assert meta["training_data"]["photos"] == "none"
    assert "CC0" in meta["sources"]["car models"]
    trained = {m for r in meta["training_data"]["renders"].values() for m in r["models"]}
    assert not trained & {"police", "quaternius-police"}  # the held-out models
    assert {"police", "quaternius-police"} <= {
        m for r in meta["training_data"]["held_out_renders"].values() for m in r["models"]}
    assert "EPFL" in meta["never_trained_on"]
    # the recorded command and render sets are the training tool's own
    sys.path.insert(0, str(TOOLS))
    try:
        import train_view_turn
    finally:
        sys.path.remove(str(TOOLS))
    assert meta["trained_with"] == train_view_turn.COMMAND
    assert set(meta["training_data"]["renders"]) == set(train_view_turn.TRAIN_SETS)
    for name, rec in meta["training_data"]["renders"].items():
        models, per, seed, style = train_view_turn.SETS[name]
        assert rec == {"models": models, "per_model": per, "seed": seed, "style": style}


# --------------------------------------------- rendered views of held-out models (CI)

# 24 renders each of the two police cars, never trained on (seed 2024, 480 x 320 px): the
# Kenney one in the flat style, the Quaternius one in the shaded style. Measured with the
# shipped head: flat, median error 8.3 deg, mean 35.5 (four read the wrong way round:
# 135 as 310, 200 as 21, 225 as 51, 120 as 293), 4 of the 5 renders within 45 +/- 10 read
# within 45 +/- 15 and 1 of the 15 more than 30 deg away (225 as 51); shaded, median 3.9,
# mean 5.5, 5 of 5 and 0 of 15
HELD_OUT_AZIMUTHS = [0, 20, 35, 40, 45, 50, 55, 70, 90, 110, 135, 160, 180, 200, 225,
                     250, 270, 290, 315, 340, 30, 60, 120, 240]
# style: (model, the most median / mean error deg, the least near read near, the most far
# read near)
HELD_OUT_LIMITS = {"flat": ("police", 12.0, 45.0, 4, 2),
                   "shaded": ("quaternius-police", 8.0, 15.0, 4, 1)}


def _held_out_readings(style: str) -> list:
    pytest.importorskip("trimesh")
    sys.path.insert(0, str(TOOLS))
    try:
        import car_renders
        import car_renders_shaded
    finally:
        sys.path.remove(str(TOOLS))
    render = car_renders.render if style == "flat" else car_renders_shaded.render_shaded
    car = car_renders.load_car(HELD_OUT_LIMITS[style][0])
    rng = np.random.default_rng(2024)
    out = []
    for az in HELD_OUT_AZIMUTHS:
        img, box = render(car, float(az), rng, size=(480, 320))
        out.append((az, vt.read_turn(img, box)))
    return out


@pytest.mark.slow
@pytest.mark.parametrize("style", sorted(HELD_OUT_LIMITS))
def test_held_out_model_renders_are_read_near_their_azimuth(style):
    readings = _held_out_readings(style)
    _model, median_max, mean_max, near_min, far_max = HELD_OUT_LIMITS[style]
    errs = [azimuth_difference(t.azimuth_deg, az) for az, t in readings]
    assert float(np.median(errs)) <= median_max
    assert float(np.mean(errs)) <= mean_max
    near = [t for az, t in readings if azimuth_difference(az, 45) <= 10]
    assert sum(azimuth_difference(t.azimuth_deg, 45) <= 15 for t in near) >= near_min
    far = [t for az, t in readings if azimuth_difference(az, 45) > 30]
    assert sum(azimuth_difference(t.azimuth_deg, 45) <= 15 for t in far) <= far_max


# ------------------------------------------------------ EPFL multi-view cars (corpus)

def _epfl_rows() -> list:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks.photo_epfl import shared_frames

    return shared_frames(EPFL)


@pytest.fixture(scope="module")
def epfl_near():
    """The angle finding on the frames of cars 1-8 within 45 +/- 10 deg, as they are and
    mirrored (plate-free path; no plate is on these cars)."""
    if not (EPFL / "labels.tsv").is_file():
        pytest.skip("the EPFL multi-view cars are not in the corpus")
    from vincheck.imageio import load_image

    out = []
    for fr in _epfl_rows():
        if azimuth_difference(fr.azimuth, 45) > 10:
            continue
        rgb = load_image(fr.path).rgb
        for mirrored in (False, True):
            pic = np.ascontiguousarray(rgb[:, ::-1]) if mirrored else rgb
            v = estimate_view(pic, locate_vehicle(pic, S), S)
            out.append((fr.car, mirrored, v, judge_view(v, "car", S).status))
    return out


@pytest.mark.corpus
@pytest.mark.slow
def test_epfl_front_left_photos_pass_at_least_as_measured(epfl_near):
    plain = [st for _car, m, _v, st in epfl_near if not m]
    assert len(plain) == 48
    passed = sum(st is Status.PASS for st in plain)
    assert passed >= EPFL_NEAR_PASS_MIN
    assert sum(st is Status.FAIL for st in plain) <= EPFL_NEAR_FAIL_MAX
    assert sum(st is Status.REVIEW for st in plain) <= EPFL_NEAR_REVIEW_MAX


@pytest.mark.corpus
@pytest.mark.slow
def test_epfl_mirrored_front_left_photos_never_pass(epfl_near):
    mirrored = [st for _car, m, _v, st in epfl_near if m]
    assert mirrored and not any(st is Status.PASS for st in mirrored)


# of 48 (cars 1-8), this test's path (vehicle located without plates): 44 passed, 0
# failed, 4 to review with the lamp cue (vincheck.photo.view_lamps); 38 / 0 / 10 without it
# (estimate_view(..., lamps=False)), so the pass floor fails without the cue.
# benchmarks.photo_epfl (boxes found with the plates) measured 42 / 1 / 5 (36 / 1 / 11)
EPFL_NEAR_PASS_MIN, EPFL_NEAR_FAIL_MAX, EPFL_NEAR_REVIEW_MAX = 41, 2, 7


# ------------------------------------- leave-one-car-out replay of the two masses

def _loco_row(car: int, az_true: float, mass45: float, read_az: float) -> dict:
    """A benchmark row whose shipped reading (``read_az``) carries probabilities with
    ``mass45`` on the 40 and 50 deg bins and the rest at 200 deg."""
    p = np.zeros(vt.BINS)
    p[20] = 1.0 - mass45
    p[4] += mass45 / 2
    p[5] += mass45 / 2
    return {"car": car, "mirrored": False, "az_true": az_true,
            "shipped": {"az": read_az, "conf": 0.5, "car": "review", "probs": list(p)}}


def test_the_loco_replay_decides_each_car_with_masses_chosen_on_the_others():
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from benchmarks import photo_epfl_loco as lo

    # a reading without probabilities keeps its status whatever the masses
    plain = {"car": 1, "mirrored": False, "az_true": 45.0,
             "shipped": {"az": 44.0, "conf": 0.9, "car": "pass", "probs": None}}
    assert {lo.decide(plain, pr)[1] for pr in lo.PAIRS} == {"pass"}
    # cars 1 and 2: front-left photos read at 45 deg with 0.55 near 45: a pass mass of
    # 0.5 passes them; car 3: a side view read at 45 deg with 0.55 near 45 (a false
    # accept at 0.5, which the other cars' photos do not show)
    rows = [_loco_row(1, 45.0, 0.55, 45.0), _loco_row(2, 45.0, 0.55, 45.0),
            _loco_row(3, 90.0, 0.55, 45.0)]
    decided, chosen = lo.loco(rows)
    assert chosen[3][0] == 0.5  # chosen on cars 1 and 2 only: the false accept passes
    assert decided[2][1] == "pass"
    assert chosen[1][0] > 0.55 and decided[0][1] == "review"  # car 3's false accept seen
