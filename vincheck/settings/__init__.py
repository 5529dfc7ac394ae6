"""Settings: every tolerance and threshold as one typed object; defaults = the regulation.

Each field is declared with :func:`setting`, which records in the field's metadata its
kind (int, float, bool, choice, path, text, list), unit, valid range, step, Chinese and
English label and whether it is one of the regulation's own limits. The settings dialog,
the JSON loader (:func:`load_settings_checked`) and the CLI (``vincheck settings``) all
read that one description (:data:`SPECS`); adding a setting is one declaration.

Saved as JSON in the user's config directory (``platformdirs``). A saved file that is
damaged, from an older version or holds values out of range loads what is valid; what was
reset is returned (and shown by the window / printed by the CLI) and the bad file is kept
beside it as ``settings.json.bad-<time>``.

The regulation's limits (88 ± 0.5 × 60 ± 0.5 mm, r 4 ± 0.1 mm, 45°, ⅔, 7 mm, the check
digit) can be changed only when a station administrator unlocks them
(:func:`regulation_unlocked`); otherwise a changed limit in the file is put back.

Modules: :mod:`~vincheck.settings.spec` (what a setting is),
:mod:`~vincheck.settings.tolerances` (the annexes' tolerances),
:mod:`~vincheck.settings.model` (``Settings``, ``SPECS``, from a saved dict),
:mod:`~vincheck.settings.admin` (the administrator's unlock) and
:mod:`~vincheck.settings.files` (where the file is, loading and saving).
"""

from vincheck.settings.admin import ADMIN_FILE_ENV, admin_file, regulation_unlocked
from vincheck.settings.files import (
    SettingsLoad,
    config_dir,
    data_dir,
    load_settings,
    load_settings_checked,
    load_settings_checked_quiet,
    save_settings,
    settings_json,
    settings_path,
)
from vincheck.settings.model import (
    OCR_ENGINES,
    OLD_DIALOG_VALUES,
    SPECS,
    SettingProblem,
    Settings,
    changed_limits,
    get_value,
    set_value,
    settings_from_dict,
)
from vincheck.settings.spec import (
    APP_NAME,
    DPI,
    SHARE,
    UNIT_TEXT,
    SettingSpec,
    SettingValueError,
    setting,
)
from vincheck.settings.tolerances import PhotoSettings, RubbingSettings

__all__ = [
    "ADMIN_FILE_ENV", "APP_NAME", "DPI", "OCR_ENGINES", "OLD_DIALOG_VALUES", "SHARE", "SPECS",
    "UNIT_TEXT", "PhotoSettings", "RubbingSettings", "SettingProblem", "SettingSpec",
    "SettingValueError", "Settings", "SettingsLoad", "admin_file", "changed_limits",
    "config_dir", "data_dir", "get_value", "load_settings", "load_settings_checked",
    "load_settings_checked_quiet", "regulation_unlocked", "save_settings", "set_value", "setting",
    "settings_from_dict", "settings_json", "settings_path",
]
