"""What the window remembers between runs apart from the settings: recent cases, whether
the first start (which opens the sample case) has happened, and the window's last place,
size (px, the normal geometry), maximised state and splitter sizes (px).

Kept as JSON next to the settings (``gui_state.json`` in :func:`vincheck.settings.config_dir`)
so that tests with a private config directory never touch the user's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from vincheck.atomic_file import write_text_atomic
from vincheck.settings import config_dir

MAX_RECENT = 10


@dataclass
class GuiState:
    recent: list[str] = field(default_factory=list)  # case JSON paths, newest first
    first_run_done: bool = False
    window: list[int] = field(default_factory=list)  # x, y, width, height (px) or empty
    maximized: bool = False
    splitter: list[int] = field(default_factory=list)  # case | image | result widths (px)

    def add_recent(self, path: str | Path) -> None:
        p = str(Path(path).resolve())
        self.recent = [p, *[r for r in self.recent if r != p]][:MAX_RECENT]


def state_path() -> Path:
    return config_dir() / "gui_state.json"


def load_state() -> GuiState:
    """The saved state; a missing or damaged file gives a fresh one (nothing to lose)."""
    try:
        data = json.loads(state_path().read_text(encoding="utf-8"))
        return GuiState(recent=[str(r) for r in data.get("recent", [])][:MAX_RECENT],
                        first_run_done=bool(data.get("first_run_done", False)),
                        window=_ints(data.get("window"), 4),
                        maximized=bool(data.get("maximized", False)),
                        splitter=_ints(data.get("splitter"), 3))
    except (OSError, ValueError, AttributeError, TypeError):
        return GuiState()


def save_state(state: GuiState) -> None:
    """Write the state; failures are ignored (it is only a convenience)."""
    try:
        p = state_path()
        p.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(p, json.dumps({"recent": state.recent,
                                         "first_run_done": state.first_run_done,
                                         "window": state.window, "maximized": state.maximized,
                                         "splitter": state.splitter},
                                        ensure_ascii=False, indent=2))
    except OSError:
        pass


def _ints(value: object, n: int) -> list[int]:
    """``n`` integers from a saved list, or an empty list when it is not that."""
    if not isinstance(value, list) or len(value) != n:
        return []
    try:
        return [int(v) for v in value]
    except (TypeError, ValueError):
        return []
