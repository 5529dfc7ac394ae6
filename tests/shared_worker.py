"""A batch worker process for the shared-database tests and benchmark.

``python -m tests.shared_worker URL ROOT WORKSTATION [TTL_S] [HANG_AFTER]`` runs
:func:`vincheck.batch_shared.watch_shared` until every case in ROOT is recorded, with a
cheap stand-in for the check (the check itself is not under test here): it sleeps
``VINCHECK_FAKE_CHECK_MS`` (default 5) and returns a passing result for the expected VIN.
With HANG_AFTER > 0 the worker stops inside its HANG_AFTER-th check (holding its claim)
until it is killed. With ``VINCHECK_TEST_GO`` set, the worker prints ``{"ready": WS}``
once its store is open and starts only when that file exists (so all workers start
together). Prints one JSON line at the end: counts of its outcomes.
"""

from __future__ import annotations

import json
import os
import sys
import time

from vincheck.findings import CaseResult, Finding, Status
from vincheck.inspection import CaseInput
from vincheck.settings import Settings

_state = {"n": 0, "hang_after": 0}


def fake_check(ci: CaseInput, settings: Settings) -> CaseResult:
    """A passing result for the expected VIN after a short sleep (or a hang, see above)."""
    _state["n"] += 1
    if _state["hang_after"] and _state["n"] >= _state["hang_after"]:
        print(json.dumps({"hung": ci.expected_vin}), flush=True)
        time.sleep(3600)
    time.sleep(float(os.environ.get("VINCHECK_FAKE_CHECK_MS", "5")) / 1000.0)
    return CaseResult(expected_vin=ci.expected_vin, kind=ci.kind, color=None,
                      findings=[Finding("vin_mismatch", Status.PASS, ci.expected_vin,
                                        ci.expected_vin, "", "stand-in check")], ms=5.0)


def main(argv: list[str]) -> int:
    url, root, ws = argv[0], argv[1], argv[2]
    ttl = float(argv[3]) if len(argv) > 3 else 2.0
    _state["hang_after"] = int(argv[4]) if len(argv) > 4 else 0
    from vincheck.batch_shared import watch_shared
    from vincheck.store import open_store

    settings = Settings(station="line-1", workstation=ws)
    with open_store(url, settings=settings) as store:
        go = os.environ.get("VINCHECK_TEST_GO")
        if go:
            print(json.dumps({"ready": ws}), flush=True)
            while not os.path.exists(go):
                time.sleep(0.01)
        rep = watch_shared(root, store=store, settings=settings, runner=fake_check, jobs=1,
                           interval_s=0.3, settle_s=0, ttl_s=ttl, until_done=True, max_s=300)
    counts: dict[str, int] = {}
    for o in rep.outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    print(json.dumps({"worker": ws, **counts}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
