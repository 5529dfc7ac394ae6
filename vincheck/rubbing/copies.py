"""Two rubbings of one stamped VIN are two impressions of the same characters: where one
copy is unsure of a character, the other copy's reading of that position is evidence too.

Only characters a copy is unsure of are touched; a character both copies read with
confidence keeps its own reading, so copies that truly differ still differ (and the sheet's
``copies_differ`` rule still sees it).
"""

from __future__ import annotations

from collections.abc import Sequence

from vincheck.findings import RubbingResult, Status
from vincheck.ocr.base import CellScores
from vincheck.rubbing.read import SURE_PROB, StripRead
from vincheck.vin import VIN_LENGTH

# Two readings are copies of one VIN when their best characters differ at no more than this
# many positions (a copy with more differences is another VIN: nothing is shared).
MAX_DIFFERENCES = 3
# Softening of the other copy's evidence: own(c) x (SOFTEN + other(c)). Both copies are
# read by the same engines from the same stamping die, so their errors are correlated; a
# floor of 0.25 keeps any character one copy supports within reach of the other copy
# (a plain product would let the other copy veto it).
SOFTEN = 0.25


def _top(scores: CellScores) -> tuple[str, float]:
    return max(scores.items(), key=lambda kv: kv[1]) if scores else ("?", 0.0)


def shared_evidence(reads: Sequence[StripRead]) -> list[list[int]]:
    """Sharpen each full-length copy's unsure characters with the other copies' readings of
    the same position, in place (``char_scores``); returns, per read, the 1-based positions
    that were sharpened. A position counts as unsure below ``read.SURE_PROB``."""
    texts = [r.best_text if len(r.char_scores) == VIN_LENGTH else None for r in reads]
    original = [[dict(s) for s in r.char_scores] for r in reads]
    touched: list[list[int]] = [[] for _ in reads]
    for i, read in enumerate(reads):
        if texts[i] is None:
            continue
        others = [j for j, t in enumerate(texts) if j != i and t is not None
                  and sum(a != b for a, b in zip(t, texts[i], strict=True)) <= MAX_DIFFERENCES]
        if not others:
            continue
        for k in range(VIN_LENGTH):
            own = original[i][k]
            if not own or _top(own)[1] >= SURE_PROB:
                continue
            fused = dict(own)
            for j in others:
                other = original[j][k]
                fused = {c: p * (SOFTEN + other.get(c, 0.0)) for c, p in fused.items()}
            total, own_total = sum(fused.values()), sum(own.values())
            if total <= 0:
                continue
            read.char_scores[k] = {c: p * own_total / total for c, p in fused.items()}
            touched[i].append(k + 1)
    return touched


def agreeing_copies(reads: Sequence[StripRead]) -> list[list[int]]:
    """Per read, the 1-based numbers of the other reads whose best 17 characters are the
    same VIN with a valid check digit.

    Two rubbings of one stamped VIN read apart (another piece of tape, other graphite,
    other noise) that give the same valid VIN confirm it: a single misread character
    breaks the check digit unless the two characters have the same value in its sum
    (C / L, S / 2 ...), so copies that both doubt one position that way
    (:func:`blind_doubts`) confirm nothing; otherwise a wrong VIN needs two or more
    misreads, the same in both copies, that happen to keep the check digit (1 in 11).
    Judged on each copy's own reading, before :func:`shared_evidence`."""
    from vincheck.rubbing.vin_doubt import check_digit_holds

    ok = [r.best_text if check_digit_holds(r.best_text) else None for r in reads]
    doubts = [blind_doubts(r, BLIND_SHARE) if t is not None else set() for t, r in zip(ok, reads,
                                                                            strict=True)]
    return [[j + 1 for j, u in enumerate(ok) if j != i and t is not None and u == t
             and not doubts[i] & doubts[j]] for i, t in enumerate(ok)]


# An alternative reading of a character counts as a doubt when it scores at least this
# share of the best one.
BLIND_SHARE = 0.3


def blind_doubts(read: StripRead, share: float = 0.3) -> set[int]:
    """The 0-based positions where ``read`` has a plausible alternative the check digit
    cannot tell from its best character: another character of the same value in the
    check-digit sum (C / L, S / 2, J / 1 ...; scoring ``share`` of the best), or where the
    engines' own best characters differ and have that same value (the glyph classifier's
    J against RapidOCR's 1: weighted 4:1, the average hides the dispute).
    Two copies that both doubt a position this way confirm nothing there."""
    from vincheck.vin import TRANSLITERATION

    out = set()
    texts = [t for t in read.engine_texts.values() if len(t) == len(read.char_scores)]
    for k, sc in enumerate(read.char_scores):
        if not sc or k == 8:  # position 9 is the check digit itself
            continue
        top, p = _top(sc)
        if any(c != top and v >= share * p and c in TRANSLITERATION
               and TRANSLITERATION.get(top) == TRANSLITERATION[c] for c, v in sc.items()):
            out.add(k)
        tops = {t[k] for t in texts} - {"?"}
        if len(tops) > 1 and len({TRANSLITERATION.get(c) for c in tops}) == 1:
            out.add(k)  # held-out report set, seed 11: a die-struck J read as 1 passed
    return out


def adopt_other_copies(rubbings: Sequence[RubbingResult]) -> list[int | None]:
    """Give a rubbing whose own characters leave its VIN undecided the VIN another rubbing
    on the sheet read, when that VIN is one of its own repair candidates (valid VINs
    within two plausible changes of its reading), in place. Undecided: ``vin`` None with
    its ``unreadable`` finding for review (ambiguous, unrepairable), or read as a VIN that
    fails the check digit beside a valid copy (:func:`doubt_invalid_beside_valid`). The
    finding stays for review and says so (``details["vin_from_rubbing"]``, 1-based). Run
    after the sheet's ``copies_differ`` and ``vin_mismatch`` findings, which judge each
    copy's own reading. Returns, per rubbing, the rubbing whose VIN it took, or None."""
    own = [r.vin for r in rubbings]
    out: list[int | None] = [None] * len(rubbings)
    for i, rb in enumerate(rubbings):
        u = next((f for f in rb.findings if f.code == "unreadable"), None)
        if u is None or u.status is not Status.REVIEW:
            continue
        if rb.vin is not None and not u.details.get("valid_copy_vin"):
            continue
        cands = {c.get("vin"): float(c.get("confidence", 0.0))
                 for c in (u.details.get("repair") or {}).get("candidates", [])}
        for j, vin in enumerate(own):
            if j != i and vin is not None and vin != rb.vin and vin in cands:
                rb.vin, rb.confidence = vin, cands[vin]  # its posterior among this copy's
                u.details["vin_from_rubbing"] = j + 1
                u.details["vin_adopted"] = vin
                u.message += (f"; rubbing {j + 1} reads {vin}, which this rubbing's "
                              "characters allow: please confirm")
                out[i] = j + 1
                break
    return out


# A copy read as a VIN whose check digit fails is doubted when another copy reads a valid
# VIN at most this many characters away.
MAX_VALID_COPY_DIFFERENCES = 2


def doubt_invalid_beside_valid(rubbings: Sequence[RubbingResult]) -> list[int | None]:
    """Send to review, in place, a rubbing read surely as a VIN whose check digit fails
    while another rubbing on the sheet reads a valid VIN at most
    :data:`MAX_VALID_COPY_DIFFERENCES` characters away: copies of one stamping differ only
    by misreads, and one that keeps the check digit means this one holds one (a Bebas
    Neue 0 read as D by both engines at 600 dpi failed the sheet on its check digit). Its
    ``unreadable`` and ``check_digit`` findings become REVIEW (``details["valid_copy"]``,
    1-based, and ``"valid_copy_vin"``). Run before the sheet's findings, so that
    ``copies_differ`` sees the doubt. Returns, per rubbing, the copy that doubted it."""
    from vincheck.rubbing.vin_doubt import check_digit_holds

    valid = [r.vin if check_digit_holds(r.vin) else None for r in rubbings]
    out: list[int | None] = [None] * len(rubbings)
    for i, rb in enumerate(rubbings):
        cd = next((f for f in rb.findings if f.code == "check_digit"), None)
        u = next((f for f in rb.findings if f.code == "unreadable"), None)
        if (cd is None or u is None or cd.status is not Status.FAIL or rb.vin is None
                or len(rb.vin) != VIN_LENGTH):
            continue
        for j, vin in enumerate(valid):
            if j == i or vin is None:
                continue
            diff = [k + 1 for k, (a, b) in enumerate(zip(rb.vin, vin, strict=True)) if a != b]
            if not 0 < len(diff) <= MAX_VALID_COPY_DIFFERENCES:
                continue
            where = ", ".join(map(str, diff))
            for f in (u, cd):
                f.status = Status.REVIEW
                f.details["valid_copy"] = j + 1
                f.details["valid_copy_vin"] = vin
            u.message += (f"; rubbing {j + 1} reads the valid VIN {vin} (position(s) "
                          f"{where} differ): a character may be misread")
            cd.message += f"; or misread: rubbing {j + 1} reads the valid VIN {vin}"
            out[i] = j + 1
            break
    return out
