"""Shared output helpers for the commands: JSON Lines and short human-readable lines."""

from __future__ import annotations

import json
import sys
from typing import Any, TextIO


def print_json_line(obj: dict[str, Any], stream: TextIO | None = None) -> None:
    """One JSON object on one line, UTF-8 characters kept (JSON Lines)."""
    stream = stream or sys.stdout
    stream.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")
    stream.flush()


def error_record(file: str, error: Exception) -> dict[str, Any]:
    """The JSON line printed for a file that could not be checked."""
    return {"file": file, "verdict": "error", "error": str(error),
            "error_type": type(error).__name__}
