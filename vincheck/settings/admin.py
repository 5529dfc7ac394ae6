"""The station administrator's unlock of the regulation limits: a machine-wide file an
operator's account cannot write."""

from __future__ import annotations

import json
import os
from pathlib import Path

from vincheck.settings.spec import APP_NAME

ADMIN_FILE_ENV = "VINCHECK_ADMIN_FILE"


def admin_file() -> Path:
    """The station administrator's file: ``VINCHECK_ADMIN_FILE`` or ``admin.json`` in the
    machine-wide config folder (``C:\\ProgramData\\vincheck`` on Windows,
    ``/etc/xdg/vincheck`` on Linux), which an operator's account cannot write."""
    env = os.environ.get(ADMIN_FILE_ENV)
    if env:
        return Path(env)
    from platformdirs import site_config_dir

    return Path(site_config_dir(APP_NAME, appauthor=False)) / "admin.json"


def regulation_unlocked() -> bool:
    """True when the administrator's file says ``{"unlock_regulation_limits": true}``."""
    try:
        data = json.loads(admin_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and data.get("unlock_regulation_limits") is True
