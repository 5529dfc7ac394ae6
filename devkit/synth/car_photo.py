"""Synthetic exterior car photos: a simple 3D car projected by a perspective camera.

World frame (metres): x forward (the front face at +x), y to the vehicle's left, z up.
The camera stands on a circle around the vehicle at ``azimuth_deg`` (0 = straight in front
of the front face, 45 = front-left corner, 90 = left flank, 135 = rear-left, 180 = rear,
270 = right flank) and looks at the vehicle's centre.

:func:`render_car_photo` returns an RGB uint8 array and a truth dict (vehicle box, plate
corners, view class, azimuth). Everything is drawn in code (fonts: Noto CJK / DejaVu).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"
LATIN_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansCondensed-Bold.ttf"

VIEW_NAMES = ("front", "front-left", "left", "rear-left", "rear", "rear-right", "right",
              "front-right")

BODY_COLORS: dict[str, tuple[int, int, int]] = {
    "white": (236, 236, 232), "白": (236, 236, 232),
    "grey": (128, 130, 134), "灰": (128, 130, 134), "silver": (178, 180, 184),
    "yellow": (230, 190, 30), "黄": (230, 190, 30),
    "pink": (236, 150, 180), "粉": (236, 150, 180),
    "red": (190, 25, 30), "红": (190, 25, 30),
    "purple": (110, 50, 140), "紫": (110, 50, 140),
    "green": (40, 130, 60), "绿": (40, 130, 60),
    "blue": (30, 70, 170), "蓝": (30, 70, 170),
    "brown": (110, 70, 40), "棕": (110, 70, 40),
    "black": (28, 28, 30), "黑": (28, 28, 30),
}

# Plate sizes in metres (width, height) and default texts.
PLATE_SPECS: dict[str, tuple[float, float, str]] = {
    "blue": (0.44, 0.14, "京A·52837"),
    "yellow": (0.44, 0.14, "沪B·6K19X"),
    "green": (0.48, 0.14, "粤B·D12345"),
    "eu": (0.52, 0.11, "BA 123 XY"),
}

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
class _Camera:
    position: np.ndarray
    rot: np.ndarray  # rows: right, down, forward
    f: float = 1.0
    cx: float = 0.0
    cy: float = 0.0

    def project(self, pts: np.ndarray) -> np.ndarray:
        p = (np.asarray(pts, float) - self.position) @ self.rot.T
        z = np.maximum(p[:, 2], 1e-6)
        return np.stack([self.f * p[:, 0] / z + self.cx, self.f * p[:, 1] / z + self.cy], 1)

    def depth(self, pts: np.ndarray) -> float:
        return float(np.linalg.norm(np.mean(pts, 0) - self.position))


@dataclass
class _Poly:
    """A planar polygon in world coordinates with a fill (colour or texture)."""

    pts: np.ndarray
    color: tuple[int, int, int] = (0, 0, 0)
    texture: np.ndarray | None = None  # RGB image mapped onto the 4 corners
    decals: list[_Poly] = field(default_factory=list)
    cull: bool = True  # hide when seen from behind
    is_vehicle: bool = True


def _look_at(position: np.ndarray, target: np.ndarray) -> np.ndarray:
    fwd = target - position
    fwd /= np.linalg.norm(fwd)
    right = np.cross(fwd, [0.0, 0.0, 1.0])
    right /= np.linalg.norm(right)
    down = np.cross(fwd, right)
    return np.stack([right, down, fwd])


def _normal(pts: np.ndarray) -> np.ndarray:
    n = np.cross(pts[1] - pts[0], pts[2] - pts[0])
    if np.linalg.norm(n) < 1e-9 and len(pts) > 3:
        n = np.cross(pts[2] - pts[0], pts[3] - pts[0])
    return n / (np.linalg.norm(n) + 1e-12)


def _shade(color: tuple[int, int, int], normal: np.ndarray, gloss: float = 0.0) -> tuple:
    light = np.array([0.35, 0.55, 0.76])
    light /= np.linalg.norm(light)
    lam = max(0.0, float(normal @ light))
    k = 0.55 + 0.5 * lam
    c = np.clip(np.array(color, float) * k + gloss * 40 * lam, 0, 255)
    return tuple(int(v) for v in c)


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


@lru_cache(maxsize=16)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def plate_texture(kind: str, text: str | None = None) -> np.ndarray:
    """An RGB image of a licence plate (colours and layout of the real ones)."""
    w_m, h_m, default = PLATE_SPECS[kind]
    text = default if text is None else text
    h = 140
    w = int(round(h * w_m / h_m))
    if kind == "blue":
        bg, fg = (20, 60, 190), (250, 250, 250)
    elif kind == "yellow":
        bg, fg = (240, 190, 20), (15, 15, 15)
    elif kind == "green":
        bg, fg = (120, 220, 140), (15, 15, 15)
    else:
        bg, fg = (245, 245, 245), (15, 15, 15)
    img = Image.new("RGB", (w, h), bg)
    d = ImageDraw.Draw(img)
    if kind == "green":  # white-to-green gradient, top to bottom
        arr = np.array(img)
        t = np.linspace(0, 1, h)[:, None]
        top, bot = np.array([235, 250, 235]), np.array([60, 190, 90])
        arr[:] = (top * (1 - t) + bot * t)[:, None, :].astype(np.uint8)
        img = Image.fromarray(arr)
        d = ImageDraw.Draw(img)
    d.rounded_rectangle([4, 4, w - 5, h - 5], radius=10, outline=fg if kind != "eu" else
                        (30, 30, 30), width=4)
    x0 = 14
    if kind == "eu":
        d.rectangle([6, 6, 60, h - 7], fill=(20, 50, 170))
        d.text((33, h - 30), "SK", fill=(250, 250, 250), font=_font(LATIN_FONT, 26),
               anchor="mm")
        x0 = 70
    chars = list(text.replace(" ", "")) if kind != "eu" else list(text)
    n = len(chars)
    avail = w - x0 - 14
    step = avail / max(n, 1)
    for i, ch in enumerate(chars):
        cx = x0 + step * (i + 0.5)
        font = _font(CJK_FONT, 96) if ord(ch) > 127 else _font(LATIN_FONT, 104)
        if ch == "·":
            d.ellipse([cx - 5, h / 2 - 5, cx + 5, h / 2 + 5], fill=fg)
            continue
        d.text((cx, h / 2 + 2), ch, fill=fg, font=font, anchor="mm")
    return np.array(img)


def _prism(profile: list[tuple[float, float]], half_w: tuple[float, float] | float,
           color: tuple[int, int, int]) -> list[_Poly]:
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
    polys = [_Poly(left[::-1].copy(), color), _Poly(right.copy(), color)]
    n = len(profile)
    for i in range(n):
        j = (i + 1) % n
        quad = np.array([left[i], left[j], right[j], right[i]])
        polys.append(_Poly(quad, color))
    # orient every face outward (normal away from the prism's centre)
    centre = np.mean(np.vstack([left, right]), 0)
    for p in polys:
        if _normal(p.pts) @ (p.pts.mean(0) - centre) < 0:
            p.pts = p.pts[::-1].copy()
    return polys


def _build_car(color: tuple[int, int, int], plate: str | None,
               plate_text: str | None) -> tuple[list[_Poly], list[_Poly], list[tuple]]:
    """Vehicle polygons (body + cabin with decals), far-side wheels, and plate records
    (world corners TL,TR,BR,BL) as (face_normal_sign, corners)."""
    body = _prism(BODY_PROFILE, HALF_W, color)
    cabin = _prism(CABIN_PROFILE, CABIN_HALF_W, color)
    glass = (38, 48, 58)
    dark = (22, 22, 24)
    plates: list[tuple] = []
    for face in body:
        n = _normal(face.pts)
        c = face.pts.mean(0)
        if n[0] > 0.9:  # front face
            x = HALF_L + 0.002
            face.decals += [
                _Poly(_rect_on_face(x, -0.42, 0.42, 0.50, 0.66), dark),  # grille
                _Poly(_rect_on_face(x, -0.86, -0.52, 0.60, 0.70), (250, 250, 240)),  # lamp R
                _Poly(_rect_on_face(x, 0.52, 0.86, 0.60, 0.70), (250, 250, 240)),  # lamp L
                _Poly(_rect_on_face(x, -0.70, 0.70, 0.31, 0.36), (40, 40, 42)),  # air dam
            ]
            if plate:
                pw, ph, _ = PLATE_SPECS[plate]
                corners = _rect_on_face(x + 0.001, -pw / 2, pw / 2, 0.37, 0.37 + ph)
                face.decals.append(_Poly(corners, texture=plate_texture(plate, plate_text)))
                plates.append(("front", corners))
        elif n[0] < -0.9:  # rear face
            x = -HALF_L - 0.002
            face.decals += [
                _Poly(_rect_on_face(x, -0.88, -0.55, 0.60, 0.74), (200, 20, 25)),
                _Poly(_rect_on_face(x, 0.55, 0.88, 0.60, 0.74), (200, 20, 25)),
                _Poly(_rect_on_face(x, -0.75, 0.75, 0.31, 0.35), (40, 40, 42)),
            ]
            if plate:
                pw, ph, _ = PLATE_SPECS[plate]
                corners = _rect_on_face(x - 0.001, -pw / 2, pw / 2, 0.45, 0.45 + ph)
                face.decals.append(_Poly(corners, texture=plate_texture(plate, plate_text)))
                plates.append(("rear", corners))
        elif abs(n[1]) > 0.9:  # left or right side
            y = float(np.sign(n[1])) * (HALF_W + 0.002)
            for wx in WHEEL_X:
                face.decals.append(_Poly(_circle_on_side(wx, 0.30, y, 0.42, half=True), dark))
            # door seams and handles
            for sx in (0.75, -0.45, -1.55):
                seam = np.array([[sx, y, 0.42], [sx + 0.02, y, 0.42], [sx + 0.02, y, 0.96],
                                 [sx, y, 0.96]])
                face.decals.append(_Poly(seam, _shade_mul(color, 0.6), cull=False))
            for hx in (0.35, -0.85):
                h = np.array([[hx, y, 0.84], [hx - 0.16, y, 0.84], [hx - 0.16, y, 0.87],
                              [hx, y, 0.87]])
                face.decals.append(_Poly(h, _shade_mul(color, 0.55), cull=False))
            # side marker lamps: amber at the front, red at the rear
            face.decals.append(_Poly(np.array([[HALF_L - 0.02, y, 0.62], [HALF_L - 0.22, y, 0.62],
                                               [HALF_L - 0.22, y, 0.70],
                                               [HALF_L - 0.02, y, 0.70]]), (250, 240, 210),
                                     cull=False))
            face.decals.append(_Poly(np.array([[-HALF_L + 0.02, y, 0.62],
                                               [-HALF_L + 0.20, y, 0.62],
                                               [-HALF_L + 0.20, y, 0.74],
                                               [-HALF_L + 0.02, y, 0.74]]), (200, 20, 25),
                                     cull=False))
        elif n[2] > 0.3 and c[0] > 0.5 and abs(n[0]) < 0.5:  # hood
            pass
        _ = c
    for face in cabin:
        n = _normal(face.pts)
        if abs(n[1]) > 0.8:  # side windows: inset of the side face
            c = face.pts.mean(0)
            inset = c + (face.pts - c) * np.array([0.86, 1.0, 0.78])
            face.decals.append(_Poly(inset, glass))
            pillar = np.array([[-0.35, inset[0][1], 0.99], [-0.43, inset[0][1], 0.99],
                               [-0.43, inset[0][1], 1.43], [-0.35, inset[0][1], 1.43]])
            pillar[:, 1] = [float(np.interp(z, [0.98, 1.50], [c[1] / abs(c[1]) * 0.84,
                                                              c[1] / abs(c[1]) * 0.68])) * 1.003
                            for z in pillar[:, 2]]
            face.decals.append(_Poly(pillar, color, cull=False))
        elif n[2] < 0.95 and abs(n[0]) > 0.3:  # windscreen / rear window
            c = face.pts.mean(0)
            inset = c + (face.pts - c) * np.array([0.97, 0.9, 0.92])
            face.decals.append(_Poly(inset, glass))
    far_wheels: list[_Poly] = []
    wheels: list[_Poly] = []
    for side in (1.0, -1.0):
        for wx in WHEEL_X:
            tyre = _Poly(_circle_on_side(wx, WHEEL_R, side * (HALF_W - 0.02), WHEEL_R),
                         (18, 18, 20), cull=False)
            rim = _Poly(_circle_on_side(wx, WHEEL_R, side * (HALF_W - 0.01), WHEEL_R * 0.6),
                        (165, 168, 172), cull=False)
            hub = _Poly(_circle_on_side(wx, WHEEL_R, side * (HALF_W - 0.005), WHEEL_R * 0.18),
                        (90, 90, 95), cull=False)
            tyre.decals = [rim, hub]
            (wheels if side > 0 else far_wheels).append(tyre)
    return body + cabin, wheels + far_wheels, plates


def _shade_mul(color: tuple[int, int, int], k: float) -> tuple[int, int, int]:
    return tuple(int(max(0, min(255, c * k))) for c in color)  # type: ignore[return-value]


def _view_name(az: float) -> str:
    return VIEW_NAMES[int(((az % 360) + 22.5) // 45) % 8]


def _background(kind: str, w: int, h: int, horizon: float, rng: np.random.Generator
                ) -> np.ndarray:
    img = np.zeros((h, w, 3), np.float32)
    ys = np.arange(h)[:, None]
    hz = int(np.clip(horizon, 0, h))
    if kind == "plain":
        t = ys / max(h - 1, 1)
        img[:] = ((215 - 25 * t) * np.ones((1, w)))[..., None]
        img[..., 2] += 4
    else:
        t = np.clip(ys / max(hz, 1), 0, 1)
        sky = np.array([150, 190, 235]) * (1 - t[..., None]) + np.array([215, 225, 235]) * t[
            ..., None]
        img[:hz] = np.broadcast_to(sky[:hz], (hz, w, 3)) if hz else img[:hz]
        if kind == "street":
            x = 0
            while x < w:
                bw = int(rng.integers(w // 10, w // 4))
                bh = int(rng.integers(max(hz // 4, 1), max(hz - hz // 8, 2)))
                col = rng.integers(120, 200, 3).astype(np.float32)
                img[max(hz - bh, 0):hz, x:x + bw] = col
                for wy in range(max(hz - bh, 0) + 10, hz - 10, 24):
                    for wx in range(x + 8, x + bw - 14, 22):
                        img[wy:wy + 12, wx:wx + 10] = col * 0.55
                x += bw + int(rng.integers(0, w // 20))
            t2 = (ys[hz:] - hz) / max(h - hz, 1)
            img[hz:] = (95 + 40 * t2)[..., None] * np.ones((1, w, 3)) * np.array([1, 1, 1.03])
            lane_y = int(hz + 0.55 * (h - hz))
            for lx in range(0, w, w // 6):
                img[lane_y:lane_y + max(2, h // 150), lx:lx + w // 12] = 225
        else:  # grass
            t2 = (ys[hz:] - hz) / max(h - hz, 1)
            img[hz:] = (np.array([70, 120, 50]) * (0.8 + 0.4 * t2[..., None]))
            trees = rng.integers(0, w, 12)
            for tx in trees:
                r = int(rng.integers(h // 20, h // 8))
                cv2.circle(img, (int(tx), hz), r, (40, 85, 40), -1)
    noise = rng.normal(0, 3.0, img.shape).astype(np.float32)
    return np.clip(img + noise, 0, 255)


def _paint(canvas: np.ndarray, mask: np.ndarray, poly: _Poly, cam: _Camera,
           is_vehicle: bool, shade: bool = True) -> None:
    pts2 = cam.project(poly.pts)
    if poly.texture is not None:
        th, tw = poly.texture.shape[:2]
        src = np.float32([[0, 0], [tw - 1, 0], [tw - 1, th - 1], [0, th - 1]])
        m = cv2.getPerspectiveTransform(src, pts2.astype(np.float32))
        h, w = canvas.shape[:2]
        warped = cv2.warpPerspective(poly.texture.astype(np.float32), m, (w, h),
                                     flags=cv2.INTER_LINEAR)
        alpha = cv2.warpPerspective(np.ones((th, tw), np.float32), m, (w, h))
        normal = _normal(poly.pts)
        k = 0.75 + 0.25 * max(0.0, float(normal @ np.array([0.35, 0.55, 0.76]) / 1.03))
        canvas[:] = canvas * (1 - alpha[..., None]) + warped * k * alpha[..., None]
    else:
        color = _shade(poly.color, _normal(poly.pts)) if shade and poly.cull else poly.color
        cv2.fillPoly(canvas, [np.round(pts2 * 4).astype(np.int32)], color, cv2.LINE_AA,
                     shift=2)
        if is_vehicle:
            cv2.fillPoly(mask, [np.round(pts2 * 4).astype(np.int32)], 255, cv2.LINE_8,
                         shift=2)
    for d in poly.decals:  # drawn on a visible parent: never culled, flat colour
        _paint(canvas, mask, d, cam, is_vehicle, shade=False)


def _faces(poly: _Poly, cam: _Camera) -> bool:
    return float(_normal(poly.pts) @ (cam.position - poly.pts.mean(0))) > 0


def render_car_photo(*, azimuth_deg: float = 45.0,
                     body_color: tuple[int, int, int] | str = "white",
                     plate: str | None = None, plate_text: str | None = None,
                     fill: float = 0.66, size: tuple[int, int] = (880, 600),
                     background: str = "street", cut_off: bool = False,
                     elevation_m: float = 1.9, seed: int = 0
                     ) -> tuple[np.ndarray, dict[str, Any]]:
    """Render a car photo.

    ``fill`` is the vehicle's bounding-box area over the image area (before any cut-off);
    ``size`` is (width, height) px; ``plate`` one of "blue", "yellow", "green", "eu" or
    None; ``cut_off`` pushes the car 18 % of its width past the right edge.
    Returns (rgb uint8 array, truth) with truth keys ``vehicle_box`` (x, y, w, h px, as
    drawn, clipped to the image), ``plate_boxes`` (list of 4-corner polygons of the plates
    facing the camera), ``plate_box`` (the first or None), ``view``, ``azimuth``, ``fill``
    (measured bbox fill).
    """
    if isinstance(body_color, str):
        if body_color not in BODY_COLORS:
            raise ValueError(f"unknown body colour {body_color!r}")
        color = BODY_COLORS[body_color]
    else:
        color = tuple(int(c) for c in body_color)  # type: ignore[assignment]
    if plate is not None and plate not in PLATE_SPECS:
        raise ValueError(f"unknown plate kind {plate!r}")
    rng = np.random.default_rng(seed)
    w_out, h_out = size
    ss = 2  # supersampling
    w, h = w_out * ss, h_out * ss
    a = math.radians(azimuth_deg)
    dist = 6.5
    pos = np.array([dist * math.cos(a), dist * math.sin(a), elevation_m])
    cam = _Camera(pos, _look_at(pos, np.array([0.0, 0.0, 0.72])))
    polys, wheels, plates = _build_car(color, plate, plate_text)
    near_wheels, far_wheels = [], []
    for wpoly in wheels:
        side = np.sign(wpoly.pts[0][1])
        (near_wheels if side * pos[1] > 0 else far_wheels).append(wpoly)
    # scale the projection so the box fills ``fill`` of the image
    allpts = np.vstack([p.pts for p in polys] + [p.pts for p in wheels])
    p2 = cam.project(allpts)
    bw, bh = np.ptp(p2[:, 0]), np.ptp(p2[:, 1])
    s = math.sqrt(fill * w * h / (bw * bh))
    s = min(s, 0.98 * w / bw, 0.98 * h / bh) if not cut_off else s
    cam.f = s
    p2 = cam.project(allpts)
    x0, x1 = p2[:, 0].min(), p2[:, 0].max()
    y0, y1 = p2[:, 1].min(), p2[:, 1].max()
    off_x = (w - (x1 - x0)) / 2 - x0 + rng.uniform(-0.03, 0.03) * w
    off_x = float(np.clip(off_x, -x0 + 2, w - x1 - 2)) if (x1 - x0) < w else off_x
    if cut_off:
        off_x = w - x1 + 0.18 * (x1 - x0)
    off_y = (h - (y1 - y0)) * 0.55 - y0
    cam.cx, cam.cy = off_x, off_y
    horizon = off_y + s * (-cam.rot[1][2] / max(np.hypot(cam.rot[2][0], cam.rot[2][1]), 1e-6))
    horizon = cam.project(np.array([[-1000 * math.cos(a), -1000 * math.sin(a), 0.0]]))[0, 1]
    canvas = _background(background, w, h, horizon, rng)
    mask = np.zeros((h, w), np.uint8)
    # ground shadow: the footprint, enlarged and blurred
    foot = np.array([[HALF_L + 0.15, HALF_W + 0.25, 0], [-HALF_L - 0.15, HALF_W + 0.25, 0],
                     [-HALF_L - 0.15, -HALF_W - 0.25, 0], [HALF_L + 0.15, -HALF_W - 0.25, 0]])
    sh = np.zeros((h, w), np.float32)
    cv2.fillPoly(sh, [np.round(cam.project(foot)).astype(np.int32)], 1.0)
    k = int(max(3, (x1 - x0) * 0.04)) | 1
    sh = cv2.GaussianBlur(sh, (k, k), 0)
    canvas *= (1 - 0.55 * sh)[..., None]
    for wpoly in far_wheels:
        _paint(canvas, mask, wpoly, cam, True)
    visible = [p for p in polys if _faces(p, cam)]
    body_faces = visible[:]
    body_faces.sort(key=lambda p: -cam.depth(p.pts))
    # lower body before cabin (the camera is above the body top, so the cabin is in front)
    body_faces.sort(key=lambda p: 0 if p.pts[:, 2].min() < 0.95 else 1)
    for p in body_faces:
        _paint(canvas, mask, p, cam, True)
    for wpoly in near_wheels:
        _paint(canvas, mask, wpoly, cam, True)
    canvas = np.clip(canvas, 0, 255).astype(np.uint8)
    out = cv2.resize(canvas, (w_out, h_out), interpolation=cv2.INTER_AREA)
    mask_out = cv2.resize(mask, (w_out, h_out), interpolation=cv2.INTER_AREA) > 127
    ys, xs = np.nonzero(mask_out)
    vbox = (float(xs.min()), float(ys.min()), float(xs.max() - xs.min() + 1),
            float(ys.max() - ys.min() + 1)) if len(xs) else None
    plate_boxes = []
    for which, corners in plates:
        n = np.array([1.0, 0, 0]) if which == "front" else np.array([-1.0, 0, 0])
        if float(n @ (pos - corners.mean(0))) > 0:
            pb = cam.project(corners) / ss
            if (pb[:, 0].max() > 0 and pb[:, 0].min() < w_out):
                plate_boxes.append([tuple(map(float, p)) for p in pb])
    truth = {
        "vehicle_box": vbox,
        "fill": None if vbox is None else vbox[2] * vbox[3] / (w_out * h_out),
        "mask_fill": float(mask_out.mean()),
        "plate_boxes": plate_boxes,
        "plate_box": plate_boxes[0] if plate_boxes else None,
        "plate": plate,
        "view": _view_name(azimuth_deg),
        "azimuth": float(azimuth_deg % 360),
        "mask": mask_out,
    }
    return out, truth
