"""The car models and render styles the full-turn view head is trained on (build-time tools in
``tools/``; need ``trimesh``, in the ``dev`` extra)."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

TOOLS = Path(__file__).resolve().parent.parent / "tools"
MODELS = TOOLS / "data" / "car_models"


@pytest.fixture(scope="module")
def tools():
    pytest.importorskip("trimesh")
    sys.path.insert(0, str(TOOLS))
    try:
        import car_renders
        import car_renders_photo
        import train_view_turn
    finally:
        sys.path.remove(str(TOOLS))
    return car_renders, car_renders_photo, train_view_turn


def test_every_car_model_is_a_plain_gltf_binary_with_its_source_recorded():
    sources = (MODELS / "SOURCES.md").read_text(encoding="utf-8")
    files = sorted(MODELS.glob("*.glb"))
    assert len(files) >= 16
    for f in files:
        assert f.read_bytes()[:4] == b"glTF", f"{f.name} is not a glTF binary (LFS pointer?)"
        assert f"`{f.stem}`" in sources, f.stem


def test_no_render_set_trains_on_the_held_out_police_cars(tools):
    _cr, _cp, t = tools
    held = {"police", "quaternius-police"}
    for name, (models, _per, _seed, _style) in t.SETS.items():
        if name not in t.HELD_OUT_SETS:
            assert not held & set(models), name
    assert set(t.KENNEY_MORE) <= {f.stem for f in MODELS.glob("*.glb")}


def test_the_photo_style_repaints_the_kenney_paint_not_the_grey_trim(tools):
    car_renders, cp, _t = tools
    car = car_renders.load_car("sedan")
    part = cp.photo_parts("sedan")
    hsv = cp._hsv(car.colours)
    paint = part == cp.PAINT
    assert paint.sum() > 50
    # the sedan's own paint is orange (hue ~ 5-15 of 180), saturated; the trim grey
    assert np.median(hsv[paint, 1]) > 100 and np.median(hsv[paint, 0]) < 20
    trim = part == cp.TRIM
    assert trim.sum() > 50 and np.median(hsv[trim, 1]) < 90
    # the shaded style's single body colour is that trim, not the paint
    assert not (car.body & paint).any() and (car.body & trim).sum() == car.body.sum()
    glass = part == car_renders.GLASS
    assert glass.sum() > 5 and car.colours[glass].mean() > 200  # light-blue atlas glass
    eye = np.array([6.0, 2.0, 6.0])
    a = cp._shade_photo(car, part, eye, np.random.default_rng(1))
    b = cp._shade_photo(car, part, eye, np.random.default_rng(4))
    assert np.abs(np.median(a[paint], 0) - np.median(b[paint], 0)).max() > 20  # repainted
    assert a[glass].mean() < 150 and b[glass].mean() < 150  # drawn dark


def test_a_photo_style_render_has_the_car_in_its_box(tools):
    car_renders, cp, _t = tools
    img, (x, y, w, h) = cp.render_photo(car_renders.load_car("taxi"), 45.0,
                                        np.random.default_rng(3), size=(320, 220))
    assert img.shape == (220, 320, 3) and img.dtype == np.uint8
    assert 0 <= x and 0 <= y and x + w <= 320 and y + h <= 220
    assert w > 0.3 * 320 * 0.4 and h > 10
