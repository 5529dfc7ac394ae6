"""Where to put a label so that it covers none placed before it (window and report).

Boxes are (x0, y0, x1, y1) in px, y down. A label that meets one already placed moves
vertically the least distance, just above or just below one of those it meets; a move
down counts half a label height more than the same move up, so that a label moved off
another stays above its own shape rather than going onto it (a second label on a plate
covered the plate's characters).
"""

from __future__ import annotations

Box = tuple[float, float, float, float]


def _meets(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def free_vertical_offset(box: Box, placed: list[Box], *, gap: float = 1.0,
                         top: float | None = None, bottom: float | None = None,
                         max_move: float | None = None) -> float:
    """The vertical move (px, up < 0) after which ``box`` meets none of ``placed``, keeps
    ``gap`` px from those it was moved off, stays within ``top`` .. ``bottom`` when given
    and moves at most ``max_move``; 0 when no such move exists."""
    def free(dy: float) -> bool:
        moved = (box[0], box[1] + dy, box[2], box[3] + dy)
        if top is not None and moved[1] < top or bottom is not None and moved[3] > bottom:
            return False
        return not any(_meets(moved, p) for p in placed)

    if free(0.0):
        return 0.0
    h = box[3] - box[1]
    beside = [p for p in placed if box[0] < p[2] and p[0] < box[2]]
    tries = sorted({p[1] - gap - box[3] for p in beside} | {p[3] + gap - box[1] for p in beside},
                   key=lambda d: (abs(d) + (0.5 * h if d > 0 else 0.0), d))
    return next((d for d in tries if (max_move is None or abs(d) <= max_move) and free(d)),
                0.0)
