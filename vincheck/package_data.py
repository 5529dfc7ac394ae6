"""Files shipped inside the package (models, the sample case, the PDF font).

Everything is found through :mod:`importlib.resources`, so the same code works from the
repository, from an installed wheel and from a frozen (PyInstaller) bundle, whose
``vincheck/data`` folder is collected beside the executable.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def data_path(*parts: str) -> Path:
    """The file or folder ``vincheck/data/<parts...>`` on disk.

    The package is always installed as files (wheel, repository or bundle), never zipped,
    so the resource is a real path; a missing file is the caller's to report.
    """
    resource = files("vincheck").joinpath("data", *parts)
    return Path(str(resource))
