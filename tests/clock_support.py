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
