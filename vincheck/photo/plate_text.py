"""Plate text: reading rectified crops with the PP-OCR recogniser and judging whether what
was read looks like a licence-plate number.

Kinds of text (:func:`classify_plate_text`):

* ``cn`` - a full Chinese plate: province character, letter, 5-6 letters/digits
  (blue/yellow 7 characters, new-energy green 8), or 4 and 挂/学/警/港/澳/领/使.
* ``cn_like`` - a Chinese plate whose province character was misread as a Latin letter
  or digit or lost: (one character) letter, 5 letters/digits with at least 3 digits; or
  a province character and 5-7 letters/digits (the letter after it misread).
* ``mixed`` - 4-8 Latin letters and digits with at least one of each (EU, US, BR plates,
  a Chinese plate whose province character was misread or cut off).
* ``letters`` / ``digits`` - 5-8 letters or 4-8 digits only (vanity plates, old US plates;
  also badges, words and numbers on signs, so they need plate-shaped evidence).
* ``none`` - anything else: Chinese words (shop signs), times and dates (timestamps
  burned into surveillance frames), phone numbers and long strings.
"""

from __future__ import annotations

import re
import threading

import cv2
import numpy as np

PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
SUFFIXES = "挂学警港澳领使"
CN_PLATE = re.compile(rf"^[{PROVINCES}][A-Z](?:[A-Z0-9]{{5,6}}|[A-Z0-9]{{4}}[{SUFFIXES}])$")
LATIN = re.compile(r"^[A-Z0-9]{4,8}$")
# a Chinese plate whose province character was read as a Latin letter or digit (川 as M,
# 皖 as W ...) or dropped: [province?] letter, then the 5-character serial, which has at
# most two letters (GA 36), so >= 3 digits ("POLO 1.6", "EXIT 79B" have two)
CN_LIKE = re.compile(r"^[A-Z0-9]?[A-Z](?=(?:[A-Z]*\d){3})[A-Z0-9]{5}$")
# times (12:05, 12:05:33) and dates (2014-04-28, 2014/4/28, 2014年4月) in the raw text
TIME_OR_DATE = re.compile(r"(?<![A-Za-z0-9])\d{1,2}\s*[:：]\s*\d{2}(?:\s*[:：]\s*\d{2})?(?!\d)"
                          r"|\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]")
SEPARATORS = re.compile(r"[\s·•．.\-_:：|'\"“”‘’，,。=+*~`°©®()<>/\\#&^%$@!?;；、]")
# recogniser look-alikes of plate characters (a bracket or bar read for the digit 1)
LOOKALIKES = str.maketrans({"]": "1", "[": "1", "｜": "1", "〇": "0", "○": "0"})

_rec_lock = threading.Lock()
# probability (0-1) of the best province character from which a lost or misread province
# is put back in a plate's text; chosen on the EasyPR plates: all 27 at or above it were
# right, below it right and wrong ones mix (0.0001-0.03). Those plates: the EasyPR photos
# of ../shared/corpus/easypr-general-test as read by `python -m benchmarks.photo --only
# plates` (commit bfadb11), so its plate-text figure on EasyPR is in-sample.
PROVINCE_MIN_PROB = 0.05


def normalise_plate_text(text: str) -> str:
    """Upper case, without separators (·, spaces, dots, dashes, symbols between the state
    and the number) and with bracket look-alikes read as 1."""
    t = text.upper().translate(LOOKALIKES)
    t = SEPARATORS.sub("", t)
    return t


def chinese_serial(t: str) -> str:
    """A Chinese plate's serial never uses the letters I and O (GA 36): after a province
    character and the authority letter they are read as the digits 1 and 0."""
    if len(t) >= 7 and t[0] in PROVINCES:
        return t[:2] + t[2:].replace("O", "0").replace("I", "1")
    return t


def classify_plate_text(raw: str) -> tuple[str, str]:
    """(kind, normalised text) for what the recogniser read; see the module docstring."""
    if TIME_OR_DATE.search(raw):
        return "none", normalise_plate_text(raw)
    t = normalise_plate_text(raw)
    if CN_PLATE.match(cn := chinese_serial(t)):
        return "cn", cn
    core = t
    # a province character read as something else, or a Chinese suffix: drop one non-Latin
    # character at either end
    province = bool(core) and core[0] in PROVINCES
    if core and not core[0].isascii():
        core = core[1:]
    if core and not core[-1].isascii():
        core = core[:-1]
    if not LATIN.match(core):
        return "none", t
    letters = sum(c.isalpha() for c in core)
    digits = len(core) - letters
    if CN_LIKE.match(core) or (province and 5 <= len(core) <= 7):
        return "cn_like", t
    if letters and digits:
        return "mixed", t
    if len(core) >= 5 or not letters:  # (four digits alone need a plate colour: score)
        return ("letters" if letters else "digits"), t
    return "none", t


def _recogniser():
    from vincheck.ocr.rapid import get_rapidocr

    engine = get_rapidocr()
    rec = engine.text_rec
    if rec is None:
        loader = getattr(engine, "_load_rec_model", None)
        rec = loader() if loader else None
    return rec


def read_crops(crops_rgb: list[np.ndarray]) -> list[tuple[str, float]]:
    """(text, confidence 0-1) for each rectified crop (RGB, any width, 48 px high).

    The crops go to the recogniser in one batch padded only to the widest crop (the engine's
    own call pads every crop to 320 px, twice the width of a plate)."""
    if not crops_rgb:
        return []
    rec = _recogniser()
    if rec is None:
        return [("", 0.0)] * len(crops_rgb)
    _, img_h, _ = rec.rec_image_shape
    inputs = [_rec_input(c, img_h)[0] for c in crops_rgb]
    widths = [x.shape[2] for x in inputs]
    max_w = max(widths)
    batch = np.zeros((len(crops_rgb), 3, img_h, max_w), np.float32)
    for i, x in enumerate(inputs):
        batch[i, :, :, :x.shape[2]] = x
    with _rec_lock:
        preds = rec.session(batch)
    lines, _ = rec.postprocess_op(preds, False, wh_ratio_list=[w / img_h for w in widths],
                                  max_wh_ratio=max_w / img_h)
    return [(str(t), float(s)) for t, s in lines]


def _rec_input(crop_rgb: np.ndarray, img_h: int) -> np.ndarray:
    """One crop as the recogniser's 1 x 3 x img_h x W float32 input (W in px: the crop
    scaled to img_h high, at least 8 wide)."""
    w = max(8, int(np.ceil(img_h * crop_rgb.shape[1] / max(1, crop_rgb.shape[0]))))
    bgr = cv2.cvtColor(crop_rgb, cv2.COLOR_RGB2BGR)
    r = cv2.resize(bgr, (w, img_h)).astype(np.float32).transpose(2, 0, 1) / 255.0
    return ((r - 0.5) / 0.5)[None]


def read_province(crop_rgb: np.ndarray) -> tuple[str, float] | None:
    """The province character of a Chinese plate whose reading lost or misread it.

    The crop (RGB, rectified plate line) is read again and the recogniser's probabilities
    of the 31 province characters alone are taken over the time steps before the authority
    letter (the sixth character from the end); returns (character, probability 0-1), or
    None when the reading does not end in an authority letter and a 5-character serial."""
    rec = _recogniser()
    if rec is None:
        return None
    chars = list(rec.postprocess_op.character)
    with _rec_lock:
        probs = rec.session(_rec_input(crop_rgb, rec.rec_image_shape[1]))[0]
    steps = probs.argmax(axis=1)
    runs: list[tuple[int, str]] = []  # (first time step, normalised character)
    for t, k in enumerate(steps):
        if k == 0 or (t > 0 and steps[t - 1] == k):
            continue
        ch = normalise_plate_text(chars[k]) if k < len(chars) else ""
        if ch:
            runs.append((t, ch[0]))
    if len(runs) < 6 or not runs[-6][1].isalpha() or not runs[-6][1].isascii():
        return None
    start = runs[-6][0]
    index = {c: chars.index(c) for c in PROVINCES if c in chars}
    if start == 0 or not index:
        return None
    region = probs[:start]
    best = max(index, key=lambda c: float(region[:, index[c]].max()))
    return best, float(region[:, index[best]].max())


def with_province(text: str, crop_rgb: np.ndarray) -> str:
    """``text`` (a ``cn_like`` reading) with its province character put back from
    :func:`read_province` when that is at least PROVINCE_MIN_PROB sure and the result is a
    full Chinese plate number; else ``text`` unchanged."""
    got = read_province(crop_rgb)
    if got is None or got[1] < PROVINCE_MIN_PROB:
        return text
    fixed = chinese_serial(got[0] + text[-6:])
    return fixed if CN_PLATE.match(fixed) else text
