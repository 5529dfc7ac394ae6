"""Settings: defaults equal the regulation; saving and loading; damaged files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from vincheck.settings import (
    Settings,
    load_settings,
    load_settings_checked,
    save_settings,
    settings_path,
)


def test_defaults_are_the_regulation() -> None:
    s = Settings()
    assert s.rubbing.min_char_height_mm == 7.0
    assert (s.photo.print_width_mm, s.photo.print_height_mm) == (88.0, 60.0)
    assert s.photo.print_size_tolerance_mm == 0.5
    assert (s.photo.corner_radius_mm, s.photo.corner_radius_tolerance_mm) == (4.0, 0.1)
    assert s.photo.car_azimuth_deg == 45.0
    assert s.photo.min_fill_ratio < 2 / 3 < s.photo.max_fill_ratio
    assert s.language == "zh_CN"


def test_save_and_load_round_trip(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    unlock = tmp_path / "admin.json"
    unlock.write_text('{"unlock_regulation_limits": true}')
    monkeypatch.setenv("VINCHECK_ADMIN_FILE", str(unlock))
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
    load = load_settings_checked(path)
    assert load.settings.rubbing.max_slant_deg == 9.0
    assert isinstance(load.settings.rubbing.max_slant_deg, float)
    assert load.settings.rubbing.min_char_height_mm == 7.0
    assert {(p.key, p.reason) for p in load.problems} == {("rubbing.gone", "unknown"),
                                                          ("future", "unknown")}


@pytest.mark.parametrize("text", ["{not json", "[1, 2]"])
def test_damaged_file_gives_defaults_and_is_kept(tmp_path: Path, text: str) -> None:
    path = tmp_path / "s.json"
    path.write_text(text)
    load = load_settings_checked(path)
    assert load.settings == Settings()
    assert [p.reason for p in load.problems] == ["file"]
    assert load.kept_as is not None and load.kept_as.read_text() == text
    assert "全部设置已恢复为默认值" in load.message("zh_CN")
    assert load_settings_checked(path).problems == []  # said once: the file was repaired


# --- the one description of every setting (vincheck.settings.SPECS) --------------------

def test_every_setting_has_a_kind_chinese_name_and_a_default_inside_its_range() -> None:
    from vincheck.settings import SPECS

    assert len(SPECS) >= 50
    for key, spec in SPECS.items():
        assert spec.kind in ("int", "float", "bool", "choice", "path", "text", "list"), key
        assert spec.zh and spec.en and not spec.zh.isascii(), key
        assert spec.coerce(spec.default) == spec.default, key
        if spec.kind in ("int", "float"):
            assert spec.lo is not None and spec.hi is not None, key
            assert spec.default is None or spec.lo <= spec.default <= spec.hi, key
            assert type(spec.default) is {"int": int, "float": float}[spec.kind] \
                or spec.default is None, key


def test_ints_stay_ints_and_wrong_values_are_refused() -> None:
    from vincheck.settings import SPECS, SettingValueError

    spec = SPECS["photo.plate_max_reads"]
    assert spec.coerce(8.0) == 8 and type(spec.coerce(8.0)) is int
    for bad in (8.5, "8", True, None):
        with pytest.raises(SettingValueError):
            spec.coerce(bad)
    with pytest.raises(SettingValueError, match="outside"):
        SPECS["photo.plate_detect_side_px"].coerce(10)
    assert SPECS["rubbing.min_sharpness_ratio"].parse("0.75") == 0.75
    assert SPECS["photo.color_mismatch_fails"].parse("yes") is True


def test_file_with_out_of_range_wrong_type_and_unknown_keys(tmp_path: Path) -> None:
    """What the old dialog wrote (640 -> 10, 8 -> 8.0) plus a wrong type and a key of
    another version: the valid values are kept, every other one is named and reset, and
    the bad file is kept beside the repaired one."""
    path = tmp_path / "settings.json"
    bad = {"photo": {"plate_detect_side_px": 10, "plate_max_reads": 8.0,
                     "min_plate_score": "high", "azimuth_tolerance_deg": 20},
           "rubbing": {"max_slant_deg": 7.5}, "language": "fr", "old_key": 1, "station": "A站"}
    text = json.dumps(bad)
    path.write_text(text)
    load = load_settings_checked(path)
    s = load.settings
    assert s.photo.plate_detect_side_px == 640 and type(s.photo.plate_detect_side_px) is int
    assert s.photo.plate_max_reads == 8 and type(s.photo.plate_max_reads) is int
    assert s.photo.min_plate_score == 0.5 and s.language == "zh_CN"
    assert (s.photo.azimuth_tolerance_deg, s.rubbing.max_slant_deg, s.station) == \
        (20.0, 7.5, "A站")
    assert {(p.key, p.reason) for p in load.problems} == {
        ("photo.plate_detect_side_px", "range"), ("photo.min_plate_score", "type"),
        ("language", "range"), ("old_key", "unknown")}
    assert s.photo.plate_min_contrast == 30.0  # not in the file: default
    zh = load.message("zh_CN")
    assert "号牌检测图像长边" in zh and "超出范围" in zh and "已恢复为 640 px" in zh
    assert "未知设置项 old_key" in zh and str(load.kept_as) in zh
    assert load.kept_as.name.startswith("settings.json.bad-")
    assert load.kept_as.read_text() == text
    assert "plate_detect_side_px" not in load.message("en") or "outside" in load.message("en")
    assert json.loads(path.read_text())["photo"]["plate_detect_side_px"] == 640


def test_regulation_limits_are_locked_unless_the_administrator_unlocks(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from vincheck.settings import changed_limits, regulation_unlocked

    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"photo": {"print_width_mm": 90.0}}))
    assert not regulation_unlocked()
    load = load_settings_checked(path)
    assert load.settings.photo.print_width_mm == 88.0
    assert [(p.key, p.reason) for p in load.problems] == [("photo.print_width_mm", "locked")]
    admin = tmp_path / "admin.json"
    admin.write_text('{"unlock_regulation_limits": true}')
    monkeypatch.setenv("VINCHECK_ADMIN_FILE", str(admin))
    path.write_text(json.dumps({"photo": {"print_width_mm": 90.0}}))
    load = load_settings_checked(path)
    assert load.problems == [] and load.settings.photo.print_width_mm == 90.0
    assert changed_limits(load.settings) == {"photo.print_width_mm": (90.0, 88.0)}


def test_saving_unchanged_settings_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    path.write_text('{"station": "A站",   "photo": {"plate_max_reads": 8}}')
    before = path.read_bytes()
    save_settings(load_settings(path), path)
    assert path.read_bytes() == before


def test_cli_settings_uses_the_same_description(capsys: pytest.CaptureFixture[str],
                                                monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    from vincheck.cli import main

    assert main(["settings", "set", "photo.plate_max_reads", "12"]) == 0
    assert json.loads(settings_path().read_text())["photo"]["plate_max_reads"] == 12
    assert main(["settings", "set", "photo.plate_max_reads", "8.5"]) == 2
    assert "not a whole number" in capsys.readouterr().err
    assert main(["settings", "set", "photo.plate_detect_side_px", "10"]) == 2
    assert "outside 256–4096" in capsys.readouterr().err
    assert main(["settings", "set", "photo.print_width_mm", "90"]) == 2
    assert "regulation limit" in capsys.readouterr().err
    assert main(["settings", "set", "no.such", "1"]) == 2
    capsys.readouterr()
    assert main(["settings", "--lang", "zh_CN", "list"]) == 0
    out = capsys.readouterr().out
    assert "号牌候选识读数上限" in out and "▣ rubbing.min_char_height_mm" in out
    admin = tmp_path / "admin.json"
    admin.write_text('{"unlock_regulation_limits": true}')
    monkeypatch.setenv("VINCHECK_ADMIN_FILE", str(admin))
    assert main(["settings", "set", "photo.print_width_mm", "90"]) == 0
    assert load_settings().photo.print_width_mm == 90.0


def test_cli_names_what_the_loader_reset(capsys: pytest.CaptureFixture[str]) -> None:
    from vincheck.cli import main

    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text('{"photo": {"plate_detect_side_px": 10}}')
    assert main(["vin", "LSVAM4187C2184847"]) == 0
    err = capsys.readouterr().err
    assert "Plate detector image side: 10 is outside 256–4096; put back to 640 px" in err
    assert "settings.json.bad-" in err


def test_cli_text_gives_advice(capsys: pytest.CaptureFixture[str]) -> None:
    from vincheck.cli.output import advice_line
    from vincheck.findings import Finding, Status

    assert advice_line(Finding("plate_visible", Status.FAIL)) == [
        "      what to do: Remove the number plates and take the photo again."]
    assert advice_line(Finding("plate_visible", Status.PASS)) == []


def test_a_file_the_old_dialog_wrote_is_repaired(tmp_path: Path) -> None:
    """The exact values the old dialog wrote on OK: all four come back to the defaults."""
    path = tmp_path / "settings.json"
    old = Settings().to_dict()
    old["photo"].update(plate_detect_side_px=10.0, plate_min_contrast=10.0,
                        plate_max_reads=8.0)
    old["rubbing"]["min_sharpness_ratio"] = 0.8
    path.write_text(json.dumps(old))
    load = load_settings_checked(path)
    assert load.settings == Settings()
    assert type(load.settings.photo.plate_max_reads) is int
    assert {p.key for p in load.problems} == {"photo.plate_detect_side_px",
                                              "photo.plate_min_contrast",
                                              "rubbing.min_sharpness_ratio"}
    assert "旧版设置窗口误写" in load.message("zh_CN")
    # a file with a deliberately low contrast but no such mark keeps it
    path.write_text(json.dumps({"photo": {"plate_min_contrast": 10.0}}))
    assert load_settings_checked(path).settings.photo.plate_min_contrast == 10.0


def test_two_saves_at_once_do_not_meet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Another process (a second window, ``vincheck settings``) saves the settings while
    this one is between writing its temporary file and renaming it. With one fixed
    temporary name both wrote ``settings.tmp``: the other renamed it away and this save
    failed (FileNotFoundError), or a half-written text could be renamed into place."""
    import os

    path = tmp_path / "settings.json"
    mine, other = Settings(operator="甲"), Settings(operator="乙")
    real_replace = os.replace
    interleaved: list[int] = []

    def the_other_saves_first(src, dst) -> None:  # noqa: ANN001
        if not interleaved:
            interleaved.append(1)
            save_settings(other, path)  # start to end, inside this save
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", the_other_saves_first)
    save_settings(mine, path)
    assert interleaved and load_settings(path) == mine  # the last rename wins, whole
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]  # nothing left over


def test_a_failed_atomic_write_leaves_the_old_file_and_no_temporary_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    from vincheck.atomic_file import write_text_atomic

    path = tmp_path / "gui_state.json"
    path.write_text("old", encoding="utf-8")

    def no_rename(src, dst) -> None:  # noqa: ANN001
        raise PermissionError(13, "in use")

    monkeypatch.setattr(os, "replace", no_rename)
    with pytest.raises(PermissionError):
        write_text_atomic(path, "new")
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["gui_state.json"]
