"""Sentences for the findings about a rubbing (GB Annex 2): readable, complete, check
digit, start and end symbols, character shape, size and alignment, scan resolution, OCR."""

from __future__ import annotations

from vincheck.finding_text.values import engine_names
from vincheck.finding_text.words import (
    _LANG,
    Builder,
    Q,
    _clauses,
    _need_num,
    deg,
    mm,
    num,
    pct,
)
from vincheck.findings import Finding, Status


def no_rubbing_sentence(f: Finding) -> str | None:
    n = int(_need_num(f.measured))
    if f.status is Status.FAIL:
        return Q.translate("FindingText", "No VIN rubbing strip was found on the sheet.")
    if f.status is Status.PASS:
        return Q.translate("FindingText", "{n} rubbing strip(s) found on the sheet.").format(n=n)
    return None


def unreadable_sentence(f: Finding) -> str | None:
    if f.status is Status.FAIL:
        if f.unit == "characters" and _need_num(f.measured) == 0:
            return Q.translate("FindingText", "No characters could be found on the rubbing.")
        if f.unit == "share of characters":
            return Q.translate(
                "FindingText",
                "The VIN cannot be read: {share} of the characters are illegible (limit {limit}).",
            ).format(share=pct(f.measured), limit=pct(f.limit))
        return None
    if f.unit != "ratio":
        return None
    conf, need = num(f.measured), num(f.limit)
    if f.status is Status.REVIEW:
        said = [t for t in (_other_copy_sentence(f), _dot_peen_sentence(f)) if t]
        if said:
            return " ".join(said)
    if f.status is Status.REVIEW:
        return Q.translate(
            "FindingText",
            "Some characters are uncertain (lowest confidence {conf}, "
            "threshold {need}): compare them with the rubbing by "
            "eye.",
        ).format(conf=conf, need=need)
    if f.status is Status.PASS:
        return Q.translate(
            "FindingText", "All characters read (lowest confidence {conf}, threshold {need})."
        ).format(conf=conf, need=need)
    return None


def _other_copy_sentence(f: Finding) -> str | None:
    """What another copy on the sheet said about this rubbing's VIN, if anything."""
    if f.details.get("valid_copy_vin"):
        return Q.translate(
            "FindingText",
            "The characters read fail the check digit, while rubbing {n} reads the valid VIN "
            "{vin}: a character may be misread; compare the differing characters with the "
            "rubbing by eye.",
        ).format(n=f.details.get("valid_copy"), vin=f.details["valid_copy_vin"])
    if f.details.get("vin_adopted"):
        return Q.translate(
            "FindingText",
            "This rubbing's own characters leave the VIN undecided; rubbing {n} reads {vin}, "
            "which they allow: compare the characters with the rubbing by eye.",
        ).format(n=f.details.get("vin_from_rubbing"), vin=f.details["vin_adopted"])
    return None


def _dot_peen_sentence(f: Finding) -> str | None:
    if not f.details.get("dot_peen"):
        return None
    return Q.translate(
        "FindingText",
        "The VIN is marked in dots (dot peen), where B and 8, S and 5, G and 6 differ by a "
        "dot or two: compare every character with the rubbing by eye.",
    )


def truncated_sentence(f: Finding) -> str | None:
    n, need = int(_need_num(f.measured)), int(_need_num(f.limit))
    if f.status is Status.FAIL:
        return Q.translate(
            "FindingText", "Only {n} of {need} characters are on the tape: the rubbing is cut off."
        ).format(n=n, need=need)
    if f.status is Status.PASS:
        return Q.translate("FindingText", "{n} characters on the tape ({need} needed).").format(
            n=n, need=need
        )
    return None


def check_digit_sentence(f: Finding) -> str | None:
    got = f.measured if isinstance(f.measured, str) else None
    if got is None:
        return None
    if f.status is Status.PASS and f.limit == "not required":
        return Q.translate(
            "FindingText", "Check digit {got}; the settings do not require a valid one."
        ).format(got=got)
    if not isinstance(f.limit, str):
        return None
    if f.status is Status.PASS:
        return Q.translate("FindingText", "Check digit {got} (position 9) is valid.").format(
            got=got
        )
    if f.status is Status.FAIL:
        return Q.translate(
            "FindingText",
            "The check digit (position 9) is {got}, but the other characters need {need}.",
        ).format(got=got, need=f.limit)
    if f.status is Status.REVIEW:
        return Q.translate(
            "FindingText",
            "The check digit (position 9) reads {got}, the other "
            "characters need {need}; a character may be misread: "
            "check by eye.",
        ).format(got=got, need=f.limit)
    return None


def symbol_sentence(start: bool) -> Builder:
    def build(f: Finding) -> str | None:
        if not isinstance(f.measured, bool):
            return None
        if f.status is Status.PASS:
            return (
                Q.translate("FindingText", "Start symbol found before the first character.")
                if start
                else Q.translate("FindingText", "Stop symbol found after the last character.")
            )
        if f.status is Status.FAIL:
            return (
                Q.translate(
                    "FindingText",
                    "No start symbol (★ ☆ ※ ◆ or a maker's mark) before the first character.",
                )
                if start
                else Q.translate(
                    "FindingText",
                    "No stop symbol (★ ☆ ※ ◆ or a maker's mark) after the last character.",
                )
            )
        return None

    return build


def deformed_sentence(f: Finding) -> str | None:
    m, lim = f.measured, f.limit
    if not isinstance(m, dict) or not isinstance(lim, dict):
        return None
    pitch, height = _need_num(m["pitch_spread"]), _need_num(m["height_spread"])
    slant, aspect = _need_num(m["slant_deg"]), _need_num(m["aspect"])
    max_pitch, max_height = _need_num(lim["pitch_spread"]), _need_num(lim["height_spread"])
    max_slant = _need_num(lim["slant_deg"])
    lo, hi = (_need_num(v) for v in lim["aspect"])
    if f.status is Status.PASS:
        return Q.translate(
            "FindingText",
            "Spacing, height, slant and proportions are even (spacing "
            "varies {pitch}, height {height}, slant {slant}).",
        ).format(pitch=pct(pitch), height=pct(height), slant=f"{round(slant, 1) + 0.0:.1f}°")
    if f.status is not Status.FAIL:
        return None
    bad = []
    if pitch > max_pitch:
        bad.append(
            Q.translate("FindingText", "spacing varies {v} (limit {lim})").format(
                v=pct(pitch), lim=pct(max_pitch)
            )
        )
    if height > max_height:
        bad.append(
            Q.translate("FindingText", "height varies {v} (limit {lim})").format(
                v=pct(height), lim=pct(max_height)
            )
        )
    if abs(slant) > max_slant:
        bad.append(
            Q.translate("FindingText", "slanted by {v} (limit {lim})").format(
                v=f"{slant:.1f}°", lim=deg(max_slant)
            )
        )
    if not lo <= aspect <= hi:
        bad.append(
            Q.translate("FindingText", "character width/height {v} outside {lo}–{hi}").format(
                v=num(aspect), lo=num(lo), hi=num(hi)
            )
        )
    if not bad:
        return None
    return Q.translate("FindingText", "The characters are deformed: {problems}.").format(
        problems=_clauses().join(bad)
    )


def char_too_small_sentence(f: Finding) -> str | None:
    if f.unit != "mm":
        return None
    h, need = mm(f.measured), mm(f.limit)
    if f.status is Status.FAIL:
        return Q.translate(
            "FindingText", "Characters are {h} high, below the {min} minimum."
        ).format(h=h, min=need)
    if f.status is Status.PASS:
        return Q.translate("FindingText", "Characters are {h} high (minimum {min}).").format(
            h=h, min=need
        )
    return None


def shifted_sentence(f: Finding) -> str | None:
    m, lim = f.measured, f.limit
    if not isinstance(m, dict) or not isinstance(lim, dict):
        return None
    offset, score = _need_num(m["ghost_offset"]), _need_num(m["ghost_score"])
    sharp = _need_num(m["sharpness_ratio"])
    max_offset, min_score = _need_num(lim["ghost_offset"]), _need_num(lim["ghost_score"])
    min_sharp = _need_num(lim["sharpness_ratio"])
    if f.unit == "mm":
        off, off_lim = mm(offset, 2), mm(max_offset, 2)
    elif f.unit == "char heights":
        off = Q.translate("FindingText", "{v} character heights").format(v=num(offset))
        off_lim = Q.translate("FindingText", "{v} character heights").format(v=num(max_offset))
    else:
        return None
    if f.status is Status.PASS:
        return Q.translate("FindingText", "No doubled or smeared impression.")
    if f.status is not Status.FAIL:
        return None
    bad = []
    if score >= min_score and offset > max_offset:
        bad.append(
            Q.translate("FindingText", "a doubled impression offset by {off} (limit {lim})").format(
                off=off, lim=off_lim
            )
        )
    if sharp < min_sharp:
        bad.append(
            Q.translate(
                "FindingText",
                "smeared characters (edge sharpness {v} of the line's, at least {lim} needed)",
            ).format(v=pct(sharp), lim=pct(min_sharp))
        )
    if not bad:
        return None
    return Q.translate("FindingText", "Shifted impression: {problems}.").format(
        problems=_clauses().join(bad)
    )


def dpi_sentence(f: Finding) -> str | None:
    if f.status is Status.SKIPPED:
        return Q.translate(
            "FindingText",
            "The scan resolution is unknown, so sizes in mm cannot be "
            "measured. Enter the scan DPI.",
        )
    return None


def ocr_engine_sentence(f: Finding) -> str | None:
    if isinstance(f.measured, list) and all(isinstance(v, str) for v in f.measured):
        return Q.translate(
            "FindingText", "Read with {engines}; not every OCR engine was available."
        ).format(engines=engine_names(f.measured, _LANG.get()))
    return None
