"""One sentence per finding in Chinese or English, built from its code, status, measured
value, limit and unit (never from the core's English ``message``): the checklist of the
window, the PDF report and the CLI's text use the same sentences.

Each reason code has a builder that knows the shape of its ``measured`` / ``limit``
(numbers, lists, small dicts — see ``vincheck/rubbing/judge.py`` and ``vincheck/photo``)
and fills a translatable template, e.g. ``"Characters are {h} high, below the {min}
minimum."`` -> "字符高度 6.2 mm，低于 7.0 mm 的下限。". A builder returns None for a status
or a shape it does not know; :func:`finding_sentence` then returns None and the caller
falls back to the rule's plain explanation (:mod:`vincheck.rules`).

Templates are written in English inside ``Q.translate("FindingText", …)``; the Chinese
is in :mod:`vincheck.finding_text_zh`. No Qt: ``Q`` looks the template up for the
language :func:`finding_sentence` was asked for.

Modules: :mod:`~vincheck.finding_text.words` (templates in the language being written,
values with units), :mod:`~vincheck.finding_text.case`, :mod:`~vincheck.finding_text.rubbing`
and :mod:`~vincheck.finding_text.photo` (the builders by subject, each registered for its
reason code in :data:`BUILDERS` by ``@builds``); here the two entry points.
"""

from __future__ import annotations

from vincheck import rules

# the builder modules register their sentence builders in this order (the table order)
from vincheck.finding_text import case, rubbing, photo  # noqa: F401  # isort: skip
from vincheck.finding_text.words import _LANG, BUILDERS, CORNERS, CTX, Builder, Q, deg, mm, num, pct
from vincheck.findings import Finding, Status


def finding_sentence(finding: Finding, lang: str = "zh_CN") -> str | None:
    """The finding as one sentence with its values in ``lang`` ("zh_CN" or "en"), or None
    when its code, status or the shape of its measured value / limit is not known."""
    build = BUILDERS.get(finding.code)
    if build is None:
        return None
    token = _LANG.set(lang)
    try:
        return build(finding)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None  # a shape the builder does not know: the caller falls back
    finally:
        _LANG.reset(token)


def explanation(finding: Finding, lang: str = "zh_CN") -> str:
    """One plain sentence about a finding in ``lang``: its sentence with values when the
    code and shape are known, else the rule's plain explanation."""
    sentence = finding_sentence(finding, lang)
    if sentence:
        return sentence
    zh = lang.startswith("zh")
    if finding.status is Status.PASS:
        return "符合要求。" if zh else "Meets the rule."
    if finding.status is Status.SKIPPED:
        if finding.code == "dpi" or "DPI unknown" in (finding.message or ""):
            return rules.explanation("dpi", lang)
        return "无法测量，需人工核查。" if zh else "Could not be measured; a person must check it."
    if rules.rule(finding.code) is None and not zh and finding.message:
        return finding.message  # a code the registry does not know yet
    return rules.explanation(finding.code, lang)


__all__ = ["BUILDERS", "CORNERS", "CTX", "Builder", "Q", "deg", "explanation",
           "finding_sentence", "mm", "num", "pct"]
