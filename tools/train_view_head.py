"""Train the learnt view head (:mod:`vincheck.photo.view_head`) from the labelled corpus
photos (build time only; needs ``../shared/corpus``).

Run::

    .venv/bin/python tools/train_view_head.py           # train, write, check on unseen photos
    .venv/bin/python tools/train_view_head.py --cv 3    # also a 3-fold cross-validation
    .venv/bin/python tools/train_view_head.py --turn    # the full-turn head instead
                                                        # (tools/train_view_turn.py)

Data: the 41 view photos of ``tests/labels/photo_labels.csv`` (azimuth: the mean of the
annotators'; the shipped head was trained when there were two, A and B)
and the 276 photos of ``tests/labels/vehicle_end_labels.csv`` (end; side left / right /
centre), every one with its plates painted out (``devkit/corpus_plates.py``; the head
decides the view of photos without a plate), as it is (so that a plate the detector missed
does not throw it) and as two painted crops of a jittered box (every edge moved by up to
8 %, so that the head does not hang on the exact box). The vehicle box is the one vincheck
itself finds (:func:`vincheck.photo.vehicle.locate_vehicle`), as at run time.

Licences: the head is trained only on photos whose source allows it. The openalpr
benchmark photos are AGPL-3.0 (``../shared/corpus/openalpr-benchmarks/MANIFEST.md``), so
they are never trained on - no AGPL-derived weights ship. They stay as the test set: 31 of
the 41 view photos and 66 end photos, from another country, cameras and cars than the
Chinese photos trained on. ``python -m benchmarks.photo_view --painted`` reports them
apart (``unseen by the head``).

Heads: logistic regressions (L2, the view photos weighted 3x as they are whole-vehicle
photos like the ones the rule is about) for the end, oblique-or-head-on and the face side
(mirror-antisymmetric, no bias: each photo also enters mirrored with the opposite label);
ridge regressions for the angle off the end axis: one from the view photos' azimuths (read
for an oblique view), one from the head-on view photos and the end photos labelled
"centre" (taken as 0 degrees; read for a head-on view).
Writes ``vincheck/data/view_head.npz`` and ``view_head.json``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import pickle
import sys
import zlib
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devkit.corpus import CORPUS, label_file  # noqa: E402
from devkit.corpus_plates import paint_out_plates, plate_polygons  # noqa: E402
from vincheck.imageio import load_image  # noqa: E402
from vincheck.photo import view_head as vh  # noqa: E402
from vincheck.photo.vehicle import locate_vehicle  # noqa: E402
from vincheck.settings import PhotoSettings  # noqa: E402

VIEW_LABELS = label_file("photo_labels.csv")
END_LABELS = label_file("vehicle_end_labels.csv")
VIEW_WEIGHT = 3.0  # weight of a whole-vehicle view photo against an end-labelled one
LAMBDA = {"end": 0.003, "oblique": 0.01, "side": 0.03}  # L2 of the logistic heads
RIDGE_LAMBDA = 100.0  # of the angle regressions (standardised features)
JITTER, JITTER_COPIES, JITTER_SEED = 0.08, 2, 7  # box jitter of the extra training crops
# sources never trained on, with the reason (their photos remain the test set)
EXCLUDED_SOURCES = {"openalpr-benchmarks": "AGPL-3.0: no AGPL-derived weights"}
STEPS, RATE = 400, 0.5  # gradient descent of the logistic heads


def off_axis(az: float) -> float:
    """Degrees between the camera and the vehicle's end axis (0-90)."""
    a = az % 180
    return min(a, 180 - a)


def face_left_of(az: float) -> bool:
    """True when the face (front or rear) lies on the picture's left at azimuth ``az``."""
    a = az % 360
    return 0 < a < 90 or 180 < a < 270


def samples(settings: PhotoSettings) -> list[dict]:
    """One dict per labelled photo: labels, split, head inputs."""
    out = []
    views = list(csv.DictReader(VIEW_LABELS.open(encoding="utf-8")))
    in_views = {r["file"] for r in views}
    for r in views:
        az = float(r["azimuth"])
        off = off_axis(az)
        obl = off >= vh.OBLIQUE_FROM_DEG
        out.append({"file": r["file"], "kind": "view", "az": az,
                    "rear": 90 < az % 360 < 270, "oblique": obl, "off": off,
                    "face_left": face_left_of(az) if obl else None})
    for r in csv.DictReader(END_LABELS.open(encoding="utf-8")):
        if r["end"] not in ("front", "rear") or r["file"] in in_views:
            continue
        side = r["side"]
        known = side in ("left", "right", "centre")
        out.append({"file": r["file"], "kind": "end", "az": None,
                    "rear": r["end"] == "rear", "oblique": (side != "centre") if known else None,
                    "off": 0.0 if side == "centre" else None, "end_on_only": True,
                    # the camera on the vehicle's left: a front face on the picture's left,
                    # a rear face on its right
                    "face_left": ((side == "left") == (r["end"] == "front"))
                    if side in ("left", "right") else None})
    for s in out:
        s["trainable"] = s["file"].split("/")[0] not in EXCLUDED_SOURCES
    rng = np.random.default_rng(JITTER_SEED)
    for k, s in enumerate(out):
        plain = load_image(CORPUS / s["file"]).rgb
        painted = paint_out_plates(plain, plate_polygons(CORPUS, s["file"]))
        for key, rgb in (("x", painted), ("x_plain", plain)):
            region = locate_vehicle(rgb, settings, plates=None)
            box = region.box if region is not None else (0, 0, rgb.shape[1], rgb.shape[0])
            s[key] = vh.head_inputs(vh.crop_features(vh.vehicle_crop(rgb, box)))
            if key == "x" and s["trainable"]:
                s["x_jitter"] = [vh.head_inputs(vh.crop_features(vh.vehicle_crop(
                    rgb, jittered(box, rng)))) for _ in range(JITTER_COPIES)]
        if k % 50 == 0:
            print(f"  features {k + 1}/{len(out)}", flush=True)
    return out


def jittered(box: tuple[float, float, float, float], rng: np.random.Generator
             ) -> tuple[float, float, float, float]:
    """``box`` (x, y, w, h px) with each edge moved by up to JITTER of its size."""
    x, y, w, h = box
    dx0, dx1, dy0, dy1 = rng.uniform(-JITTER, JITTER, 4)
    return x + dx0 * w, y + dy0 * h, w * (1 + dx1 - dx0), h * (1 + dy1 - dy0)


def both_versions(data: list[dict]) -> list[dict]:
    """Each photo with its plates painted out (``x``), left on (``x_plain``) and painted out
    in jittered boxes (``x_jitter``, when computed)."""
    return data + [dict(s, x=s["x_plain"]) for s in data] + \
        [dict(s, x=xj) for s in data for xj in s.get("x_jitter", [])]


def logistic(x: np.ndarray, y: np.ndarray, wts: np.ndarray, lam: float,
             bias: bool) -> tuple[np.ndarray, float]:
    """Weighted L2 logistic regression by gradient descent (deterministic)."""
    w, b = np.zeros(x.shape[1]), 0.0
    for _ in range(STEPS):
        p = 1 / (1 + np.exp(-(x @ w + b)))
        g = wts * (p - y) / wts.sum()
        w -= RATE * (x.T @ g + lam * w)
        if bias:
            b -= RATE * float(g.sum())
    return w, b


def train(data: list[dict]) -> dict[str, np.ndarray]:
    """The head weights from ``data`` (the keys :func:`vincheck.photo.view_head.scores` reads)."""
    out: dict[str, np.ndarray] = {}

    def put(name: str, mean: np.ndarray, scale: np.ndarray, w: np.ndarray, b: float) -> None:
        out.update({f"{name}_mean": mean, f"{name}_scale": scale, f"{name}_w": w,
                    f"{name}_b": np.array([b])})

    for name, label in (("end", "rear"), ("oblique", "oblique")):
        sel = [s for s in data if s[label] is not None]
        x = np.array([s["x"][name] for s in sel])
        y = np.array([float(s[label]) for s in sel])
        wts = np.array([VIEW_WEIGHT if s["kind"] == "view" else 1.0 for s in sel])
        mean, scale = x.mean(0), x.std(0) + 1e-6
        w, b = logistic((x - mean) / scale, y, wts, LAMBDA[name], bias=True)
        put(name, mean, scale, w, b)
    sel = [s for s in data if s["face_left"] is not None]
    x = np.array([s["x"]["side"] for s in sel])
    y = np.array([float(s["face_left"]) for s in sel])
    wts = np.array([VIEW_WEIGHT if s["kind"] == "view" else 1.0 for s in sel])
    scale = np.sqrt((x ** 2).mean(0)) + 1e-6
    xs = x / scale
    w, _ = logistic(np.vstack([xs, -xs]), np.concatenate([y, 1 - y]),
                    np.concatenate([wts, wts]), LAMBDA["side"], bias=False)
    put("side", np.zeros_like(scale), scale, w, 0.0)
    for name, sel in (
            ("angle", [s for s in data if s["off"] is not None and not s.get("end_on_only")]),
            ("angle_end_on", [s for s in data if s["off"] is not None
                              and s["off"] < vh.OBLIQUE_FROM_DEG])):
        x = np.array([s["x"][name] for s in sel])
        y = np.array([s["off"] for s in sel])
        mean, scale = x.mean(0), x.std(0) + 1e-6
        xs = (x - mean) / scale
        w = np.linalg.solve(xs.T @ xs + RIDGE_LAMBDA * np.eye(xs.shape[1]),
                            xs.T @ (y - y.mean()))
        put(name, mean, scale, w, float(y.mean()))
    return {k: v.astype(np.float32) for k, v in out.items()}


def check(weights: dict[str, np.ndarray], data: list[dict]) -> dict[str, str]:
    """Right / labelled for each decision and the 8-class view on ``data``."""
    from vincheck.photo.view import view_of_azimuth

    w64 = {k: v.astype(np.float64) for k, v in weights.items()}
    n = {k: [0, 0] for k in ("end", "oblique", "face_side", "view", "off_axis_err")}
    for s in data:
        feats = {vh.HEAD_MAPS[h]: {} for h in vh.HEAD_MAPS}
        for h, m in vh.HEAD_MAPS.items():
            feats[m]["anti" if h == "side" else "sym"] = s["x"][h]
        hv = vh.combine(vh.scores(feats, w64))
        n["end"][0] += (hv.p_rear >= 0.5) == s["rear"]
        n["end"][1] += 1
        if s["oblique"] is not None:
            n["oblique"][0] += (hv.p_oblique >= 0.5) == s["oblique"]
            n["oblique"][1] += 1
        if s["face_left"] is not None:
            n["face_side"][0] += (hv.p_face_left >= 0.5) == s["face_left"]
            n["face_side"][1] += 1
        if s["az"] is not None:
            n["view"][0] += view_of_azimuth(hv.azimuth_deg) == view_of_azimuth(s["az"])
            n["view"][1] += 1
            n["off_axis_err"][0] += abs(off_axis(hv.azimuth_deg) - s["off"])
            n["off_axis_err"][1] += 1
    out = {k: f"{a}/{b}" for k, (a, b) in n.items() if k != "off_axis_err"}
    a, b = n["off_axis_err"]
    out["mean_off_axis_error_deg"] = f"{a / max(1, b):.1f}"
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if "--turn" in argv:
        sys.path.insert(0, str(ROOT / "tools"))
        import train_view_turn

        return train_view_turn.main([a for a in argv if a != "--turn"])
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cv", type=int, default=0, help="also a k-fold cross-validation")
    ap.add_argument("--out", type=Path, default=vh.HEAD_PATH)
    ap.add_argument("--features", type=Path,
                    help="pickle of the computed features: read when present, else written")
    args = ap.parse_args(argv)
    if not CORPUS.is_dir():
        print(f"the corpus is not at {CORPUS}", file=sys.stderr)
        return 2
    if args.features and args.features.is_file():
        with args.features.open("rb") as f:
            data = pickle.load(f)
    else:
        data = samples(PhotoSettings())
        if args.features:
            with args.features.open("wb") as f:
                pickle.dump(data, f)
    trainable = [s for s in data if s["trainable"]]
    unseen = [s for s in data if not s["trainable"]]
    weights = train(both_versions(trainable))
    report = {"trained_on": check(weights, trainable),
              "unseen_view_photos": check(weights, [s for s in unseen if s["kind"] == "view"]),
              "unseen_end_photos": check(weights, [s for s in unseen if s["kind"] == "end"])}
    if args.cv > 1:
        folds = {}
        for k in range(args.cv):
            def fold(s: dict) -> int:
                return zlib.crc32(s["file"].encode("utf-8")) % args.cv
            w = train(both_versions([s for s in trainable if fold(s) != k]))
            folds[k] = check(w, [s for s in trainable if fold(s) == k])
        report["cross_validation_on_the_trained_photos"] = folds
    np.savez_compressed(args.out, **weights)
    meta = {
        "trained_with": "tools/train_view_head.py",
        "command": ".venv/bin/python tools/train_view_head.py (with ../shared/corpus)",
        "seed": {"box_jitter": JITTER_SEED},
        "sha256": hashlib.sha256(args.out.read_bytes()).hexdigest(),
        "features": "bundled detector backbone (feat16 / feat32) of the vehicle crop and its "
                    "mirror, averaged over 3 horizontal bands",
        "heads": vh.HEAD_MAPS,
        "training_photos": {"view": sum(s["kind"] == "view" for s in trainable),
                            "end": sum(s["kind"] == "end" for s in trainable)},
        "held_out_photos": {"view": sum(s["kind"] == "view" for s in unseen),
                            "end": sum(s["kind"] == "end" for s in unseen)},
        "excluded_sources": EXCLUDED_SOURCES,
        "plates": "each photo with its plates painted out and left on, plus two painted "
                  "crops with every box edge moved by up to 8 %",
        "lambda": LAMBDA, "ridge_lambda": RIDGE_LAMBDA, "view_weight": VIEW_WEIGHT,
        "check": report,
    }
    vh.HEAD_META_PATH.write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(json.dumps(report, indent=1))
    print(f"wrote {args.out} and {vh.HEAD_META_PATH}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
