"""The plate part of ``benchmarks.photo``: the plate sets (corpus EasyPR / CCPD / openalpr
plates and painted-out copies, or synthetic cars), the run that measures recall, false
plates, plate text and time, and its baselines (a plain HSV colour-and-aspect detector,
plain Tesseract on the true plate's box). Run it through ``python -m benchmarks.photo``."""

from __future__ import annotations

import csv
import statistics
import time
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np

from devkit.corpus import CORPUS, label_file
from devkit.synth.car_photo import render_car_photo
from vincheck.findings import Status
from vincheck.imageio import load_image
from vincheck.photo.plate_color import plate_colour_masks
from vincheck.photo.plate_text import normalise_plate_text
from vincheck.photo.plates import detect_plates, judge_plates
from vincheck.settings import PhotoSettings

S = PhotoSettings()


def baseline_plate(rgb: np.ndarray) -> bool:
    """Plain colour-and-aspect detector: any blue/yellow/green blob of plate aspect."""
    h, w = rgb.shape[:2]
    s = min(1.0, 640 / max(h, w))
    small = cv2.resize(rgb, (round(w * s), round(h * s))) if s < 1 else rgb
    for m in plate_colour_masks(small).values():
        cnts, _ = cv2.findContours(m, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
        for c in cnts:
            (_, _), (rw, rh), _ = cv2.minAreaRect(c)
            lo, sh = max(rw, rh), min(rw, rh)
            if sh >= 6 and 2.5 <= lo / sh <= 5.5 and cv2.contourArea(c) > 0.6 * rw * rh:
                return True
    return False


def _paint_out(rgb: np.ndarray, quads: list[np.ndarray]) -> np.ndarray:
    out = rgb.copy()
    mask = np.zeros(rgb.shape[:2], np.uint8)
    for q in quads:
        c = q.mean(0)
        big = (q - c) * np.array([1.25, 1.6]) + c
        cv2.fillPoly(mask, [big.astype(np.int32)], 255)
    return cv2.inpaint(out, mask, 5, cv2.INPAINT_TELEA)


UNLABELLED = label_file("plates_unlabelled.csv")


def _unlabelled_plates() -> dict[str, list[np.ndarray]]:
    """Real plates the corpus' ground truth leaves out (other cars in the scene), by file:
    painted out too, so the plate-free copies are plate-free."""
    out: dict[str, list[np.ndarray]] = {}
    for r in csv.DictReader(UNLABELLED.open(encoding="utf-8")):
        x, y, w, h = (float(r[k]) for k in ("x", "y", "w", "h"))
        q = np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float32)
        out.setdefault(r["file"], []).append(q)
    return out


FOLD = str.maketrans("OI", "01")
# true plate texts by photo name, in the order of its true quads (where the source gives them)
TRUE_TEXTS: dict[str, list[str]] = {}


def corpus_plate_sets(quick: bool) -> tuple[list, list]:
    """(photos with plates as (name, rgb, true quads), plate-free photos as (name, rgb));
    fills :data:`TRUE_TEXTS`."""
    pos, neg = [], []
    extra = _unlabelled_plates()
    gt = CORPUS / "easypr-general-test" / "ground_truth.tsv"
    rows = list(csv.DictReader(gt.open(encoding="utf-8"), delimiter="\t"))
    by: dict[str, list] = {}
    for r in rows:
        by.setdefault(r["file"], []).append(r)
    names = sorted(by)[:: 4 if quick else 1]
    for n in names:
        rgb = load_image(CORPUS / "easypr-general-test" / n).rgb
        quads = [cv2.boxPoints(((float(r["x_center"]), float(r["y_center"])),
                                (float(r["width"]), float(r["height"])),
                                float(r["rotation_deg"]))) for r in by[n]]
        pos.append(("easypr/" + n, rgb, quads))
        TRUE_TEXTS["easypr/" + n] = [r["plate_text"] for r in by[n]]
        neg.append(("easypr-painted/" + n,
                    _paint_out(rgb, quads + extra.get("easypr-general-test/" + n, []))))
    for f in sorted((CORPUS / "openalpr-benchmarks").glob("*/*.jpg"))[:: 4 if quick else 1]:
        txt = f.with_suffix(".txt")
        rgb = load_image(f).rgb
        if txt.exists():
            parts = txt.read_text().split()
            x, y, w, h = (float(v) for v in parts[1:5])
            q = np.array([[x, y], [x + w, y], [x + w, y + h], [x, y + h]], np.float32)
            pos.append(("openalpr/" + f.name, rgb, [q]))
            if len(parts) > 5:
                TRUE_TEXTS["openalpr/" + f.name] = [parts[5]]
            more = extra.get(f"openalpr-benchmarks/{f.parent.name}/{f.name}", [])
            neg.append(("openalpr-painted/" + f.name, _paint_out(rgb, [q, *more])))
        else:
            pos.append(("openalpr/" + f.name, rgb, None))
    for f in sorted((CORPUS / "ccpd-samples").glob("sample_np_*.jpg")):
        neg.append(("ccpd-np/" + f.name, load_image(f).rgb))
    ccpd_gt = CORPUS / "ccpd-named-zhijucen" / "ground_truth.tsv"
    ccpd_text = {r["file"]: r["plate_text_decoded"] for r in csv.DictReader(
        ccpd_gt.open(encoding="utf-8"), delimiter="\t")} if ccpd_gt.is_file() else {}
    for f in sorted((CORPUS / "ccpd-named-zhijucen").glob("*.jpg"))[:: 3 if quick else 1]:
        pos.append(("ccpd/" + f.name, load_image(f).rgb, [_ccpd_quad(f.name)]))
        if f.name in ccpd_text:
            TRUE_TEXTS["ccpd/" + f.name] = [ccpd_text[f.name]]
    return pos, neg


def _ccpd_quad(name: str) -> np.ndarray:
    """The plate's 4 corners from a CCPD file name (field 4: BR, BL, TL, TR as x&y)."""
    pts = [tuple(float(v) for v in p.split("&")) for p in name.split("-")[3].split("_")]
    return np.array([pts[2], pts[3], pts[0], pts[1]], np.float32)


def synthetic_plate_sets(n: int) -> tuple[list, list]:
    pos, neg = [], []
    kinds = ["blue", "yellow", "green", "eu"]
    colours = ["white", "red", "blue", "silver", "black", "green"]
    for i in range(n):
        az = [0, 20, 45, 60, 135, 180][i % 6]
        rgb, t = render_car_photo(azimuth_deg=az, body_color=colours[i % 6],
                                  plate=kinds[i % 4], seed=i)
        pos.append((f"synth-{kinds[i % 4]}-{az}", rgb,
                    [np.array(b, np.float32) for b in t["plate_boxes"]] or None))
        rgb, _ = render_car_photo(azimuth_deg=az, body_color=colours[i % 6], plate=None,
                                  seed=i)
        neg.append((f"synth-none-{az}", rgb))
    return pos, neg


def _on_truth(plates: list, quads: list | None) -> bool:
    """Whether a plate read at or above the threshold covers a true plate's centre."""
    if not quads:
        return True
    for p in plates:
        if p.score < S.min_plate_score:
            continue
        box = np.array(p.box, np.float32).reshape(4, 2)
        for q in quads:
            c = np.asarray(q, np.float32).reshape(4, 2).mean(0)
            if cv2.pointPolygonTest(box, (float(c[0]), float(c[1])), True) >= -8:
                return True
    return False


def _text_on(plates: list, quad: np.ndarray) -> str | None:
    """The text of the best-scoring plate read (at or above the threshold) that covers the
    true plate's centre; None when none does."""
    c = np.asarray(quad, np.float32).reshape(4, 2).mean(0)
    best = None
    for p in plates:
        box = np.array(p.box, np.float32).reshape(4, 2)
        if p.score >= S.min_plate_score and \
                cv2.pointPolygonTest(box, (float(c[0]), float(c[1])), True) >= -8 and \
                (best is None or p.score > best.score):
            best = p
    return None if best is None else best.text


def baseline_plate_text(rgb: np.ndarray, quad: np.ndarray) -> str:
    """Plain Tesseract (one text line, chi_sim + eng when installed) on the true plate's
    upright bounding box, 3x enlarged: the baseline of the plate text."""
    import pytesseract

    x, y, w, h = cv2.boundingRect(np.asarray(quad, np.float32).reshape(4, 2))
    crop = rgb[max(0, y):y + h, max(0, x):x + w]
    if crop.size == 0:
        return ""
    crop = cv2.resize(crop, None, fx=3, fy=3, interpolation=cv2.INTER_CUBIC)
    langs = "chi_sim+eng" if "chi_sim" in _tesseract_langs() else "eng"
    try:
        return pytesseract.image_to_string(crop, lang=langs, config="--psm 7").strip()
    except pytesseract.TesseractError:
        return ""


@lru_cache(maxsize=1)
def _tesseract_langs() -> tuple[str, ...]:
    import pytesseract

    try:
        return tuple(pytesseract.get_languages())
    except (pytesseract.TesseractError, OSError):
        return ()


def _dump(folder: Path, name: str, rgb: np.ndarray, plates: list, quads: list | None) -> None:
    """The photo with true plates (green) and reads (red: counted, orange: below) as PNG."""
    img = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
    for q in quads or []:
        cv2.polylines(img, [np.asarray(q, np.int32).reshape(-1, 1, 2)], True, (0, 200, 0), 2)
    for p in plates:
        box = np.array(p.box).reshape(-1, 1, 2).astype(np.int32)
        col = (0, 0, 255) if p.score >= S.min_plate_score else (0, 140, 255)
        cv2.polylines(img, [box], True, col, 2)
        x, y = box.reshape(-1, 2).min(0)
        cv2.putText(img, f"{p.score:.2f} {p.color} {p.text.encode('ascii', 'replace').decode()}",
                    (int(x), max(12, int(y) - 4)), cv2.FONT_HERSHEY_SIMPLEX, 0.5, col, 1)
    folder.mkdir(parents=True, exist_ok=True)
    cv2.imwrite(str(folder / (name.replace("/", "__").rsplit(".", 1)[0] + ".png")), img)


def run_plates(pos: list, neg: list, dump: Path | None = None) -> dict:
    """pos: (name, rgb, true quads or None); neg: (name, rgb). ``dump``: write misses and
    false plates there as annotated PNGs."""
    times, found, located, base_found, false, base_false = [], 0, 0, 0, 0, 0
    misses = []
    texts = {"located": 0, "exact": 0, "folded": 0, "base": 0, "wrong": []}
    for name, rgb, quads in pos:
        t = time.perf_counter()
        plates = detect_plates(rgb, S)
        f = judge_plates(plates, S)
        times.append(time.perf_counter() - t)
        for q, truth in zip(quads or [], TRUE_TEXTS.get(name, []), strict=False):
            got = _text_on(plates, q)
            if got is None:
                continue
            texts["located"] += 1
            a, b = normalise_plate_text(got), normalise_plate_text(truth)
            texts["exact"] += a == b
            # the openalpr truths write O for 0 and I for 1 on plates that show 0 and 1
            texts["folded"] += a.translate(FOLD) == b.translate(FOLD)
            texts["base"] += normalise_plate_text(baseline_plate_text(rgb, q)) == b
            if a != b:
                texts["wrong"].append(f"{name}: {truth} -> {got}")
        if f.status is Status.FAIL:
            found += 1
            located += _on_truth(plates, quads)
        else:
            misses.append(name)
            if dump is not None:
                _dump(dump / "miss", name, rgb, plates, quads)
        base_found += baseline_plate(rgb)
    fps = []
    for name, rgb in neg:
        t = time.perf_counter()
        plates = detect_plates(rgb, S)
        f = judge_plates(plates, S)
        times.append(time.perf_counter() - t)
        if f.status is Status.FAIL:
            false += 1
            fps.append(name)
            if dump is not None:
                _dump(dump / "false", name, rgb, plates, None)
        base_false += baseline_plate(rgb)
    return {"plate_recall": found / max(1, len(pos)), "n_pos": len(pos),
            "plate_located": located / max(1, len(pos)),
            "baseline_plate_recall": base_found / max(1, len(pos)),
            "false_plate_rate": false / max(1, len(neg)), "n_neg": len(neg),
            "baseline_false_plate_rate": base_false / max(1, len(neg)),
            "plate_median_ms": 1000 * statistics.median(times) if times else 0.0,
            "plate_p90_ms": 1000 * float(np.percentile(times, 90)) if times else 0.0,
            "misses": misses[:40], "false_plates": fps[:40],
            **({} if not texts["located"] else {
                "plate_text_exact": texts["exact"] / texts["located"],
                "plate_text_exact_o0_i1_alike": texts["folded"] / texts["located"],
                "baseline_plate_text_exact": texts["base"] / texts["located"],
                "plate_texts_compared": texts["located"],
                "plate_text_wrong": texts["wrong"][:60]})}
