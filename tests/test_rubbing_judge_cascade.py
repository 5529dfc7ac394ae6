"""The ``unreadable`` cascade (vincheck.rubbing.judge_unreadable): a reading confirmed by
another copy passes, a mark left out between the characters goes to review."""

from __future__ import annotations

from vincheck.findings import CharRead, Shape, Status
from vincheck.rubbing.judge_unreadable import (
    CASCADE,
    legibility,
    read_vin,
    unreadable_finding,
)
from vincheck.rubbing.read import StripRead
from vincheck.rubbing.segment import Glyph
from vincheck.settings import Settings

VIN = "LSVAU2180N2183594"


def _finding(raw: str, scores: list[dict[str, float]], confirmed_by: list[int] = ()):
    cfg = Settings().rubbing
    glyphs = [Glyph(10 * i, 0, 10 * i + 8, 20, 80) for i in range(len(scores))]
    rd = StripRead(glyph_scores=[], start=None, end=None, chars=glyphs, char_scores=scores,
                   raw=raw, confirmed_by=list(confirmed_by))
    reading = read_vin(scores, cfg, confirmed=bool(confirmed_by))
    chosen = reading.chosen
    chars = [CharRead(chosen[i], float(sc.get(chosen[i], 0.0)), (0, 0, 1, 0, 1, 1, 0, 1))
             for i, sc in enumerate(scores)]
    leg = legibility(rd, reading, chars, cfg)
    outline = Shape("polygon", (0, 0, 1, 0, 1, 1, 0, 1))
    return unreadable_finding(rd, reading, leg, chars, cfg, outline, [outline], {}), reading


def _sure(text: str, p: float = 0.97) -> list[dict[str, float]]:
    return [{c: p} for c in text]


def test_a_sure_valid_reading_passes() -> None:
    f, reading = _finding(f"#{VIN}#", _sure(VIN))
    assert f.status is Status.PASS and reading.vin == VIN


def test_a_mark_left_out_inside_the_line_is_for_review() -> None:
    raw = f"#{VIN[:8]}~{VIN[8:]}#"  # a glyph between positions 8 and 9 was dropped
    f, _ = _finding(raw, _sure(VIN))
    assert f.status is Status.REVIEW and "left out" in f.message
    # glyphs dropped beyond the ends (tape, streaks) are no doubt about the VIN
    f, _ = _finding(f"~~#{VIN}#~", _sure(VIN))
    assert f.status is Status.PASS


def test_unsure_characters_confirmed_by_the_other_copy_pass() -> None:
    weak = _sure(VIN, 0.45)  # every character under the confidence limit
    f, reading = _finding(f"#{VIN}#", weak)
    assert f.status is not Status.PASS and reading.vin is None
    f, reading = _finding(f"#{VIN}#", weak, confirmed_by=[2])
    assert f.status is Status.PASS and reading.vin == VIN and "(2)" in f.message


def test_the_cascade_ends_with_a_row_that_always_holds() -> None:
    names = [row[0] for row in CASCADE]
    assert names[0] == "no characters" and names[-1] == "read"
    assert names.index("confirmed by another copy") < names.index("unrepairable or ambiguous")
