"""Batch workers on several machines dividing one hot folder through a shared database.

``vincheck batch DIR [--watch]`` with a shared (PostgreSQL) records store runs
:func:`watch_shared` on every machine: each polls the folder (a network share), and for
each settled case it

1. hashes the files (once per change) into a *shared case key* -- SHA-256 of the case key,
   kind, DPI override, expected VIN and the sorted SHA-256 of the files; unlike the
   single-desk batch key it leaves out the folder's path, which differs between machines
   mounting one share;
2. skips it if a case with that key is recorded (by any desk);
3. claims it in the database (:meth:`~vincheck.store.claims.ClaimsMixin.claim`); a case
   claimed by a live worker is left alone, an expired claim (a killed worker) is taken
   over;
4. checks it, records it under the shared key (unique: a second record of the same case
   is refused by the database), and marks the claim done -- or failed, with the error,
   so no other worker retries a case that cannot be checked until its files change.

A worker claims no more cases than it has check processes free (``jobs``), so the other
machines get the rest; it renews its live claims every ``ttl_s / 3`` s; every worker
starts its pass over the folder at a random case, so workers rarely reach for the same
case at once.
"""

from __future__ import annotations

import hashlib
import random
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vincheck.batch import (
    BatchCase,
    BatchReport,
    BatchRunner,
    CaseOutcome,
    Runner,
    discover_cases,
    missing_outcomes,
    pause,
    prepare_case,
)
from vincheck.settings import Settings
from vincheck.store import AlreadyRecorded, RecordStore, new_worker_id


def shared_case_key(bc: BatchCase, *, kind: str, dpi: float | None) -> str:
    """The case's key for every machine: its files' hashes (``bc.hashes``), expected VIN,
    kind, DPI override and case key -- not the folder's path."""
    parts = ["vincheck-shared-case-1", bc.key.upper(), kind, "" if dpi is None else str(dpi),
             bc.expected_vin or "", *sorted(h for _, h in bc.hashes.values())]
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()


def _skipped(store: RecordStore, bc: BatchCase, case_id: int | None) -> CaseOutcome:
    """The outcome of a case another worker recorded, with that record's verdict."""
    o = CaseOutcome(key=bc.key, status="skipped", expected_vin=bc.expected_vin,
                    case_id=case_id)
    if case_id is not None:
        s = store.get_summary(case_id)
        o.verdict, o.vins_read, o.reasons = s.decided_verdict, s.vins_read, s.reasons
    return o


class _SharedRunner(BatchRunner):
    """A :class:`BatchRunner` for which a case recorded meanwhile by another worker is
    ``skipped``, not an error."""

    def _finish(self, bc: BatchCase, res: tuple[str, Any, Any]) -> CaseOutcome:
        try:
            return super()._finish(bc, res)
        except AlreadyRecorded as exc:
            o = _skipped(self.store, bc, exc.case_id)
            self.on_outcome(o)
            return o


def watch_shared(root: str | Path, *, store: RecordStore, settings: Settings | None = None,
                 expect: dict[str, str] | None = None, kind: str = "car",
                 dpi: float | None = None, jobs: int = 1, runner: Runner | None = None,
                 on_outcome: Callable[[CaseOutcome], None] | None = None,
                 stop: threading.Event | None = None, interval_s: float | None = None,
                 settle_s: float | None = None, max_s: float | None = None,
                 ttl_s: float | None = None, until_done: bool = False,
                 worker: str | None = None) -> BatchReport:
    """Check the cases of hot folder ``root`` that no other worker has checked or holds.

    Runs until ``stop``, Ctrl+C, ``max_s`` seconds, or -- with ``until_done`` -- until
    every case in the folder is recorded (or failed). Outcomes: ``checked`` and
    ``error`` cases of this worker; with ``until_done`` also ``skipped`` for cases other
    workers recorded (as a one-off batch reports them)."""
    settings = settings or Settings()
    interval = settings.watch_interval_s if interval_s is None else interval_s
    settle = settings.watch_settle_s if settle_s is None else settle_s
    ttl = float(getattr(settings, "claim_ttl_s", 120.0) if ttl_s is None else ttl_s)
    me = worker or new_worker_id()
    station, workstation = settings.station, store.workstation
    report = BatchReport()
    t0 = time.perf_counter()
    seen: dict[str, tuple[Any, float]] = {}  # key -> (signature, first seen unchanged at)
    prepared: dict[str, tuple[Any, BatchCase]] = {}  # key -> (signature, hashed case)
    done: dict[str, Any] = {}  # key -> signature recorded or failed (by anyone)
    mine: dict[str, str] = {}  # key -> claim key of a case this worker checks now
    emit = on_outcome or (lambda _o: None)
    rng = random.Random()

    def note(o: CaseOutcome) -> None:
        k = o.key.upper()
        claim_key = mine.pop(k, None)
        if claim_key is not None:
            store.finish_claim(claim_key, me, case_id=o.case_id,
                               error=o.error or ("" if o.status != "error" else "error"))
            entry = prepared.get(k)
            if entry is not None:
                done[k] = entry[0]
        if o.status != "skipped" or until_done:
            report.outcomes.append(o)
            emit(o)

    last_renew = [time.monotonic()]

    def renew() -> None:
        """Keep this worker's live claims from expiring (every ttl/3 s)."""
        if time.monotonic() - last_renew[0] > ttl / 3:
            store.renew_claims(mine.values(), me, ttl)
            last_renew[0] = time.monotonic()

    try:
        with _SharedRunner(store, settings, jobs=jobs, runner=runner, kind=kind, dpi=dpi,
                           on_outcome=note) as br:
            while True:
                now = time.perf_counter()
                if (stop is not None and stop.is_set()) or (max_s and now - t0 >= max_s):
                    break
                cases = discover_cases(root, expect)
                if cases:
                    start = rng.randrange(len(cases))
                    cases = cases[start:] + cases[:start]
                open_cases = 0
                for bc in cases:
                    if stop is not None and stop.is_set():
                        break
                    k = bc.key.upper()
                    sig = bc.signature()
                    if done.get(k) == sig or k in mine:
                        continue
                    open_cases += 1
                    prev = seen.get(k)
                    if prev is None or prev[0] != sig:
                        seen[k] = (sig, now)
                        if settle > 0:
                            continue
                    elif now - prev[1] < settle:
                        continue
                    entry = prepared.get(k)
                    if entry is None or entry[0] != sig:
                        try:
                            prepare_case(bc, root, kind=kind, dpi=dpi)
                        except OSError:
                            continue  # a file vanished or is still locked: next poll
                        bc.batch_key = shared_case_key(bc, kind=kind, dpi=dpi)
                        prepared[k] = entry = (sig, bc)
                    bc = entry[1]
                    renew()
                    while br.n_pending >= jobs:  # claim no more than the workers can take
                        br.collect(timeout=min(interval, ttl / 3) or 0.1)
                        renew()
                    case_id = store.find_batch_key(bc.batch_key)
                    if case_id is not None:
                        done[k] = sig
                        if until_done:
                            note(_skipped(store, bc, case_id))
                        continue
                    state = store.claim(bc.batch_key, me, ttl, label=bc.key, station=station,
                                        workstation=workstation)
                    if state == "claimed":
                        mine[k] = bc.batch_key
                        br.submit(bc)  # inline (jobs 1): checked and recorded here
                    elif state in ("done", "error"):
                        done[k] = sig
                    br.collect(timeout=0)
                renew()
                br.collect(timeout=interval if br.n_pending else 0)
                if until_done and cases and not open_cases and not br.n_pending:
                    break
                if not br.n_pending:
                    pause(interval, stop)
            while br.n_pending:  # finish what was started
                br.collect(timeout=1.0)
    except KeyboardInterrupt:
        report.interrupted = until_done  # Ctrl+C is how a watch ends normally
    finally:
        for claim_key in list(mine.values()):
            try:
                store.release_claim(claim_key, me)
            except Exception:  # noqa: BLE001 - the claim expires by itself
                pass
    if until_done and not report.interrupted and expect:
        found = {c.key.upper() for c in discover_cases(root, expect)}
        for o in missing_outcomes(expect, found):
            note(o)
    report.wall_s = time.perf_counter() - t0
    return report
