"""The tolerances of the two annexes, declared with their specs: Annex 2 (the VIN rubbing)
and Annex 1 (the exterior photo). Defaults = the regulation."""

from __future__ import annotations

from dataclasses import dataclass

from vincheck.settings.spec import DPI, SHARE, setting


@dataclass
class RubbingSettings:
    """Tolerances for Annex 2 (VIN rubbing). Lengths in mm, angles in degrees."""

    # GB 16735 as commonly cited: characters stamped on the frame are >= 7.0 mm high.
    min_char_height_mm: float = setting(
        7.0, "最小字高", "Minimum character height", unit="mm", lo=1.0, hi=30.0, step=0.1,
        decimals=1, regulation=True)
    # Pitch (centre-to-centre distance of neighbouring characters) may vary by this share of
    # its median before the line counts as deformed: stamping heads are rigid, so a real
    # rubbing varies by a few percent (rubbing over a curved rail, pencil edge); 16 % leaves
    # room for segmentation error of about 1/8 of a cell at 7 mm (a stretch is >= 20 %).
    max_pitch_spread: float = setting(0.16, "字距最大变化", "Maximum spacing variation",
                                      **SHARE)
    # Character heights along the line may differ by this share of the median height
    # (end-to-end trend or a run of three cells). 0.16 rather than 0.12: pencil streaks
    # erode the top or bottom of thin characters by up to ~1/8 of their height on the
    # synthetic scans; a stretched or ramped rubbing (>= 20 %) still exceeds it.
    max_height_spread: float = setting(0.16, "字高最大变化", "Maximum height variation",
                                       **SHARE)
    # Slant (shear) of the characters relative to the line's normal; stamping fonts are
    # upright, a sheared rubbing (tape dragged while rubbing) shows as slant.
    max_slant_deg: float = setting(6.0, "最大倾斜角", "Maximum slant", unit="deg", lo=0.0,
                                   hi=45.0, step=0.5, decimals=1)
    # Aspect (width / height) of the character cells against the stamping font's usual
    # 0.45-0.75: outside means the tape was stretched along or across the line. 1.05, not
    # 0.95 (issue 16): wide die faces (League Mono Wide / Extended in the held-out
    # benchmark) stamp cells of 0.85-0.95; a stretched run is caught by the pitch spread.
    min_char_aspect: float = setting(0.35, "字符宽高比下限", "Minimum character width/height",
                                     lo=0.05, hi=2.0, step=0.01, decimals=2)
    max_char_aspect: float = setting(1.05, "字符宽高比上限", "Maximum character width/height",
                                     lo=0.05, hi=3.0, step=0.01, decimals=2)
    # A doubled impression offset by more than this (mm) counts as shifted; smaller offsets
    # are indistinguishable from the blur of a normal graphite rubbing.
    max_ghost_offset_mm: float = setting(0.4, "重影最大偏移", "Maximum doubled-impression offset",
                                         unit="mm", lo=0.0, hi=5.0, step=0.05, decimals=2)
    # Below this OCR confidence (0-1) a character is flagged for review.
    min_char_confidence: float = setting(0.60, "字符识别置信度下限",
                                         "Minimum reading confidence", **SHARE)
    # A rubbing counts as unreadable (FAIL) when at least this share of its characters are
    # read below ``min_char_confidence`` (a smudged or faint rubbing); fewer unsure
    # characters only ask for review.
    max_illegible_share: float = setting(0.5, "不可识读字符比例上限",
                                         "Maximum share of illegible characters", **SHARE)
    # Default scan resolution when a file carries none and the user gave none (None = unknown).
    default_dpi: float | None = setting(None, "拓印膜默认扫描分辨率",
                                        "Default rubbing scan resolution", kind="float", **DPI)
    # Whether the check digit is mandatory (China, North America: yes).
    require_check_digit: bool = setting(True, "校验位必须正确", "Check digit is mandatory",
                                        regulation=True)
    # A doubled impression is a fainter copy of the strokes at an offset: it counts when the
    # strokes shifted by that offset land on at least this much contrast (share of the
    # strokes' contrast, see measure.shifted_copy). Clean synthetic strips reach <= 0.14,
    # doubled ones (ghost strength 0.45-0.65) 0.33-0.49; benchmarks/rubbing.py reports it.
    min_ghost_score: float = setting(0.22, "重影对比度下限", "Minimum doubled-impression score",
                                     **SHARE)
    # A smear band blurs a run of characters: the edge sharpness (steepest gradients over
    # contrast) of the blurriest run of characters (median of five: one or two soft cells
    # are no smear) over the line's median below this counts as smeared. On the 300-sheet
    # benchmark clean strips stay >= 0.77 and smeared runs (0.8-2 mm motion blur over 3-6
    # characters) reach 0.57-0.73 (chosen there; checked on a second generated set). That
    # benchmark: generated sheets, `python -m benchmarks.rubbing --n 300 --seed 7` as of
    # commit 6dc8179 (sheets of write_dataset, then in tests/synth, now devkit/synth).
    min_sharpness_ratio: float = setting(0.75, "涂抹判定清晰度比下限",
                                         "Minimum sharpness ratio (smear)", **SHARE)


@dataclass
class PhotoSettings:
    """Tolerances for Annex 1 (exterior photo). Lengths in mm, angles in degrees."""

    print_width_mm: float = setting(88.0, "相片长度", "Print width", unit="mm", lo=20.0,
                                    hi=300.0, step=0.5, decimals=1, regulation=True)
    print_height_mm: float = setting(60.0, "相片高度", "Print height", unit="mm", lo=20.0,
                                     hi=300.0, step=0.5, decimals=1, regulation=True)
    print_size_tolerance_mm: float = setting(0.5, "相片尺寸允差", "Print size tolerance",
                                             unit="mm", lo=0.0, hi=10.0, step=0.1,
                                             decimals=2, regulation=True)
    corner_radius_mm: float = setting(4.0, "圆角半径", "Corner radius", unit="mm", lo=0.0,
                                      hi=30.0, step=0.1, decimals=2, regulation=True)
    corner_radius_tolerance_mm: float = setting(0.1, "圆角半径允差", "Corner radius tolerance",
                                                unit="mm", lo=0.0, hi=5.0, step=0.05,
                                                decimals=2, regulation=True)
    # "The vehicle's image occupies two thirds of the photo": read as the vehicle's bounding
    # box area over the picture area; accepted window around 2/3.
    min_fill_ratio: float = setting(0.55, "车辆占比下限", "Minimum vehicle fill",
                                    regulation=True, **SHARE)
    max_fill_ratio: float = setting(0.80, "车辆占比上限", "Maximum vehicle fill",
                                    regulation=True, **SHARE)
    # Required azimuth of the camera around the vehicle (0 = straight at the front face,
    # 90 = the left flank). Car: front-left 45; trailer: rear-left (135).
    car_azimuth_deg: float = setting(45.0, "汽车拍摄方位角", "Car view azimuth", unit="deg",
                                     lo=0.0, hi=360.0, step=1.0, decimals=1, regulation=True)
    trailer_azimuth_deg: float = setting(135.0, "挂车拍摄方位角", "Trailer view azimuth",
                                         unit="deg", lo=0.0, hi=360.0, step=1.0, decimals=1,
                                         regulation=True)
    azimuth_tolerance_deg: float = setting(15.0, "方位角允差", "View azimuth tolerance",
                                           unit="deg", lo=0.0, hi=90.0, step=1.0, decimals=1)
    # Sharpness: variance of the Laplacian on the picture scaled to 1000 px width.
    min_sharpness: float = setting(60.0, "清晰度下限（拉普拉斯方差）",
                                   "Minimum sharpness (Laplacian variance)", lo=0.0,
                                   hi=100000.0, step=5.0, decimals=1)
    # Exposure: share of clipped pixels and mean luminance window (0-255).
    max_clipped_share: float = setting(0.08, "过暗/过亮像素比例上限",
                                       "Maximum clipped pixels", **{**SHARE, "decimals": 3})
    min_mean_luma: float = setting(50.0, "平均亮度下限", "Minimum mean brightness",
                                   unit="grey", lo=0.0, hi=255.0, step=1.0, decimals=1)
    max_mean_luma: float = setting(215.0, "平均亮度上限", "Maximum mean brightness",
                                   unit="grey", lo=0.0, hi=255.0, step=1.0, decimals=1)
    # Minimum score (0-1) for a plate detection to count as a visible plate.
    min_plate_score: float = setting(0.5, "号牌检测得分下限", "Minimum plate detection score",
                                     **SHARE)
    # A plate-like object scoring up to this much below min_plate_score (e.g. a coloured
    # rectangle with character texture that could not be read) is sent to a person (REVIEW)
    # rather than passed silently.
    plate_review_margin: float = setting(0.15, "号牌待核查得分余量", "Plate review margin",
                                         **SHARE)
    # Plate finder (vincheck.photo.plate_candidates): the text detector and the colour
    # rectangles see a copy scaled to this longest side (px). The detector needs ~8 px high
    # characters, so 640 finds plates whose characters are >= 1/80 of the photo's longest
    # side (a US plate at the far end of a 1280 px gate-camera frame) at about half the
    # cost of 800; 512 loses ~5 % of the corpus plates.
    plate_detect_side_px: int = setting(640, "号牌检测图像长边", "Plate detector image side",
                                        unit="px", lo=256, hi=4096, step=32)
    # Least mean text probability (0-1) in a detected line's box; the OCR default 0.5
    # drops US plates behind frames and stickers (they score 0.35-0.55).
    plate_det_box_thresh: float = setting(0.35, "号牌文字框概率下限",
                                          "Plate text box threshold", **SHARE)
    # At most this many candidates are read by the recogniser (~10-20 ms each).
    plate_max_reads: int = setting(8, "号牌候选识读数上限", "Plate candidates read at most",
                                   lo=1, hi=100, step=1)
    # Plates lower than this (px, full resolution) are not looked at: nobody can read them.
    plate_min_height_px: float = setting(8.0, "号牌最小高度", "Minimum plate height",
                                         unit="px", lo=1.0, hi=500.0, step=1.0, decimals=1)
    # A plate-coloured rectangle needs this share of off-colour (character) pixels inside
    # and this grey-level contrast (0-255) between them and the plate colour; a blank plate
    # holder or a painted panel has neither.
    plate_min_mark_share: float = setting(0.06, "号牌字符像素比例下限",
                                          "Minimum plate character share",
                                          **{**SHARE, "decimals": 3})
    plate_min_contrast: float = setting(30.0, "号牌字符对比度下限",
                                        "Minimum plate character contrast", unit="grey",
                                        lo=0.0, hi=255.0, step=1.0, decimals=1)
    # Text read with less confidence (0-1) than this is no evidence of a plate number (the
    # recogniser guesses letters in grilles, leaves and blank holders at 0.1-0.45).
    plate_min_text_confidence: float = setting(0.5, "号牌文字置信度下限",
                                               "Minimum plate text confidence", **SHARE)
    # Below this view confidence (0-1) the angle finding is REVIEW: classical view cues
    # (wheel ellipses, the symmetric face, lamp colours) can disagree on real photos.
    min_view_confidence: float = setting(0.45, "拍摄角度置信度下限",
                                         "Minimum view confidence", **SHARE)
    default_dpi: float | None = setting(None, "相片默认扫描分辨率",
                                        "Default photo scan resolution", kind="float", **DPI)
    # The width (px) the picture is scaled to before the sharpness is measured, so the value
    # does not depend on the scan resolution or the camera (the 1000 px named above).
    sharpness_width_px: float = setting(1000.0, "清晰度测量宽度", "Sharpness measuring width",
                                        unit="px", lo=100.0, hi=8000.0, step=100.0,
                                        decimals=0)
    # Blur verdict: the sharpest edges' blur (Gaussian sigma, px at sharpness_width_px)
    # may not exceed this. An edge-width measure does not grow with sensor noise or film
    # grain as the Laplacian variance does (noise of 2 grey levels alone gives a variance of
    # ~80), so it decides ``blurry``; the Laplacian variance (min_sharpness) is reported
    # beside it. Sharp camera photos read ~0.9-1.0 px; sigma 3 px blur reads ~3.
    max_edge_blur_px: float = setting(2.5, "边缘模糊上限", "Maximum edge blur", unit="px",
                                      lo=0.1, hi=50.0, step=0.1, decimals=2)
    # Body colour: the reading names the colour both annotators gave on only 37 % of the
    # 299 labelled corpus photos (benchmarks.photo_colour: plate-camera close-ups, night
    # shots, colour casts), and its confidence does not tell right from wrong readings. So
    # by default a colour different from the certificate goes to review; with
    # ``color_mismatch_fails`` it fails, from ``min_color_confidence`` (0-1) on (two names
    # can fit one paint: silver reads between white and grey, dark red between red and
    # brown).
    color_mismatch_fails: bool = setting(False, "车身颜色不符判为不合格（否则人工核查）",
                                         "A body colour unlike the papers fails (else review)")
    min_color_confidence: float = setting(0.5, "判定颜色不符的置信度下限",
                                          "Minimum colour confidence to fail", **SHARE)
