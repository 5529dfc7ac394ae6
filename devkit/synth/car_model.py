"""The simple 3D car of the synthetic photos: body and cabin extruded from side profiles,
lights, grille, windows, wheels and plates, as coloured or textured planar polygons in
the world frame (metres; x forward, y to the vehicle's left, z up)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from devkit.synth.plate_texture import PLATE_SPECS, plate_texture

# Car geometry (metres).
LENGTH, WIDTH = 4.4, 1.8
HALF_L, HALF_W = LENGTH / 2, WIDTH / 2
WHEEL_R = 0.33
WHEEL_X = (1.35, -1.30)
# Side profile of the lower body (x, z), convex, counter-clockwise seen from +y.
BODY_PROFILE = [(-HALF_L, 0.30), (HALF_L, 0.30), (HALF_L, 0.72), (HALF_L - 0.15, 0.86),
                (0.80, 0.98), (-1.75, 0.98), (-HALF_L + 0.05, 0.92), (-HALF_L, 0.78)]
# Greenhouse (cabin) profile (x, z) and its half-widths at the bottom and the roof.
CABIN_PROFILE = [(0.80, 0.98), (-1.75, 0.98), (-1.25, 1.50), (0.0, 1.50)]
CABIN_HALF_W = (0.84, 0.68)


@dataclass
class Poly:
    """A planar polygon in world coordinates with a fill (colour or texture)."""

    pts: np.ndarray
    color: tuple[int, int, int] = (0, 0, 0)
    texture: np.ndarray | None = None  # RGB image mapped onto the 4 corners
    decals: list[Poly] = field(default_factory=list)
    cull: bool = True  # hide when seen from behind
    is_vehicle: bool = True


def face_normal(pts: np.ndarray) -> np.ndarray:
    n = np.cross(pts[1] - pts[0], pts[2] - pts[0])
    if np.linalg.norm(n) < 1e-9 and len(pts) > 3:
        n = np.cross(pts[2] - pts[0], pts[3] - pts[0])
    return n / (np.linalg.norm(n) + 1e-12)


def _circle_on_side(cx: float, cz: float, y: float, r: float, n: int = 40,
                    half: bool = False) -> np.ndarray:
    t = np.linspace(0, math.pi if half else 2 * math.pi, n, endpoint=not half)
    return np.stack([cx + r * np.cos(t), np.full(n, y), cz + r * np.sin(t)], 1)


def _rect_on_face(x: float, y0: float, y1: float, z0: float, z1: float) -> np.ndarray:
    """Rectangle on a plane x = const (front or rear face), corners TL, TR, BR, BL seen
    from outside (for the front face, +x; left is +y)."""
    sign = 1.0 if x > 0 else -1.0
    # seen from outside the front face (+x), the viewer's left is the vehicle's right (-y)
    left, right = (y0, y1) if sign > 0 else (y1, y0)
    return np.array([[x, left, z1], [x, right, z1], [x, right, z0], [x, left, z0]], float)


def _prism(profile: list[tuple[float, float]], half_w: tuple[float, float] | float,
           color: tuple[int, int, int]) -> list[Poly]:
    """Extrude a convex side profile (x, z) along y; ``half_w`` may taper with z
    (bottom, top half-widths). Returns the side faces and the strip faces."""
    zs = [p[1] for p in profile]
    z0, z1 = min(zs), max(zs)
    hw = (half_w, half_w) if isinstance(half_w, float) else half_w

    def yw(z: float) -> float:
        t = 0.0 if z1 == z0 else (z - z0) / (z1 - z0)
        return hw[0] * (1 - t) + hw[1] * t

    left = np.array([[x, yw(z), z] for x, z in profile])
    right = np.array([[x, -yw(z), z] for x, z in profile])
    polys = [Poly(left[::-1].copy(), color), Poly(right.copy(), color)]
    n = len(profile)
    for i in range(n):
        j = (i + 1) % n
        quad = np.array([left[i], left[j], right[j], right[i]])
        polys.append(Poly(quad, color))
    # orient every face outward (normal away from the prism's centre)
    centre = np.mean(np.vstack([left, right]), 0)
    for p in polys:
        if face_normal(p.pts) @ (p.pts.mean(0) - centre) < 0:
            p.pts = p.pts[::-1].copy()
    return polys


def build_car(color: tuple[int, int, int], plate: str | None,
               plate_text: str | None) -> tuple[list[Poly], list[Poly], list[tuple]]:
    """Vehicle polygons (body + cabin with decals), far-side wheels, and plate records
    (world corners TL,TR,BR,BL) as (face_normal_sign, corners)."""
    body = _prism(BODY_PROFILE, HALF_W, color)
    cabin = _prism(CABIN_PROFILE, CABIN_HALF_W, color)
    glass = (38, 48, 58)
    dark = (22, 22, 24)
    plates: list[tuple] = []
    for face in body:
        n = face_normal(face.pts)
        c = face.pts.mean(0)
        if n[0] > 0.9:  # front face
            x = HALF_L + 0.002
            face.decals += [
                Poly(_rect_on_face(x, -0.42, 0.42, 0.50, 0.66), dark),  # grille
                Poly(_rect_on_face(x, -0.86, -0.52, 0.60, 0.70), (250, 250, 240)),  # lamp R
                Poly(_rect_on_face(x, 0.52, 0.86, 0.60, 0.70), (250, 250, 240)),  # lamp L
                Poly(_rect_on_face(x, -0.70, 0.70, 0.31, 0.36), (40, 40, 42)),  # air dam
            ]
            if plate:
                pw, ph, _ = PLATE_SPECS[plate]
                corners = _rect_on_face(x + 0.001, -pw / 2, pw / 2, 0.37, 0.37 + ph)
                face.decals.append(Poly(corners, texture=plate_texture(plate, plate_text)))
                plates.append(("front", corners))
        elif n[0] < -0.9:  # rear face
            x = -HALF_L - 0.002
            face.decals += [
                Poly(_rect_on_face(x, -0.88, -0.55, 0.60, 0.74), (200, 20, 25)),
                Poly(_rect_on_face(x, 0.55, 0.88, 0.60, 0.74), (200, 20, 25)),
                Poly(_rect_on_face(x, -0.75, 0.75, 0.31, 0.35), (40, 40, 42)),
            ]
            if plate:
                pw, ph, _ = PLATE_SPECS[plate]
                corners = _rect_on_face(x - 0.001, -pw / 2, pw / 2, 0.45, 0.45 + ph)
                face.decals.append(Poly(corners, texture=plate_texture(plate, plate_text)))
                plates.append(("rear", corners))
        elif abs(n[1]) > 0.9:  # left or right side
            y = float(np.sign(n[1])) * (HALF_W + 0.002)
            for wx in WHEEL_X:
                face.decals.append(Poly(_circle_on_side(wx, 0.30, y, 0.42, half=True), dark))
            # door seams and handles
            for sx in (0.75, -0.45, -1.55):
                seam = np.array([[sx, y, 0.42], [sx + 0.02, y, 0.42], [sx + 0.02, y, 0.96],
                                 [sx, y, 0.96]])
                face.decals.append(Poly(seam, _shade_mul(color, 0.6), cull=False))
            for hx in (0.35, -0.85):
                h = np.array([[hx, y, 0.84], [hx - 0.16, y, 0.84], [hx - 0.16, y, 0.87],
                              [hx, y, 0.87]])
                face.decals.append(Poly(h, _shade_mul(color, 0.55), cull=False))
            # side marker lamps: amber at the front, red at the rear
            face.decals.append(Poly(np.array([[HALF_L - 0.02, y, 0.62], [HALF_L - 0.22, y, 0.62],
                                               [HALF_L - 0.22, y, 0.70],
                                               [HALF_L - 0.02, y, 0.70]]), (250, 240, 210),
                                     cull=False))
            face.decals.append(Poly(np.array([[-HALF_L + 0.02, y, 0.62],
                                               [-HALF_L + 0.20, y, 0.62],
                                               [-HALF_L + 0.20, y, 0.74],
                                               [-HALF_L + 0.02, y, 0.74]]), (200, 20, 25),
                                     cull=False))
        elif n[2] > 0.3 and c[0] > 0.5 and abs(n[0]) < 0.5:  # hood
            pass
        _ = c
    for face in cabin:
        n = face_normal(face.pts)
        if abs(n[1]) > 0.8:  # side windows: inset of the side face
            c = face.pts.mean(0)
            inset = c + (face.pts - c) * np.array([0.86, 1.0, 0.78])
            face.decals.append(Poly(inset, glass))
            pillar = np.array([[-0.35, inset[0][1], 0.99], [-0.43, inset[0][1], 0.99],
                               [-0.43, inset[0][1], 1.43], [-0.35, inset[0][1], 1.43]])
            pillar[:, 1] = [float(np.interp(z, [0.98, 1.50], [c[1] / abs(c[1]) * 0.84,
                                                              c[1] / abs(c[1]) * 0.68])) * 1.003
                            for z in pillar[:, 2]]
            face.decals.append(Poly(pillar, color, cull=False))
        elif n[2] < 0.95 and abs(n[0]) > 0.3:  # windscreen / rear window
            c = face.pts.mean(0)
            inset = c + (face.pts - c) * np.array([0.97, 0.9, 0.92])
            face.decals.append(Poly(inset, glass))
    far_wheels: list[Poly] = []
    wheels: list[Poly] = []
    for side in (1.0, -1.0):
        for wx in WHEEL_X:
            tyre = Poly(_circle_on_side(wx, WHEEL_R, side * (HALF_W - 0.02), WHEEL_R),
                         (18, 18, 20), cull=False)
            rim = Poly(_circle_on_side(wx, WHEEL_R, side * (HALF_W - 0.01), WHEEL_R * 0.6),
                        (165, 168, 172), cull=False)
            hub = Poly(_circle_on_side(wx, WHEEL_R, side * (HALF_W - 0.005), WHEEL_R * 0.18),
                        (90, 90, 95), cull=False)
            tyre.decals = [rim, hub]
            (wheels if side > 0 else far_wheels).append(tyre)
    return body + cabin, wheels + far_wheels, plates


def _shade_mul(color: tuple[int, int, int], k: float) -> tuple[int, int, int]:
    return tuple(int(max(0, min(255, c * k))) for c in color)  # type: ignore[return-value]
