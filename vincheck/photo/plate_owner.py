"""Which plates are on the vehicle photographed and which on other vehicles (px geometry).

Annex 1 asks that the vehicle photographed carries no plate. A plate on another vehicle
in the background is not against that rule, but it is still a plate in the photo, so it
goes to review instead of failing (:func:`vincheck.photo.plates.judge_plates`).

Reading applied, with the main vehicle's box (x, y, w, h px) from the vehicle locator: a
plate is on another vehicle when its centre lies no lower than the box's bottom edge and
either left or right of the box, or in the box's top :data:`TOP_SHARE`. A plate sits in
a bumper, on a boot lid or a tailgate, never on the roof or the glass. When the box
reaches the top of the picture the vehicle's top is unknown and only the sides count (a
rear close-up cut off above the boot lid has its plate near the box's top). A plate whose
centre lies below the box's bottom edge is nearer the camera than the vehicle found, so
it counts as on the vehicle photographed: the locator then missed that vehicle, as it can
at night with headlamp glare.

Measured on the labelled corpus photos (``tests/labels``, the locator's own box): the
295 plates found on the labelled main vehicle lie 0.32 or more of the box height below
its top and 0.07-0.93 of its width across. None is called another vehicle's. Of the 11
plates found off the labelled main vehicle, 10 are: background cars, cars beside it and
the car behind.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from vincheck.findings import PlateRead
from vincheck.photo.vehicle_detected import frame_sides

TOP_SHARE = 0.2  # top share of the vehicle box's height where no plate of its own sits


def plate_centre(plate: PlateRead) -> tuple[float, float]:
    """Centre (x, y px) of a plate's outline: 4 corners, or an (x, y, w, h) box."""
    b = plate.box
    if len(b) == 4:
        return float(b[0] + b[2] / 2), float(b[1] + b[3] / 2)
    pts = np.asarray(b, dtype=float).reshape(-1, 2)
    return float(pts[:, 0].mean()), float(pts[:, 1].mean())


def on_vehicle(plate: PlateRead, box: tuple[float, float, float, float],
               top_known: bool = True) -> bool:
    """True when ``plate`` can be on the vehicle in ``box`` (x, y, w, h px);
    ``top_known`` False: the box's top edge is the picture's, not the vehicle's."""
    cx, cy = plate_centre(plate)
    x, y, w, h = box
    if cy > y + h:
        return True  # below the vehicle found: nearer the camera than it
    beside = cx < x or cx > x + w
    return not (beside or (top_known and cy < y + TOP_SHARE * h))


def mark_owners(plates: list[PlateRead], box: tuple[float, float, float, float] | None,
                size: tuple[int, int]) -> list[PlateRead]:
    """The plates with ``on_vehicle`` set for the main vehicle's ``box`` (x, y, w, h px) in
    a picture of ``size`` (w, h px); unchanged (``on_vehicle`` None: every plate counts)
    when no vehicle was found."""
    if box is None or box[2] <= 0 or box[3] <= 0:
        return list(plates)
    top_known = "top" not in frame_sides(box, size)
    return [replace(p, on_vehicle=on_vehicle(p, box, top_known)) for p in plates]
