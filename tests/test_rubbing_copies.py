"""Sharing evidence between the copies of one VIN on a sheet (vincheck.rubbing.copies)."""

from __future__ import annotations

from vincheck.rubbing.copies import shared_evidence
from vincheck.rubbing.read import StripRead

VIN = "LSVAU2180N2183594"


def _read(text: str, unsure: dict[int, dict[str, float]] | None = None) -> StripRead:
    scores = [{c: 0.97, "Z" if c != "Z" else "2": 0.02} for c in text]
    for pos, dist in (unsure or {}).items():
        scores[pos - 1] = dict(dist)
    return StripRead(glyph_scores=[], start=None, end=None, chars=[], char_scores=scores,
                     raw=text)


def _top(scores: dict[str, float]) -> tuple[str, float]:
    return max(scores.items(), key=lambda kv: kv[1])


def test_unsure_character_is_settled_by_the_other_copy() -> None:
    a = _read(VIN, {9: {"0": 0.48, "D": 0.42}})  # 0 vs D nearly tied on copy A
    b = _read(VIN)  # copy B reads position 9 as 0 with confidence
    touched = shared_evidence([a, b])
    assert touched[0] == [9]
    ch, p = _top(a.char_scores[8])
    assert ch == "0" and p > 0.7
    assert touched[1] == []  # nothing on copy B was unsure


def test_other_copy_can_overturn_a_weak_wrong_lead() -> None:
    a = _read(VIN, {5: {"V": 0.50, "U": 0.45}})  # truth U, copy A leans to V
    b = _read(VIN)
    shared_evidence([a, b])
    assert _top(a.char_scores[4])[0] == "U"


def test_confident_characters_are_never_changed() -> None:
    other = VIN[:4] + "V" + VIN[5:]  # copies that truly differ at position 5
    a, b = _read(VIN), _read(other)
    before = [dict(s) for s in a.char_scores]
    touched = shared_evidence([a, b])
    assert touched == [[], []]
    assert a.char_scores == before
    assert _top(b.char_scores[4])[0] == "V"


def test_a_different_vin_shares_nothing() -> None:
    a = _read(VIN, {9: {"0": 0.48, "D": 0.42}})
    b = _read("LGXSU7193JX904817")
    before = dict(a.char_scores[8])
    assert shared_evidence([a, b]) == [[], []]
    assert a.char_scores[8] == before


def test_a_short_copy_shares_nothing() -> None:
    a = _read(VIN, {9: {"0": 0.48, "D": 0.42}})
    b = _read(VIN[:12])
    assert shared_evidence([a, b])[0] == []


def test_total_mass_of_a_cell_is_kept() -> None:
    a = _read(VIN, {3: {"V": 0.40, "U": 0.30}})  # 0.3 left for "unknown"
    shared_evidence([a, _read(VIN)])
    assert abs(sum(a.char_scores[2].values()) - 0.70) < 1e-9


# --- copies confirming each other (agreeing_copies) ------------------------------------

def test_two_copies_reading_the_same_valid_vin_confirm_each_other() -> None:
    from vincheck.rubbing.copies import agreeing_copies

    a, b = _read(VIN), _read(VIN)
    assert agreeing_copies([a, b]) == [[2], [1]]
    c = _read("LGXSU7193JX904817")  # another VIN on the sheet confirms nothing
    assert agreeing_copies([a, c]) == [[], []]


def test_copies_agreeing_on_an_invalid_reading_confirm_nothing() -> None:
    from vincheck.rubbing.copies import agreeing_copies

    bad = VIN[:8] + ("1" if VIN[8] != "1" else "2") + VIN[9:]  # wrong check digit
    assert agreeing_copies([_read(bad), _read(bad)]) == [[], []]


def test_a_doubt_the_check_digit_cannot_see_blocks_confirmation_only_in_both() -> None:
    from vincheck.rubbing.copies import agreeing_copies

    # L and C have the same value in the check-digit sum: L misread as C keeps it valid
    doubt = {1: {"L": 0.55, "C": 0.40}}
    assert agreeing_copies([_read(VIN, doubt), _read(VIN, doubt)]) == [[], []]
    # one copy sure of its L is evidence the other's doubt does not hold
    assert agreeing_copies([_read(VIN, doubt), _read(VIN)]) == [[2], [1]]
    # a doubt the check digit does see (L / 1 differ in the sum) blocks nothing
    seen = {1: {"L": 0.55, "1": 0.40}}
    assert agreeing_copies([_read(VIN, seen), _read(VIN, seen)]) == [[2], [1]]
