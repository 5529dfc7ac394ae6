"""The batch progress bar on stderr, drawn by tqdm: cases done of all, the estimated time
left, cases checked per minute (skipped cases excluded) and the case just finished."""

from __future__ import annotations

import shutil
import sys
import time
from typing import TextIO

from tqdm import tqdm

BAR_FORMAT = "[{bar:30}] {n_fmt}/{total_fmt} {percentage:5.1f}% ETA {remaining}{postfix}"
LOG_EVERY_S = 30.0  # not a terminal: a line at least this often (s), and every 10 %


class ProgressBar:
    """Redrawn in place on a terminal; on a pipe or a log file, one line every 10 % or
    ``LOG_EVERY_S`` seconds (tqdm's own redraws would pile up ``\\r`` in the log)."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = max(0, total)
        self.stream = stream or sys.stderr
        self.done = 0
        self.checked = 0
        self.t0 = time.perf_counter()
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self._last_line_s = -1.0
        self._last_tenth = -1
        self._bar = (tqdm(total=self.total, file=self.stream, bar_format=BAR_FORMAT,
                          unit="case", smoothing=0, **_screen()) if self.tty else None)

    def update(self, key: str = "", checked: bool = True) -> None:
        """One more case done; ``checked`` False for a case skipped (not in the rate)."""
        self.done += 1
        self.checked += int(checked)
        elapsed = time.perf_counter() - self.t0
        rate = 60.0 * self.checked / elapsed if elapsed > 0 else 0.0
        postfix = f"{rate:.1f} cases/min {key[:24]}"
        if self._bar is not None:
            self._bar.set_postfix_str(postfix, refresh=False)
            self._bar.update(1)
            if self.done >= self.total:
                self._bar.close()
            return
        tenth = int(10 * self.done / self.total) if self.total else 10
        if (tenth != self._last_tenth or elapsed - self._last_line_s >= LOG_EVERY_S
                or self.done >= self.total):
            line = tqdm.format_meter(self.done, self.total, elapsed, ascii=True,
                                     bar_format=BAR_FORMAT, postfix=postfix, unit="case")
            self.stream.write(line + "\n")
            self.stream.flush()
            self._last_tenth, self._last_line_s = tenth, elapsed


def _screen() -> dict[str, int]:
    """The terminal's size for tqdm (110 x 24 where it reports 0, e.g. a bare pty:
    tqdm would then draw nothing)."""
    size = shutil.get_terminal_size((110, 24))
    return {"ncols": size.columns or 110, "nrows": size.lines or 24}
