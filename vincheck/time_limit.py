"""The time one input file may take to check, from loading to its last verdict.

:class:`Deadline` is a cancel token: the rubbing and photo pipelines poll it between
steps (where they poll for the GUI's cancel), and past :data:`FILE_TIME_LIMIT_S` it raises
:class:`~vincheck.errors.CheckTooLongError`, an input error of that file (exit 2; in a
case or batch, that file's error). A step under way finishes first; steps are bounded by
the working resolutions (:mod:`vincheck.rubbing.work_scale`, the photo's 12.5 Mpx).
"""

from __future__ import annotations

import time
from typing import Any

from vincheck.errors import CheckTooLongError

# s: with the CLI's start-up (about 3 s) a file stays within the 60 s stated in the README
FILE_TIME_LIMIT_S = 45.0


class Deadline:
    """A cancel token for one file: :meth:`check` raises ``CheckTooLongError`` once
    ``seconds`` have passed, and passes on the caller's own cancel token."""

    def __init__(self, path: str, seconds: float | None = None, cancel: Any = None) -> None:
        seconds = FILE_TIME_LIMIT_S if seconds is None else seconds
        self.path, self.seconds, self.cancel = path, seconds, cancel
        self.t_end = time.monotonic() + seconds

    @property
    def cancelled(self) -> bool:
        return bool(getattr(self.cancel, "cancelled", False))

    def check(self) -> None:
        if self.cancel is not None:
            self.cancel.check()
        if time.monotonic() > self.t_end:
            raise CheckTooLongError(
                f"checking this file took over {self.seconds:.0f} s and was stopped; is it the "
                "right file? (scan sheets at 300-600 dpi)", self.path)

