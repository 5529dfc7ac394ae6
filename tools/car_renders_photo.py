"""Rendered car photos, third style: nearer a photograph than :mod:`car_renders_shaded`
(build time only; the models and conventions of :mod:`car_renders`).

What it changes against the shaded style:

- the Kenney models' own paint is found (the faces of the ``body`` geometry in the
  model's dominant saturated hue, whose atlas shading is kept) and repainted in a colour
  drawn from a real car park's mix (white, black, greys and silver most often); their
  light-blue atlas glass is drawn dark and glossy, their grey under-body trim dark
  plastic or body-coloured. The shaded style repaints only the largest single atlas
  colour, which on Kenney's models is the grey trim, so their paint never changed;
- a glossy floor mirrors the car (a dimmed, blurred reflection below the tyres), as on a
  show-hall floor, in half of the pictures;
- a soft ground shadow, a key light and reflections as in the shaded style.

The camera, lens, background, low resolution, noise, JPEG and box jitter are the shaded
style's.
"""

from __future__ import annotations

import math
from functools import cache

import cv2
import numpy as np
from car_renders import (
    GLASS,
    CarMesh,
    background,
    family_of,
    load_car,
    render_set,
)
from car_renders_shaded import (
    _finish,
    hall_background,
    light_faces,
    place_camera,
    shade_parts,
)

# (RGB, weight): a car park's colour mix, white / black / grey / silver most often
PAINTS = [((238, 238, 236), 0.22), ((22, 22, 25), 0.18), ((120, 122, 126), 0.14),
          ((178, 180, 184), 0.14), ((150, 22, 26), 0.07), ((26, 48, 120), 0.07),
          ((70, 105, 160), 0.03), ((35, 75, 45), 0.03), ((200, 165, 45), 0.02),
          ((125, 85, 55), 0.03), ((85, 18, 30), 0.03), ((225, 215, 190), 0.04)]
PAINT = 6  # extra CarMesh.part code of this style: the Kenney paint (kept shading)
TRIM = 7  # the Kenney grey under-body trim


def _hsv(cols: np.ndarray) -> np.ndarray:
    """OpenCV HSV (H 0-179, S, V 0-255) of n x 3 RGB colours."""
    return cv2.cvtColor(np.clip(cols, 0, 255).astype(np.uint8)[None], cv2.COLOR_RGB2HSV)[0] \
        .astype(np.float32)


@cache
def photo_parts(name: str) -> np.ndarray:
    """Part codes of ``name``'s faces for this style: the :mod:`car_renders` codes, plus
    PAINT and TRIM and GLASS found by colour on the Kenney models (atlas colours)."""
    car = load_car(name)
    part = (car.part if car.part is not None else np.zeros(len(car.tris), np.int8)).copy()
    if family_of(name) != "kenney":
        part[(part == 0) & car.body] = PAINT
        return part
    free = part == 0
    hsv = _hsv(car.colours)
    t = car.tris
    area = np.linalg.norm(np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0]), axis=1)
    sat = free & (hsv[:, 1] > 70) & (hsv[:, 2] > 60)
    hist = np.bincount((hsv[sat, 0] // 6).astype(int), weights=area[sat], minlength=30)
    hue = (np.argmax(hist) + 0.5) * 6
    dh = np.abs((hsv[:, 0] - hue + 90) % 180 - 90)
    part[sat & (dh <= 12)] = PAINT
    c = car.colours
    part[free & (c[:, 2] > 200) & (c[:, 1] > 200) & (c[:, 0] > 180) & (c[:, 2] >= c[:, 0])] \
        = GLASS
    grey = free & (hsv[:, 1] < 90) & (np.abs(hsv[:, 2] - 124) < 20) & (part == 0)
    part[grey] = TRIM
    return part


def _paint(rng: np.random.Generator) -> np.ndarray:
    """A paint colour (RGB float) from :data:`PAINTS`, slightly varied."""
    w = np.array([p[1] for p in PAINTS])
    rgb = np.array(PAINTS[int(rng.choice(len(PAINTS), p=w / w.sum()))][0], np.float32)
    return np.clip(rgb * rng.uniform(0.85, 1.12, 3), 0, 255)


def _shade_photo(car: CarMesh, part: np.ndarray, eye: np.ndarray,
                 rng: np.random.Generator) -> np.ndarray:
    """Per-face RGB (0-255 float): paint with its atlas shading kept, reflected
    surroundings, a key light's highlight; dark glass, tyres, light rims, lamps."""
    env, spec, lambert = light_faces(car, eye, rng)
    cols = car.colours.copy()
    paint = part == PAINT
    body = _paint(rng)
    if paint.any():  # keep the atlas' shading of the paint (relative brightness)
        v = cols[paint].mean(1)
        rel = np.clip(v / max(1.0, float(np.median(v))), 0.6, 1.3)
        cols[paint] = body[None] * rel[:, None]
    trim = part == TRIM
    cols[trim] = body if rng.random() < 0.4 else rng.uniform(20, 60)
    gloss = rng.uniform(0.15, 0.5)
    out = cols * lambert[:, None] * (1 - gloss) + gloss * env[:, None] * (cols / 255 + 0.4)
    return shade_parts(out, part, lambert, env, spec, rng)


def _draw(img: np.ndarray, mask: np.ndarray | None, uv: np.ndarray, z: np.ndarray,
          facing: np.ndarray, cols: np.ndarray) -> None:
    """Paint the facing triangles far to near into ``img`` (and ``mask``)."""
    for i in np.argsort(-z.mean(1)):
        if not facing[i] or (z[i] <= 0.1).any():
            continue
        pts = np.round(uv[i] * 4).astype(np.int32)
        cv2.fillConvexPoly(img, pts, tuple(float(c) for c in cols[i]), cv2.LINE_8, 2)
        if mask is not None:
            cv2.fillConvexPoly(mask, pts, 1, cv2.LINE_8, 2)


def render_photo(car: CarMesh, azimuth_deg: float, rng: np.random.Generator,
                 size: tuple[int, int] | None = None) -> tuple[np.ndarray, tuple[float, ...]]:
    """One photo of ``car`` from ``azimuth_deg`` (convention of :mod:`car_renders`) in the
    third style. Returns (uint8 RGB, the car's box x, y, w, h px, jittered)."""
    part = photo_parts(car.name)
    v = place_camera(car, azimuth_deg, rng, size)
    w, h, az, eye, rot, cam, f, cx, cy = v.w, v.h, v.az, v.eye, v.rot, v.cam, v.f, v.cx, v.cy
    z = cam[..., 2]

    def to_cam(p: np.ndarray) -> np.ndarray:
        return ((p.reshape(-1, 3) - eye) @ rot.T).reshape(p.shape)

    def uv_of(c: np.ndarray) -> np.ndarray:
        return np.stack([cx + f * c[..., 0] / c[..., 2], cy - f * c[..., 1] / c[..., 2]], -1)

    far = eye + 1000 * np.array([-math.sin(az), 0.0, -math.cos(az)])
    horizon = float(uv_of(to_cam(far[None]))[0, 1])
    img = hall_background(rng, w, h, horizon) if rng.random() < 0.75 else \
        background(rng, w, h)
    ext = np.abs(car.tris.reshape(-1, 3)).max(0)
    if rng.random() < 0.4:  # a round platform under the car
        r = math.hypot(ext[0], ext[2]) * rng.uniform(1.05, 1.4)
        ring = np.array([[r * math.cos(t), 0.0, r * math.sin(t)]
                         for t in np.linspace(0, 2 * math.pi, 48, endpoint=False)])
        col = tuple(float(c) for c in rng.uniform(40, 255) * rng.uniform(0.6, 1.2, 3))
        cv2.fillPoly(img, [np.round(uv_of(to_cam(ring))).astype(np.int32)], col)
    ground = np.array([[sx * ext[0], 0.0, sz * ext[2]] for sx in (-1.05, 1.05)
                       for sz in (-1.0, 1.0)])
    shadow = np.zeros((h, w), np.float32)
    cv2.fillConvexPoly(shadow, cv2.convexHull(uv_of(to_cam(ground)).astype(np.float32))
                       .astype(np.int32), 1.0)
    shadow = cv2.GaussianBlur(shadow, (0, 0), max(1.0, w / rng.uniform(60, 200)))
    img *= (1 - rng.uniform(0.5, 0.9) * shadow)[..., None]
    cols = _shade_photo(car, part, eye, rng)
    tw = car.tris
    n = np.cross(tw[:, 1] - tw[:, 0], tw[:, 2] - tw[:, 0])
    if rng.random() < 0.5:  # a glossy floor mirrors the car
        mirrored = tw * np.array([1.0, -1.0, 1.0])
        mcam = to_cam(mirrored)
        mn = np.cross(mirrored[:, 1] - mirrored[:, 0], mirrored[:, 2] - mirrored[:, 0])
        mfacing = np.einsum("ij,ij->i", -mn, eye - mirrored.mean(1)) > 0
        refl = img.copy()
        _draw(refl, None, uv_of(mcam), mcam[..., 2], mfacing, cols)
        refl = cv2.GaussianBlur(refl, (0, 0), max(1.0, w / rng.uniform(80, 300)))
        a = rng.uniform(0.15, 0.45)
        img = (1 - a) * img + a * refl
    facing = np.einsum("ij,ij->i", n, eye - tw.mean(1)) > 0
    mask = np.zeros((h, w), np.uint8)
    _draw(img, mask, uv_of(cam), z, facing, cols)
    return _finish(img, mask, rng)


def render_set_photo(models: list[str], per_model: int, seed: int):
    """Yield (model name, azimuth deg, RGB, box) as :func:`car_renders.render_set` does, in
    the third style."""
    return render_set(models, per_model, seed, render_photo)
