"""Rendered car photos, second style: shaded more like a real car in a show hall or a street
(build time only; the models and conventions of :mod:`car_renders`).

Against the first style (flat Lambert shading on a bright random background):

- paint, glass and chrome reflect an environment: the reflected view ray's elevation picks
  a bright ceiling / sky or a dark floor, with a sharp horizon (the light upper and dark
  lower flanks of a real car), plus a Blinn-Phong highlight of a random key light;
- glass is dark and glossy, tyres near black, rims light metal, head lamps whitish and
  tail lamps red (the Quaternius models name these parts; Kenney's keep their atlas);
- camera elevation 0-25 degrees, the car filling 40-95 % of the width;
- backgrounds: a hall (dark ceiling with lamp dots, stands, people-like blobs, a floor
  that may be bright and a round platform under the car) or the first style's clutter;
- a dark contact shadow, random down-and-up scaling (low resolution) and a box jittered
  by up to 6 % of its size per edge, as a detector's box is.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
from car_renders import (
    BODY_COLOURS,
    GLASS,
    LAMP_FRONT,
    LAMP_REAR,
    RIM,
    TYRE,
    CarMesh,
    _look_at,
    background,
    render_set,
)

BOX_JITTER = 0.06  # of the box's size, per edge


def hall_background(rng: np.random.Generator, w: int, h: int,
                    horizon: float) -> np.ndarray:
    """A show hall or street: dark-to-mid ceiling / sky with lamp dots, stands and
    people-like blobs along the horizon (``horizon`` px from the top), a floor (float RGB)."""
    img = np.empty((h, w, 3), np.float32)
    hz = int(np.clip(horizon, 0.1 * h, 0.9 * h))
    top = rng.uniform(5, 120) * rng.uniform(0.7, 1.3, 3)
    mid = rng.uniform(30, 200) * rng.uniform(0.7, 1.3, 3)
    ramp = np.linspace(0, 1, hz)[:, None, None]
    img[:hz] = top * (1 - ramp) + mid * ramp
    floor = rng.uniform(20, 230) * rng.uniform(0.6, 1.4, 3)
    ramp = np.linspace(0, 1, h - hz)[:, None, None]
    img[hz:] = floor * (0.7 + 0.5 * ramp)
    for _ in range(int(rng.integers(0, 60))):  # ceiling lamps
        cv2.circle(img, (int(rng.integers(0, w)), int(rng.integers(0, max(1, hz)))),
                   int(rng.integers(1, 3)), (255, 255, 240), -1)
    for _ in range(int(rng.integers(2, 14))):  # stands, signs, other cars, people
        c = tuple(float(x) for x in rng.uniform(0, 255, 3))
        x0 = int(rng.integers(-w // 4, w))
        yb = hz + int(rng.integers(-h // 20, h // 10 + 1))
        if rng.random() < 0.5:
            cv2.rectangle(img, (x0, yb - int(rng.integers(5, h // 2))),
                          (x0 + int(rng.integers(10, w // 2)), yb), c, -1)
        else:
            r = int(rng.integers(3, 10))
            cv2.ellipse(img, (x0, yb - 3 * r), (r, 3 * r), 0, 0, 360, c, -1)
            cv2.circle(img, (x0, yb - 7 * r), r, c, -1)
    return img


def light_faces(car: CarMesh, eye: np.ndarray, rng: np.random.Generator
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per face of ``car`` seen from ``eye``: the reflected surrounding's brightness (a
    bright ceiling / sky over a dark floor with a random horizon softness, 0-255), a key
    light's specular highlight (0-1) and its diffuse light (0.3-1.3): the draws shared by
    the shaded and the photo style, in their order."""
    tw = car.tris
    n = np.cross(tw[:, 1] - tw[:, 0], tw[:, 2] - tw[:, 0])
    n /= np.maximum(1e-9, np.linalg.norm(n, axis=1, keepdims=True))
    view = eye - tw.mean(1)
    view /= np.linalg.norm(view, axis=1, keepdims=True)
    refl = 2 * np.einsum("ij,ij->i", n, view)[:, None] * n - view  # reflected view ray
    sky, ground = rng.uniform(150, 255), rng.uniform(10, 90)
    soft = rng.uniform(0.03, 0.25)  # softness of the reflected horizon
    env = ground + (sky - ground) / (1 + np.exp(-refl[:, 1] / soft))
    light = np.array([rng.normal(0, 1), rng.uniform(0.8, 2.5), rng.normal(0, 1)])
    light /= np.linalg.norm(light)
    half = light + view
    half /= np.linalg.norm(half, axis=1, keepdims=True)
    spec = np.clip(np.einsum("ij,ij->i", n, half), 0, 1) ** rng.uniform(8, 60)
    lambert = rng.uniform(0.3, 0.6) + rng.uniform(0.3, 0.7) * np.clip(n @ light, 0, 1)
    return env, spec, lambert


def _shade(car: CarMesh, eye: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Per-face RGB (0-255 float) of ``car`` seen from ``eye``: material, the reflected
    surrounding (a bright ceiling / sky over a dark floor with a sharp horizon) and a key
    light's highlight."""
    part = car.part if car.part is not None else np.zeros(len(car.tris), np.int8)
    env, spec, lambert = light_faces(car, eye, rng)
    cols = car.colours.copy()
    body = np.array(BODY_COLOURS[int(rng.integers(len(BODY_COLOURS)))], np.float32)
    cols[car.body] = body * rng.uniform(0.8, 1.15, 3)
    gloss = rng.uniform(0.15, 0.45)  # share of the paint's look that is reflection
    out = cols * lambert[:, None] * (1 - gloss) + gloss * env[:, None] * (cols / 255 + 0.4)
    return shade_parts(out, part, lambert, env, spec, rng)


def shade_parts(out: np.ndarray, part: np.ndarray, lambert: np.ndarray, env: np.ndarray,
                spec: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """The triangles' colours (0-255, RGB per triangle) with the glass dark and reflecting,
    the tyres black, the rims light, the lamps white and red, the specular highlight added
    and a colour cast: shared by the shaded and the photo style (same draws, same order)."""
    glass = part == GLASS
    out[glass] = (rng.uniform(8, 40) + 0.35 * env[glass])[:, None] * rng.uniform(0.85, 1.1, 3)
    tyre = part == TYRE
    out[tyre] = rng.uniform(8, 35) * lambert[tyre, None]
    rim = part == RIM
    out[rim] = (rng.uniform(120, 220) * lambert[rim] * 0.6 + 0.4 * env[rim])[:, None]
    out[part == LAMP_FRONT] = rng.uniform(190, 255) * np.array([1.0, 1.0, 0.93])
    out[part == LAMP_REAR] = np.array([rng.uniform(150, 230), rng.uniform(10, 45),
                                       rng.uniform(10, 45)])
    out += 255 * rng.uniform(0.3, 0.9) * spec[:, None] * (~tyre)[:, None]
    return np.clip(out * rng.uniform(0.85, 1.15, 3), 0, 255)


@dataclass
class View:
    """Where a render's camera stands: image ``w`` x ``h`` px, azimuth ``az`` (radians),
    ``eye`` and rotation ``rot`` (world -> camera), the car's triangles in camera space
    ``cam``, focal length ``f`` px and principal point ``cx``, ``cy`` px."""

    w: int
    h: int
    az: float
    eye: np.ndarray
    rot: np.ndarray
    cam: np.ndarray
    f: float
    cx: float
    cy: float


def place_camera(car: CarMesh, azimuth_deg: float, rng: np.random.Generator,
                 size: tuple[int, int] | None = None) -> View:
    """A random camera looking at ``car`` from ``azimuth_deg`` (elevation 0-25 degrees,
    5-16 m away) that frames it at 40-95 % of the image width: the draws shared by the
    shaded and the photo style, in their order."""
    w, h = size or (int(rng.integers(320, 640)), 0)
    if not h:
        h = int(w / rng.uniform(1.3, 1.6))
    az, elev = math.radians(azimuth_deg), math.radians(rng.uniform(0, 25))
    dist = rng.uniform(5.0, 16.0)
    eye = np.array([math.sin(az) * math.cos(elev) * dist, 0.4 + dist * math.sin(elev),
                    math.cos(az) * math.cos(elev) * dist])
    target = np.array([rng.normal(0, 0.15), rng.uniform(0.3, 0.8), rng.normal(0, 0.25)])
    rot = _look_at(eye, target)
    cam = ((car.tris.reshape(-1, 3) - eye) @ rot.T).reshape(-1, 3, 3)
    z = cam[..., 2]
    px, py = cam[..., 0] / z, cam[..., 1] / z
    ex, ey = px.max() - px.min(), py.max() - py.min()
    f = min(rng.uniform(0.4, 0.95) * w / max(ex, 1e-3), 0.92 * h / max(ey, 1e-3))
    bw, bh = f * ex, f * ey
    left = rng.uniform(0.02 * w, max(0.02 * w, w - bw - 0.02 * w))
    top = rng.uniform(0.02 * h, max(0.02 * h, h - bh - 0.02 * h))
    cx, cy = left - f * px.min(), top + f * py.max()
    return View(w, h, az, eye, rot, cam, f, cx, cy)


def render_shaded(car: CarMesh, azimuth_deg: float, rng: np.random.Generator,
                  size: tuple[int, int] | None = None) -> tuple[np.ndarray, tuple[float, ...]]:
    """One photo of ``car`` from ``azimuth_deg`` (convention of :mod:`car_renders`) in the
    second style. Returns (uint8 RGB, the car's box x, y, w, h px, jittered)."""
    v = place_camera(car, azimuth_deg, rng, size)
    w, h, az, eye, rot, cam, f, cx, cy = v.w, v.h, v.az, v.eye, v.rot, v.cam, v.f, v.cx, v.cy
    z = cam[..., 2]
    px, py = cam[..., 0] / z, cam[..., 1] / z
    uv = np.stack([cx + f * px, cy - f * py], -1)

    def project(p: np.ndarray) -> np.ndarray:
        c = (p - eye) @ rot.T
        return np.stack([cx + f * c[:, 0] / c[:, 2], cy - f * c[:, 1] / c[:, 2]], -1)

    # the horizon: where a far point at the camera's height appears
    far = eye + 1000 * np.array([-math.sin(az), 0.0, -math.cos(az)])
    horizon = float(project(far[None])[0, 1])
    if rng.random() < 0.75:
        img = hall_background(rng, w, h, horizon)
    else:
        img = background(rng, w, h)
    ext = np.abs(car.tris.reshape(-1, 3)).max(0)
    if rng.random() < 0.5:  # a round platform under the car
        r = math.hypot(ext[0], ext[2]) * rng.uniform(1.05, 1.4)
        ring = np.array([[r * math.cos(t), 0.0, r * math.sin(t)]
                         for t in np.linspace(0, 2 * math.pi, 48, endpoint=False)])
        col = tuple(float(c) for c in rng.uniform(40, 255) * rng.uniform(0.6, 1.2, 3))
        cv2.fillPoly(img, [np.round(project(ring)).astype(np.int32)], col)
    ground = np.array([[sx * ext[0], 0.0, sz * ext[2]] for sx in (-1.05, 1.05)
                       for sz in (-1.0, 1.0)])
    shadow = np.zeros((h, w), np.float32)
    cv2.fillConvexPoly(shadow, cv2.convexHull(project(ground).astype(np.float32))
                       .astype(np.int32), 1.0)
    shadow = cv2.GaussianBlur(shadow, (0, 0), max(1.0, w / rng.uniform(60, 200)))
    img *= (1 - rng.uniform(0.5, 0.9) * shadow)[..., None]
    cols = _shade(car, eye, rng)
    tw = car.tris
    n = np.cross(tw[:, 1] - tw[:, 0], tw[:, 2] - tw[:, 0])
    facing = np.einsum("ij,ij->i", n, eye - tw.mean(1)) > 0
    mask = np.zeros((h, w), np.uint8)
    for i in np.argsort(-z.mean(1)):
        if not facing[i] or (z[i] <= 0.1).any():
            continue
        pts = np.round(uv[i] * 4).astype(np.int32)
        cv2.fillConvexPoly(img, pts, tuple(float(c) for c in cols[i]), cv2.LINE_8, 2)
        cv2.fillConvexPoly(mask, pts, 1, cv2.LINE_8, 2)
    return _finish(img, mask, rng)


def _finish(img: np.ndarray, mask: np.ndarray,
            rng: np.random.Generator) -> tuple[np.ndarray, tuple[float, ...]]:
    """Blur, low resolution, noise, gamma and JPEG of a float picture; the jittered box of
    ``mask``."""
    h, w = mask.shape
    img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.3, 1.2))
    if rng.random() < 0.5:
        k = rng.uniform(0.4, 0.9)
        small = cv2.resize(img, (max(8, int(w * k)), max(8, int(h * k))),
                           interpolation=cv2.INTER_AREA)
        img = cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)
    img += rng.normal(0, rng.uniform(1, 6), img.shape).astype(np.float32)
    img = 255.0 * (np.clip(img, 0, 255) / 255.0) ** rng.uniform(0.8, 1.25)
    out = np.clip(img, 0, 255).astype(np.uint8)
    ok, enc = cv2.imencode(".jpg", out[:, :, ::-1],
                           [cv2.IMWRITE_JPEG_QUALITY, int(rng.integers(40, 95))])
    if ok:
        out = np.ascontiguousarray(cv2.imdecode(enc, cv2.IMREAD_COLOR)[:, :, ::-1])
    ys, xs = np.nonzero(mask)
    if not len(xs):
        return out, (0.0, 0.0, float(w), float(h))
    x0, x1, y0, y1 = xs.min(), xs.max() + 1.0, ys.min(), ys.max() + 1.0
    bw, bh = x1 - x0, y1 - y0
    j = rng.uniform(-BOX_JITTER, BOX_JITTER, 4)
    x0, x1 = max(0.0, x0 + j[0] * bw), min(float(w), x1 + j[1] * bw)
    y0, y1 = max(0.0, y0 + j[2] * bh), min(float(h), y1 + j[3] * bh)
    return out, (float(x0), float(y0), float(x1 - x0), float(y1 - y0))


def render_set_shaded(models: list[str], per_model: int, seed: int):
    """Yield (model name, azimuth deg, RGB, box) as :func:`car_renders.render_set` does, in
    the second style."""
    return render_set(models, per_model, seed, render_shaded)
