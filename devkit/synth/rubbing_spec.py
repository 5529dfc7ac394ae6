"""What a synthetic rubbing sheet is: the strip and sheet specs and the defect names.

:class:`StripSpec` describes one tape strip (the stamped VIN, its letterform, size,
placement and defects), :class:`SheetSpec` the scanned sheet carrying the strips. Sizes in
mm, angles in degrees, blur and noise in px / 0-255. The renderer is
:mod:`devkit.synth.rubbing_sheet`; random specs come from :mod:`devkit.synth.rubbing_random`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

STRIP_DEFECTS = (
    "check_digit",
    "missing_start_symbol",
    "missing_end_symbol",
    "truncated",
    "deformed",
    "shifted",
    "char_too_small",
    "unreadable",
)
DEFECTS = (*STRIP_DEFECTS, "copies_differ")
MIN_CHAR_HEIGHT_MM = 7.0


@dataclass
class StripSpec:
    """One tape strip: the stamped text, its font and size, placement and defects.

    Sizes in mm, angles in degrees (counter-clockwise on the page), ``center_mm`` on the
    sheet from its top-left corner. ``start_symbol``/``end_symbol`` is one of
    :data:`SYMBOLS` or ``None``/``""`` for no symbol. ``defects`` maps a defect name to its
    parameters (see :func:`random_sheet_spec` for the keys).
    """

    vin: str
    font: str = "mono_bold"
    char_height_mm: float = 8.0
    start_symbol: str | None = "★"
    end_symbol: str | None = "★"
    angle_deg: float = 0.0
    center_mm: tuple[float, float] = (105.0, 45.0)
    defects: dict = field(default_factory=dict)
    pitch_ratio: float = 0.8  # character pitch / character height
    tape_height_mm: float = 25.0
    margin_mm: tuple[float, float] = (14.0, 14.0)  # tape beyond the end symbols
    line_offset_mm: float = 0.0  # text line below (+) / above (-) the tape middle
    darkness: float = 0.72  # graphite optical darkness of the tape, 0..1
    char_contrast: float = 0.82  # how much lighter the recessed characters are, 0..1
    rub_angle_deg: float = 55.0  # pencil stroke direction relative to the strip
    maker_letter: str = "V"
    # graphite texture: "streaks" (the default), "crosshatch" (rubbed in two directions),
    # "fine" (short thin strokes, strong grain) or "blotchy" (broad uneven strokes)
    texture: str = "streaks"
    tape_end: str = "auto"  # "auto": straight or serrated; "torn": ragged ends


@dataclass
class SheetSpec:
    """A whole scanned sheet. ``paper_mm`` is (width, height); blur and noise in px / 0-255."""

    strips: list[StripSpec]
    dpi: int = 300
    paper: str = "white"
    paper_mm: tuple[float, float] = (210.0, 148.5)
    blur_px: float = 0.6
    noise_sigma: float = 2.0
    pressure_unevenness: float = 0.25
    jpeg_quality: int | None = None
    seed: int = 0
    form: bool = False  # printed title, border and signature line
    seal: bool = False  # a red inspection seal on free paper (skipped when no room)
    dust: int = 0  # number of dust specks / hairs on the scanner glass
