"""A clock for tests whose expected values depend on the date or the time: the module under
test sees ``datetime.now()`` return a chosen moment, so a run that crosses local midnight
(or any other boundary) cannot change what the test expects.

(No tests here; imported by test modules.)
"""

from __future__ import annotations

from datetime import datetime, tzinfo

import pytest


def freeze_now(monkeypatch: pytest.MonkeyPatch, module: str, when: datetime) -> None:
    """``datetime.now()`` in ``module`` (which did ``from datetime import datetime``)
    returns ``when`` (a naive ``when`` is local time; ``now(tz)`` converts it)."""

    class FrozenDatetime(datetime):
        @classmethod
        def now(cls, tz: tzinfo | None = None) -> datetime:  # type: ignore[override]
            return when if tz is None else when.astimezone(tz)

    monkeypatch.setattr(f"{module}.datetime", FrozenDatetime)


class FakeClock:
    """Stands in for the ``time`` module of code that waits: ``sleep(s)`` returns at once
    and moves ``monotonic()`` on by ``s``, so a test can check how long the code would
    have waited, and how often it tried, whatever the machine's load. ``sleeps`` lists
    every sleep asked for (s)."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start
        self.sleeps: list[float] = []

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds
