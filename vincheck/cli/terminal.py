"""What vincheck prints on a terminal: one-line messages with control characters escaped.

File names, folder names (case keys), VINs typed by a user and expect-list cells reach
the terminal; an escape sequence in one of them (``ESC[2J``, a carriage return, a
right-to-left override) must be shown, not obeyed. :class:`SafeStream` wraps stdout and
stderr for the whole run; JSON output is already escaped by ``json.dumps``.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, TextIO

# C0 and C1 controls except newline and tab, DEL, and the Unicode bidirectional
# overrides and isolates that reorder what follows them.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def _escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group(0)):04x}"  # also a valid escape inside a JSON string


def safe_text(text: str) -> str:
    """``text`` with every control character shown as ``\\uNNNN``."""
    return _UNSAFE.sub(_escape, text)


def one_line(text: str, limit: int = 2000) -> str:
    """``text`` on one line (line breaks become spaces), escaped, at most ``limit`` chars."""
    flat = " ".join(unicodedata.normalize("NFC", str(text)).splitlines())
    flat = safe_text(flat)
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


class SafeStream:
    """A text stream that escapes control characters in everything written to it; a
    carriage return at the very start of a write (a progress bar redrawing its line) is
    kept."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        lead = "\r" if text.startswith("\r") else ""
        self._stream.write(lead + safe_text(text[len(lead):]))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)
