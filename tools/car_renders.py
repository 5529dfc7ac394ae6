"""Rendered car photos at known azimuths, for training the full-turn view head (build time).

In the manner of "Render for CNN" (Su, Qi, Li, Guibas, ICCV 2015): permissively licensed
3D car models are drawn at random azimuths, camera heights, distances and lenses, with a
random body colour, light, background, blur, noise and JPEG compression, so that a head
trained on them has to read the view from the car's shape rather than from one picture's
look.

Models: the Kenney "Car Kit" (https://kenney.nl/assets/car-kit, CC0 1.0 public domain),
the ``.glb`` files in ``tools/data/car_models/`` (their source in ``SOURCES.md`` there).
Their toy proportions (1.5 wide, 2.6 long, 1.3 high) are stretched towards a real car's
(1.8 x 4.5 x 1.45 m) with the wheels kept round.

Renderer: our own painter's-algorithm rasteriser (numpy + OpenCV: back faces culled,
triangles drawn far to near, flat Lambert shading of the texture colour); meshes are read
with ``trimesh`` (MIT; a build-time tool only, in the ``dev`` extra).

Convention (as :mod:`vincheck.photo.view`): azimuth 0 = the camera facing the front face,
45 = front-left (the front on the picture's left, the left flank running off to the
right), 90 = left side, 180 = rear, 270 = right side.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import cv2
import numpy as np

MODELS_DIR = Path(__file__).resolve().parent / "data" / "car_models"
# real-car proportions the toy models are stretched to: width 1.8, length 4.5, height 1.45
STRETCH_LENGTH, STRETCH_HEIGHT = 1.55, 0.8
BODY_COLOURS = [(235, 235, 235), (190, 192, 196), (128, 130, 135), (25, 25, 28),
                (160, 20, 25), (25, 50, 130), (60, 110, 170), (30, 80, 45), (200, 170, 40),
                (120, 80, 50), (90, 20, 30), (240, 240, 230), (70, 70, 75), (150, 150, 150)]


@dataclass
class CarMesh:
    """Triangles (n x 3 x 3, metres; x = the car's left, y = up, z = forward) and their
    RGB colours (n x 3, 0-255); ``body`` marks the faces painted in the body colour,
    ``part`` the glass, lamps and tyres (codes GLASS ...)."""

    name: str
    tris: np.ndarray
    colours: np.ndarray
    body: np.ndarray
    part: np.ndarray | None = None


def model_names() -> list[str]:
    """The car models available (file stems), sorted."""
    return sorted(p.stem for p in MODELS_DIR.glob("*.glb"))


# per model family: (stretch of the length, of the height) towards a real car's
# proportions; the Quaternius models are drawn at real proportions already
FAMILY_STRETCH = {"kenney": (STRETCH_LENGTH, STRETCH_HEIGHT), "quaternius": (1.0, 1.0)}
GLASS, LAMP_FRONT, LAMP_REAR, TYRE, RIM = 1, 2, 3, 4, 5  # CarMesh.part codes (0: other)


def family_of(name: str) -> str:
    """The model family of a model file stem (``quaternius-*`` or a Kenney name)."""
    return "quaternius" if name.startswith("quaternius-") else "kenney"


def _part_of(gname: str, material: str, colour: np.ndarray) -> np.ndarray:
    """Part codes (see GLASS ...) of one geometry's faces from its names and colours."""
    low = (gname + " " + material).lower()
    lum = colour.mean(1)
    part = np.zeros(len(colour), np.int8)
    if "wheel" in low:  # the darkest colour is the tyre, the rest the rim
        part[:] = RIM
        part[lum <= (lum.min() + 15 if np.ptp(lum) > 15 else 25)] = TYRE
        return part
    if "window" in low or "glass" in low:
        part[:] = GLASS
    elif "headlight" in low:
        part[:] = LAMP_FRONT
    elif "taillight" in low or "brakelight" in low:
        part[:] = LAMP_REAR
    return part


@cache
def load_car(name: str) -> CarMesh:
    """One model, stretched to real-car proportions (Kenney's toys; the wheels kept round);
    the front along +z and the car's left along +x (both families' own axes)."""
    import trimesh

    stretch_l, stretch_h = FAMILY_STRETCH[family_of(name)]
    scene = trimesh.load(MODELS_DIR / f"{name}.glb", force="scene")
    tris, cols, body, parts = [], [], [], []
    for node in scene.graph.nodes_geometry:
        tf, gname = scene.graph[node]
        g = scene.geometry[gname].copy()
        g.apply_transform(tf)
        colours = np.asarray(g.visual.to_color().vertex_colors, np.float32)
        colours = np.broadcast_to(colours.reshape(-1, colours.shape[-1])[:, :3],
                                  (len(g.vertices), 3)) if colours.ndim < 2 or \
            len(colours) != len(g.vertices) else colours[:, :3]
        material = str(getattr(getattr(g.visual, "material", None), "name", "") or "")
        v = g.vertices.copy()
        if "wheel" in gname.lower():
            c = v.mean(0)
            v = (v - c) * stretch_h ** 0.5 + c * np.array([1.0, stretch_h, stretch_l])
        else:
            v = v * np.array([1.0, stretch_h, stretch_l])
        f = g.faces
        tris.append(v[f])
        fc = colours[f].mean(1)
        cols.append(fc)
        parts.append(_part_of(gname, material, fc))
        body.append(np.zeros(len(f), bool))
    tris_a, cols_a, parts_a = np.concatenate(tris), np.concatenate(cols), np.concatenate(parts)
    return CarMesh(name, tris_a, cols_a, _body_faces(name, scene, tris_a, cols_a, parts_a),
                   parts_a)


def _body_faces(name: str, scene, tris: np.ndarray, cols: np.ndarray,
                parts: np.ndarray) -> np.ndarray:
    """The faces painted in the body colour: the colour covering the largest area (of the
    ``body*`` geometries for Kenney's models, of every part not wheel, glass or lamp for
    the others)."""
    area = np.linalg.norm(np.cross(tris[:, 1] - tris[:, 0], tris[:, 2] - tris[:, 0]), axis=1)
    if family_of(name) == "kenney":
        names = [scene.graph[n][1] for n in scene.graph.nodes_geometry]
        sizes = [len(scene.geometry[g].faces) for g in names]
        allowed = np.concatenate([np.full(k, g.startswith("body")) for g, k in
                                  zip(names, sizes, strict=True)])
    else:
        allowed = (parts == 0) & (cols.mean(1) > 30)
    keys = [tuple(c) for c in np.round(cols).astype(int)]
    tot: dict = {}
    for k, a, ok in zip(keys, area, allowed, strict=True):
        if ok:
            tot[k] = tot.get(k, 0.0) + a
    main = max(tot, key=tot.get)
    return np.array([k == main and ok for k, ok in zip(keys, allowed, strict=True)])


def _look_at(eye: np.ndarray, target: np.ndarray) -> np.ndarray:
    """World -> camera rotation (rows: right, up, forward)."""
    fwd = target - eye
    fwd /= np.linalg.norm(fwd)
    right = np.cross(fwd, np.array([0.0, 1.0, 0.0]))
    right /= np.linalg.norm(right)
    up = np.cross(right, fwd)
    return np.stack([right, up, fwd])


def background(rng: np.random.Generator, w: int, h: int) -> np.ndarray:
    """A random cluttered scene: a wall and a floor of random colours, shapes, lines and
    lamps, blurred and noisy (uint8 RGB)."""
    img = np.empty((h, w, 3), np.float32)
    horizon = int(h * rng.uniform(0.35, 0.75))
    top, bottom = rng.uniform(20, 235, 3), rng.uniform(20, 235, 3)
    ramp = np.linspace(0, 1, h)[:, None, None]
    img[:] = top * (1 - ramp) + bottom * ramp
    img[horizon:] = bottom * rng.uniform(0.5, 1.1)
    for _ in range(rng.integers(3, 25)):
        c = tuple(float(x) for x in rng.uniform(0, 255, 3))
        x0, y0 = int(rng.integers(0, w)), int(rng.integers(0, h))
        kind = rng.integers(0, 4)
        if kind == 0:
            cv2.rectangle(img, (x0, y0), (x0 + int(rng.integers(5, w // 2)),
                                          y0 + int(rng.integers(5, h // 2))), c, -1)
        elif kind == 1:
            cv2.line(img, (x0, y0), (int(rng.integers(0, w)), int(rng.integers(0, h))), c,
                     int(rng.integers(1, 6)))
        elif kind == 2:
            cv2.circle(img, (x0, y0), int(rng.integers(2, 30)), c, -1)
        else:  # a person-like or pillar-like vertical blob
            cv2.ellipse(img, (x0, y0), (int(rng.integers(5, 25)), int(rng.integers(20, 90))),
                        0, 0, 360, c, -1)
    img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.5, 4.0))
    img += rng.normal(0, rng.uniform(2, 10), img.shape).astype(np.float32)
    return np.clip(img, 0, 255)


def render(car: CarMesh, azimuth_deg: float, rng: np.random.Generator,
           size: tuple[int, int] | None = None) -> tuple[np.ndarray, tuple[float, ...]]:
    """One photo of ``car`` from ``azimuth_deg`` (see the module docstring) with random
    camera height, distance, lens, colour, light and background. Returns (uint8 RGB,
    the car's box x, y, w, h px)."""
    w, h = size or (int(rng.integers(320, 640)), 0)
    if not h:
        h = int(w / rng.uniform(1.3, 1.6))
    az = math.radians(azimuth_deg)
    elev = math.radians(rng.uniform(-2, 22))
    dist = rng.uniform(5.5, 14.0)
    # the camera: at azimuth a it stands on the front (+z) side for a = 0 and on the car's
    # left (+x) for a = 90
    eye = np.array([math.sin(az) * math.cos(elev) * dist, 0.6 + dist * math.sin(elev),
                    math.cos(az) * math.cos(elev) * dist])
    target = np.array([rng.normal(0, 0.15), rng.uniform(0.4, 0.8), rng.normal(0, 0.25)])
    rot = _look_at(eye, target)
    cam = (car.tris.reshape(-1, 3) - eye) @ rot.T
    cam = cam.reshape(-1, 3, 3)
    z = cam[..., 2]
    # a lens and a picture centre such that the whole car fills 45-92 % of the picture's
    # width (and at most 92 % of its height), placed at random inside it
    px, py = cam[..., 0] / z, cam[..., 1] / z
    ex, ey = px.max() - px.min(), py.max() - py.min()
    f = min(rng.uniform(0.45, 0.92) * w / max(ex, 1e-3), 0.92 * h / max(ey, 1e-3))
    bw, bh = f * ex, f * ey
    left = rng.uniform(0.02 * w, max(0.02 * w, w - bw - 0.02 * w))
    top = rng.uniform(0.02 * h, max(0.02 * h, h - bh - 0.02 * h))
    cx, cy = left - f * px.min(), top + f * py.max()
    uv = np.stack([cx + f * px, cy - f * py], -1)
    # flat shading: world normals, a random light
    tw = car.tris
    n = np.cross(tw[:, 1] - tw[:, 0], tw[:, 2] - tw[:, 0])
    n /= np.maximum(1e-9, np.linalg.norm(n, axis=1, keepdims=True))
    light = np.array([rng.normal(0, 1), rng.uniform(0.5, 2.0), rng.normal(0, 1)])
    light /= np.linalg.norm(light)
    amb = rng.uniform(0.35, 0.7)
    shade = amb + (1 - amb) * np.clip(n @ light, 0, 1)
    cols = car.colours.copy()
    body = np.array(BODY_COLOURS[int(rng.integers(len(BODY_COLOURS)))], np.float32)
    cols[car.body] = body * rng.uniform(0.85, 1.1)
    cols = np.clip(cols * shade[:, None] * rng.uniform(0.8, 1.2, 3), 0, 255)
    # back faces culled: the normal points away from the eye
    centre = tw.mean(1)
    facing = np.einsum("ij,ij->i", n, eye - centre) > 0
    order = np.argsort(-z.mean(1))
    img = background(rng, w, h)
    # a soft shadow under the car
    ground = np.array([[sx, 0.0, sz] for sx in (-1.0, 1.0) for sz in (-2.4, 2.4)])
    gc = (ground - eye) @ rot.T
    gp = np.stack([cx + f * gc[:, 0] / gc[:, 2], cy - f * gc[:, 1] / gc[:, 2]], -1)
    hull = cv2.convexHull(gp.astype(np.float32)).astype(np.int32)
    shadow = np.zeros((h, w), np.float32)
    cv2.fillConvexPoly(shadow, hull, 1.0)
    shadow = cv2.GaussianBlur(shadow, (0, 0), max(1.0, w / 80))
    img *= (1 - rng.uniform(0.3, 0.7) * shadow)[..., None]
    mask = np.zeros((h, w), np.uint8)
    for i in order:
        if not facing[i] or (z[i] <= 0.1).any():
            continue
        pts = np.round(uv[i] * 4).astype(np.int32)
        cv2.fillConvexPoly(img, pts, tuple(float(c) for c in cols[i]), cv2.LINE_8, 2)
        cv2.fillConvexPoly(mask, pts, 1, cv2.LINE_8, 2)
    img = cv2.GaussianBlur(img, (0, 0), rng.uniform(0.3, 1.3))
    img += rng.normal(0, rng.uniform(1, 6), img.shape).astype(np.float32)
    gamma = rng.uniform(0.8, 1.25)
    img = 255.0 * (np.clip(img, 0, 255) / 255.0) ** gamma
    out = np.clip(img, 0, 255).astype(np.uint8)
    q = int(rng.integers(40, 95))
    ok, enc = cv2.imencode(".jpg", out[:, :, ::-1], [cv2.IMWRITE_JPEG_QUALITY, q])
    if ok:
        out = np.ascontiguousarray(cv2.imdecode(enc, cv2.IMREAD_COLOR)[:, :, ::-1])
    ys, xs = np.nonzero(mask)
    if not len(xs):
        return out, (0.0, 0.0, float(w), float(h))
    x0, x1, y0, y1 = xs.min(), xs.max() + 1, ys.min(), ys.max() + 1
    return out, (float(x0), float(y0), float(x1 - x0), float(y1 - y0))


def render_set(models: list[str], per_model: int, seed: int, renderer=None):
    """Yield (model name, azimuth deg, RGB, box) for ``per_model`` rounds over ``models``, each
    at a uniformly random azimuth; deterministic for a seed (one generator for the set).
    ``renderer(car, azimuth_deg, rng)`` draws one picture (default: this flat style)."""
    draw = renderer or render
    rng = np.random.default_rng(seed)
    for _ in range(per_model):
        for name in models:
            az = float(rng.uniform(0, 360))
            img, box = draw(load_car(name), az, rng)
            yield name, az, img, box
