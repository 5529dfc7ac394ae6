"""The one CSV writer for every CSV vincheck writes (``batch --out``, ``report csv``).

A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
return as a formula (CSV injection: ``=cmd|' /C calc'!A0``, ``=HYPERLINK(...)``); case
keys come from folder names and VINs from expect lists, so any text cell may carry one.
Such a cell is written with a leading apostrophe, which :func:`cell_in` takes off again.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def cell_out(value: Any) -> Any:
    """A cell as written: text a spreadsheet would run gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def cell_in(text: str | None) -> str | None:
    """A cell as read back: the apostrophe :func:`cell_out` added is taken off."""
    if text and text.startswith("'") and text[1:].startswith(FORMULA_START):
        return text[1:]
    return text


class SafeDictWriter:
    """``csv.DictWriter`` (CRLF line ends) that escapes every cell with :func:`cell_out`."""

    def __init__(self, fh: TextIO, fieldnames: Iterable[str]) -> None:
        self.fieldnames = list(fieldnames)
        self._w = csv.DictWriter(fh, fieldnames=self.fieldnames, lineterminator="\r\n")

    def writeheader(self) -> None:
        self._w.writeheader()

    def writerow(self, row: Mapping[str, Any]) -> None:
        self._w.writerow({k: cell_out(row.get(k, "")) for k in self.fieldnames})
