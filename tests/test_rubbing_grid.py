"""The fixed-pitch second cutting of a strip (vincheck.rubbing.grid) and a start/stop
mark broken into fragments (vincheck.rubbing.read)."""

from __future__ import annotations

import cv2
import numpy as np

from vincheck.rubbing.grid import die_pitch, dot_ink, grid_segmentations, join_dots
from vincheck.rubbing.read import _fragments_as_symbol
from vincheck.rubbing.segment import Glyph, segment_strip

PITCH = 80  # px between character centres
CHAR_H = 100  # px


def _dot_peen_line(n: int = 19, x0: int = 60) -> tuple[np.ndarray, list[int]]:
    """A normalised strip (dark on light, streaky) of ``n`` dot-peen characters: each an
    'H' of separate round dots 12 px apart; returns the image and the cell centres (px)."""
    rng = np.random.default_rng(3)
    h, w = 200, x0 * 2 + PITCH * n
    img = np.full((h, w), 200, np.uint8)
    for k in range(0, w, 9):  # pencil streaks: long thin dark lines
        cv2.line(img, (k, 0), (k + 60, h), int(rng.integers(150, 185)), 1)
    centres = []
    for i in range(n):
        cx = x0 + PITCH // 2 + i * PITCH
        centres.append(cx)
        for y in range(50, 151, 12):
            for x in (cx - 22, cx + 22):
                cv2.circle(img, (x, y), 4, 40, -1, cv2.LINE_AA)
        for x in range(cx - 10, cx + 11, 12):
            cv2.circle(img, (x, 100), 4, 40, -1, cv2.LINE_AA)
    return img, centres


def test_dot_ink_keeps_round_dots_and_drops_streaks() -> None:
    img, centres = _dot_peen_line(5)
    mask = dot_ink(img, CHAR_H)
    assert mask[100, centres[0] - 22] == 1  # a dot
    n, _, stats, _ = cv2.connectedComponentsWithStats(mask, 8)
    sides = np.maximum(stats[1:, 2], stats[1:, 3])
    assert sides.max() <= CHAR_H / 6  # no long streak survives
    assert n - 1 >= 5 * 20  # (9 + 9 + 2) dots per character, nearly all found


def test_die_pitch_is_the_period_of_the_characters_not_of_their_dots() -> None:
    img, _ = _dot_peen_line()
    prof = dot_ink(img, CHAR_H)[40:160].sum(axis=0).astype(np.float64)
    pitch = die_pitch(prof, CHAR_H)
    assert pitch is not None and abs(pitch - PITCH) <= 3
    assert die_pitch(np.zeros(2000), CHAR_H) is None


def test_grid_cuts_a_dot_peen_line_into_its_cells() -> None:
    img, centres = _dot_peen_line()
    seg = segment_strip(img)
    assert seg.glyphs, "the plain segmentation finds at least some glyphs"
    grids = grid_segmentations(seg, img)
    assert grids
    best = min(grids, key=lambda g: abs(len(g.glyphs) - 19))
    assert len(best.glyphs) == 19
    for g, cx in zip(best.glyphs, centres, strict=True):
        assert abs(g.cx - cx) <= 0.25 * PITCH


def test_join_dots_turns_dots_into_strokes() -> None:
    img, centres = _dot_peen_line(3)
    joined = join_dots(img, CHAR_H)
    col = joined[50:151, centres[0] - 22]
    assert (col < 120).all()  # the left bar of the H is one dark stroke
    assert (img[50:151, centres[0] - 22] > 150).any()  # it was not before


def _g(x0: int, x1: int, y0: int = 10, y1: int = 110) -> Glyph:
    return Glyph(x0, y0, x1, y1, (x1 - x0) * (y1 - y0) // 2)


def test_a_mark_broken_in_two_before_the_line_is_taken_whole() -> None:
    chars = [_g(200 + 80 * i, 250 + 80 * i) for i in range(17)]
    pieces = [_g(95, 135, 15, 105), _g(138, 170, 12, 108)]  # an emblem in two parts
    glyphs = [*pieces, *chars]
    mark, used = _fragments_as_symbol(glyphs, [0, 1], chars, "start")
    assert mark is not None and used == {0, 1}
    assert (mark.x0, mark.x1) == (95, 170)


def test_specks_or_a_far_mark_are_not_a_symbol() -> None:
    chars = [_g(200 + 80 * i, 250 + 80 * i) for i in range(17)]
    speck = [_g(150, 160, 50, 60)]  # dirt: far lower than a character
    assert _fragments_as_symbol([*speck, *chars], [0], chars, "start")[0] is None
    far = [_g(10, 60)]  # three pitches before the line: the tape's end, not its mark
    assert _fragments_as_symbol([*far, *chars], [0], chars, "start")[0] is None
    assert _fragments_as_symbol(chars, [], chars, "start") == (None, set())
