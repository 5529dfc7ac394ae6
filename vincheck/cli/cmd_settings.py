"""``vincheck settings``: list, show and change the settings, each checked against its
own description (:data:`vincheck.settings.SPECS`: type, unit, range)."""

from __future__ import annotations

import argparse

from vincheck.errors import ExitCode, UsageError
from vincheck.settings import (
    SPECS,
    SettingValueError,
    admin_file,
    get_value,
    load_settings_checked,
    regulation_unlocked,
    save_settings,
    set_value,
    settings_path,
)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("settings", help="list or change the settings (types and ranges checked)")
    p.add_argument("--lang", choices=("zh_CN", "en"), default="en",
                   help="language of the names (default: en)")
    s = p.add_subparsers(dest="action", metavar="ACTION")
    s.add_parser("list", help="every setting: key, name, value, range (▣ = regulation limit)")
    g = s.add_parser("get", help="print one setting's value")
    g.add_argument("key", help="dotted key, e.g. photo.plate_max_reads")
    st = s.add_parser("set", help="change one setting (refused outside its range)")
    st.add_argument("key")
    st.add_argument("value", help="a number, yes/no, a choice, a path ('' = default)")
    s.add_parser("path", help="where the settings file is")
    p.set_defaults(func=run)


def _spec(key: str):  # noqa: ANN202
    if key not in SPECS:
        raise UsageError(f"no setting {key!r}; `vincheck settings list` shows them all")
    return SPECS[key]


def run(args: argparse.Namespace) -> ExitCode:
    load = load_settings_checked()
    if load.problems:
        print(f"vincheck: warning: {load.message(args.lang)}")
    settings = load.settings
    action = args.action or "list"
    if action == "path":
        print(settings_path())
        print(f"administrator file: {admin_file()} "
              f"({'unlocked' if regulation_unlocked() else 'regulation limits locked'})")
        return ExitCode.OK
    if action == "get":
        spec = _spec(args.key)
        print(spec.show(get_value(settings, args.key), args.lang))
        return ExitCode.OK
    if action == "set":
        spec = _spec(args.key)
        if spec.regulation and not regulation_unlocked():
            raise UsageError(f"{args.key} is a regulation limit; the station administrator "
                             f"must unlock it in {admin_file()} "
                             '({"unlock_regulation_limits": true})')
        try:
            set_value(settings, args.key, spec.parse(args.value))
        except SettingValueError as exc:
            raise UsageError(exc.text(args.lang)) from None
        save_settings(settings)
        print(f"{args.key} = {spec.show(get_value(settings, args.key), args.lang)}")
        return ExitCode.OK
    zh = args.lang.startswith("zh")
    for key, spec in SPECS.items():
        mark = "▣" if spec.regulation else " "
        rng = spec.range_text()
        print(f"{mark} {key:36} {spec.label(args.lang):28} "
              f"{spec.show(get_value(settings, key), args.lang):>16}"
              + (f"   [{rng}]" if rng else ""))
    print("▣ = 法规限值（须管理员解锁）" if zh else
          "▣ = regulation limit (locked unless the station administrator unlocks it)")
    return ExitCode.OK
