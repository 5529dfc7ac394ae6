"""Batch throughput: cases per minute with N workers and with 1 (baseline), and the cost
of recording a case in the store.

    .venv/bin/python -m benchmarks.batch --cases 200 --jobs 2 [--baseline-cases 60]

Builds (once, cached in ``$VINCHECK_BENCH_CACHE`` or /tmp/vincheck-bench) a folder of
``--cases`` vehicles, one sub-folder per VIN holding a synthetic rubbing sheet (300 dpi PNG,
``devkit.synth.rubbing``) and a synthetic car photo (JPEG, ``devkit.synth.car_photo``), a
quarter of the sheets with a defect. Then runs ``run_batch`` with ``--jobs`` workers on all
cases and with 1 worker on the first ``--baseline-cases`` (a copy of that many folders),
each into a fresh database, and times ``Store.record_case`` alone on the results.
Target: >= 60 cases/min with two workers.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np
from PIL import Image

from vincheck.batch import run_batch
from vincheck.settings import Settings
from vincheck.store import Store

DEFECTS_EVERY = 4  # every 4th sheet carries a defect


def cache_root() -> Path:
    return Path(os.environ.get("VINCHECK_BENCH_CACHE", "/tmp/vincheck-bench"))


def build_folder(n: int, seed: int = 7) -> Path:
    """``n`` case folders (cached; only missing cases are rendered)."""
    from devkit.synth.car_photo import BODY_COLORS, render_car_photo
    from devkit.synth.rubbing import DEFECTS, random_sheet_spec, render_sheet

    root = cache_root() / f"cases-seed{seed}"
    root.mkdir(parents=True, exist_ok=True)
    colours = sorted(BODY_COLORS)
    made = 0
    t0 = time.perf_counter()
    for i in range(n):
        marker = root / f".case{i:04d}"
        if marker.exists():
            continue
        rng = np.random.default_rng([seed, i])
        defect = DEFECTS[(i // DEFECTS_EVERY) % len(DEFECTS)] if i % DEFECTS_EVERY == 3 \
            else None
        spec = random_sheet_spec(rng, dpi=300, n_strips=2, defect=defect, clean=True)
        img, truth = render_sheet(spec)
        vin = truth["strips"][0]["vin"]
        folder = root / f"{i:04d}_{vin}"
        folder.mkdir(exist_ok=True)
        img.save(folder / "rubbing.png", dpi=(300, 300))
        rgb, _ = render_car_photo(azimuth_deg=float(rng.uniform(38, 52)),
                                  body_color=colours[i % len(colours)], fill=0.66,
                                  seed=int(rng.integers(1 << 30)))
        Image.fromarray(rgb).save(folder / "photo.jpg", quality=90)
        (folder / "expected.txt").write_text(vin)
        marker.write_text(folder.name)
        made += 1
    if made:
        print(f"rendered {made} case(s) in {time.perf_counter() - t0:.1f} s into {root}")
    return root


def subset(root: Path, n: int, dest: Path) -> Path:
    """A folder of symlinks to the first ``n`` case folders."""
    dest.mkdir(parents=True, exist_ok=True)
    for marker in sorted(root.glob(".case*"))[:n]:
        name = marker.read_text().strip()
        (dest / name).symlink_to(root / name, target_is_directory=True)
    return dest


def expect_for(folder: Path) -> dict[str, str]:
    return {d.name: (d / "expected.txt").read_text().strip()
            for d in folder.iterdir() if d.is_dir()}


def timed_batch(folder: Path, jobs: int, work: Path, label: str) -> tuple[float, Store, Path]:
    db = work / f"{label}.sqlite3"
    store = Store(db, settings=Settings())
    cpu0 = _cpu_s()
    rep = run_batch(folder, store=store, settings=Settings(), expect=expect_for(folder),
                    jobs=jobs)
    cpu = _cpu_s() - cpu0
    c = rep.counts()
    print(f"{label}: {rep.n_checked} cases, {jobs} worker(s), {rep.wall_s:.1f} s -> "
          f"{rep.cases_per_min:.1f} cases/min  (pass {c['pass']}, fail {c['fail']}, "
          f"review {c['review']}, error {c['error']})")
    if rep.n_checked:
        per = cpu / rep.n_checked
        cores = min(jobs, os.cpu_count() or 1)
        print(f"  CPU time (main + workers): {per:.2f} s per case -> on an idle machine "
              f"about {60 * cores / per:.0f} cases/min with {cores} busy core(s); load "
              f"average now {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    errors = sorted({o.error for o in rep.outcomes if o.status == "error"})
    for e in errors[:3]:
        print(f"  error: {e[:300]}")
    if rep.top_reasons():
        print("  top reasons: " + ", ".join(f"{r} x{k}" for r, k in rep.top_reasons(6)))
    rec = [o.record_ms for o in rep.outcomes if o.status == "checked"]
    if rec:
        print(f"  record_case inside the batch: median {statistics.median(rec):.2f} ms, "
              f"max {max(rec):.1f} ms per case")
    return rep.cases_per_min, store, db


def _cpu_s() -> float:
    """CPU seconds (user + system) of this process and its finished children."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(
        resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def recording_cost(store: Store, work: Path, n: int = 100) -> float:
    """Re-record ``n`` stored results into a fresh database; ms per case (median)."""
    ids = [s.id for s in store.search(limit=n)]
    items = [store.get_case(i)[:2] for i in ids]
    with Store(work / "record-cost.sqlite3") as st:
        times = []
        for ci, res in items:
            t = time.perf_counter()
            st.record_case(ci, res, source="batch")
            times.append((time.perf_counter() - t) * 1000.0)
    return statistics.median(times) if times else 0.0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cases", type=int, default=200)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--baseline-cases", type=int, default=60,
                    help="cases for the 1-worker baseline (0 = skip)")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    root = build_folder(args.cases, args.seed)
    work = Path(tempfile.mkdtemp(prefix="vincheck-bench-"))
    try:
        folder = subset(root, args.cases, work / "cases")
        rate_n, store, _ = timed_batch(folder, args.jobs, work, f"jobs{args.jobs}")
        rate_1 = None
        if args.baseline_cases > 0:
            base = subset(root, min(args.baseline_cases, args.cases), work / "base")
            rate_1, st1, _ = timed_batch(base, 1, work, "jobs1")
            st1.close()
        ms = recording_cost(store, work)
        store.close()
        print(f"recording cost (record_case alone, SQLite WAL synchronous=FULL, incl. "
              f"hashing the 2 input files): {ms:.2f} ms per case")
        line = f"summary: {rate_n:.1f} cases/min with {args.jobs} workers"
        if rate_1:
            line += f", {rate_1:.1f} with 1 worker (x{rate_n / rate_1:.2f})"
        print(line + f"; target >= 60 with 2 workers: {'met' if rate_n >= 60 else 'NOT met'}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
