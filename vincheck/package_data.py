"""Files shipped inside the package (models, the sample case, the PDF font).

Everything is found through :mod:`importlib.resources`, so the same code works from the
repository, from an installed wheel and from a frozen (PyInstaller) bundle, whose
``vincheck/data`` folder is collected beside the executable.
"""

from __future__ import annotations

import hashlib
import json
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np


def data_path(*parts: str) -> Path:
    """The file or folder ``vincheck/data/<parts...>`` on disk.

    The package is always installed as files (wheel, repository or bundle), never zipped,
    so the resource is a real path; a missing file is the caller's to report.
    """
    resource = files("vincheck").joinpath("data", *parts)
    return Path(str(resource))


def read_json(path: Path, error: type[Exception], what: str) -> dict:
    """A shipped JSON file (a model's metadata); an unreadable one raises ``error`` with
    "<what> unreadable: <reason>"."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise error(f"{what} unreadable: {exc}") from exc


def read_npz(path: Path, dtype: type, error: type[Exception],
             what: str) -> dict[str, np.ndarray]:
    """Every array of a shipped ``.npz`` file (a model's weights) as ``dtype``; an
    unreadable one raises ``error`` with "<what> unreadable (<file name>): <reason>"."""
    import numpy as np

    try:
        with np.load(path, allow_pickle=False) as z:
            return {k: z[k].astype(dtype) for k in z.files}
    except (OSError, ValueError, KeyError) as exc:
        raise error(f"{what} unreadable ({path.name}): {exc}") from exc


def file_sha256(path: Path) -> str:
    """sha256 of a shipped file (hex)."""
    return hashlib.sha256(path.read_bytes()).hexdigest()
