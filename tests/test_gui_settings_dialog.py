"""The settings dialog is made from the settings' own description: accepting it unchanged
leaves the file byte-for-byte as it was, every value keeps its type, regulation limits
are read-only unless unlocked, labels are Chinese with units."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pytestqt")

from PySide6.QtWidgets import QDialog, QDoubleSpinBox, QLabel, QSpinBox  # noqa: E402

from vincheck.settings import (  # noqa: E402
    SPECS,
    Settings,
    SettingSpec,
    get_value,
    load_settings_checked,
    save_settings,
    set_value,
    settings_json,
)


def random_value(spec: SettingSpec, rng: random.Random) -> Any:
    """A valid value of one setting, as the dialog can show it."""
    if spec.kind == "bool":
        return not spec.default
    if spec.kind == "choice":
        return rng.choice([c[0] for c in spec.choices if c[0] != spec.default])
    if spec.kind == "int":
        return rng.randint(int(spec.lo), int(spec.hi))
    if spec.kind == "float":
        lo = max(spec.lo, 10 ** -spec.decimals) if spec.optional else spec.lo
        return round(rng.uniform(lo, spec.hi), spec.decimals)
    if spec.kind == "path":
        return "/srv/记录/x.sqlite"
    return "第一检验站"


def dialog_specs() -> list[SettingSpec]:
    return [s for s in SPECS.values() if s.in_dialog]


@pytest.fixture
def unlocked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    admin = tmp_path / "admin.json"
    admin.write_text('{"unlock_regulation_limits": true}')
    monkeypatch.setenv("VINCHECK_ADMIN_FILE", str(admin))


def accept_unchanged(qtbot, monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    """Open the window's settings dialog and press OK without touching anything."""
    from tests.gui_support import FakeRunner
    from vincheck.gui.main_window import MainWindow
    from vincheck.gui.settings_dialog import SettingsDialog

    monkeypatch.setattr(SettingsDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    w = MainWindow(runner=FakeRunner(), settings=settings, record=False)
    qtbot.addWidget(w)
    w.prefs.open_dialog()


def test_accepting_unchanged_defaults_keeps_the_file(qtbot, chinese, monkeypatch) -> None:
    path = save_settings(Settings())
    before = path.read_bytes()
    accept_unchanged(qtbot, monkeypatch, load_settings_checked().settings)
    assert path.read_bytes() == before
    s = load_settings_checked().settings
    assert (s.photo.plate_detect_side_px, s.photo.plate_min_contrast,
            s.rubbing.min_sharpness_ratio, s.photo.plate_max_reads) == (640, 30.0, 0.75, 8)
    assert type(s.photo.plate_max_reads) is int


@pytest.mark.parametrize("key", [s.key for s in dialog_specs()])
def test_accepting_unchanged_keeps_the_file_for_every_setting(
        qtbot, english, monkeypatch, unlocked, key: str) -> None:
    """For each setting: a file holding a non-default value of it, written by hand (not
    the program's layout), is byte-for-byte the same after OK."""
    s = Settings()
    set_value(s, key, random_value(SPECS[key], random.Random(key)))
    path = save_settings(s)
    path.write_text(json.dumps(s.to_dict(), ensure_ascii=False), encoding="utf-8")
    before = path.read_bytes()
    accept_unchanged(qtbot, monkeypatch, load_settings_checked().settings)
    assert path.read_bytes() == before


@pytest.mark.parametrize("seed", range(3))
def test_random_valid_values_round_trip_with_their_type(qtbot, english, unlocked,
                                                        seed: int) -> None:
    from vincheck.gui.settings_dialog import SettingsDialog

    rng = random.Random(seed)
    wanted = {s.key: random_value(s, rng) for s in dialog_specs()}
    dlg = SettingsDialog(Settings())
    qtbot.addWidget(dlg)
    for key, value in wanted.items():
        editor = dlg.editor(key)
        if SPECS[key].kind in ("path", "text"):
            line = editor if hasattr(editor, "setText") else dlg._line(key)
            line.setText(value)
        else:
            dlg._set_editor(SPECS[key], editor, value)
    got = dlg.result_settings()
    for key, value in wanted.items():
        assert get_value(got, key) == value, key
        assert type(get_value(got, key)) is type(value), key
    path = save_settings(got)
    back = load_settings_checked(path)
    assert back.problems == [] and back.settings == got
    assert settings_json(back.settings) == path.read_text(encoding="utf-8")


def test_out_of_range_cannot_be_typed(qtbot, english) -> None:
    from vincheck.gui.settings_dialog import SettingsDialog

    dlg = SettingsDialog(Settings())
    qtbot.addWidget(dlg)
    side = dlg.editor("photo.plate_detect_side_px")
    assert isinstance(side, QSpinBox)  # an int stays an int
    assert (side.minimum(), side.maximum()) == (SPECS["photo.plate_detect_side_px"].lo,
                                                SPECS["photo.plate_detect_side_px"].hi)
    side.setValue(10)
    assert side.value() == SPECS["photo.plate_detect_side_px"].lo
    dpi = dlg.editor("rubbing.default_dpi")
    assert dpi.validate("20", 2)[0] != dpi.validate("300", 3)[0]


def test_regulation_limits_are_read_only_until_unlocked(qtbot, english, unlocked) -> None:
    from vincheck.gui.settings_dialog import SettingsDialog

    locked = SettingsDialog(Settings(), unlocked=False)
    qtbot.addWidget(locked)
    for key, spec in SPECS.items():
        if spec.regulation:
            ed = locked.editor(key)
            assert (ed.isReadOnly() if isinstance(ed, (QSpinBox, QDoubleSpinBox))
                    else not ed.isEnabled()), key
    assert not locked.editor("photo.azimuth_tolerance_deg").isReadOnly()
    opened = SettingsDialog(Settings())  # the administrator's file unlocks
    qtbot.addWidget(opened)
    width = opened.editor("photo.print_width_mm")
    assert not width.isReadOnly()
    width.setValue(90.0)
    assert opened.result_settings().photo.print_width_mm == 90.0


def test_labels_are_chinese_with_units_and_no_raw_keys(qtbot, chinese) -> None:
    from vincheck.gui.settings_dialog import SettingsDialog

    dlg = SettingsDialog(Settings())
    qtbot.addWidget(dlg)
    labels = [lab.text() for lab in dlg.findChildren(QLabel) if lab.text()]
    assert any("最小字高（mm）" in t for t in labels)
    assert any("相片长度（mm）" in t for t in labels)
    assert dlg.editor("photo.car_azimuth_deg").suffix() == "°"
    for t in labels:
        assert not re.search(r"[a-z]+_[a-z_]+", t), t  # no dotted / snake_case keys
    assert [dlg.tabs.tabText(i) for i in range(dlg.tabs.count())] == \
        ["常规", "拓印膜（附件 2）", "相片（附件 1）", "高级"]


def test_window_says_what_the_settings_loader_reset(qtbot) -> None:
    from tests.gui_support import FakeRunner
    from vincheck.gui.main_window import MainWindow
    from vincheck.settings import settings_path

    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('{"photo": {"plate_detect_side_px": 10, "plate_max_reads": 8.0}, '
                    '"language": "zh_CN", "weird": 1}', encoding="utf-8")
    w = MainWindow(runner=FakeRunner(), record=False)
    qtbot.addWidget(w)
    text = w.messages.text_plain()
    assert "号牌检测图像长边" in text and "已恢复为 640 px" in text
    assert "未知设置项 weird" in text and ".bad-" in text
    assert w.prefs.settings.photo.plate_detect_side_px == 640
    assert type(w.prefs.settings.photo.plate_max_reads) is int
    assert list(path.parent.glob("settings.json.bad-*"))
