"""User-visible words that belong to data, not to one widget: statuses, verdicts, colours
and vehicle kinds; the words of the reason codes (names, explanations, advice, values with
units) come from the rule registry :mod:`vincheck.rules` in the current language.

Everything is written in English and marked with ``QT_TRANSLATE_NOOP`` so that
``pyside6-lupdate`` collects it; the functions translate at call time, so switching the
language changes the text the next time a widget asks.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from vincheck import finding_text, rules
from vincheck.findings import Finding, Status, Verdict

CTX = "Texts"

# The ten registration colour names (as stored in cases and results) and their English.
COLOURS: list[tuple[str, str]] = [
    ("白", QT_TRANSLATE_NOOP("Texts", "white")),
    ("灰", QT_TRANSLATE_NOOP("Texts", "grey")),
    ("黄", QT_TRANSLATE_NOOP("Texts", "yellow")),
    ("粉", QT_TRANSLATE_NOOP("Texts", "pink")),
    ("红", QT_TRANSLATE_NOOP("Texts", "red")),
    ("紫", QT_TRANSLATE_NOOP("Texts", "purple")),
    ("绿", QT_TRANSLATE_NOOP("Texts", "green")),
    ("蓝", QT_TRANSLATE_NOOP("Texts", "blue")),
    ("棕", QT_TRANSLATE_NOOP("Texts", "brown")),
    ("黑", QT_TRANSLATE_NOOP("Texts", "black")),
]

KINDS: list[tuple[str, str]] = [
    ("car", QT_TRANSLATE_NOOP("Texts", "car")),
    ("trailer", QT_TRANSLATE_NOOP("Texts", "trailer")),
]

VIEWS = {
    "front": QT_TRANSLATE_NOOP("Texts", "front"),
    "front-left": QT_TRANSLATE_NOOP("Texts", "front-left"),
    "left": QT_TRANSLATE_NOOP("Texts", "left"),
    "rear-left": QT_TRANSLATE_NOOP("Texts", "rear-left"),
    "rear": QT_TRANSLATE_NOOP("Texts", "rear"),
    "rear-right": QT_TRANSLATE_NOOP("Texts", "rear-right"),
    "right": QT_TRANSLATE_NOOP("Texts", "right"),
    "front-right": QT_TRANSLATE_NOOP("Texts", "front-right"),
}

STATUS_TEXT = {
    Status.PASS: QT_TRANSLATE_NOOP("Texts", "pass"),
    Status.FAIL: QT_TRANSLATE_NOOP("Texts", "fail"),
    Status.REVIEW: QT_TRANSLATE_NOOP("Texts", "review"),
    Status.SKIPPED: QT_TRANSLATE_NOOP("Texts", "not measured"),
}

VERDICT_TEXT = {
    Verdict.PASS: QT_TRANSLATE_NOOP("Texts", "PASS: the paperwork meets the rules"),
    Verdict.FAIL: QT_TRANSLATE_NOOP("Texts", "FAIL: the paperwork does not meet the rules"),
    Verdict.REVIEW: QT_TRANSLATE_NOOP("Texts", "REVIEW: a person must decide"),
}

def tr(text: str) -> str:
    """Translate one of the marked texts above (a variable, never a literal: lupdate would
    file ``tr("literal")`` under the empty context; write
    ``QCoreApplication.translate("Texts", "literal")`` instead)."""
    return QCoreApplication.translate(CTX, text)


def colour_name(code: str | None) -> str:
    """Display name of a registration colour ("白" -> "white" in English, "白" in Chinese)."""
    for c, en in COLOURS:
        if c == code:
            return tr(en)
    return code or ""


def kind_name(code: str) -> str:
    for c, en in KINDS:
        if c == code:
            return tr(en)
    return code


def view_name(view: str | None) -> str:
    """Display name of an estimated view ("front-left" -> "左前" in Chinese)."""
    if not view:
        return ""
    return tr(VIEWS[view]) if view in VIEWS else view


def status_text(status: Status) -> str:
    return tr(STATUS_TEXT[status])


def verdict_text(verdict: Verdict) -> str:
    return tr(VERDICT_TEXT[verdict])


def _lang() -> str:
    from vincheck.gui.i18n import current_language

    return current_language()


def chinese() -> bool:
    """True when the window speaks Chinese."""
    return _lang().startswith("zh")


def case_advice(result: Any, limit: int = 3) -> list[str]:
    """What to do next about a result, in the current language (at most ``limit``
    lines; :func:`vincheck.rules.case_advice`)."""
    return rules.case_advice(result, _lang(), limit)


def rule_title(code: str) -> str:
    """Short name of the rule behind a reason code (:mod:`vincheck.rules`)."""
    return rules.name(code, _lang())


def explanation(finding: Finding) -> str:
    """One plain sentence about a finding in the current language: its sentence with the
    measured value and limit (:mod:`vincheck.finding_text`), else the rule's plain
    explanation."""
    return finding_text.explanation(finding, _lang())


def finding_sentence(finding: Finding) -> str | None:
    """The finding as one sentence in the window's language, or None
    (:func:`vincheck.finding_text.finding_sentence`)."""
    return finding_text.finding_sentence(finding, _lang())


def advice(finding: Finding) -> str:
    """What to do next about a finding that did not pass ("" for a passed one)."""
    return rules.advice(finding, _lang())


def format_value(value: Any, unit: str = "") -> str:
    """A measured value or limit as short text with its unit, in the current language."""
    return rules.format_value(value, unit, _lang())


def values_text(finding: Finding) -> str:
    """The checklist's "measured / limit" cell: the measured value, and the limit after a
    slash when the finding has one (words for values that say nothing alone, see
    :mod:`vincheck.finding_text.values`)."""
    from vincheck.finding_text.values import limit_text, measured_text

    text = measured_text(finding, _lang())
    if finding.limit is not None:
        text += "  /  " + limit_text(finding, _lang())
    return text
