"""The letterform table's train / held-out split, as the trainer and the generator use it,
and the glyph classifier's record of how it was built."""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from devkit import letterforms as lf

REPO = Path(__file__).resolve().parent.parent


def test_no_family_on_both_sides_and_names_unique() -> None:
    lf.check_split()  # raises on a family on both sides
    sides: dict[str, set[str]] = {}
    for f in lf.LETTERFORMS:
        sides.setdefault(f.family, set()).add(f.split)
    assert all(len(s) == 1 for s in sides.values())


def test_held_out_side_has_the_styles_the_issue_asks_for() -> None:
    tags = {t for f in lf.LETTERFORMS if f.split == lf.HELD_OUT for t in f.tags}
    assert {"dot-peen", "die-struck", "condensed", "wide", "ocr-b-like", "din-like"} <= tags
    # whole held-out families, not just faces of trained families
    held_families = {f.family for f in lf.LETTERFORMS if f.split == lf.HELD_OUT
                     and "style-of-trained-family" not in f.tags}
    assert len(held_families) >= 8
    assert set(lf.symbols(lf.HELD_OUT)) >= {"#", "logo"}


def test_trainer_reads_only_training_faces() -> None:
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import train_glyph_classifier as trainer
    finally:
        sys.path.pop(0)
    used = {Path(p).resolve() for p, _ in trainer.font_files()}
    held = {f.path.resolve() for f in lf.LETTERFORMS if f.split == lf.HELD_OUT and f.path}
    train = {f.path.resolve() for f in lf.available(lf.TRAIN, kind="outline")}
    assert used == train
    assert not used & held
    assert len(used) >= 20, "install the font packages of devkit.letterforms.APT_PACKAGES"


def test_generator_renders_every_available_letterform_and_mark() -> None:
    from devkit.synth.rubbing_font import MORE_SYMBOLS, SYMBOLS, render_glyph, render_symbol

    for f in lf.available():
        if f.name in ("grid5x7", "vector_strokes"):  # drawn by the trainer only
            continue
        m = render_glyph(f.name, "M", 60)
        assert m.shape[0] == 60 and 0.2 < m.shape[1] / 60 <= f.max_width + 0.02, f.name
        assert m.max() > 0.8, f.name
    for s in (*SYMBOLS, *MORE_SYMBOLS):
        m = render_symbol(s, 60, 8.0, "V")
        assert m.shape[0] > 30 and m.max() > 0.8, s


def test_dot_peen_style_is_separate_round_dots() -> None:
    import cv2

    from devkit.styles import dot_peen

    m = (dot_peen("E", 94) > 0.5).astype(np.uint8)
    n, _lab, stats, _ = cv2.connectedComponentsWithStats(m, connectivity=8)
    assert n - 1 >= 10  # an E of separate dots, not joined strokes
    areas = stats[1:, cv2.CC_STAT_AREA]
    assert areas.max() < 4 * np.median(areas)


def test_classifier_record_matches_the_shipped_model() -> None:
    meta = json.loads((REPO / "vincheck/data/glyph_classifier.json").read_text())
    onnx = (REPO / "vincheck/data/glyph_classifier.onnx").read_bytes()
    assert meta["onnx_sha256"] == hashlib.sha256(onnx).hexdigest()
    assert "tools/train_glyph_classifier.py" in meta["training_command"]
    split = meta["letterform_split"]
    assert split["table"] == "devkit/letterforms.py"
    assert not set(split["train_families"]) & set(split["held_out_families"])
    table = lf.split_summary()
    assert set(split["held_out_families"]) == set(table[lf.HELD_OUT])


@pytest.mark.parametrize("name", ["dot_peen_round", "die_struck"])
def test_held_out_drawn_styles_are_not_in_the_trainer(name: str) -> None:
    # the trainer and the modules holding its glyph sources and augmentation
    for path in ("tools/train_glyph_classifier.py", "devkit/glyph_sources.py",
                 "devkit/glyph_augment.py"):
        text = (REPO / path).read_text()
        assert "devkit.styles" not in text and "dot_peen" not in text, path
        assert "die_struck" not in text, path
    assert lf.by_name(name).split == lf.HELD_OUT


@pytest.mark.slow
def test_trainer_renders_the_same_crops_for_the_same_seed() -> None:
    sys.path.insert(0, str(REPO / "tools"))
    try:
        import train_glyph_classifier as trainer
    finally:
        sys.path.pop(0)
    x1, y1 = trainer.build_dataset(2, 5)
    x2, y2 = trainer.build_dataset(2, 5)
    x3, _ = trainer.build_dataset(2, 6)
    assert np.array_equal(y1, y2) and np.array_equal(x1, x2)
    assert not np.array_equal(x1, x3)
