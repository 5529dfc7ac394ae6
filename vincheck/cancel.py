"""Cancelling long work: a :class:`CancelToken` the GUI sets and the core polls.

A leaf module (it imports only :mod:`vincheck.errors`), so that the inspection, the photo
and rubbing checks and the scanner can all take a token without importing each other.
"""

from __future__ import annotations

import threading

from vincheck.errors import Cancelled


class CancelToken:
    """A flag the GUI sets and long work polls with :meth:`check` (raises Cancelled)."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def check(self) -> None:
        if self._event.is_set():
            raise Cancelled("the check was cancelled")
