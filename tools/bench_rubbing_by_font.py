"""The rubbing benchmark's exact-VIN rate and false rejects split by the strips' font,
for a chosen list of OCR engines (e.g. before/after adding the glyph classifier).

Run after ``python -m benchmarks.rubbing`` has generated the sheets::

    .venv/bin/python tools/bench_rubbing_by_font.py --engines rapidocr [--limit 100]
    .venv/bin/python tools/bench_rubbing_by_font.py --engines rapidocr,glyph
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.rubbing import match_strips  # noqa: E402
from vincheck.rubbing import check_rubbing_file, select_engines  # noqa: E402
from vincheck.settings import Settings  # noqa: E402

DEFAULT_DIR = Path.home() / ".cache" / "vincheck" / "bench-rubbing-held_out-n100-s11-d300"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--dir", default=str(DEFAULT_DIR))
    p.add_argument("--engines", default="rapidocr", help="comma-separated engine names")
    p.add_argument("--limit", type=int, default=0)
    p.add_argument("--offset", type=int, default=0)
    p.add_argument("--verbose", "-v", action="store_true")
    args = p.parse_args(argv)
    d = Path(args.dir)
    rows = [json.loads(x) for x in (d / "truth.jsonl").read_text().splitlines() if x.strip()]
    rows = rows[args.offset:]
    if args.limit:
        rows = rows[:args.limit]
    settings = Settings(ocr_engines=tuple(args.engines.split(",")))
    engines, missing = select_engines(settings)
    if missing:
        print("missing engines: " + "; ".join(missing), file=sys.stderr)
    check_rubbing_file(str(d / rows[0]["file"]), settings, engines=engines)  # warm up
    c: Counter[str] = Counter()
    ms: list[float] = []
    for row in rows:
        t = time.perf_counter()
        sheet = check_rubbing_file(str(d / row["file"]), settings, engines=engines)[0]
        ms.append((time.perf_counter() - t) * 1000.0)
        expected = set(row.get("expected_reasons", []))
        for s in row["strips"]:
            expected |= set(s.get("expected_reasons", []))
        fonts = {s["font"] for s in row["strips"]}
        if not expected:
            for f in fonts | {"all"}:
                c[f, "clean"] += 1
                c[f, "reject"] += str(sheet.verdict) != "pass"
        for ts, rb in zip(row["strips"], match_strips(row["strips"], sheet.rubbings),
                          strict=True):
            if set(ts.get("expected_reasons", [])) & {"unreadable", "truncated"}:
                continue
            vin = rb.vin if rb is not None else None
            got = "".join(ch.char for ch in rb.chars) if rb is not None and rb.chars else ""
            for f in (ts["font"], "all"):
                c[f, "strips"] += 1
                c[f, "exact"] += vin == ts["vin"]
                c[f, "chars"] += sum(a == b for a, b in zip(got, ts["vin"], strict=False))
            if args.verbose and vin != ts["vin"]:
                print(f"  {row['file']} {ts['font']}: read {vin} raw "
                      f"{rb.raw if rb else None}, truth {ts['vin']}")
    print(f"engines {[e.name for e in engines]}, {len(rows)} sheets, median "
          f"{statistics.median(ms):.0f} ms / sheet")
    print(f"{'font':16s} {'exact VIN':>10s} {'chars':>8s} {'false rejects':>14s}")
    fonts = sorted({f for f, _ in c if f != "all"}) + ["all"]
    for f in fonts:
        n = max(1, c[f, "strips"])
        print(f"{f:16s} {100 * c[f, 'exact'] / n:9.1f}% {100 * c[f, 'chars'] / (17 * n):7.1f}%"
              f" {100 * c[f, 'reject'] / max(1, c[f, 'clean']):8.1f}% "
              f"({c[f, 'reject']}/{c[f, 'clean']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
