"""Recording cost per case and cases per minute with 1, 2 and 4 workers, on the SQLite
file and on PostgreSQL, side by side in one run.

    python -m benchmarks.store [--cases 150] [--workers 1,2,4]

Each worker is its own process doing what a shared batch worker does for one case, with
the check itself left out (it is the same on both engines): look the case's key up, claim
it, record it (a real-sized record: 4 rubbings and 2 photos, 32 findings, ~10 kB of
result JSON), mark the claim done. ``--cases`` cases are divided among the workers. The
SQLite file lives in a temporary folder on this disk (WAL, synchronous=FULL); PostgreSQL
is a throwaway server on this machine (devkit/pg_server.py, default settings: fsync on,
synchronous_commit on), so the database server and the workers share the same cores.
Printed: per engine and worker count, cases/min over the run and the median / p95 ms of
one case's store work, and of ``record_case`` alone.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import tempfile
import time
from pathlib import Path

from vincheck.findings import (
    CaseResult,
    Finding,
    PhotoResult,
    RubbingResult,
    Shape,
    SheetResult,
    Status,
)
from vincheck.inspection import CaseInput
from vincheck.settings import Settings


def big_result(vin: str) -> CaseResult:
    """A result the size of a real case: 2 sheets x 2 rubbings, 2 photos, 32 findings."""
    def f(code: str, i: int) -> Finding:
        return Finding(code, Status.PASS, 7.0 + i / 10, 7.0, "mm", f"{code} measured {i}",
                       [Shape.box(10 * i, 10, 20, 40, label=code)])

    sheets = [SheetResult(file=f"/scans/{vin}/sheet{s}.png", rubbings=[
        RubbingResult(box=(10, 10, 500, 10, 500, 60, 10, 60), vin=vin, confidence=0.93,
                      findings=[f(c, i) for i, c in enumerate(
                          ("char_height", "pitch", "slant", "aspect", "ghost"))])
        for _ in range(2)], findings=[f("vin_mismatch", 1)], dpi=600.0,
        image_size=(2000, 1000)) for s in range(2)]
    photos = [PhotoResult(file=f"/scans/{vin}/photo{p}.jpg", findings=[
        f(c, i) for i, c in enumerate(("fill_ratio", "azimuth", "sharpness", "exposure",
                                        "plate_visible"))], color="白",
        vehicle_box=(100, 80, 600, 300), image_size=(880, 600)) for p in range(2)]
    return CaseResult(expected_vin=vin, kind="car", color="白", sheets=sheets, photos=photos,
                      ms=3200.0)


def _worker(target: str, idx: int, keys: list[str], start: float, out: mp.Queue) -> None:
    from vincheck.store import open_store

    settings = Settings(station="bench", workstation=f"w{idx}")
    me = f"bench:{os.getpid()}"
    cycle, record = [], []
    with open_store(target, settings=settings) as st:
        while time.time() < start:
            time.sleep(0.001)
        for k in keys:
            vin = "LSVAM4187C" + k[-7:]
            ci = CaseInput(rubbing_files=[f"/scans/{vin}/sheet0.png"], expected_vin=vin)
            res = big_result(vin)
            t0 = time.perf_counter()
            if st.find_batch_key(k) is None and st.claim(k, me, 60) == "claimed":
                t1 = time.perf_counter()
                cid = st.record_case(ci, res, source="batch", batch_key=k,
                                     hashes={ci.rubbing_files[0]: (123456, "ab" * 32)})
                t2 = time.perf_counter()
                st.finish_claim(k, me, case_id=cid)
                cycle.append(time.perf_counter() - t0)
                record.append(t2 - t1)
    out.put((cycle, record, time.time()))


def run(target: str, workers: int, cases: int) -> dict[str, float]:
    keys = [f"bench-{workers}-{i:07d}" for i in range(cases)]
    ctx = mp.get_context("spawn")
    q: mp.Queue = ctx.Queue()
    start = time.time() + 3.0  # every worker has opened its store by then
    procs = [ctx.Process(target=_worker, args=(target, i, keys[i::workers], start, q))
             for i in range(workers)]
    for p in procs:
        p.start()
    results = [q.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
    cycle = [c for r in results for c in r[0]]
    record = [c for r in results for c in r[1]]
    wall = max(r[2] for r in results) - start
    return {"cases": len(cycle), "per_min": 60.0 * len(cycle) / wall,
            "cycle_ms": 1000 * statistics.median(cycle),
            "cycle_p95": 1000 * sorted(cycle)[int(0.95 * (len(cycle) - 1))],
            "record_ms": 1000 * statistics.median(record)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=150, help="cases per run (default 150)")
    ap.add_argument("--workers", default="1,2,4", help="worker counts (default 1,2,4)")
    args = ap.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    from devkit.pg_server import start_throwaway

    srv = start_throwaway()
    if srv is None:
        print("PostgreSQL is not installed: SQLite only")
    rows = []
    try:
        with tempfile.TemporaryDirectory() as tmp:
            for n in counts:
                rows.append(("SQLite", n, run(str(Path(tmp) / f"r{n}.sqlite3"), n, args.cases)))
                if srv is not None:
                    rows.append(("PostgreSQL", n, run(srv.fresh_url(), n, args.cases)))
    finally:
        if srv is not None:
            srv.remove()
    print(f"{'engine':<11} {'workers':>7} {'cases':>6} {'cases/min':>10} "
          f"{'ms/case (median)':>17} {'p95':>7} {'record_case ms':>15}")
    for engine, n, r in rows:
        print(f"{engine:<11} {n:>7} {r['cases']:>6.0f} {r['per_min']:>10.0f} "
              f"{r['cycle_ms']:>17.1f} {r['cycle_p95']:>7.1f} {r['record_ms']:>15.1f}")
    best = max((r["per_min"] for e, _, r in rows if e == "PostgreSQL"), default=0.0)
    if best:
        print(f"\nPostgreSQL on this machine took up to {best:.0f} cases/min: by that "
              f"measure one server carries ~{best:.0f} line desks (one case per 60 s) "
              f"or ~{best * 3:.0f} station desks (one case per 3 min); each desk or worker "
              "holds one connection (PostgreSQL's default max_connections is 100).")


if __name__ == "__main__":
    main()
