"""Settings: every tolerance and threshold as one typed object; defaults = the regulation.

Saved as JSON in the user's config directory (``platformdirs``); unknown keys in a saved
file are ignored and missing keys take their defaults, so old files keep working.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from vincheck.errors import UsageError

APP_NAME = "vincheck"


@dataclass
class RubbingSettings:
    """Tolerances for Annex 2 (VIN rubbing). Lengths in mm, angles in degrees."""

    # GB 16735 as commonly cited: characters stamped on the frame are >= 7.0 mm high.
    min_char_height_mm: float = 7.0
    # Pitch (centre-to-centre distance of neighbouring characters) may vary by this share of
    # its median before the line counts as deformed: stamping heads are rigid, so a real
    # rubbing varies by a few percent (rubbing over a curved rail, pencil edge); 16 % leaves
    # room for segmentation error of about 1/8 of a cell at 7 mm (a stretch is >= 20 %).
    max_pitch_spread: float = 0.16
    # Character heights along the line may differ by this share of the median height
    # (end-to-end trend or a run of three cells). 0.16 rather than 0.12: pencil streaks
    # erode the top or bottom of thin characters by up to ~1/8 of their height on the
    # synthetic scans; a stretched or ramped rubbing (>= 20 %) still exceeds it.
    max_height_spread: float = 0.16
    # Slant (shear) of the characters relative to the line's normal; stamping fonts are
    # upright, a sheared rubbing (tape dragged while rubbing) shows as slant.
    max_slant_deg: float = 6.0
    # Aspect (width / height) of the character cells against the stamping font's usual
    # 0.45-0.75: outside means the tape was stretched along or across the line. 1.05, not
    # 0.95 (issue 16): wide die faces (League Mono Wide / Extended in the held-out
    # benchmark) stamp cells of 0.85-0.95; a stretched run is caught by the pitch spread.
    min_char_aspect: float = 0.35
    max_char_aspect: float = 1.05
    # A doubled impression offset by more than this (mm) counts as shifted; smaller offsets
    # are indistinguishable from the blur of a normal graphite rubbing.
    max_ghost_offset_mm: float = 0.4
    # Below this OCR confidence (0-1) a character is flagged for review.
    min_char_confidence: float = 0.60
    # A rubbing counts as unreadable (FAIL) when at least this share of its characters are
    # read below ``min_char_confidence`` (a smudged or faint rubbing); fewer unsure
    # characters only ask for review.
    max_illegible_share: float = 0.5
    # Default scan resolution when a file carries none and the user gave none (None = unknown).
    default_dpi: float | None = None
    # Whether the check digit is mandatory (China, North America: yes).
    require_check_digit: bool = True
    # A doubled impression is a fainter copy of the strokes at an offset: it counts when the
    # strokes shifted by that offset land on at least this much contrast (share of the
    # strokes' contrast, see measure.shifted_copy). Clean synthetic strips reach <= 0.14,
    # doubled ones (ghost strength 0.45-0.65) 0.33-0.49; benchmarks/rubbing.py reports it.
    min_ghost_score: float = 0.22
    # A smear band blurs a run of characters: the edge sharpness (steepest gradients over
    # contrast) of the blurriest run of characters (median of five: one or two soft cells
    # are no smear) over the line's median below this counts as smeared. On the 300-sheet
    # benchmark clean strips stay >= 0.77 and smeared runs (0.8-2 mm motion blur over 3-6
    # characters) reach 0.57-0.73 (chosen there; checked on a second generated set).
    min_sharpness_ratio: float = 0.75


@dataclass
class PhotoSettings:
    """Tolerances for Annex 1 (exterior photo). Lengths in mm, angles in degrees."""

    print_width_mm: float = 88.0
    print_height_mm: float = 60.0
    print_size_tolerance_mm: float = 0.5
    corner_radius_mm: float = 4.0
    corner_radius_tolerance_mm: float = 0.1
    # "The vehicle's image occupies two thirds of the photo": read as the vehicle's bounding
    # box area over the picture area; accepted window around 2/3.
    min_fill_ratio: float = 0.55
    max_fill_ratio: float = 0.80
    # Required azimuth of the camera around the vehicle (0 = straight at the front face,
    # 90 = the left flank). Car: front-left 45; trailer: rear-left (135).
    car_azimuth_deg: float = 45.0
    trailer_azimuth_deg: float = 135.0
    azimuth_tolerance_deg: float = 15.0
    # Sharpness: variance of the Laplacian on the picture scaled to 1000 px width.
    min_sharpness: float = 60.0
    # Exposure: share of clipped pixels and mean luminance window (0-255).
    max_clipped_share: float = 0.08
    min_mean_luma: float = 50.0
    max_mean_luma: float = 215.0
    # Minimum score (0-1) for a plate detection to count as a visible plate.
    min_plate_score: float = 0.5
    # A plate-like object scoring up to this much below min_plate_score (e.g. a coloured
    # rectangle with character texture that could not be read) is sent to a person (REVIEW)
    # rather than passed silently.
    plate_review_margin: float = 0.15
    # Plate finder (vincheck.photo.plate_candidates): the text detector and the colour
    # rectangles see a copy scaled to this longest side (px). The detector needs ~8 px high
    # characters, so 640 finds plates whose characters are >= 1/80 of the photo's longest
    # side (a US plate at the far end of a 1280 px gate-camera frame) at about half the
    # cost of 800; 512 loses ~5 % of the corpus plates.
    plate_detect_side_px: int = 640
    # Least mean text probability (0-1) in a detected line's box; the OCR default 0.5
    # drops US plates behind frames and stickers (they score 0.35-0.55).
    plate_det_box_thresh: float = 0.35
    # At most this many candidates are read by the recogniser (~10-20 ms each).
    plate_max_reads: int = 8
    # Plates lower than this (px, full resolution) are not looked at: nobody can read them.
    plate_min_height_px: float = 8.0
    # A plate-coloured rectangle needs this share of off-colour (character) pixels inside
    # and this grey-level contrast (0-255) between them and the plate colour; a blank plate
    # holder or a painted panel has neither.
    plate_min_mark_share: float = 0.06
    plate_min_contrast: float = 30.0
    # Text read with less confidence (0-1) than this is no evidence of a plate number (the
    # recogniser guesses letters in grilles, leaves and blank holders at 0.1-0.45).
    plate_min_text_confidence: float = 0.5
    # Below this view confidence (0-1) the angle finding is REVIEW: classical view cues
    # (wheel ellipses, the symmetric face, lamp colours) can disagree on real photos.
    min_view_confidence: float = 0.45
    default_dpi: float | None = None
    # The width (px) the picture is scaled to before the sharpness is measured, so the value
    # does not depend on the scan resolution or the camera (the 1000 px named above).
    sharpness_width_px: float = 1000.0
    # Blur verdict: the sharpest edges' blur (Gaussian sigma, px at sharpness_width_px)
    # may not exceed this. An edge-width measure does not grow with sensor noise or film
    # grain as the Laplacian variance does (noise of 2 grey levels alone gives a variance of
    # ~80), so it decides ``blurry``; the Laplacian variance (min_sharpness) is reported
    # beside it. Sharp camera photos read ~0.9-1.0 px; sigma 3 px blur reads ~3.
    max_edge_blur_px: float = 2.5
    # Body colour: the reading names the colour both annotators gave on only 37 % of the
    # 299 labelled corpus photos (benchmarks.photo_colour: plate-camera close-ups, night
    # shots, colour casts), and its confidence does not tell right from wrong readings. So
    # by default a colour different from the certificate goes to review; with
    # ``color_mismatch_fails`` it fails, from ``min_color_confidence`` (0-1) on (two names
    # can fit one paint: silver reads between white and grey, dark red between red and
    # brown).
    color_mismatch_fails: bool = False
    min_color_confidence: float = 0.5


@dataclass
class Settings:
    """All settings. ``language`` is "zh_CN" (default) or "en"."""

    rubbing: RubbingSettings = field(default_factory=RubbingSettings)
    photo: PhotoSettings = field(default_factory=PhotoSettings)
    language: str = "zh_CN"
    tesseract_cmd: str | None = None  # path to the tesseract executable; None = search PATH
    max_image_pixels: int = 150_000_000  # decompression-bomb guard (px); A3 at 1200 dpi ~ 70 Mpx
    station: str = ""
    operator: str = ""
    database_path: str | None = None  # None = default in the user data directory
    keep_copies: bool = False  # keep a copy of every input file in a managed folder
    # Rubbing OCR: the first available main engine of this list (rapidocr, tesseract) plus
    # the project's own glyph classifier ("glyph") beside it. Listed first, the classifier
    # also gives the second opinion on unsure glyphs: on the 300-sheet benchmark this read
    # better than RapidOCR alone (tools/bench_rubbing_by_font.py).
    ocr_engines: tuple[str, ...] = ("glyph", "rapidocr", "tesseract")
    # Records store and batch (added for vincheck.store / vincheck.batch):
    db_busy_timeout_s: float = 10.0  # wait this long (s) for a database another program holds
    batch_jobs: int = 2  # parallel worker processes of `vincheck batch`
    watch_interval_s: float = 2.0  # `vincheck batch --watch`: poll the hot folder every N s
    watch_settle_s: float = 4.0  # a case is ready once its files stopped changing for N s

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["ocr_engines"] = list(self.ocr_engines)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Settings:
        s = cls()
        for sub_name, sub_cls in (("rubbing", RubbingSettings), ("photo", PhotoSettings)):
            sub = d.get(sub_name) or {}
            known = {f.name for f in fields(sub_cls)}
            setattr(s, sub_name, sub_cls(**{k: v for k, v in sub.items() if k in known}))
        for f in fields(cls):
            if f.name in ("rubbing", "photo") or f.name not in d:
                continue
            value = d[f.name]
            if f.name == "ocr_engines":
                value = tuple(value)
            setattr(s, f.name, value)
        return s


def config_dir() -> Path:
    """Directory for settings (``VINCHECK_CONFIG_DIR`` overrides, e.g. in tests)."""
    env = os.environ.get("VINCHECK_CONFIG_DIR")
    if env:
        return Path(env)
    from platformdirs import user_config_dir

    return Path(user_config_dir(APP_NAME, appauthor=False))


def data_dir() -> Path:
    """Directory for records and kept copies (``VINCHECK_DATA_DIR`` overrides)."""
    env = os.environ.get("VINCHECK_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def settings_path() -> Path:
    return config_dir() / "settings.json"


def load_settings(path: Path | None = None) -> Settings:
    """Read settings; a missing file gives the defaults, a broken one a clear error."""
    path = path or settings_path()
    if not path.exists():
        return Settings()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        return Settings.from_dict(data)
    except (ValueError, TypeError) as exc:
        raise UsageError(
            f"settings file {path} is damaged ({exc}); fix it or delete it to use the defaults"
        ) from exc


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write settings atomically (write to a temporary file, then rename)."""
    path = path or settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(settings.to_dict(), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(tmp, path)
    return path
