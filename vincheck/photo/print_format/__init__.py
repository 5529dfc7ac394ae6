"""Print format of the exterior photo: size 88 x 60 mm and corner radius 4 mm.

On a flatbed scan the print is found on the bed (any rotation), its four straight sides
are located to sub-pixel precision and fitted with lines, and each rounded corner is
fitted with a circle constrained to touch both neighbouring sides (a free Kasa fit is
kept as a cross-check). Sizes come from the distances between opposite side lines and
the scan's DPI. A digital file (picture content to the edges, no bed around it) has no
physical size: only its aspect ratio is checked.

Sub-pixel edges: along each probe (a short segment across the edge) the colour is
projected onto the line from the bed colour (outside) to the print colour just inside,
giving a coverage profile s(t) that is 0 on the bed and 1 on the print. For a blurred
step, the integral of s over a window containing the edge equals the distance from the
edge to the window's inner end (area coverage), so the edge position is exact for any
symmetric blur and for anti-aliased outlines.

All coordinates are pixels of the loaded image (x right, y down); lengths in mm
where named ``_mm``; angles in degrees.

Modules: :mod:`~vincheck.photo.print_format.outline` (the print on the bed),
:mod:`~vincheck.photo.print_format.edges` (sub-pixel edges, line and circle fits),
:mod:`~vincheck.photo.print_format.geometry` (sides, corners, arcs),
:mod:`~vincheck.photo.print_format.measure` (scan or digital, mm, picture) and
:mod:`~vincheck.photo.print_format.judge` (the findings).
"""

from vincheck.photo.print_format.geometry import PrintGeometry, fit_print_geometry
from vincheck.photo.print_format.judge import (
    CORNER_NAMES,
    MAX_ARC_RMS_PX,
    MAX_SIDE_RMS_PX,
    MIN_SIDE_SHARE,
    SIDE_NAMES,
    aspect_window,
    judge_print,
)
from vincheck.photo.print_format.measure import PrintMeasurement, measure_print
from vincheck.photo.print_format.outline import ROUGH_MAX_SIDE, find_print_outline

__all__ = [
    "CORNER_NAMES", "MAX_ARC_RMS_PX", "MAX_SIDE_RMS_PX", "MIN_SIDE_SHARE", "ROUGH_MAX_SIDE",
    "SIDE_NAMES", "PrintGeometry", "PrintMeasurement", "aspect_window", "find_print_outline",
    "fit_print_geometry", "judge_print", "measure_print",
]
