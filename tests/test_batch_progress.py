"""The batch progress bar: a line per 10 % in a log, redrawn in place on a terminal."""

from __future__ import annotations

import io

from vincheck.batch import ProgressBar


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_log_gets_one_line_per_tenth_and_no_carriage_returns() -> None:
    log = io.StringIO()
    bar = ProgressBar(20, stream=log)
    for i in range(20):
        bar.update(f"CASE{i}", checked=i % 2 == 0)
    text = log.getvalue()
    lines = text.splitlines()
    assert "\r" not in text
    assert len(lines) == 11  # 0 %, 10 %, ..., 100 %: not one line per case
    assert lines[-1].startswith("[" + "#" * 30 + "] 20/20 100.0%")
    assert "cases/min CASE19" in lines[-1]
    assert lines[5].startswith("[" + "#" * 15 + " " * 15 + "] 10/20  50.0%")


def test_a_terminal_gets_the_bar_redrawn_in_place() -> None:
    term = _Terminal()
    bar = ProgressBar(3, stream=term)
    for key in ("A", "B", "C"):
        bar.update(key)
    text = term.getvalue()
    assert text.count("\r") >= 2 and text.endswith("\n")
    assert "3/3 100.0%" in text.rsplit("\r", 1)[-1] and "cases/min C" in text
