"""Which settings a check's verdict depends on: every setting except the few that only say
who works where, how the window looks or where records go. A new setting counts as
judging unless it is listed in :data:`NOT_JUDGING` (the safe side: a result computed
under another value of it is shown as stale)."""

from __future__ import annotations

import json

from vincheck.settings import SPECS, Settings, get_value

NOT_JUDGING = frozenset({
    "language", "station", "operator", "workstation", "auto_check_on_drop",
    "database_path", "database_url", "keep_copies", "db_busy_timeout_s", "db_retry_s",
    "batch_jobs", "watch_interval_s", "watch_settle_s", "claim_ttl_s",
})
"""Settings that change no verdict: the operator and station (on the report, not in the
judgement), the window's language, the records database and the batch runner's timing."""


def judging_key(settings: Settings) -> str:
    """The values of every judging setting (tolerances, photo rules, DPI, OCR engines,
    the largest image in pixels ...) as one comparable text."""
    values = {k: get_value(settings, k) for k in SPECS if k not in NOT_JUDGING}
    return json.dumps(values, sort_keys=True, ensure_ascii=False, default=list)
