"""Per-font accuracy of the glyph classifier (and RapidOCR on the same single-glyph crops)
on the rubbing benchmark's sheets, cutting each glyph at its true box.

Run after the benchmark has generated its sheets (``python -m benchmarks.rubbing``)::

    .venv/bin/python tools/eval_glyph_classifier.py [--dir ~/.cache/vincheck/bench-...]
        [--limit 100] [--rapid]

Crops: the true character quad widened to 1.15 x its width and 1.5 x its height, warped
upright, inverted (the rubbing shows light glyphs on dark graphite). Start/stop symbols
count as correct when read as ``#``. Nothing here is used for training.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

import cv2
import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from vincheck.ocr.base import SYMBOL  # noqa: E402
from vincheck.ocr.glyph_engine import GlyphEngine  # noqa: E402

DEFAULT_DIR = Path.home() / ".cache" / "vincheck" / "bench-rubbing-held_out-n100-s11-d300"


def cut(gray: np.ndarray, quad: list, sx: float = 1.15, sy: float = 1.5) -> np.ndarray:
    """The quad (tl, tr, br, bl px) widened about its centre, warped upright, inverted."""
    q = np.array(quad, np.float32)
    c = q.mean(0)
    ux, uy = (q[1] - q[0] + q[2] - q[3]) / 2, (q[3] - q[0] + q[2] - q[1]) / 2
    w, h = float(np.linalg.norm(ux)) * sx, float(np.linalg.norm(uy)) * sy
    ex, ey = ux / max(np.linalg.norm(ux), 1e-6), uy / max(np.linalg.norm(uy), 1e-6)
    src = np.array([c - ex * w / 2 - ey * h / 2, c + ex * w / 2 - ey * h / 2,
                    c + ex * w / 2 + ey * h / 2], np.float32)
    dst = np.array([[0, 0], [w, 0], [w, h]], np.float32)
    m = cv2.getAffineTransform(src, dst)
    out = cv2.warpAffine(gray, m, (max(2, int(w)), max(2, int(h))), flags=cv2.INTER_LINEAR,
                         borderMode=cv2.BORDER_REPLICATE)
    return 255 - out


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dir", default=str(DEFAULT_DIR))
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--rapid", action="store_true", help="also RapidOCR on the same crops")
    p.add_argument("--confusions", type=int, default=12)
    p.add_argument("--model", help="another ONNX model (default: the shipped one)")
    args = p.parse_args(argv)
    d = Path(args.dir)
    rows = [json.loads(x) for x in (d / "truth.jsonl").read_text().splitlines() if x.strip()]
    if args.limit:
        rows = rows[:args.limit]
    engines = [GlyphEngine(args.model)]
    if args.rapid:
        from vincheck.ocr.rapid_engine import RapidEngine

        engines.append(RapidEngine())
    ok: dict[str, Counter] = defaultdict(Counter)
    conf: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        gray = cv2.imread(str(d / row["file"]), cv2.IMREAD_GRAYSCALE)
        for s in row["strips"]:
            if set(s.get("expected_reasons", [])) & {"unreadable", "truncated"}:
                continue
            crops, truth, marks = [], [], []
            for ch, quad in zip(s["visible_text"], s["char_boxes"], strict=False):
                crops.append(cut(gray, quad))
                truth.append(ch)
                marks.append(None)
            for key, name in (("start_box", "start_symbol"), ("end_box", "end_symbol")):
                if s.get(key):
                    crops.append(cut(gray, s[key], 1.1, 1.3))
                    truth.append(SYMBOL)
                    marks.append(s.get(name))
            for eng in engines:
                for t, mk, sc in zip(truth, marks, eng.read_cells(crops), strict=True):
                    top = max(sc.items(), key=lambda kv: kv[1])[0] if sc else "?"
                    grp = f"symbol {mk}" if t == SYMBOL else s["font"]
                    ok[eng.name][grp, "n"] += 1
                    ok[eng.name][grp, "ok"] += top == t
                    if top != t:
                        conf[eng.name][f"{t}->{top}"] += 1
    groups = sorted({g for c in ok.values() for g, _ in c})
    for eng in engines:
        c = ok[eng.name]
        print(f"{eng.name}:")
        for g in groups:
            print(f"  {g:16s} {100.0 * c[g, 'ok'] / max(1, c[g, 'n']):6.2f}%  "
                  f"({c[g, 'ok']}/{c[g, 'n']})")
        print("  confusions: " + ", ".join(f"{k} {v}" for k, v in
                                           conf[eng.name].most_common(args.confusions)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
