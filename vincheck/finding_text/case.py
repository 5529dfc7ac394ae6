"""Sentences for the findings about a whole case: the expected VIN, missing or unreadable
inputs, copies that differ, VIN mismatch, custom limits."""

from __future__ import annotations

from vincheck.finding_text.words import (
    _LANG,
    Q,
    _clauses,
    _need_num,
    _words,
)
from vincheck.findings import Finding, Status


def expected_vin_sentence(f: Finding) -> str | None:
    if f.status is Status.FAIL and isinstance(f.measured, str):
        return Q.translate("FindingText", "The expected VIN {vin} is not a valid VIN.").format(
            vin=f.measured
        )
    return None


def missing_rubbing_sentence(f: Finding) -> str | None:
    if f.status is Status.FAIL:
        return Q.translate("FindingText", "No VIN rubbing sheet was given.")
    return None


def missing_photo_sentence(f: Finding) -> str | None:
    if f.status is Status.FAIL:
        return Q.translate("FindingText", "No exterior photo was given.")
    return None


def rubbing_count_sentence(f: Finding) -> str | None:
    n = int(_need_num(f.measured))
    need = int(_need_num(f.limit))
    return Q.translate("FindingText", "{n} rubbing(s) found; the rules call for {need}.").format(
        n=n, need=need
    )


def input_error_sentence(f: Finding) -> str | None:
    name = f.measured if isinstance(f.measured, str) and f.measured else None
    if name is None:
        return None
    return Q.translate("FindingText", "{file} could not be read; see the message above.").format(
        file=name
    )


def copies_differ_sentence(f: Finding) -> str | None:
    vins = f.measured
    if f.status is Status.SKIPPED:
        return Q.translate(
            "FindingText", "Not every rubbing could be read, so the copies cannot be compared."
        )
    if not isinstance(vins, list) or not all(isinstance(v, str) for v in vins):
        return None
    if f.status is Status.FAIL:
        return Q.translate("FindingText", "The rubbings read different VINs: {vins}.").format(
            vins=_words(vins)
        )
    if f.status is Status.REVIEW:
        return Q.translate(
            "FindingText",
            "The rubbings read different VINs ({vins}), but at least one was read unsurely: "
            "compare the copies by eye.",
        ).format(vins=_words(vins))
    if f.status is Status.PASS:
        if not vins:
            return None
        return Q.translate("FindingText", "Every rubbing reads {vin}.").format(vin=vins[0])
    return None


def vin_mismatch_sentence(f: Finding) -> str | None:
    expected = f.limit if isinstance(f.limit, str) else None
    if expected is None:
        return None
    if f.status is Status.SKIPPED:
        return Q.translate(
            "FindingText", "No VIN could be read to compare with the expected {expected}."
        ).format(expected=expected)
    if f.status is Status.FAIL:
        read = f.measured if isinstance(f.measured, list) else [f.measured]
        if not read or not all(isinstance(v, str) for v in read):
            return None
        return Q.translate("FindingText", "Read {read}, but the papers give {expected}.").format(
            read=_words(read), expected=expected
        )
    if f.status is Status.PASS and isinstance(f.measured, str):
        return Q.translate("FindingText", "The VIN read, {vin}, matches the papers.").format(
            vin=f.measured
        )
    return None


def custom_limits_sentence(f: Finding) -> str | None:
    from vincheck.settings import SPECS

    if not isinstance(f.measured, dict) or not isinstance(f.limit, dict):
        return None
    zh = _LANG.get().startswith("zh")
    items = [Q.translate("FindingText", "{name} {value} (regulation {default})").format(
        name=SPECS[k].zh if zh else SPECS[k].en, value=SPECS[k].show(v, _LANG.get()),
        default=SPECS[k].show(f.limit[k], _LANG.get())) for k, v in f.measured.items()]
    return Q.translate("FindingText",
                       "Checked with limits other than the regulation's: {items}.").format(
        items=_clauses().join(items))
