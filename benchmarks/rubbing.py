"""Benchmark the rubbing reader on seen and held-out letterforms, beside a fair baseline.

Run: ``.venv/bin/python -m benchmarks.rubbing [--n 200] [--seed 11] [--dpi 300]
[--split both|held_out|seen] [--out DIR]`` (``--quick`` = 40 sheets a split).

Two generated sets of ``--n`` sheets each (``devkit.synth.rubbing.write_dataset`` with
``variety=True``: graphite textures, tape ends, darkness and contrast varied):

* **held out** (the headline): every letterform and start/stop mark of
  ``devkit.letterforms`` on the held-out side (families the glyph classifier never saw,
  the devkit's dot-peen and die-struck styles), plus the trained marks;
* **seen**: the training side's letterforms and marks (in-sample for the classifier).

Seeds: constants were chosen on seed 10 (the *tuning* set, 60 sheets) and seed 12 (100
sheets, for the later steps); the README reports seed 11.
Sheets are cached in ``DIR`` (default
``~/.cache/vincheck/bench-rubbing-<split>-n<N>-s<SEED>-d<DPI>``).

Reports per split: exact VIN (strips whose whole VIN is on the tape), the same by scan
condition, clean sheets failed / sent to review, a wrong VIN reported readable (a strip's
VIN read, not the stamped one, with its ``unreadable`` finding passed), recall and false
alarms per reason code, median / p95 ms per sheet. The *fair baseline* runs in the same
command on the same strips: RapidOCR (detector + recogniser) and Tesseract (``--psm 7``,
VIN whitelist) each read every strip crop found by vincheck's own locator, in both
polarities, and keep a 17-character run of VIN characters (the longest; the reading whose
run is 17 long when there is one). The baseline's readings do not depend on vincheck's
reader, so they are kept in ``DIR/baseline.json`` and reused by a later run of the same
set (``--baseline-only`` fills it alone).
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
TUNING_SEED = 10
REPORT_SEED = 11
SPLITS = ("held_out", "seen")


def split_fonts(split: str) -> tuple[list[str], list[str]]:
    """(letterform names, start/stop marks) the generator uses for ``split``."""
    from devkit.letterforms import HELD_OUT, SYMBOL_SPLIT, TRAIN, available

    if split == "held_out":
        fonts = [lf.name for lf in available(HELD_OUT)]
        return fonts, list(SYMBOL_SPLIT)  # held-out and trained marks
    # seen: what the generator can render of the training side (the trainer-only drawn
    # styles grid5x7 / vector_strokes are rendered by the generator's look-alikes)
    fonts = [lf.name for lf in available(TRAIN) if lf.name not in ("grid5x7", "vector_strokes")]
    return fonts, [s for s, sp in SYMBOL_SPLIT.items() if sp == TRAIN]


def dataset(out: Path, n: int, seed: int, dpi: int, split: str, need: int = 0,
            unknown_wmi: bool = False) -> list[dict[str, Any]]:
    """Generate (once) and load the truth records of one split."""
    truth = out / "truth.jsonl"
    if truth.exists():
        rows = [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()
                if line.strip()]
        rows = [r for r in rows if (out / r["file"]).exists()]
        if len(rows) == n or (need and len(rows) >= need):
            return rows
    from devkit.synth.rubbing import write_dataset

    fonts, symbols = split_fonts(split)
    print(f"generating {n} {split} sheets into {out} (once) ...", file=sys.stderr, flush=True)
    t = time.perf_counter()
    write_dataset(out, n, seed, dpi=dpi, fonts=fonts, symbols=symbols, variety=True,
                  unknown_wmi=unknown_wmi)
    print(f"  done in {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
    return [json.loads(line) for line in truth.read_text(encoding="utf-8").splitlines()]


def _centre(poly: Any) -> tuple[float, float]:
    flat = [float(v) for p in poly for v in (p if isinstance(p, (list, tuple)) else [p])]
    xs, ys = flat[0::2], flat[1::2]
    return sum(xs) / len(xs), sum(ys) / len(ys)


def match_strips(truth_strips: list[dict], rubbings: list[Any]) -> list[Any | None]:
    """For every truth strip the rubbing (or anything with a ``box`` / corners) whose
    outline centre is nearest (or None)."""
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
    """A sheet from the generator's tidy range (no JPEG, blur <= 0.8 px at 300 dpi,
    noise <= 3, white/off-white paper, rotation <= 4 deg)."""
    sf = float(row.get("dpi", 300)) / 300.0
    return (row.get("jpeg_quality") is None and float(row.get("blur_px", 9)) <= 0.8 * sf + 1e-9
            and float(row.get("noise_sigma", 9)) <= 3.0 and row.get("paper") != "grey"
            and all(abs(float(s.get("angle_deg", 0.0))) <= 4.0 for s in row["strips"]))


def conditions(row: dict[str, Any]) -> list[str]:
    """The scan conditions a sheet belongs to (for the by-condition rows)."""
    out = ["tidy scan" if is_tidy(row) else "rough scan"]
    if row.get("jpeg_quality"):
        out.append("JPEG")
    if max(abs(float(s.get("angle_deg", 0.0))) for s in row["strips"]) > 4.0:
        out.append("rotated > 4 deg")
    if row.get("paper") == "grey":
        out.append("grey paper")
    tex = row["strips"][0].get("texture", "streaks")
    out.append(f"texture {tex}")
    if row["strips"][0].get("tape_end") == "torn":
        out.append("torn tape ends")
    return out


class _Located:
    """A strip the baseline read: its outline (``box``) and VIN (or None)."""

    def __init__(self, box: tuple[float, ...], vin: str | None) -> None:
        self.box, self.vin = box, vin


def _vin_run(texts: list[str]) -> str | None:
    """A 17-character run of VIN characters out of the engine's readings (None if none)."""
    best = None
    for text in texts:
        for run in re.findall(f"[{VIN_WHITELIST}]+", text.upper().replace(" ", "")):
            if len(run) == 17:
                return run
            if len(run) > 17 and (best is None or len(run) > len(best)):
                best = run
    return best[:17] if best else None


def fair_baseline(gray: Any, ppm: float | None) -> dict[str, list[_Located]]:
    """RapidOCR and Tesseract on every strip crop vincheck's locator finds (both
    polarities); {engine: [strip reading]}."""
    import pytesseract

    from vincheck.ocr.rapid import get_rapidocr
    from vincheck.rubbing import MIN_STRIP_HEIGHT_MM, MIN_STRIP_LEN_MM
    from vincheck.rubbing.locate import locate_strips

    strips = locate_strips(gray, MIN_STRIP_LEN_MM * ppm if ppm else None,
                           MIN_STRIP_HEIGHT_MM * ppm if ppm else None)
    out: dict[str, list[_Located]] = {"rapidocr": [], "tesseract": []}
    rapid = get_rapidocr()
    import cv2

    for s in strips:
        box = tuple(float(v) for v in s.corners.reshape(-1))
        texts_r, texts_t = [], []
        for img in (s.crop, 255 - s.crop):
            res = rapid(cv2.cvtColor(img, cv2.COLOR_GRAY2BGR))
            texts_r.extend(list(getattr(res, "txts", None) or []))
            texts_r.append("".join(getattr(res, "txts", None) or []))
            try:
                texts_t.append(pytesseract.image_to_string(
                    img, config=f"--psm 7 -c tessedit_char_whitelist={VIN_WHITELIST}"))
            except pytesseract.TesseractError:  # Tesseract 5.3 crashes (SIGFPE) on a few
                texts_t.append("")
        out["rapidocr"].append(_Located(box, _vin_run(texts_r)))
        out["tesseract"].append(_Located(box, _vin_run(texts_t)))
    return out


def cached_baseline(path: Path, cache: dict[str, Any]) -> dict[str, list[_Located]]:
    """:func:`fair_baseline` of one sheet, kept in ``cache`` (file name -> readings; the
    baseline does not depend on vincheck's reader, only on its locator)."""
    key = path.name
    if key not in cache:
        from vincheck.imageio import load_pages

        page = load_pages(str(path))[0]
        res = fair_baseline(page.gray, page.px_per_mm())
        cache[key] = {eng: [[list(x.box), x.vin] for x in located]
                      for eng, located in res.items()}
    return {eng: [_Located(tuple(b), v) for b, v in located]
            for eng, located in cache[key].items()}


def _load_cache(out: Path) -> dict[str, Any]:
    f = out / "baseline.json"
    return json.loads(f.read_text(encoding="utf-8")) if f.exists() else {}


def _save_cache(out: Path, cache: dict[str, Any]) -> None:
    (out / "baseline.json").write_text(json.dumps(cache), encoding="utf-8")


def _failing(findings: list[Any]) -> set[str]:
    return {f.code for f in findings if str(f.status) in ("fail", "review")}


def _unreadable_passed(rb: Any) -> bool:
    return all(str(f.status) == "pass" for f in rb.findings if f.code == "unreadable")


def run_split(args: argparse.Namespace, split: str) -> dict[str, Any]:
    from vincheck.rubbing import check_rubbing_file, select_engines
    from vincheck.settings import Settings

    n = args.n
    out = Path(args.out) / split if args.out else (
        Path.home() / ".cache" / "vincheck"
        / f"bench-rubbing-{split}-n{n}-s{args.seed}-d{args.dpi}"
        f"{'-uwmi' if args.unknown_wmi else ''}")
    rows = dataset(out, n, args.seed, args.dpi, split, need=args.limit,
                   unknown_wmi=args.unknown_wmi)
    if args.limit:
        rows = rows[: args.limit]
    cache = _load_cache(out)
    if args.baseline_only:
        for k, row in enumerate(rows):
            cached_baseline(out / row["file"], cache)
            if (k + 1) % 10 == 0:
                _save_cache(out, cache)
                print(f"  baseline {split}: {k + 1}/{len(rows)}", file=sys.stderr, flush=True)
        _save_cache(out, cache)
        return {}
    settings = Settings()
    engines, _ = select_engines(settings, args.engine)
    check_rubbing_file(str(out / rows[0]["file"]), settings, engines=engines)  # warm up
    st: dict[str, Any] = defaultdict(int)
    by_cond: Counter[tuple[str, str]] = Counter()
    by_font: Counter[tuple[str, str]] = Counter()
    recall_hit: Counter[str] = Counter()
    recall_all: Counter[str] = Counter()
    false_alarm: Counter[str] = Counter()
    ms: list[float] = []
    notes: list[str] = []
    for k, row in enumerate(rows):
        path = out / row["file"]
        t = time.perf_counter()
        sheet = check_rubbing_file(str(path), settings, engines=engines)[0]
        ms.append((time.perf_counter() - t) * 1000.0)
        expected: set[str] = set(row.get("expected_reasons", []))
        for s in row["strips"]:
            expected |= set(s.get("expected_reasons", []))
        got = _failing(sheet.all_findings())
        if not expected:
            st["clean_sheets"] += 1
            verdict = str(sheet.verdict)
            st["clean_fail"] += verdict == "fail"
            st["clean_review"] += verdict == "review"
            if verdict != "pass":
                notes.append(f"{row['file']}: clean sheet got {verdict} {sorted(got)}")
        for r in expected:
            recall_all[r] += 1
            if r in got:
                recall_hit[r] += 1
            else:
                notes.append(f"{row['file']}: missed {r} (got {sorted(got)})")
        for r in got - expected:
            false_alarm[r] += 1
        base = None
        if not args.no_baseline:
            base = cached_baseline(path, cache)
        conds = conditions(row)
        for ts, rb in zip(row["strips"], match_strips(row["strips"], sheet.rubbings),
                          strict=True):
            if set(ts.get("expected_reasons", [])) & {"unreadable", "truncated"}:
                continue
            vin = rb.vin if rb is not None else None
            ok = vin == ts["vin"]
            st["strips"] += 1
            st["exact"] += ok
            for c in conds:
                by_cond[c, "n"] += 1
                by_cond[c, "ok"] += ok
            by_font[ts["font"], "n"] += 1
            by_font[ts["font"], "ok"] += ok
            if rb is not None and vin is not None and not ok and _unreadable_passed(rb):
                st["wrong_readable"] += 1
                notes.append(f"{row['file']}: WRONG VIN reported readable {vin}, truth "
                             f"{ts['vin']} ({ts['font']})")
            elif not ok:
                notes.append(f"{row['file']}: read {vin} raw {rb.raw if rb else None}, truth "
                             f"{ts['vin']} ({ts['font']}, {ts.get('start_symbol')})")
            if base is not None:
                for eng, located in base.items():
                    m = match_strips([ts], located)[0]
                    st[f"base_{eng}"] += m is not None and m.vin == ts["vin"]
        if args.progress and (k + 1) % 20 == 0:
            print(f"  {split}: {k + 1}/{len(rows)} sheets", file=sys.stderr, flush=True)
    if not args.no_baseline:
        _save_cache(out, cache)
    return {"split": split, "n": len(rows), "stats": dict(st), "recall_hit": dict(recall_hit),
            "recall_all": dict(recall_all), "false_alarm": dict(false_alarm), "ms": ms,
            "by_cond": {f"{a}|{b}": v for (a, b), v in by_cond.items()},
            "by_font": {f"{a}|{b}": v for (a, b), v in by_font.items()},
            "engines": [e.name for e in engines], "notes": notes, "dir": str(out),
            "baseline": not args.no_baseline}


def _pct(a: float, b: float) -> str:
    return f"{100.0 * a / b:5.1f} % ({a}/{b})" if b else "n/a"


def _p95(v: list[float]) -> float:
    return sorted(v)[max(0, int(round(0.95 * len(v))) - 1)] if v else 0.0


def report(res: dict[str, Any], verbose: bool = False) -> str:
    s = res["stats"]
    n_str = s.get("strips", 0)
    lines = [f"== {res['split']}: {res['n']} sheets in {res['dir']} (engines: "
             f"{', '.join(res['engines'])})",
             f"{'exact VIN, strips with the whole VIN on the tape':52s} "
             f"{_pct(s.get('exact', 0), n_str)}"]
    if res["baseline"]:
        lines += [f"{'  fair baseline RapidOCR on each located strip':52s} "
                  f"{_pct(s.get('base_rapidocr', 0), n_str)}",
                  f"{'  fair baseline Tesseract psm 7 on each strip':52s} "
                  f"{_pct(s.get('base_tesseract', 0), n_str)}"]
    cs = s.get("clean_sheets", 0)
    lines += [f"{'clean sheets failed or sent to review':52s} "
              f"{_pct(s.get('clean_fail', 0) + s.get('clean_review', 0), cs)}"
              f"  [fail {s.get('clean_fail', 0)}, review {s.get('clean_review', 0)}]",
              f"{'wrong VIN reported readable (of strips)':52s} "
              f"{_pct(s.get('wrong_readable', 0), n_str)}",
              f"{'median / p95 ms per sheet (vincheck)':52s} "
              f"{statistics.median(res['ms']) if res['ms'] else 0:.0f} / {_p95(res['ms']):.0f}",
              "", "exact VIN by scan condition:"]
    bc = res["by_cond"]
    for c in sorted({k.split("|")[0] for k in bc}):
        lines.append(f"  {c:28s} {_pct(bc.get(c + '|ok', 0), bc.get(c + '|n', 0))}")
    lines.append("exact VIN by letterform:")
    bf = res["by_font"]
    for f in sorted({k.split("|")[0] for k in bf}):
        lines.append(f"  {f:28s} {_pct(bf.get(f + '|ok', 0), bf.get(f + '|n', 0))}")
    lines += ["", f"{'reason':24s} {'recall':>18s} {'false alarms':>13s}"]
    for r in sorted(set(res["recall_all"]) | set(res["false_alarm"])):
        hit, tot = res["recall_hit"].get(r, 0), res["recall_all"].get(r, 0)
        lines.append(f"{r:24s} {_pct(hit, tot):>18s} {res['false_alarm'].get(r, 0):13d}")
    if verbose and res["notes"]:
        lines += ["", "details:"] + [f"  {e}" for e in res["notes"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.rubbing", description=__doc__,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=200, help="sheets per split (default 200)")
    p.add_argument("--seed", type=int, default=REPORT_SEED,
                   help=f"{REPORT_SEED}: the reported set; {TUNING_SEED} and 12: the tuning sets")
    p.add_argument("--dpi", type=int, default=300)
    p.add_argument("--split", choices=["both", *SPLITS], default="both")
    p.add_argument("--out", help="cache directory for the generated sheets")
    p.add_argument("--unknown-wmi", action="store_true",
                   help="the same sheets with every VIN's WMI one the reader's maker table "
                   "does not hold (the WMI prior gets no help)")
    p.add_argument("--quick", action="store_true", help="40 sheets per split (development)")
    p.add_argument("--limit", type=int, default=0, help="only the first N sheets of a set")
    p.add_argument("--engine", choices=["glyph", "rapidocr", "tesseract", "both"], default=None)
    p.add_argument("--no-baseline", action="store_true", help="skip the fair baseline")
    p.add_argument("--baseline-only", action="store_true",
                   help="only compute (and cache in DIR/baseline.json) the fair baseline")
    p.add_argument("--verbose", "-v", action="store_true", help="list every miss")
    p.add_argument("--progress", action="store_true")
    p.add_argument("--json", help="also write the raw results to this file")
    args = p.parse_args(argv)
    if args.quick and not any(a == "--n" or a.startswith("--n=")
                              for a in (argv or sys.argv[1:])):
        args.n = 40
    results = []
    for split in (SPLITS if args.split == "both" else (args.split,)):
        res = run_split(args, split)
        if args.baseline_only:
            continue
        results.append(res)
        print(report(res, verbose=args.verbose), flush=True)
        print()
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
