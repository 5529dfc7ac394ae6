"""Where settings live (``platformdirs``; overridable by environment) and reading and
writing the JSON file: a damaged or out-of-range file loads what is valid, is kept as
``settings.json.bad-<time>`` and rewritten; saving is atomic."""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from vincheck.atomic_file import write_text_atomic
from vincheck.errors import UsageError
from vincheck.settings.model import SettingProblem, Settings, settings_from_dict
from vincheck.settings.spec import APP_NAME


@dataclass
class SettingsLoad:
    """What :func:`load_settings_checked` found: the settings, what was reset and where
    the bad file was kept (None when the file was fine)."""

    settings: Settings
    problems: list[SettingProblem] = field(default_factory=list)
    kept_as: Path | None = None
    path: Path | None = None

    def message(self, lang: str = "zh_CN") -> str:
        """One paragraph for the user; empty when nothing was reset."""
        if not self.problems:
            return ""
        zh = lang.startswith("zh")
        items = ("；" if zh else "; ").join(p.text(lang) for p in self.problems)
        kept = ""
        if self.kept_as is not None:
            kept = (f"。原文件保存为 {self.kept_as}" if zh else
                    f". The old file is kept as {self.kept_as}")
        return (f"设置文件 {self.path} 中有无效内容：{items}{kept}。" if zh else
                f"Settings file {self.path} had values that could not be used: {items}{kept}.")

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


def load_settings_checked(path: Path | None = None) -> SettingsLoad:
    """Read settings, keeping every valid value. When something had to be reset the file
    is copied to ``<name>.bad-<YYYYmmdd-HHMMSS>`` beside it and rewritten with the values
    in use, so the message is given once. A missing file gives the defaults."""
    path = Path(path) if path is not None else settings_path()
    if not path.exists():
        return SettingsLoad(Settings(), path=path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read the settings file {path}: {exc.strerror or exc}") from exc
    try:
        data = json.loads(raw.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
    except (ValueError, UnicodeDecodeError) as exc:
        settings, problems = Settings(), [SettingProblem("", "file", detail=str(exc))]
    else:
        settings, problems = settings_from_dict(data)
    load = SettingsLoad(settings, problems, path=path)
    if problems:
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        kept = path.with_name(f"{path.name}.bad-{stamp}")
        try:
            kept.write_bytes(raw)
            save_settings(settings, path)
            load.kept_as = kept
        except OSError:
            load.kept_as = None
    return load


def load_settings(path: Path | None = None, *, report: bool = True) -> Settings:
    """Read settings (see :func:`load_settings_checked`); what was reset is printed to
    standard error (in English) unless ``report`` is False."""
    load = load_settings_checked(path)
    if load.problems and report:
        print(f"vincheck: warning: {load.message('en')}", file=sys.stderr)
    return load.settings


def settings_json(settings: Settings) -> str:
    """The text :func:`save_settings` writes (UTF-8, indented, declaration order)."""
    return json.dumps(settings.to_dict(), ensure_ascii=False, indent=2)


def save_settings(settings: Settings, path: Path | None = None) -> Path:
    """Write settings atomically (write to a temporary file, then rename); a file that
    already holds exactly these settings is left untouched."""
    path = Path(path) if path is not None else settings_path()
    text = settings_json(settings)
    try:
        if path.exists() and load_settings_checked_quiet(path) == settings:
            return path
    except (OSError, ValueError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_text_atomic(path, text)


def load_settings_checked_quiet(path: Path) -> Settings | None:
    """The settings a file holds when it holds them without any problem, else None."""
    data = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        return None
    s, problems = settings_from_dict(data, unlocked=True)
    return None if problems else s
