"""An unsure full-turn reading that the classical cues confirm is kept out of review
(vincheck.photo.view._cues_agree)."""

from __future__ import annotations

from vincheck.photo.view import AGREE_CONFIDENCE, AGREE_DEG, _cues_agree


def _cues(az: float, conf: float) -> dict:
    return {"steps": [{"step": "cues", "azimuth_deg": az, "confidence": conf}]}


def test_cues_near_the_head_with_confidence_agree() -> None:
    assert _cues_agree(_cues(45.0, 0.62), 43.0)
    assert _cues_agree(_cues(355.0, AGREE_CONFIDENCE), (355.0 + AGREE_DEG) % 360.0)


def test_far_or_weak_or_missing_cues_do_not() -> None:
    assert not _cues_agree(_cues(45.0 + AGREE_DEG + 5, 0.9), 45.0)
    assert not _cues_agree(_cues(45.0, AGREE_CONFIDENCE - 0.05), 45.0)
    assert not _cues_agree(_cues(315.0, 0.9), 45.0)  # the mirror view is no agreement
    assert not _cues_agree({}, 45.0)


def test_agreement_wraps_round_the_full_turn() -> None:
    assert _cues_agree(_cues(358.0, 0.8), 4.0)
