"""The fuzz suite: every input runs through the CLI in its own forked child of a worker
process under a memory limit (``RLIMIT_AS``) and a time limit, and must end with an
allowed exit code, one-line ``vincheck:`` messages and no traceback, with nothing written
outside vincheck's data folder (a fresh HOME stays empty: no ONNX Runtime device id).

``VINCHECK_FUZZ_MUTANTS`` sets the number of mutants (default 300),
``VINCHECK_FUZZ_WORKERS`` the number of worker processes (default 2, one per core);
``VINCHECK_FUZZ_REPORT=path`` writes every result as JSON (the README's figures).
"""

from __future__ import annotations

import json
import os
import queue
import select
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from tests.fuzz.inputs import Job, all_jobs

REPO = Path(__file__).resolve().parents[2]
MEM_BYTES = 3 * 1024**3  # the README's limit for checking one file
N_MUTANTS = int(os.environ.get("VINCHECK_FUZZ_MUTANTS", "300"))
N_WORKERS = int(os.environ.get("VINCHECK_FUZZ_WORKERS", "2"))  # CI has 2 cores
CONTROL = [chr(c) for c in (*range(0, 9), *range(11, 32), 127)]


class Worker:
    """The worker subprocess (:mod:`tests.fuzz.worker`), restarted if it ever dies."""

    def __init__(self, env: dict[str, str], seeds: Path) -> None:
        self.env, self.seeds = env, seeds
        self.proc: subprocess.Popen[str] | None = None
        self.start_rss_kb = 0

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "tests.fuzz.worker", "--mem-bytes", str(MEM_BYTES),
             "--seeds", str(self.seeds)], cwd=REPO, env=self.env, text=True,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        ready = self._read_line(180.0)
        assert ready is not None and json.loads(ready).get("ready"), "fuzz worker did not start"
        self.start_rss_kb = int(json.loads(ready)["maxrss_kb"])

    def _read_line(self, timeout: float) -> str | None:
        assert self.proc is not None and self.proc.stdout is not None
        ready, _, _ = select.select([self.proc.stdout], [], [], timeout)
        if not ready:
            return None
        line = self.proc.stdout.readline()
        return line or None

    def run(self, job: Job) -> dict[str, Any]:
        if self.proc is None or self.proc.poll() is not None:
            self.start()
        assert self.proc is not None and self.proc.stdin is not None
        self.proc.stdin.write(job.to_json() + "\n")
        self.proc.stdin.flush()
        line = self._read_line(job.limit_s + 60.0)
        if line is None:  # the worker itself hung or died: restart it for the next job
            self.close()
            return {"id": job.id, "code": "worker died", "wall_s": job.limit_s,
                    "maxrss_kb": 0, "stdout": "", "stderr": ""}
        return json.loads(line)

    def close(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()
            self.proc = None


def problems_of(job: Job, res: dict[str, Any]) -> list[str]:
    """What is wrong with one run (empty when it behaved)."""
    out: list[str] = []
    code, err, std = res["code"], res["stderr"], res["stdout"]
    if code not in job.codes:
        out.append(f"exit {code}, expected one of {job.codes}")
    if "Traceback" in err or "Traceback" in std:
        out.append("traceback")
    if "internal error" in err:
        out.append("internal error")
    if any(c in err or c in std for c in CONTROL):
        out.append("a raw control character reached the terminal")
    if job.argv[0] != "batch":  # batch adds its summary lines
        stray = [ln for ln in err.splitlines() if ln.strip() and not ln.startswith("vincheck: ")]
        if stray:
            out.append(f"stray stderr line {stray[0][:120]!r}")
    if code == 2 and "vincheck: error: " not in err:
        out.append("exit 2 without a 'vincheck: error:' message")
    for word in job.must_say:
        if word.lower() not in err.lower():
            out.append(f"message lacks {word!r}")
    return out


@pytest.mark.slow
def test_fuzz_inputs_end_cleanly_within_limits(tmp_path: Path) -> None:
    t0 = time.monotonic()
    seeds, jobs = all_jobs(tmp_path / "in", N_MUTANTS)
    home = tmp_path / "home"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "ORT_"))}
    env.update(HOME=str(home), PYTHONPATH=str(REPO), VINCHECK_OCR_THREADS="1",
               OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1",
               VINCHECK_DATA_DIR=str(tmp_path / "data"),
               VINCHECK_CONFIG_DIR=str(tmp_path / "config"))
    # the largest files one after another on the first worker (two at once would share
    # the cores and the time limit), everything else spread over all workers
    heavy: queue.SimpleQueue[Job] = queue.SimpleQueue()
    light: queue.SimpleQueue[Job] = queue.SimpleQueue()
    for job in jobs:
        (heavy if job.limit_s > 30 else light).put(job)
    results: list[tuple[Job, dict[str, Any]]] = []
    workers = [Worker(env, seeds["rubbing_png"].parent) for _ in range(N_WORKERS)]

    def drain(worker: Worker, queues: list[queue.SimpleQueue[Job]]) -> None:
        try:
            for q in queues:
                while True:
                    try:
                        job = q.get_nowait()
                    except queue.Empty:
                        break
                    results.append((job, worker.run(job)))
        finally:
            worker.close()

    threads = [threading.Thread(target=drain, args=(w, [heavy, light] if i == 0 else [light]))
               for i, w in enumerate(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(results) == len(jobs)
    bad = [(j.id, p) for j, r in results if (p := problems_of(j, r))]
    worst_t = max(results, key=lambda jr: jr[1]["wall_s"])
    worst_m = max(results, key=lambda jr: jr[1]["maxrss_kb"])
    summary = {
        "inputs": len(results),
        "by_kind": {k: sum(j.kind == k for j, _ in results)
                    for k in ("crafted", "mutant", "case", "expect_list")},
        "exit_codes": {c: sum(str(r["code"]) == c for _, r in results)
                       for c in sorted({str(r["code"]) for _, r in results})},
        "worst_time_s": [worst_t[0].id, worst_t[1]["wall_s"]],
        "worst_maxrss_mb": [worst_m[0].id, round(worst_m[1]["maxrss_kb"] / 1024)],
        "worker_start_rss_mb": round(max(w.start_rss_kb for w in workers) / 1024),
        "workers": N_WORKERS,
        "suite_s": round(time.monotonic() - t0, 1),
    }
    print(json.dumps(summary, ensure_ascii=True, indent=1))
    report = os.environ.get("VINCHECK_FUZZ_REPORT")
    if report:
        Path(report).write_text(json.dumps({"summary": summary, "results": [
            {**r, "expected": list(j.codes)} for j, r in results]}, ensure_ascii=False,
            indent=1), encoding="utf-8")
    assert not bad, f"{len(bad)} input(s) misbehaved: {bad[:10]}"
    left = [str(p.relative_to(home)) for p in home.rglob("*")]
    assert not left, f"files written outside the data folder: {left}"
