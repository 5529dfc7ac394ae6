"""Fuzz worker: runs many CLI invocations, each in a forked child, under one memory limit.

``python -m tests.fuzz.worker --mem-bytes N`` sets ``RLIMIT_AS`` to N, imports vincheck
once and loads every model (single-threaded, so forking is safe), then reads jobs (JSON
lines on stdin: ``id``, ``argv``, ``limit_s``, optional ``cwd`` and ``env``) and writes one
JSON result line per job on stdout: ``code`` (exit code, or ``"timeout"`` /
``"signal N"``), ``wall_s``, ``maxrss_kb`` (the child's peak resident memory), and the
child's ``stdout`` / ``stderr`` (cut to 4000 characters).

Each job runs in its own forked child: its own time limit (SIGKILL past it), its own
crash isolation (a segfault or an out-of-memory kill ends that child only), its own
stdout/stderr at file-descriptor level (so what C libraries print is caught too). Forking
saves importing vincheck and loading the OCR models for each of hundreds of inputs.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sys
import tempfile
import time
import traceback
from pathlib import Path
from typing import Any

CUT = 4000


def _warm(seed_dir: Path | None) -> None:
    """Import the pipeline and load every model before forking (the children share it)."""
    import cv2

    cv2.setNumThreads(1)
    import vincheck.cli  # noqa: F401
    from vincheck.photo import check_photo_file
    from vincheck.rubbing import check_rubbing_file, select_engines
    from vincheck.settings import Settings

    select_engines(Settings())
    if seed_dir is not None:
        for f in sorted(seed_dir.glob("seed_rubbing*.png"))[:1]:
            check_rubbing_file(str(f), Settings())
        for f in sorted(seed_dir.glob("seed_photo*.jpg"))[:1]:
            check_photo_file(str(f), Settings())
        import numpy as np

        from vincheck.rubbing.text_lines import detect_lines

        detect_lines(np.full((64, 64), 200, np.uint8))
    # import every command module and what it uses (argparse, the store, exports)
    from vincheck.cli import main

    saved = os.dup(2)
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 2)
        try:
            for argv in (["rubbing", "/nonexistent.png"], ["photo", "/nonexistent.png"],
                         ["check", "--case", "/nonexistent.json"],
                         ["batch", "/nonexistent-folder"]):
                main(argv)
        finally:
            os.dup2(saved, 2)
            os.close(saved)


def _child(job: dict[str, Any], out: str, err: str) -> None:
    """In the forked child: redirect fds 1 and 2, run the CLI, exit with its code."""
    code = 99
    try:
        fo = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        fe = os.open(err, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(fo, 1)
        os.dup2(fe, 2)
        sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
        signal.signal(signal.SIGALRM, signal.SIG_DFL)
        signal.alarm(int(job.get("limit_s", 60)) + 5)  # a backstop; the parent kills first
        os.environ.update(job.get("env", {}))
        if job.get("cwd"):
            os.chdir(job["cwd"])
        from vincheck.cli import main

        code = main(job["argv"])
    except SystemExit as exc:  # argparse
        code = exc.code if isinstance(exc.code, int) else 2
    except BaseException:  # noqa: BLE001 - shown to the test as a traceback
        traceback.print_exc()
        code = 99
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        except BaseException:  # noqa: BLE001
            pass
        os._exit(int(code) & 0xFF)


def run_job(job: dict[str, Any], tmp: Path) -> dict[str, Any]:
    """Fork, run one job, wait for it within its time limit; the result record."""
    out, err = str(tmp / "out.txt"), str(tmp / "err.txt")
    limit = float(job.get("limit_s", 60))
    sys.stdout.flush()
    sys.stderr.flush()
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:
        _child(job, out, err)
    status, usage, timed_out = 0, None, False
    while True:
        wpid, status, usage = os.wait4(pid, os.WNOHANG)
        if wpid:
            break
        if time.monotonic() - t0 > limit:
            os.kill(pid, signal.SIGKILL)
            _, status, usage = os.wait4(pid, 0)
            timed_out = True
            break
        time.sleep(0.005)
    wall = time.monotonic() - t0
    if timed_out:
        code: Any = "timeout"
    elif os.WIFSIGNALED(status):
        code = f"signal {os.WTERMSIG(status)}"
    else:
        code = os.WEXITSTATUS(status)

    def read(p: str) -> str:
        try:
            return Path(p).read_bytes().decode("utf-8", "replace")[:CUT]
        except OSError:
            return ""

    return {"id": job["id"], "code": code, "wall_s": round(wall, 3),
            "maxrss_kb": int(usage.ru_maxrss) if usage is not None else 0,
            "stdout": read(out), "stderr": read(err)}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mem-bytes", type=int, required=True)
    ap.add_argument("--seeds", type=Path, default=None)
    args = ap.parse_args()
    resource.setrlimit(resource.RLIMIT_AS, (args.mem_bytes, args.mem_bytes))
    _warm(args.seeds)
    print(json.dumps({"ready": True, "maxrss_kb": resource.getrusage(
        resource.RUSAGE_SELF).ru_maxrss}), flush=True)
    with tempfile.TemporaryDirectory(prefix="vincheck-fuzz-") as d:
        for line in sys.stdin:
            if not line.strip():
                continue
            res = run_job(json.loads(line), Path(d))
            print(json.dumps(res, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
