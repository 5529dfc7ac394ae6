"""The process's shared RapidOCR engine: a call's options do not outlive it.

RapidOCR 3.x keeps ``use_rec=False`` (and the other options of a call) for every later
call. After the rubbing's text-line detection (detection only) a certificate read by OCR
got boxes without text and stopped with AttributeError ('txts') -- seen as a test that
failed only when test_certificate ran after test_rubbing_text_lines."""

from __future__ import annotations

import cv2
import numpy as np

from vincheck.ocr.rapid import get_rapidocr


def _text_image() -> np.ndarray:
    img = np.full((160, 480, 3), 255, np.uint8)  # (the detector scales it to 736 px high)
    cv2.putText(img, "LSVAM4187C2184841", (10, 90), cv2.FONT_HERSHEY_SIMPLEX, 1.0,
                (0, 0, 0), 3)
    return img


def test_a_detection_only_call_leaves_later_reads_whole() -> None:
    engine = get_rapidocr()
    img = _text_image()
    first = engine(img)
    assert first.txts and "4187" in "".join(first.txts)
    boxes_only = engine(img, use_det=True, use_cls=False, use_rec=False)
    assert boxes_only.boxes is not None and getattr(boxes_only, "txts", None) is None
    again = engine(img)  # no options: the defaults again, not the last call's
    assert getattr(again, "txts", None) == first.txts
