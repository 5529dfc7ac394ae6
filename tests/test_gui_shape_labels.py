"""Evidence labels on the image follow the UI language (vincheck.gui.shape_labels)."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("PySide6")
pytestmark = pytest.mark.gui

from vincheck.gui.i18n import set_language  # noqa: E402
from vincheck.gui.shape_labels import WORDS, display_label  # noqa: E402

CJK = re.compile(r"[\u4e00-\u9fff]")


def test_core_label_words_are_translated_numbers_and_texts_kept(chinese) -> None:
    out = display_label("car 0.68 (detector)")
    assert "0.68" in out and CJK.search(out)
    assert "car" not in out and "detector" not in out
    assert display_label("start") != "start" and display_label("end") != "end"
    assert display_label("top_left") != "top_left"
    # the view head's face box: the end read, not the generic "face"
    assert display_label("front face 0.93") == "车头 0.93"
    assert display_label("rear face 0.72") == "车尾 0.72"
    # VINs, plate texts and character reads are left alone (no word inside them changes)
    for text in ("LSVAU2180N2183594", "京A12345", "S 0.97", "#1 LSVAU2180N2183594 (1.00)"):
        assert display_label(text) == text
    # every known word has a Chinese translation
    assert all(CJK.search(display_label(w)) for w in WORDS)


def test_english_ui_keeps_the_words(qapp) -> None:
    set_language("en")
    assert display_label("car 0.68 (detector)") == "car 0.68 (detector)"
    assert display_label("plate anchor") == "plate anchor"


def test_list_values_read_as_words_not_python_lists(chinese) -> None:
    from vincheck.gui.texts import format_value

    # vehicle_cut_off: no side touches the frame / the sides that do
    assert format_value([]) == "无"
    sides = format_value(["left", "top"])
    assert sides.split("、") == [format_value("left"), format_value("top")]  # Chinese comma
    assert CJK.search(sides) and "left" not in sides
    assert "[" not in format_value([4.01, 3.99], "mm")


def test_label_text_is_light_enough_to_read_on_the_dark_label(qapp) -> None:
    from PySide6.QtGui import QColor

    from vincheck.gui.style import LABEL_MIN_LUMA, label_text_colour, luma, role_colour

    strip = role_colour("strip")
    assert luma(strip) < LABEL_MIN_LUMA  # the overlay's own indigo is too dark
    text = label_text_colour(strip)
    assert luma(text) >= LABEL_MIN_LUMA
    assert abs(text.hslHue() - strip.hslHue()) <= 2  # still reads as the strip's colour
    assert luma(label_text_colour(QColor(0, 0, 0))) >= LABEL_MIN_LUMA
    for role in ("vehicle", "plate", "char"):  # colours light enough are kept as they are
        assert label_text_colour(role_colour(role)) == role_colour(role)
