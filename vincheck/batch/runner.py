"""Run prepared cases (inline or in a process pool, spawn) and record each result in the
store as it arrives; ``run_batch`` checks every case of a folder once."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from pathlib import Path
from typing import Any

from vincheck.batch.discover import BatchCase, discover_cases, prepare_case
from vincheck.batch.outcome import BatchReport, CaseOutcome, missing_outcomes
from vincheck.batch.worker import Runner, _worker_init, check_one
from vincheck.errors import OcrEngineError, StoreError, UsageError
from vincheck.findings import CaseResult
from vincheck.inspection import CaseInput, run_case
from vincheck.settings import Settings
from vincheck.store import Store


class BatchRunner:
    """Runs prepared cases (inline for ``jobs == 1``, else in worker processes), records
    each result and reports outcomes to ``on_outcome``. Use as a context manager."""

    def __init__(self, store: Store, settings: Settings, *, jobs: int = 2,
                 runner: Runner | None = None, kind: str = "car", dpi: float | None = None,
                 on_outcome: Callable[[CaseOutcome], None] | None = None) -> None:
        if kind not in ("car", "trailer"):
            raise UsageError(f"--kind must be car or trailer, not {kind!r}")
        if jobs < 1:
            raise UsageError(f"--jobs must be at least 1, not {jobs}")
        self.store, self.settings, self.jobs = store, settings, jobs
        self.runner: Runner = runner or run_case
        self.kind, self.dpi = kind, dpi
        self.on_outcome = on_outcome or (lambda _o: None)
        self._pool: ProcessPoolExecutor | None = None
        self._pending: dict[Future[Any], BatchCase] = {}

    def __enter__(self) -> BatchRunner:
        if self.jobs > 1:
            self._pool = ProcessPoolExecutor(max_workers=self.jobs,
                                             mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_worker_init,
                                             initargs=(self.jobs, os.getpid()))
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown(cancel=exc[0] is not None)

    def shutdown(self, cancel: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=not cancel, cancel_futures=True)
            self._pool = None

    def case_input(self, bc: BatchCase) -> CaseInput:
        return CaseInput(rubbing_files=list(bc.rubbing_files), photo_files=list(bc.photo_files),
                         expected_vin=bc.expected_vin, kind=self.kind, dpi=self.dpi)

    def skip_if_recorded(self, bc: BatchCase, note: str = "") -> CaseOutcome | None:
        case_id = self.store.find_batch_key(bc.batch_key)
        if case_id is None:
            return None
        s = self.store.get_summary(case_id)
        o = CaseOutcome(key=bc.key, status="skipped", expected_vin=s.expected_vin,
                        verdict=s.decided_verdict, vins_read=s.vins_read, reasons=s.reasons,
                        case_id=case_id, error=note)
        self.on_outcome(o)
        return o

    def submit(self, bc: BatchCase) -> CaseOutcome | None:
        """Start one prepared case; inline mode returns its outcome at once."""
        ci = self.case_input(bc)
        if self._pool is None:
            return self._finish(bc, check_one(self.runner, self.settings, ci, bc.unknown_files))
        fut = self._pool.submit(check_one, self.runner, self.settings, ci, bc.unknown_files)
        self._pending[fut] = bc
        return None

    @property
    def n_pending(self) -> int:
        return len(self._pending)

    def collect(self, timeout: float | None = None) -> list[CaseOutcome]:
        """Record the cases finished within ``timeout`` s (None: wait for at least one)."""
        if not self._pending:
            return []
        done, _ = wait(list(self._pending), timeout=timeout, return_when=FIRST_COMPLETED)
        out = []
        for fut in done:
            bc = self._pending.pop(fut)
            try:
                res = fut.result()
            except Exception as exc:  # noqa: BLE001 - a dead worker (e.g. out of memory)
                res = ("error", f"worker failed: {type(exc).__name__}: {exc}",
                       self.case_input(bc))
            out.append(self._finish(bc, res))
        return out

    def _finish(self, bc: BatchCase, res: tuple[str, Any, CaseInput]) -> CaseOutcome:
        status, payload, ci = res
        if status == "ocr":
            raise OcrEngineError(payload)
        if status == "error":
            o = CaseOutcome(key=bc.key, status="error", expected_vin=bc.expected_vin,
                            error=str(payload), n_rubbing=len(ci.rubbing_files),
                            n_photo=len(ci.photo_files))
            self.on_outcome(o)
            return o
        result: CaseResult = payload
        errors = "; ".join(_file_error(e) for e in result.errors)
        if result.errors and not result.sheets and not result.photos:  # recorded: says so
            errors = f"none of the case's {len(result.errors)} file(s) could be read: {errors}"
        t0 = time.perf_counter()
        try:
            case_id = self.store.record_case(ci, result, source="batch",
                                             batch_key=bc.batch_key, hashes=bc.hashes)
        except StoreError:
            if self.store.find_batch_key(bc.batch_key) is None:
                raise
            # another batch on the same folder recorded it first: skip it, say so
            o = self.skip_if_recorded(bc, note="recorded meanwhile by another batch run")
            assert o is not None
            return o
        rec_ms = (time.perf_counter() - t0) * 1000.0
        reasons = list(result.reasons)
        if result.errors and "input_error" not in reasons:
            reasons.append("input_error")
        o = CaseOutcome(key=bc.key, status="checked", expected_vin=result.expected_vin,
                        verdict=str(result.decided_verdict()), vins_read=result.vins_read,
                        reasons=reasons, case_id=case_id,
                        n_rubbing=len(ci.rubbing_files), n_photo=len(ci.photo_files),
                        ms=result.ms, record_ms=rec_ms, error=errors)
        self.on_outcome(o)
        return o


def _file_error(e: dict[str, str]) -> str:
    """One entry of ``CaseResult.errors`` as text that names the file once."""
    name, msg = Path(e.get("file", "")).name, e.get("error", "")
    return msg if name and name in msg else f"{name}: {msg}"


def unreadable_case(bc: BatchCase, exc: OSError) -> CaseOutcome:
    """The outcome of a case one of whose files cannot even be hashed (permission denied,
    a folder or pipe in a file's place, locked by a scanner still writing, vanished)."""
    name = Path(exc.filename).name if exc.filename else "a file"
    return CaseOutcome(key=bc.key, status="error", expected_vin=bc.expected_vin,
                       reasons=["input_error"], n_rubbing=len(bc.rubbing_files),
                       n_photo=len(bc.photo_files),
                       error=f"cannot read {name}: {exc.strerror or exc}")


def run_batch(root: str | Path, *, store: Store, settings: Settings | None = None,
              expect: dict[str, str] | None = None, kind: str = "car",
              dpi: float | None = None, jobs: int = 2, runner: Runner | None = None,
              on_outcome: Callable[[CaseOutcome], None] | None = None,
              stop: threading.Event | None = None) -> BatchReport:
    """Check every case of ``root`` not yet recorded; returns the report.

    ``runner(case_input, settings) -> CaseResult`` (default :func:`run_case`) must be a
    module-level function (it is sent to worker processes). Ctrl+C (KeyboardInterrupt) or
    ``stop`` ends the batch after recording what finished; the report is then marked
    ``interrupted``.
    """
    settings = settings or Settings()
    t0 = time.perf_counter()
    report = BatchReport()
    cases = discover_cases(root, expect)
    found = {c.key.upper() for c in cases}
    emit = on_outcome or (lambda _o: None)

    def note(o: CaseOutcome) -> None:
        report.outcomes.append(o)
        emit(o)

    try:
        with BatchRunner(store, settings, jobs=jobs, runner=runner, kind=kind, dpi=dpi,
                         on_outcome=note) as br:
            queue = list(cases)
            while queue or br.n_pending:
                if stop is not None and stop.is_set():
                    report.interrupted = True
                    break
                # keep the workers fed without hashing every file up front
                while queue and br.n_pending < 2 * jobs:
                    bc = queue.pop(0)
                    try:
                        prepare_case(bc, root, kind=kind, dpi=dpi)
                    except OSError as exc:  # one unreadable file: that case only
                        note(unreadable_case(bc, exc))
                        continue
                    if br.skip_if_recorded(bc) is None:
                        br.submit(bc)
                br.collect(timeout=0.5)
    except KeyboardInterrupt:
        report.interrupted = True
    if not report.interrupted:
        for o in missing_outcomes(expect, found):
            note(o)
    report.wall_s = time.perf_counter() - t0
    return report
