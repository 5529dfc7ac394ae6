"""Watch a hot folder: poll it and check each case once its files have settled."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from vincheck.batch.discover import discover_cases, prepare_case
from vincheck.batch.outcome import BatchReport, CaseOutcome
from vincheck.batch.runner import BatchRunner
from vincheck.batch.worker import Runner
from vincheck.settings import Settings
from vincheck.store import Store


def watch_folder(root: str | Path, *, store: Store, settings: Settings | None = None,
                 expect: dict[str, str] | None = None, kind: str = "car",
                 dpi: float | None = None, jobs: int = 2, runner: Runner | None = None,
                 on_outcome: Callable[[CaseOutcome], None] | None = None,
                 stop: threading.Event | None = None, interval_s: float | None = None,
                 settle_s: float | None = None, max_s: float | None = None) -> BatchReport:
    """Poll a hot folder every ``interval_s`` and check each case once its files have not
    changed (size, mtime) for ``settle_s`` seconds; runs until ``stop`` is set, Ctrl+C or
    ``max_s`` seconds. Cases already recorded are skipped silently."""
    settings = settings or Settings()
    interval = settings.watch_interval_s if interval_s is None else interval_s
    settle = settings.watch_settle_s if settle_s is None else settle_s
    report = BatchReport()
    t0 = time.perf_counter()
    seen: dict[str, tuple[Any, float]] = {}  # key -> (signature, first seen unchanged at)
    done: dict[str, Any] = {}  # key -> signature handled
    emit = on_outcome or (lambda _o: None)

    def note(o: CaseOutcome) -> None:
        if o.status != "skipped":
            report.outcomes.append(o)
            emit(o)

    try:
        with BatchRunner(store, settings, jobs=jobs, runner=runner, kind=kind, dpi=dpi,
                         on_outcome=note) as br:
            while True:
                now = time.perf_counter()
                if (stop is not None and stop.is_set()) or (max_s and now - t0 >= max_s):
                    break
                for bc in discover_cases(root, expect):
                    sig = bc.signature()
                    k = bc.key.upper()
                    if done.get(k) == sig:
                        continue
                    prev = seen.get(k)
                    if prev is None or prev[0] != sig:
                        seen[k] = (sig, now)
                        continue
                    if now - prev[1] < settle:
                        continue
                    try:
                        prepare_case(bc, root, kind=kind, dpi=dpi)
                    except OSError:
                        continue  # a file vanished or is still locked: next poll
                    done[k] = sig
                    if br.skip_if_recorded(bc) is None:
                        br.submit(bc)
                br.collect(timeout=interval if br.n_pending else 0)
                if not br.n_pending:
                    pause(interval, stop)
            while br.n_pending:  # finish what was started
                br.collect(timeout=1.0)
    except KeyboardInterrupt:
        report.interrupted = False  # Ctrl+C is how a watch ends normally
    report.wall_s = time.perf_counter() - t0
    return report


def pause(seconds: float, stop: threading.Event | None) -> None:
    """Wait ``seconds`` s, or less if ``stop`` is set meanwhile."""
    if stop is not None:
        stop.wait(seconds)
    else:
        time.sleep(seconds)
