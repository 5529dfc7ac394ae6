"""Benchmark the certificate reader on generated 合格证 pages, beside plain OCR of the page.

Run: ``python -m benchmarks.certificate --n 40 --seed 11 [--dpi 150] [--out DIR]``
(``--quick`` = 12 pages). Pages come from ``devkit.synth.certificate.write_dataset`` and are
cached in ``DIR`` (default ``~/.cache/vincheck/bench-certificate-n{N}-s{SEED}-d{DPI}``).

Per page, in the same run:

- **plain OCR**: RapidOCR on the whole page; the first text line holding a run of exactly
  17 VIN characters (spaces removed, I/O/Q read as 1/0/0) gives the VIN; timed on its own.
- **reader**: :func:`vincheck.certificate.read_certificate` — barcode, then OCR of the
  labelled fields when the barcode did not give everything. To spare the shared CPU the
  reader is given the plain-OCR lines of the same page instead of running RapidOCR a second
  time; its time is its own work plus the plain OCR's time when it needed OCR (the same
  call it would have made).

Reported: exact-VIN rate of the value proposed and of the value filled without asking,
wrong VINs filled (must be 0), colour and kind rates (proposed / filled), by subset
(barcode readable / none or smudged, seal over the VIN, phone-photo look), and median /
p95 ms per page for both.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from pathlib import Path
from typing import Any

_VIN_RUN = re.compile(r"(?<![A-Z0-9])[A-HJ-NPR-Z0-9]{17}(?![A-Z0-9])")


def plain_vin(lines: list[str]) -> str | None:
    """The baseline: the first run of exactly 17 VIN characters in the page's text lines."""
    for line in lines:
        t = "".join(line.upper().split()).translate(str.maketrans({"O": "0", "Q": "0",
                                                                   "I": "1"}))
        m = _VIN_RUN.search(t)
        if m:
            return m.group(0)
    return None


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} ({100.0 * a / b:.0f} %)" if b else "-"


def _ms(vals: list[float]) -> str:
    if not vals:
        return "-"
    vals = sorted(vals)
    p95 = vals[min(len(vals) - 1, int(round(0.95 * (len(vals) - 1))))]
    return f"median {statistics.median(vals):.0f} ms, p95 {p95:.0f} ms"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=40)
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("--dpi", type=int, default=150)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--quick", action="store_true", help="12 pages")
    ap.add_argument("--no-ocr", action="store_true",
                    help="barcodes and sorting only (no OCR, no plain-OCR baseline): quick")
    args = ap.parse_args(argv)
    n = 12 if args.quick else args.n
    out = args.out or Path.home() / ".cache" / "vincheck" / (
        f"bench-certificate-n{n}-s{args.seed}-d{args.dpi}")

    from devkit.synth.certificate import load_dataset, write_dataset
    from vincheck.case_files import classify_file
    from vincheck.certificate import ocr_lines, read_certificate
    from vincheck.imageio import load_image

    if (out / "truth.json").exists() and len(load_dataset(out)) == n:
        truths = load_dataset(out)
    else:
        print(f"generating {n} certificates into {out} ...", file=sys.stderr, flush=True)
        truths = write_dataset(out, n, args.seed, args.dpi)
    rows: list[dict[str, Any]] = []
    if not args.no_ocr:
        ocr_lines(load_image(out / truths[0].file).rgb[:64, :64])  # load the models first
    for i, t in enumerate(truths):
        rgb = load_image(out / t.file).rgb
        t0 = time.perf_counter()
        lines = [] if args.no_ocr else ocr_lines(rgb)
        base_vin = plain_vin([ln.text for ln in lines])
        base_ms = (time.perf_counter() - t0) * 1000.0
        r = read_certificate(rgb, t.file, lines=lines, use_ocr=not args.no_ocr)
        ms = r.ms + (base_ms if r.ocr_used else 0.0)
        sorted_as = classify_file(out / t.file)
        v, c, k = (r.values.get(x) for x in ("vin", "colour", "kind"))
        rows.append({
            "t": t, "ms": ms, "base_ms": base_ms, "base_ok": base_vin == t.vin,
            "sorted": sorted_as == "certificate",
            "vin_prop": bool(v and v.value == t.vin), "vin_fill": bool(v and v.fill and
                                                                        v.value == t.vin),
            "vin_wrong_fill": bool(v and v.fill and v.value != t.vin),
            "col_prop": bool(c and c.value == t.colour), "col_fill": bool(c and c.fill and
                                                                          c.value == t.colour),
            "col_wrong_fill": bool(c and c.fill and c.value != t.colour),
            "kind_fill": bool(k and k.fill and k.value == t.kind),
            "kind_wrong_fill": bool(k and k.fill and k.value != t.kind),
            "src": v.source if v else "-",
        })
        print(f"  {i + 1}/{n} {t.file} barcode={t.barcode:<7} seal={int(t.seal_on_vin)} "
              f"photo={int(t.photo)} vin={'ok' if rows[-1]['vin_fill'] else '--'} "
              f"({rows[-1]['src']}) base={'ok' if rows[-1]['base_ok'] else '--'} "
              f"{ms:.0f}/{base_ms:.0f} ms", file=sys.stderr, flush=True)

    def report(name: str, sel: list[dict[str, Any]]) -> None:
        m = len(sel)
        if not m:
            return
        s = sum
        print(f"{name} ({m} pages)")
        print(f"  reader   VIN proposed {_pct(s(r['vin_prop'] for r in sel), m)}, filled "
              f"{_pct(s(r['vin_fill'] for r in sel), m)}, wrong VIN filled "
              f"{s(r['vin_wrong_fill'] for r in sel)}")
        print(f"           colour proposed {_pct(s(r['col_prop'] for r in sel), m)}, filled "
              f"{_pct(s(r['col_fill'] for r in sel), m)}, wrong filled "
              f"{s(r['col_wrong_fill'] for r in sel)}; kind filled "
              f"{_pct(s(r['kind_fill'] for r in sel), m)}, wrong "
              f"{s(r['kind_wrong_fill'] for r in sel)}")
        print(f"           {_ms([r['ms'] for r in sel])}")
        if not args.no_ocr:
            print(f"  plain OCR VIN {_pct(s(r['base_ok'] for r in sel), m)}  "
                  f"{_ms([r['base_ms'] for r in sel])}")

    print(f"certificate benchmark: {n} generated pages, seed {args.seed}, {args.dpi} dpi"
          + (" (barcodes only, no OCR)" if args.no_ocr else ""))
    print(f"sorted as certificate: {_pct(sum(r['sorted'] for r in rows), len(rows))}")
    report("all", rows)
    report("barcode readable (QR / PDF417)",
           [r for r in rows if r["t"].barcode in ("qr", "pdf417")])
    report("no barcode or smudged", [r for r in rows if r["t"].barcode in ("none", "smudged")])
    report("seal over the VIN", [r for r in rows if r["t"].seal_on_vin])
    report("phone-photo look", [r for r in rows if r["t"].photo])
    return 0


if __name__ == "__main__":
    sys.exit(main())
