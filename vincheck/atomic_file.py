"""Write a text file atomically: readers see the old file or the whole new one, never a
part, and two writers at once (two windows, a window and the CLI) do not meet.

The text goes to a temporary file of its own (a unique name beside the target, so that
the rename stays on one drive), then replaces the target in one rename. A fixed temporary
name (``settings.tmp``) was shared by concurrent writers: one could rename the other's
half-written file into place, or find its own temporary file already gone.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` (its folder must exist) through a private temporary
    file and one rename; the temporary file is removed when anything fails."""
    p = Path(path)
    fd, tmp = tempfile.mkstemp(dir=p.parent, prefix=f".{p.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding=encoding) as fh:
            fh.write(text)
        os.replace(tmp, p)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    return p
