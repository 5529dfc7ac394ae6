"""Settings: defaults equal the regulation; saving and loading; damaged files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vincheck.errors import UsageError
from vincheck.settings import Settings, load_settings, save_settings, settings_path


def test_defaults_are_the_regulation() -> None:
    s = Settings()
    assert s.rubbing.min_char_height_mm == 7.0
    assert (s.photo.print_width_mm, s.photo.print_height_mm) == (88.0, 60.0)
    assert s.photo.print_size_tolerance_mm == 0.5
    assert (s.photo.corner_radius_mm, s.photo.corner_radius_tolerance_mm) == (4.0, 0.1)
    assert s.photo.car_azimuth_deg == 45.0
    assert s.photo.min_fill_ratio < 2 / 3 < s.photo.max_fill_ratio
    assert s.language == "zh_CN"


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    s = Settings()
    s.rubbing.min_char_height_mm = 4.0
    s.photo.azimuth_tolerance_deg = 20.0
    s.language = "en"
    s.ocr_engines = ("tesseract",)
    path = save_settings(s, tmp_path / "s.json")
    back = load_settings(path)
    assert back == s


def test_default_location_follows_environment() -> None:
    # conftest points VINCHECK_CONFIG_DIR at a private folder
    assert load_settings() == Settings()
    save_settings(Settings(operator="张三"))
    assert settings_path().exists()
    assert load_settings().operator == "张三"


def test_unknown_and_missing_keys(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text(json.dumps({"rubbing": {"max_slant_deg": 9, "gone": 1}, "future": 3}))
    s = load_settings(path)
    assert s.rubbing.max_slant_deg == 9
    assert s.rubbing.min_char_height_mm == 7.0


@pytest.mark.parametrize("text", ["{not json", "[1, 2]"])
def test_damaged_file_is_a_clear_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "s.json"
    path.write_text(text)
    with pytest.raises(UsageError, match="damaged"):
        load_settings(path)
