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
and :mod:`~vincheck.finding_text.photo` (the builders by subject, ``<code>_sentence``);
here the table of builders by reason code and the two entry points.
"""

from __future__ import annotations

from vincheck import rules
from vincheck.finding_text import case, photo, rubbing
from vincheck.finding_text.words import _LANG, CORNERS, CTX, Builder, Q, deg, mm, num, pct
from vincheck.findings import Finding, Status

BUILDERS: dict[str, Builder] = {
    # case
    "expected_vin": case.expected_vin_sentence,
    "missing_rubbing": case.missing_rubbing_sentence,
    "missing_photo": case.missing_photo_sentence,
    "rubbing_count": case.rubbing_count_sentence,
    "input_error": case.input_error_sentence,
    "copies_differ": case.copies_differ_sentence,
    "vin_mismatch": case.vin_mismatch_sentence,
    "custom_limits": case.custom_limits_sentence,
    # Annex 2: rubbing
    "no_rubbing": rubbing.no_rubbing_sentence,
    "unreadable": rubbing.unreadable_sentence,
    "truncated": rubbing.truncated_sentence,
    "check_digit": rubbing.check_digit_sentence,
    "missing_start_symbol": rubbing.symbol_sentence(start=True),
    "missing_end_symbol": rubbing.symbol_sentence(start=False),
    "deformed": rubbing.deformed_sentence,
    "char_too_small": rubbing.char_too_small_sentence,
    "shifted": rubbing.shifted_sentence,
    "dpi": rubbing.dpi_sentence,
    "ocr_engine": rubbing.ocr_engine_sentence,
    # Annex 1: photo
    "size": photo.size_sentence,
    "corner_radius": photo.corner_radius_sentence,
    "aspect": photo.aspect_sentence,
    "plate_visible": photo.plate_visible_sentence,
    "fill_ratio": photo.fill_ratio_sentence,
    "vehicle_cut_off": photo.vehicle_cut_off_sentence,
    "angle": photo.angle_sentence,
    "blurry": photo.blurry_sentence,
    "exposure": photo.exposure_sentence,
    "color_mismatch": photo.color_mismatch_sentence,
}


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
