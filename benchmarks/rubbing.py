"""Benchmark the rubbing reader on a fixed synthetic set, side by side with plain Tesseract.

Run: ``.venv/bin/python -m benchmarks.rubbing --n 300 --seed 7 [--dpi 300] [--out DIR]``
(``--quick`` = 40 sheets). Sheets come from ``tests.synth.rubbing.write_dataset`` and are
cached in ``DIR`` (default: ``~/.cache/vincheck/bench-rubbing-n{N}-s{SEED}-d{DPI}``); the
same arguments always give the same sheets.

Reports: exact-VIN rate and character accuracy (strips whose VIN is fully on the tape),
per-reason recall, false rejects (sheets expected to pass that did not), false alarms per
reason, and median / p95 ms per sheet; the baseline is one ``pytesseract.image_to_string``
call on the whole image (``--psm 7``, VIN whitelist), longest run of VIN characters.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

VIN_WHITELIST = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"


def dataset(out: Path, n: int, seed: int, dpi: int, need: int = 0) -> list[dict[str, Any]]:
    """Generate (once) and load the truth records (``need``: enough when at least this many
    sheets are already there, e.g. while the set is still being written)."""
    truth = out / "truth.jsonl"
    if truth.exists():
        rows = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()
                if line.strip()]
        rows = [r for r in rows if (out / r["file"]).exists()]
        if len(rows) == n or (need and len(rows) >= need):
            return rows
    from tests.synth.rubbing import write_dataset

    print(f"generating {n} sheets into {out} (once) ...", file=sys.stderr, flush=True)
    t = time.perf_counter()
    write_dataset(out, n, seed, dpi=dpi)
    print(f"  done in {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
    return [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()]


def _centre(poly: Any) -> tuple[float, float]:
    flat = [float(v) for p in poly for v in (p if isinstance(p, (list, tuple)) else [p])]
    xs, ys = flat[0::2], flat[1::2]
    return sum(xs) / len(xs), sum(ys) / len(ys)


def match_strips(truth_strips: list[dict], rubbings: list[Any]) -> list[Any | None]:
    """For every truth strip the rubbing whose outline centre is nearest (or None)."""
    out: list[Any | None] = []
    used: set[int] = set()
    for ts in truth_strips:
        tc = _centre(ts["corners"])
        best, bd = None, 1e18
        for i, r in enumerate(rubbings):
            if i in used:
                continue
            rc = _centre(r.box)
            d = (rc[0] - tc[0]) ** 2 + (rc[1] - tc[1]) ** 2
            if d < bd:
                best, bd = i, d
        if best is not None:
            used.add(best)
            out.append(rubbings[best])
        else:
            out.append(None)
    return out


def is_tidy(row: dict[str, Any]) -> bool:
    """A sheet from the generator's tidy range (``clean=True``: no JPEG, blur <= 0.8 px,
    noise <= 3, white/off-white paper, rotation <= 4 deg); the truth does not name it, so
    it is recognised from its parameters (a full-range sheet falls inside by chance < 1 %)."""
    sf = float(row.get("dpi", 300)) / 300.0
    return (row.get("jpeg_quality") is None and float(row.get("blur_px", 9)) <= 0.8 * sf + 1e-9
            and float(row.get("noise_sigma", 9)) <= 3.0 and row.get("paper") != "grey"
            and all(abs(float(s.get("angle_deg", 0.0))) <= 4.0 for s in row["strips"]))


def plain_tesseract(path: Path) -> str | None:
    """Baseline: whole image, psm 7, VIN whitelist; the longest run of VIN characters,
    cut to 17 when longer; None when no run reaches 17."""
    import pytesseract
    from PIL import Image

    with Image.open(path) as im:
        text = pytesseract.image_to_string(
            im, config=f"--psm 7 -c tessedit_char_whitelist={VIN_WHITELIST}")
    runs = re.findall(f"[{VIN_WHITELIST}]+", text.upper())
    if not runs:
        return None
    run = max(runs, key=len)
    return run[:17] if len(run) >= 17 else None


def _failing(findings: list[Any]) -> set[str]:
    return {f.code for f in findings if str(f.status) in ("fail", "review")}


def run(args: argparse.Namespace) -> dict[str, Any]:
    from vincheck.rubbing import check_rubbing_file, select_engines
    from vincheck.settings import Settings

    n = 40 if args.quick and not args.n_given else args.n
    out = Path(args.out) if args.out else (
        Path.home() / ".cache" / "vincheck" / f"bench-rubbing-n{n}-s{args.seed}-d{args.dpi}")
    rows = dataset(out, n, args.seed, args.dpi, need=args.limit)
    if args.limit:
        rows = rows[: args.limit]
    settings = Settings()
    engines, _ = select_engines(settings, args.engine)
    check_rubbing_file(str(out / rows[0]["file"]), settings, engines=engines)  # warm up
    stats: dict[str, Any] = defaultdict(int)
    recall_hit: Counter[str] = Counter()
    recall_all: Counter[str] = Counter()
    false_alarm: Counter[str] = Counter()
    ms: list[float] = []
    base_ms: list[float] = []
    errors_by_file: list[str] = []
    for k, row in enumerate(rows):
        path = out / row["file"]
        t = time.perf_counter()
        sheet = check_rubbing_file(str(path), settings, engines=engines)[0]
        ms.append((time.perf_counter() - t) * 1000.0)
        tidy = is_tidy(row)
        expected: set[str] = set(row.get("expected_reasons", []))
        for s in row["strips"]:
            expected |= set(s.get("expected_reasons", []))
        got = _failing(sheet.all_findings())
        clean_sheet = not expected
        if clean_sheet:
            stats["clean_sheets"] += 1
            if str(sheet.verdict) != "pass":
                stats["false_rejects"] += 1
                errors_by_file.append(f"{row['file']}: expected pass, got {sheet.verdict} "
                                      f"{sorted(got)}")
            if str(sheet.verdict) == "fail":
                stats["false_fail"] += 1
            if tidy:
                stats["tidy_clean_sheets"] += 1
                stats["tidy_false_rejects"] += str(sheet.verdict) != "pass"
                stats["tidy_false_fail"] += str(sheet.verdict) == "fail"
        for r in expected:
            recall_all[r] += 1
            if r in got:
                recall_hit[r] += 1
            else:
                errors_by_file.append(f"{row['file']}: missed {r} (got {sorted(got)})")
        for r in got - expected:
            false_alarm[r] += 1
        matched = match_strips(row["strips"], sheet.rubbings)
        for ts, rb in zip(row["strips"], matched, strict=True):
            strip_exp = set(ts.get("expected_reasons", []))
            if strip_exp & {"unreadable", "truncated"}:
                continue
            stats["strips"] += 1
            if not strip_exp:
                stats["clean_strips"] += 1
            vin = rb.vin if rb is not None else None
            if rb is not None and vin is None and rb.chars and len(rb.chars) == 17:
                vin = None
            if tidy:
                stats["tidy_strips"] += 1
                stats["tidy_exact"] += vin == ts["vin"]
            if vin == ts["vin"]:
                stats["exact"] += 1
                if not strip_exp:
                    stats["clean_exact"] += 1
            elif rb is not None:
                errors_by_file.append(f"{row['file']}: read {vin} raw {rb.raw}, truth "
                                      f"{ts['vin']}")
            if rb is not None and rb.chars:
                got_text = "".join(c.char for c in rb.chars)
                stats["chars_ok"] += sum(a == b for a, b in zip(got_text, ts["vin"],
                                                               strict=False))
            stats["chars_all"] += 17
        if not args.no_baseline:
            t = time.perf_counter()
            bvin = plain_tesseract(path)
            base_ms.append((time.perf_counter() - t) * 1000.0)
            tv = {s["vin"] for s in row["strips"]
                  if not set(s.get("expected_reasons", [])) & {"unreadable", "truncated"}}
            if tv:
                stats["base_sheets"] += 1
                if bvin in tv:
                    stats["base_exact"] += 1
                bt = row["strips"][0]["vin"]
                if bvin:
                    stats["base_chars_ok"] += sum(a == b for a, b in zip(bvin, bt, strict=False))
                stats["base_chars_all"] += 17
        if args.progress and (k + 1) % 20 == 0:
            print(f"  {k + 1}/{len(rows)} sheets", file=sys.stderr, flush=True)
    return {"n": len(rows), "stats": dict(stats), "recall_hit": dict(recall_hit),
            "recall_all": dict(recall_all), "false_alarm": dict(false_alarm), "ms": ms,
            "base_ms": base_ms, "engines": [e.name for e in engines],
            "errors": errors_by_file, "dir": str(out)}


def _pct(a: float, b: float) -> str:
    return f"{100.0 * a / b:6.1f}%" if b else "   n/a"


def _p95(v: list[float]) -> float:
    return sorted(v)[max(0, int(round(0.95 * len(v))) - 1)] if v else 0.0


def report(res: dict[str, Any], verbose: bool = False) -> str:
    s = res["stats"]
    lines = [f"rubbing benchmark: {res['n']} sheets in {res['dir']} (engines: "
             f"{', '.join(res['engines'])})", "",
             f"{'metric':34s} {'vincheck':>10s} {'plain tesseract':>16s}",
             f"{'exact VIN (strips, readable)':34s} "
             f"{_pct(s.get('exact', 0), s.get('strips', 0)):>10s}"
             f" {_pct(s.get('base_exact', 0), s.get('base_sheets', 0)):>16s}",
             f"{'exact VIN (clean strips)':34s} "
             f"{_pct(s.get('clean_exact', 0), s.get('clean_strips', 0)):>10s} {'':>16s}",
             f"{'character accuracy':34s} {_pct(s.get('chars_ok', 0), s.get('chars_all', 0)):>10s}"
             f" {_pct(s.get('base_chars_ok', 0), s.get('base_chars_all', 0)):>16s}",
             f"{'false rejects (clean sheets)':34s} "
             f"{_pct(s.get('false_rejects', 0), s.get('clean_sheets', 0)):>10s}"
             f"   ({s.get('false_rejects', 0)}/{s.get('clean_sheets', 0)}, of which fail "
             f"{s.get('false_fail', 0)})",
             f"{'exact VIN (tidy scans, readable)':34s} "
             f"{_pct(s.get('tidy_exact', 0), s.get('tidy_strips', 0)):>10s}",
             f"{'false rejects (tidy clean sheets)':34s} "
             f"{_pct(s.get('tidy_false_rejects', 0), s.get('tidy_clean_sheets', 0)):>10s}"
             f"   ({s.get('tidy_false_rejects', 0)}/{s.get('tidy_clean_sheets', 0)}, of which "
             f"fail {s.get('tidy_false_fail', 0)})",
             f"{'median ms / sheet':34s} {statistics.median(res['ms']) if res['ms'] else 0:10.0f}"
             f" {statistics.median(res['base_ms']) if res['base_ms'] else 0:16.0f}",
             f"{'p95 ms / sheet':34s} {_p95(res['ms']):10.0f} {_p95(res['base_ms']):16.0f}",
             "", f"{'reason':24s} {'recall':>8s} {'hits':>9s} {'false alarms':>13s}"]
    reasons = sorted(set(res["recall_all"]) | set(res["false_alarm"]))
    for r in reasons:
        hit, tot = res["recall_hit"].get(r, 0), res["recall_all"].get(r, 0)
        lines.append(f"{r:24s} {_pct(hit, tot):>8s} {f'{hit}/{tot}':>9s} "
                     f"{res['false_alarm'].get(r, 0):13d}")
    if verbose and res["errors"]:
        lines += ["", "details:"] + [f"  {e}" for e in res["errors"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.rubbing", description=__doc__)
    p.add_argument("--n", type=int, default=300, help="number of sheets (default 300)")
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--dpi", type=int, default=300)
    p.add_argument("--out", help="cache directory for the generated sheets")
    p.add_argument("--quick", action="store_true", help="40 sheets (development)")
    p.add_argument("--limit", type=int, default=0, help="only the first N sheets of the set")
    p.add_argument("--engine", choices=["glyph", "rapidocr", "tesseract", "both"], default=None)
    p.add_argument("--no-baseline", action="store_true", help="skip plain Tesseract")
    p.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    p.add_argument("--progress", action="store_true")
    p.add_argument("--json", help="also write the raw results to this file")
    args = p.parse_args(argv)
    args.n_given = any(a == "--n" or a.startswith("--n=") for a in (argv or sys.argv[1:]))
    res = run(args)
    print(report(res, verbose=args.verbose))
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
