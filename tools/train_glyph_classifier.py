"""Train the glyph classifier behind ``vincheck.ocr.glyph_engine`` (33 VIN characters +
the "symbol" class) on glyphs this tool renders itself, and export it to ONNX.

Run (about 12 minutes on 2 busy shared CPU cores)::

    .venv/bin/pip install torch==2.13.0 onnx   # training only; NOT vincheck dependencies
    apt-get install -y <devkit.letterforms.APT_PACKAGES>   # the font families of the table
    .venv/bin/python tools/train_glyph_classifier.py   # defaults = the shipped model

Writes ``vincheck/data/glyph_classifier.onnx`` (the network) and
``vincheck/data/glyph_classifier.json`` (classes, softmax temperature, the training
command, the letterform split, seed, torch version and the ONNX file's SHA-256).

Training glyphs (nothing from the test-image generator in ``devkit/synth`` is used):

* the outline faces on the *training* side of ``devkit.letterforms`` (the one table the
  generator reads too; no held-out family is ever opened here), 15 % of them redrawn as
  dots on a lattice (:func:`dotify`);
* the tool's own 5 x 7 bitmap font (``BITMAP_5X7``) drawn as dots, as squares and as
  single strokes joining neighbouring dots, and its own single-stroke vector font
  (``STROKES``) drawn with round or square pens;
* symbols (class ``#``): stars, reference marks, diamonds, triangles, squares, circles,
  a letter or digit in a ring, crosses, arrows, symbol-font and CJK glyphs (Noto Sans
  CJK, marks only) and random shapes (:func:`random_mark`).

Augmentation follows what a scanned graphite rubbing looks like after the reader has
normalised its polarity: a light glyph on streaky dark graphite, inverted; blur, noise,
erosion / dilation, shear, rotation, scale, width 0.6-1.5 x (condensed to wide dies),
neighbours cut off at the crop edges,
uneven contrast, and crops as the reader cuts them (a glyph's span in the text line).
Deterministic for a given ``--seed`` (single-threaded rendering, fixed torch seed).

The glyph sources live in ``devkit/glyph_sources.py``, the augmentation in
``devkit/glyph_augment.py``; this tool builds the data set, trains, exports and records.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from pathlib import Path

import cv2
import numpy as np
from PIL import ImageFont

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from devkit.glyph_augment import sample  # noqa: E402
from devkit.glyph_sources import (  # noqa: E402
    BITMAP_5X7,
    CAP,
    STROKES,
    VIN_CHARS,
    bitmap_mask,
    dotify,
    drawn_symbol,
    font_files,
    font_masks,
    random_mark,
    stroke_mask,
    symbol_font_files,
)
from devkit.letterforms import HELD_OUT, TRAIN, available, split_summary  # noqa: E402
from vincheck.ocr.glyph_engine import CLASSES, INPUT_SIZE, META_PATH, MODEL_PATH, prepare  # noqa: E402

SYM_INDEX = len(CLASSES) - 1


def build_dataset(per_class: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """``per_class`` crops per class (VIN chars + symbols), prepared for the network."""
    rng = np.random.default_rng(seed)
    faces = font_files()
    held = available(HELD_OUT)
    print(f"{len(faces)} training font faces; held out (never read here): "
          f"{', '.join(lf.name for lf in held)}", flush=True)
    fchars, fsyms = font_masks(faces, symbol_font_files())
    pil_fonts = [ImageFont.truetype(p, int(CAP * 1.4), index=i) for p, i in faces[:8]]
    xs, ys = [], []
    n_sym = per_class * 2  # symbols vary more than characters

    def any_char() -> np.ndarray:
        return draw_char(str(rng.choice(list(VIN_CHARS))))

    def draw_char(c: str) -> np.ndarray:
        k = rng.random()
        if k < 0.55 and fchars[c]:
            m = fchars[c][int(rng.integers(0, len(fchars[c])))]
            return dotify(m, rng) if rng.random() < 0.15 else m
        if k < 0.75:
            forms = BITMAP_5X7[c]
            return bitmap_mask(forms[int(rng.integers(0, len(forms)))], rng)
        forms = STROKES[c]
        return stroke_mask(forms[int(rng.integers(0, len(forms)))], rng)

    for ci, c in enumerate(VIN_CHARS):
        for _ in range(per_class):
            xs.append(prepare(sample(draw_char(c), [any_char(), any_char()], rng)))
            ys.append(ci)
    for _ in range(n_sym):
        k = rng.random()
        if fsyms and k < 0.4:
            m = fsyms[int(rng.integers(0, len(fsyms)))]
        elif k < 0.8:
            m = drawn_symbol(rng, pil_fonts)
        else:
            m = random_mark(rng)
        nb = [any_char() if rng.random() < 0.7 else None, None]
        if rng.random() < 0.5:
            nb.reverse()
        xs.append(prepare(sample(m, nb, rng, symbol=True)))
        ys.append(SYM_INDEX)
    return np.stack(xs)[:, None], np.array(ys, np.int64)


# --- network ---------------------------------------------------------------------------

def make_net():  # noqa: ANN201 - torch is imported lazily
    import torch.nn as nn

    def block(a: int, b: int) -> list:
        return [nn.Conv2d(a, b, 3, padding=1), nn.BatchNorm2d(b), nn.ReLU(),
                nn.Conv2d(b, b, 3, padding=1), nn.BatchNorm2d(b), nn.ReLU(), nn.MaxPool2d(2)]

    return nn.Sequential(
        *block(1, 24), *block(24, 48), *block(48, 96),
        nn.Flatten(), nn.Dropout(0.3), nn.Linear(96 * 4 * 4, 160), nn.ReLU(),
        nn.Linear(160, len(CLASSES)))


def fit_temperature(logits: np.ndarray, labels: np.ndarray) -> float:
    """Softmax temperature minimising the negative log-likelihood (grid search)."""
    best, best_t = float("inf"), 1.0
    for t in np.exp(np.linspace(np.log(0.3), np.log(5.0), 80)):
        z = logits / t
        z = z - z.max(1, keepdims=True)
        nll = -(z[np.arange(len(labels)), labels] - np.log(np.exp(z).sum(1))).mean()
        if nll < best:
            best, best_t = float(nll), float(t)
    return best_t


def train(args: argparse.Namespace) -> dict:
    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    t0 = time.perf_counter()
    x, y = build_dataset(args.per_class, args.seed)
    xv, yv = build_dataset(max(60, args.per_class // 10), args.seed + 1000)
    print(f"rendered {len(x)} training + {len(xv)} validation crops in "
          f"{time.perf_counter() - t0:.0f} s", flush=True)
    net = make_net()
    opt = torch.optim.AdamW(net.parameters(), lr=3e-3, weight_decay=1e-4)
    steps = args.epochs * math.ceil(len(x) / args.batch)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=3e-3, total_steps=steps)
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    gen = torch.Generator().manual_seed(args.seed)
    lossf = torch.nn.CrossEntropyLoss(label_smoothing=0.05)
    for ep in range(args.epochs):
        net.train()
        perm = torch.randperm(len(x), generator=gen)
        tot = 0.0
        for i in range(0, len(x), args.batch):
            idx = perm[i:i + args.batch]
            opt.zero_grad()
            loss = lossf(net(xt[idx]), yt[idx])
            loss.backward()
            opt.step()
            sched.step()
            tot += float(loss.detach()) * len(idx)
        net.eval()
        with torch.no_grad():
            lv = net(torch.from_numpy(xv)).numpy()
        acc = float((lv.argmax(1) == yv).mean())
        print(f"epoch {ep + 1}/{args.epochs}: loss {tot / len(x):.3f}, validation "
              f"accuracy {acc:.4f} ({time.perf_counter() - t0:.0f} s)", flush=True)
    temp = fit_temperature(lv.astype(np.float64), yv)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    torch.save(net.state_dict(), out.with_suffix(".pt.tmp"))  # kept if the export fails
    dummy = torch.zeros(1, 1, INPUT_SIZE, INPUT_SIZE)
    torch.onnx.export(net, dummy, str(out), input_names=["glyph"], output_names=["logits"],
                      dynamic_axes={"glyph": {0: "n"}, "logits": {0: "n"}}, opset_version=17,
                      dynamo=False)
    import hashlib

    summary = split_summary()
    meta = {"classes": CLASSES, "temperature": round(temp, 4), "input_size": INPUT_SIZE,
            "seed": args.seed, "per_class": args.per_class, "epochs": args.epochs,
            "validation_accuracy": round(acc, 4),
            "trained_with": "tools/train_glyph_classifier.py",
            "training_command": " ".join(["python", "tools/train_glyph_classifier.py",
                                          f"--seed {args.seed}", f"--per-class {args.per_class}",
                                          f"--epochs {args.epochs}", f"--batch {args.batch}",
                                          f"--threads {args.threads}"]),
            "torch": torch.__version__,
            "letterform_split": {"table": "devkit/letterforms.py",
                                 "train_families": sorted(summary[TRAIN]),
                                 "held_out_families": sorted(summary[HELD_OUT]),
                                 "train_faces_used": [Path(p).name for p, _ in font_files()],
                                 "held_out_letterforms": [lf.name for lf in available(HELD_OUT)]},
            "onnx_sha256": hashlib.sha256(out.read_bytes()).hexdigest()}
    Path(args.meta).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    out.with_suffix(".pt.tmp").unlink(missing_ok=True)
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB), temperature {temp:.3f}, "
          f"total {time.perf_counter() - t0:.0f} s", flush=True)
    return meta


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--per-class", type=int, default=1200, help="training crops per class")
    p.add_argument("--epochs", type=int, default=4)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--out", default=str(MODEL_PATH))
    p.add_argument("--meta", default=str(META_PATH))
    p.add_argument("--preview", help="write a PNG grid of training crops here and stop")
    args = p.parse_args(argv)
    if args.preview:
        x, y = build_dataset(12, args.seed)
        tiles = ((0.5 - x[:, 0]) * 255).clip(0, 255).astype(np.uint8)
        rows = [np.hstack(list(tiles[i:i + 24])) for i in range(0, len(tiles) - 23, 24)]
        cv2.imwrite(args.preview, np.vstack(rows))
        return 0
    train(args)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
