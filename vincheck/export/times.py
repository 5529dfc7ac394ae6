"""Times for people: an ISO 8601 timestamp as stored (records, decisions, reports) shown in
this station's local time, to the second, with its UTC offset —
``2026-12-07 21:48:51 (UTC+08:00)`` — the same in Chinese and English. A timestamp
without an offset (older records) is taken as local time already."""

from __future__ import annotations

from datetime import datetime


def parse_time(text: str | None) -> datetime | None:
    """An ISO 8601 timestamp (``Z`` for UTC allowed) as an aware datetime in local time;
    None when ``text`` is empty or not a timestamp."""
    if not text:
        return None
    try:
        when = datetime.fromisoformat(str(text).strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return when.astimezone()  # a naive time is taken as local


def offset_text(when: datetime) -> str:
    """``UTC+08:00`` / ``UTC-05:30`` / ``UTC+00:00`` for an aware datetime."""
    minutes = int((when.utcoffset() or when.astimezone().utcoffset()).total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"UTC{sign}{hours:02d}:{mins:02d}"


def local_time_text(text: str | datetime | None) -> str:
    """A stored timestamp as ``YYYY-MM-DD HH:MM:SS (UTC±HH:MM)`` in local time; "—" for
    none; text that is not a timestamp comes back unchanged."""
    if isinstance(text, datetime):
        when: datetime | None = text.astimezone()
    else:
        when = parse_time(text)
        if when is None:
            return str(text) if text else "—"
    return f"{when:%Y-%m-%d %H:%M:%S} ({offset_text(when)})"


def now_text() -> str:
    """Now, as :func:`local_time_text` writes it."""
    return local_time_text(datetime.now().astimezone())
