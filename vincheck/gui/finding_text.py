"""The finding sentences of :mod:`vincheck.finding_text` in the window's current language."""

from __future__ import annotations

from vincheck.finding_text import BUILDERS, CORNERS, deg, mm, num, pct  # noqa: F401
from vincheck.finding_text import finding_sentence as _sentence
from vincheck.findings import Finding


def finding_sentence(finding: Finding) -> str | None:
    """The finding as one sentence in the window's language, or None (see
    :func:`vincheck.finding_text.finding_sentence`)."""
    from vincheck.gui.i18n import current_language

    return _sentence(finding, current_language())
