"""Where the development data lives: the repository, the shared corpus and its labels.

``CORPUS`` is ``$VINCHECK_CORPUS`` or ``../shared/corpus`` beside the checkout (real
photos, never copied into the repository); ``LABELS`` holds the hand labels of those photos
(``tests/labels/*.csv``, described in its README). Tests, benchmarks and tools read both
from here.
"""

from __future__ import annotations

import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("VINCHECK_CORPUS", REPO.parent / "shared" / "corpus"))
LABELS = REPO / "tests" / "labels"


def label_file(name: str) -> Path:
    """The labels file ``name`` (e.g. ``photo_labels.csv``) under :data:`LABELS`."""
    return LABELS / name
