"""Per-desk throughput: how many cases each desk (station + workstation) recorded, over
which span of time, at what rate -- what ``vincheck report desks`` prints."""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass
class DeskThroughput:
    """One desk's cases in a range. Times are the records' local ISO times; ``span_s`` is
    first to last record (s); ``per_hour`` = cases after the first per hour of span
    (None for a single case); ``median_gap_s`` the median time between two records;
    ``mean_check_s`` the mean time the check itself took (s)."""

    station: str
    workstation: str
    cases: int
    first: str
    last: str
    span_s: float
    per_hour: float | None
    median_gap_s: float | None
    mean_check_s: float
    sources: dict[str, int]


def _parse(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def desk_throughput(rows: list[tuple[Any, ...]]) -> list[DeskThroughput]:
    """Group (station, workstation, source, created_at, ms) rows by desk; busiest first."""
    by_desk: dict[tuple[str, str], list[tuple[Any, ...]]] = {}
    for r in rows:
        by_desk.setdefault((r[0] or "", r[1] or ""), []).append(r)
    out = []
    for (station, ws), rs in by_desk.items():
        times = sorted(t for t in (_parse(r[3]) for r in rs) if t is not None)
        gaps = [(b - a).total_seconds() for a, b in zip(times, times[1:], strict=False)]
        span = (times[-1] - times[0]).total_seconds() if len(times) > 1 else 0.0
        sources: dict[str, int] = {}
        for r in rs:
            sources[r[2] or ""] = sources.get(r[2] or "", 0) + 1
        out.append(DeskThroughput(
            station=station, workstation=ws, cases=len(rs),
            first=str(rs[0][3]), last=str(rs[-1][3]), span_s=span,
            per_hour=3600.0 * (len(times) - 1) / span if span > 0 else None,
            median_gap_s=statistics.median(gaps) if gaps else None,
            mean_check_s=sum(float(r[4] or 0) for r in rs) / len(rs) / 1000.0,
            sources=sources))
    return sorted(out, key=lambda d: (-d.cases, d.station, d.workstation))
