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
from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from devkit.synth.car_model import HALF_L, HALF_W, Poly, build_car, face_normal
from devkit.synth.plate_texture import (  # noqa: F401 - re-exported for tests and benchmarks
    CJK_FONT,
    LATIN_FONT,
    PLATE_SPECS,
    plate_texture,
)

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

def _look_at(position: np.ndarray, target: np.ndarray) -> np.ndarray:
    fwd = target - position
    fwd /= np.linalg.norm(fwd)
    right = np.cross(fwd, [0.0, 0.0, 1.0])
    right /= np.linalg.norm(right)
    down = np.cross(fwd, right)
    return np.stack([right, down, fwd])


def _shade(color: tuple[int, int, int], normal: np.ndarray, gloss: float = 0.0) -> tuple:
    light = np.array([0.35, 0.55, 0.76])
    light /= np.linalg.norm(light)
    lam = max(0.0, float(normal @ light))
    k = 0.55 + 0.5 * lam
    c = np.clip(np.array(color, float) * k + gloss * 40 * lam, 0, 255)
    return tuple(int(v) for v in c)


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


def _paint(canvas: np.ndarray, mask: np.ndarray, poly: Poly, cam: _Camera,
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
        normal = face_normal(poly.pts)
        k = 0.75 + 0.25 * max(0.0, float(normal @ np.array([0.35, 0.55, 0.76]) / 1.03))
        canvas[:] = canvas * (1 - alpha[..., None]) + warped * k * alpha[..., None]
    else:
        color = _shade(poly.color, face_normal(poly.pts)) if shade and poly.cull else poly.color
        cv2.fillPoly(canvas, [np.round(pts2 * 4).astype(np.int32)], color, cv2.LINE_AA,
                     shift=2)
        if is_vehicle:
            cv2.fillPoly(mask, [np.round(pts2 * 4).astype(np.int32)], 255, cv2.LINE_8,
                         shift=2)
    for d in poly.decals:  # drawn on a visible parent: never culled, flat colour
        _paint(canvas, mask, d, cam, is_vehicle, shade=False)


def _faces(poly: Poly, cam: _Camera) -> bool:
    return float(face_normal(poly.pts) @ (cam.position - poly.pts.mean(0))) > 0


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
    polys, wheels, plates = build_car(color, plate, plate_text)
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
