"""The :class:`Settings` object, the table of every setting by dotted key (:data:`SPECS`,
read by the dialog, the loader and the CLI) and building settings from a saved dict
value by value, listing what was not taken (:class:`SettingProblem`)."""

from __future__ import annotations

from dataclasses import MISSING, dataclass, field, fields, is_dataclass
from typing import Any

from vincheck.settings.admin import regulation_unlocked
from vincheck.settings.spec import SettingSpec, SettingValueError, setting
from vincheck.settings.tolerances import PhotoSettings, RubbingSettings

OCR_ENGINES = (("glyph", "本项目字形分类器", "own glyph classifier"),
               ("rapidocr", "RapidOCR", "RapidOCR"), ("tesseract", "Tesseract", "Tesseract"))


@dataclass
class Settings:
    """All settings. ``language`` is "zh_CN" (default) or "en"."""

    rubbing: RubbingSettings = field(default_factory=RubbingSettings)
    photo: PhotoSettings = field(default_factory=PhotoSettings)
    language: str = setting("zh_CN", "界面语言", "Language", kind="choice", group="general",
                            choices=(("zh_CN", "简体中文", "简体中文"),
                                     ("en", "English", "English")))
    # path to the tesseract executable; None = search PATH
    tesseract_cmd: str | None = setting(None, "Tesseract 程序", "Tesseract program",
                                        kind="path", optional=True, group="general")
    # decompression-bomb guard (px); A3 at 1200 dpi ~ 70 Mpx
    max_image_pixels: int = setting(150_000_000, "图像最大像素数", "Largest image (pixels)",
                                    lo=1_000_000, hi=2_000_000_000, step=10_000_000,
                                    group="advanced")
    station: str = setting("", "检验站名称", "Station name", group="general")
    # the operator's name: asked at first start, on every record and report
    operator: str = setting("", "操作员姓名", "Operator name", group="general")
    # GUI: dropping a complete case (expected VIN, a rubbing sheet and a photo) starts the
    # check at once
    auto_check_on_drop: bool = setting(True, "拖入完整案件后立即检查",
                                       "Check a dropped complete case at once",
                                       group="general")
    # None = default in the user data directory
    database_path: str | None = setting(None, "记录数据库", "Records database", kind="path",
                                        optional=True, group="general")
    # keep a copy of every input file in a managed folder
    keep_copies: bool = setting(False, "保存输入文件副本", "Keep a copy of every input file",
                                group="general")
    # Rubbing OCR: the first available main engine of this list (rapidocr, tesseract) plus
    # the project's own glyph classifier ("glyph") beside it. Listed first, the classifier
    # also gives the second opinion on unsure glyphs: on the 300-sheet benchmark this read
    # better than RapidOCR alone (tools/bench_rubbing_by_font.py).
    ocr_engines: tuple[str, ...] = setting(("glyph", "rapidocr", "tesseract"), "识别引擎顺序",
                                           "OCR engines in order", kind="list",
                                           choices=OCR_ENGINES, in_dialog=False)
    # Records store and batch (added for vincheck.store / vincheck.batch):
    # wait this long (s) for a database another program holds
    db_busy_timeout_s: float = setting(10.0, "数据库等待时间", "Database busy timeout",
                                       unit="s", lo=0.1, hi=600.0, step=1.0, decimals=1,
                                       group="advanced")
    batch_jobs: int = setting(2, "批量检查并行进程数", "Parallel batch workers", lo=1, hi=64,
                              step=1, group="advanced")  # of `vincheck batch`
    # `vincheck batch --watch`: poll the hot folder every N s
    watch_interval_s: float = setting(2.0, "监视文件夹轮询间隔", "Hot folder poll interval",
                                      unit="s", lo=0.1, hi=3600.0, step=0.5, decimals=1,
                                      group="advanced")
    # a case is ready once its files stopped changing for N s
    watch_settle_s: float = setting(4.0, "文件稳定等待时间", "Hot folder settle time",
                                    unit="s", lo=0.0, hi=3600.0, step=0.5, decimals=1,
                                    group="advanced")
    # Shared records (vincheck.store.postgres): a postgresql:// URL puts this desk's records
    # in one database with other desks (VINCHECK_DATABASE_URL overrides); None = SQLite.
    database_url: str | None = setting(None, "共享记录数据库（postgresql:// 地址）",
                                       "Shared records database (postgresql:// URL)",
                                       kind="text", optional=True, group="advanced")
    # this desk's name beside ``station``; "" = the host name
    workstation: str = setting("", "工作台名称", "Workstation name", group="general")
    # retry a lost database connection this long (s), then report it unreachable
    db_retry_s: float = setting(30.0, "数据库断线重试时间", "Retry a lost database connection",
                                unit="s", lo=0.0, hi=3600.0, step=1.0, decimals=0,
                                group="advanced")
    # a shared batch worker's claim on a case expires after N s (renewed while working)
    claim_ttl_s: float = setting(120.0, "批量任务认领有效期", "Batch claim expiry", unit="s",
                                 lo=5.0, hi=86400.0, step=5.0, decimals=0, group="advanced")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for f in fields(self):
            v = getattr(self, f.name)
            if is_dataclass(v):
                out[f.name] = {g.name: _plain(getattr(v, g.name)) for g in fields(v)}
            else:
                out[f.name] = _plain(v)
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Settings:
        """Settings from a dict as saved; what does not fit is left at its default (see
        :func:`settings_from_dict` for the list of what was reset)."""
        return settings_from_dict(d, unlocked=True)[0]


def _plain(v: Any) -> Any:
    return list(v) if isinstance(v, tuple) else v


def _collect_specs() -> dict[str, SettingSpec]:
    out: dict[str, SettingSpec] = {}

    def walk(cls: type, prefix: str, group: str) -> None:
        inst = cls()
        for f in fields(cls):
            if "spec" not in f.metadata and is_dataclass(getattr(inst, f.name)):
                walk(type(getattr(inst, f.name)), f"{f.name}.", f.name)
                continue
            # a field declared without setting(): typed from its default, kept out of the
            # dialog (tests/test_settings.py asks for a proper declaration)
            spec: SettingSpec = f.metadata.get("spec") or _plain_spec(f.name, getattr(
                inst, f.name))
            default = f.default if f.default is not MISSING else f.default_factory()  # type: ignore[misc]
            out[prefix + f.name] = SettingSpec(**{
                **spec.__dict__, "key": prefix + f.name, "default": default,
                "group": spec.group or group})

    walk(Settings, "", "general")
    return out


def _plain_spec(name: str, default: Any) -> SettingSpec:
    kind = ("bool" if isinstance(default, bool) else "int" if isinstance(default, int)
            else "float" if isinstance(default, float) else "list"
            if isinstance(default, (list, tuple)) else "text")
    return SettingSpec(kind=kind, zh="", en=name, optional=default is None, in_dialog=False)


SPECS: dict[str, SettingSpec] = _collect_specs()
"""Every setting by dotted key, in declaration order (the dialog's and the CLI's order)."""


def get_value(settings: Settings, key: str) -> Any:
    obj: Any = settings
    for part in key.split("."):
        obj = getattr(obj, part)
    return obj


def set_value(settings: Settings, key: str, value: Any) -> None:
    """Set one setting after checking it against its spec (SettingValueError if not)."""
    spec = SPECS[key]
    value = spec.coerce(value)
    *parents, name = key.split(".")
    obj: Any = settings
    for part in parents:
        obj = getattr(obj, part)
    setattr(obj, name, value)


def changed_limits(settings: Settings) -> dict[str, tuple[Any, Any]]:
    """The regulation limits that differ from the regulation: key -> (value, regulation)."""
    return {k: (get_value(settings, k), s.default) for k, s in SPECS.items()
            if s.regulation and get_value(settings, k) != s.default}


@dataclass
class SettingProblem:
    """One value of a settings file that was not taken: ``reason`` is "type", "range",
    "unknown" (no such setting), "locked" (a regulation limit while locked),
    "old_dialog" (a value the old settings dialog wrote by mistake) or "file" (the whole
    file could not be read)."""

    key: str
    reason: str
    value: Any = None
    detail: str = ""

    def text(self, lang: str = "zh_CN") -> str:
        zh = lang.startswith("zh")
        spec = SPECS.get(self.key)
        if self.reason == "file":
            return (f"设置文件无法读取（{self.detail}），全部设置已恢复为默认值" if zh else
                    f"the settings file cannot be read ({self.detail}); every setting is "
                    "back at its default")
        if self.reason == "unknown":
            return (f"未知设置项 {self.key} 已忽略" if zh else
                    f"unknown setting {self.key} ignored")
        assert spec is not None
        back = spec.show(spec.default, lang)
        if self.reason == "locked":
            return (f"{spec.zh} 是法规限值，未经站点管理员解锁不能更改，已恢复为 {back}" if zh
                    else f"{spec.en} is a regulation limit and is locked (ask the station "
                    f"administrator); put back to {back}")
        if self.reason == "old_dialog":
            return (f"{spec.zh}：{spec.show(self.value, lang)} 是旧版设置窗口误写的值，已恢复为 "
                    f"{back}" if zh else f"{spec.en}: {spec.show(self.value, lang)} was written "
                    f"by the old settings dialog by mistake; put back to {back}")
        why = SettingValueError(self.reason, spec, self.value).text(lang)
        return f"{why}，已恢复为 {back}" if zh else f"{why}; put back to {back}"




def settings_from_dict(d: dict[str, Any], *, unlocked: bool | None = None
                       ) -> tuple[Settings, list[SettingProblem]]:
    """Settings from a saved dict, checking every value against its spec; a value that
    does not fit keeps the default and is listed. Keys missing from ``d`` (an older
    file) simply take their defaults."""
    if unlocked is None:
        unlocked = regulation_unlocked()
    s = Settings()
    problems: list[SettingProblem] = []

    def flat(prefix: str, obj: dict[str, Any]) -> None:
        for k, v in obj.items():
            key = prefix + str(k)
            if isinstance(v, dict) and f"{key}." in {s_[:len(key) + 1] for s_ in SPECS}:
                flat(key + ".", v)
            elif key not in SPECS:
                problems.append(SettingProblem(key, "unknown", v))
            else:
                spec = SPECS[key]
                try:
                    value = spec.coerce(v)
                except SettingValueError as exc:
                    problems.append(SettingProblem(key, exc.reason, v))
                    continue
                if spec.regulation and not unlocked and value != spec.default:
                    problems.append(SettingProblem(key, "locked", v))
                    continue
                set_value(s, key, value)

    flat("", d)
    _undo_old_dialog(d, s, problems)
    return s, problems


# The settings dialog of vincheck 0.1 guessed each editor from the setting's name and, on
# OK, wrote plate_detect_side_px 640 -> 10, plate_min_contrast 30 -> 10 and
# min_sharpness_ratio 0.75 -> 0.8. The first is out of range; the other two are valid
# numbers, so they are put back only in a file that carries that dialog's mark.
OLD_DIALOG_VALUES = {"photo.plate_min_contrast": 10.0, "rubbing.min_sharpness_ratio": 0.8}


def _undo_old_dialog(d: dict[str, Any], s: Settings, problems: list[SettingProblem]) -> None:
    side = (d.get("photo") or {}).get("plate_detect_side_px") if isinstance(
        d.get("photo"), dict) else None
    if side != 10:
        return
    for key, bad in OLD_DIALOG_VALUES.items():
        if get_value(s, key) == bad:
            set_value(s, key, SPECS[key].default)
            problems.append(SettingProblem(key, "old_dialog", bad))
