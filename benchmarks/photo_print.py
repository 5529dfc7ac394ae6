"""Benchmark: print size and corner radius on generated 300 dpi scans.

Each case renders a picture (alternately a textured scene and a synthetic car photo) on
a print of random size and corner radius (about half inside the tolerances, half
outside), rotated by up to +-10 deg, on a white or grey bed, with random blur and noise
(``devkit.synth.photo_print``, exact geometry). The measured values are compared with the
truth; the verdicts (size / radius within tolerance) with the truth's verdicts.

Baseline beside it: ``cv2.minAreaRect`` of the Otsu foreground mask for the size, and
the corner-area deficit for the radius (a square corner of a rounded rectangle misses
(4 - pi) r^2 / 4 of area, so r = sqrt(4 * deficit / (4 - pi)) with the deficit counted
from the mask inside the minAreaRect corner squares).

Run: ``python -m benchmarks.photo_print [--n 40] [--seed 0]``.
"""

from __future__ import annotations

import argparse
import json
import math
import time

import cv2
import numpy as np

from devkit.synth.photo_print import render_print_scan, textured_picture
from vincheck.findings import Status
from vincheck.photo.print_format import judge_print, measure_print
from vincheck.settings import PhotoSettings


def _baseline(rgb: np.ndarray, dpi: float) -> tuple[float, float, list[float]]:
    """(width mm, height mm, 4 radii mm) from Otsu + minAreaRect + corner deficit."""
    f = rgb.astype(np.float32)
    bed = np.median(np.concatenate([f[0], f[-1], f[:, 0], f[:, -1]]), axis=0)
    dist = np.linalg.norm(f - bed, axis=2)  # colour distance from the bed
    d8 = np.clip(dist, 0, 255).astype(np.uint8)
    _, mask = cv2.threshold(d8, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    mask = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, np.ones((9, 9), np.uint8))
    cnts, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_NONE)
    cnt = cv2.convexHull(max(cnts, key=cv2.contourArea))
    filled = np.zeros_like(mask)
    cv2.drawContours(filled, [cnt], -1, 255, -1)
    (cx, cy), (w, h), ang = cv2.minAreaRect(cnt)
    ppm = dpi / 25.4
    # corner deficits: rotate the mask upright and count missing pixels in corner squares
    rot = cv2.getRotationMatrix2D((cx, cy), ang, 1.0)
    up = cv2.warpAffine(filled, rot, mask.shape[::-1], flags=cv2.INTER_NEAREST)
    x0, y0 = int(round(cx - w / 2)), int(round(cy - h / 2))
    x1, y1 = int(round(cx + w / 2)), int(round(cy + h / 2))
    s = int(round(min(w, h) * 0.15))
    radii = []
    for xs, ys in ((x0, y0), (x1 - s, y0), (x1 - s, y1 - s), (x0, y1 - s)):
        patch = up[max(0, ys):ys + s, max(0, xs):xs + s]
        deficit = float(patch.size - np.count_nonzero(patch))
        radii.append(math.sqrt(max(0.0, 4 * deficit / (4 - math.pi))) / ppm)
    return max(w, h) / ppm, min(w, h) / ppm, radii


def _cases(n: int, seed: int):
    rng = np.random.default_rng(seed)
    car_render = None
    try:
        from devkit.synth.car_photo import render_car_photo as car_render
    except ImportError:  # the car renderer is optional for this benchmark
        car_render = None
    for k in range(n):
        inside = k % 2 == 0
        if inside:
            w = rng.uniform(87.6, 88.4)
            h = rng.uniform(59.6, 60.4)
            r = rng.uniform(3.93, 4.07)
        else:
            w = 88.0 + rng.choice([-1, 1]) * rng.uniform(0.6, 1.5)
            h = 60.0 + rng.choice([-1, 1]) * rng.uniform(0.0, 1.2)
            r = 4.0 + rng.choice([-1, 1]) * rng.uniform(0.15, 0.5)
        if car_render is not None and k % 4 in (1, 2):
            pic, _ = car_render(body_color=str(rng.choice(["red", "white", "grey", "blue",
                                                          "black", "yellow"])),
                                seed=int(rng.integers(1000)), size=(1040, 709),
                                background=str(rng.choice(["street", "plain"])))
        else:
            pic = textured_picture(880, 600, seed=int(rng.integers(1000)))
        kw = dict(width_mm=w, height_mm=h, radius_mm=r, angle_deg=float(rng.uniform(-10, 10)),
                  bed=str(rng.choice(["white", "grey"])), noise=float(rng.uniform(1, 4)),
                  blur=float(rng.uniform(0.5, 1.5)), seed=int(rng.integers(1 << 30)))
        yield pic, kw


def run(n: int = 40, seed: int = 0) -> dict:
    """Measure ``n`` generated scans; returns errors (mm), verdict accuracy and timing for
    vincheck and the baseline."""
    s = PhotoSettings()
    tol, rtol = s.print_size_tolerance_mm, s.corner_radius_tolerance_mm
    rows = []
    for pic, kw in _cases(n, seed):
        im, truth = render_print_scan(pic, dpi=300, **kw)
        rgb = np.asarray(im)
        t0 = time.perf_counter()
        m = measure_print(rgb, 300.0, s)
        t1 = time.perf_counter()
        b = _baseline(rgb, 300.0)
        t2 = time.perf_counter()
        true_size_ok = abs(truth["width_mm"] - 88) <= tol and abs(truth["height_mm"] - 60) <= tol
        true_r_ok = abs(truth["radius_mm"] - 4) <= rtol
        row = {"truth": truth, "ms": (t1 - t0) * 1000, "base_ms": (t2 - t1) * 1000,
               "true_size_ok": true_size_ok, "true_r_ok": true_r_ok}
        verdicts = {f.code: f.status for f in judge_print(m, im.size, s)}
        row["size_review"] = verdicts.get("size") is Status.REVIEW
        row["r_review"] = verdicts.get("corner_radius") is Status.REVIEW
        if m.width_mm is not None:
            row["size_err"] = [abs(m.width_mm - truth["width_mm"]),
                               abs(m.height_mm - truth["height_mm"])]
            row["size_ok"] = (abs(m.width_mm - 88) <= tol and abs(m.height_mm - 60) <= tol)
            rr = m.corner_radii_mm or []
            row["r_err"] = [abs(x - truth["radius_mm"]) for x in rr if x is not None]
            row["r_ok"] = (all(x is not None and abs(x - 4) <= rtol for x in rr)
                           if len(rr) == 4 else None)
        row["b_size_err"] = [abs(b[0] - truth["width_mm"]), abs(b[1] - truth["height_mm"])]
        row["b_size_ok"] = abs(b[0] - 88) <= tol and abs(b[1] - 60) <= tol
        row["b_r_err"] = [abs(x - truth["radius_mm"]) for x in b[2]]
        row["b_r_ok"] = all(abs(x - 4) <= rtol for x in b[2])
        row["kw"] = {k: (round(v, 3) if isinstance(v, float) else v) for k, v in kw.items()}
        rows.append(row)

    def stats(errs: list[float]) -> dict:
        a = np.asarray(errs, float)
        if a.size == 0:
            return {"mean": None, "p95": None, "max": None}
        return {"mean": round(float(a.mean()), 4), "p95": round(float(np.percentile(a, 95)), 4),
                "max": round(float(a.max()), 4)}

    def acc(key: str, truth_key: str) -> float:
        ok = [r[key] == r[truth_key] for r in rows if r.get(key) is not None]
        return round(sum(ok) / max(1, len(rows)), 4)

    measured = [r for r in rows if "size_err" in r]
    trusted_size = [r for r in measured if not r["size_review"]]
    trusted_r = [r for r in measured if not r["r_review"]]

    def acc_trusted(key: str, truth_key: str, review_key: str) -> float | None:
        sel = [r for r in rows if r.get(key) is not None and not r[review_key]]
        return round(sum(r[key] == r[truth_key] for r in sel) / len(sel), 4) if sel else None

    worst = sorted(measured, key=lambda r: -max(r["size_err"] + r["r_err"] + [0.0]))[:3]
    return {
        "worst": [{"case": r["kw"], "size_err": [round(e, 3) for e in r["size_err"]],
                   "r_err": [round(e, 3) for e in r["r_err"]]} for r in worst],
        "n": n, "seed": seed, "dpi": 300,
        "vincheck": {
            "measured": len(measured),
            "size_err_mm": stats([e for r in measured for e in r["size_err"]]),
            "radius_err_mm": stats([e for r in measured for e in r["r_err"]]),
            "size_verdict_acc": acc("size_ok", "true_size_ok"),
            "radius_verdict_acc": acc("r_ok", "true_r_ok"),
            "size_review_share": round(sum(r["size_review"] for r in rows) / len(rows), 4),
            "radius_review_share": round(sum(r["r_review"] for r in rows) / len(rows), 4),
            "size_err_mm_trusted": stats([e for r in trusted_size for e in r["size_err"]]),
            "radius_err_mm_trusted": stats([e for r in trusted_r for e in r["r_err"]]),
            "size_verdict_acc_trusted": acc_trusted("size_ok", "true_size_ok", "size_review"),
            "radius_verdict_acc_trusted": acc_trusted("r_ok", "true_r_ok", "r_review"),
            "median_ms": round(float(np.median([r["ms"] for r in rows])), 1),
        },
        "baseline": {
            "size_err_mm": stats([e for r in rows for e in r["b_size_err"]]),
            "radius_err_mm": stats([e for r in rows for e in r["b_r_err"]]),
            "size_verdict_acc": acc("b_size_ok", "true_size_ok"),
            "radius_verdict_acc": acc("b_r_ok", "true_r_ok"),
            "median_ms": round(float(np.median([r["base_ms"] for r in rows])), 1),
        },
    }


def _table(res: dict) -> str:
    v, b = res["vincheck"], res["baseline"]
    lines = [f"print format, {res['n']} generated scans at {res['dpi']} dpi (seed {res['seed']})",
             f"{'':28s}{'vincheck':>14s}{'baseline':>14s}"]
    for label, key, sub in (("size error mean (mm)", "size_err_mm", "mean"),
                            ("size error p95 (mm)", "size_err_mm", "p95"),
                            ("size error max (mm)", "size_err_mm", "max"),
                            ("radius error mean (mm)", "radius_err_mm", "mean"),
                            ("radius error p95 (mm)", "radius_err_mm", "p95"),
                            ("radius error max (mm)", "radius_err_mm", "max")):
        lines.append(f"{label:28s}{v[key][sub]!s:>14s}{b[key][sub]!s:>14s}")
    for label, key, sub in (("size err max, not review", "size_err_mm_trusted", "max"),
                            ("radius err p95, not review", "radius_err_mm_trusted", "p95"),
                            ("radius err max, not review", "radius_err_mm_trusted", "max")):
        lines.append(f"{label:28s}{v[key][sub]!s:>14s}{'-':>14s}")
    for label, key in (("size review share", "size_review_share"),
                       ("radius review share", "radius_review_share"),
                       ("size acc, not review", "size_verdict_acc_trusted"),
                       ("radius acc, not review", "radius_verdict_acc_trusted")):
        lines.append(f"{label:28s}{v[key]!s:>14s}{'-':>14s}")
    for label, key in (("size verdict accuracy", "size_verdict_acc"),
                       ("radius verdict accuracy", "radius_verdict_acc"),
                       ("median ms", "median_ms")):
        lines.append(f"{label:28s}{v[key]!s:>14s}{b[key]!s:>14s}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    res = run(args.n, args.seed)
    print(json.dumps(res, indent=2) if args.json else _table(res))
    if not args.json:
        for w in res["worst"]:
            print("worst:", w)


if __name__ == "__main__":
    main()
