"""Label placement shared by the window and the PDF report (vincheck.label_layout)."""

from __future__ import annotations

from vincheck.label_layout import free_vertical_offset

LABEL = (100.0, 100.0, 160.0, 116.0)  # x0, y0, x1, y1: 16 px high


def test_a_free_label_stays_where_it_is():
    assert free_vertical_offset(LABEL, [(0.0, 0.0, 50.0, 50.0)]) == 0.0
    assert free_vertical_offset(LABEL, []) == 0.0


def test_a_label_on_another_moves_just_above_it():
    other = (90.0, 104.0, 170.0, 120.0)  # 4 px lower: above is 21 px away, below 21 px
    dy = free_vertical_offset(LABEL, [other])
    assert dy == 104.0 - 1.0 - 116.0  # its bottom 1 px above the other's top
    # up is preferred even when down is a little shorter (less than half a label height)
    lower = (90.0, 110.0, 170.0, 126.0)  # up 27 px, down 27 px
    higher = (90.0, 94.0, 170.0, 110.0)  # up 23 px, down 11 px: 11 + 8 < 23, so down
    tie = (90.0, 96.0, 170.0, 112.0)  # up 21 px, down 13 + 8 = 21: up
    assert free_vertical_offset(LABEL, [lower]) < 0
    assert free_vertical_offset(LABEL, [higher]) == 110.0 + 1.0 - 100.0
    assert free_vertical_offset(LABEL, [tie]) == 96.0 - 1.0 - 116.0


def test_bounds_and_the_longest_move():
    at_top = (100.0, 0.0, 160.0, 16.0)
    other = (100.0, 0.0, 160.0, 16.0)
    dy = free_vertical_offset(at_top, [other], top=0.0)
    assert dy > 0  # no room above the picture: it goes below
    stack = [(100.0, 100.0 + 17 * k, 160.0, 116.0 + 17 * k) for k in range(-5, 6)]
    assert free_vertical_offset(LABEL, stack, max_move=40.0) == 0.0  # nowhere near: stays
    assert abs(free_vertical_offset(LABEL, stack)) > 40.0
    # labels side by side do not push each other
    assert free_vertical_offset(LABEL, [(161.0, 100.0, 200.0, 116.0)]) == 0.0
