"""Shared fixtures: a private settings/data directory per test, and the optional corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("VINCHECK_CORPUS", REPO.parent / "shared" / "corpus"))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep every test away from the user's real settings and records."""
    base = tmp_path_factory.mktemp("vincheck-home")
    monkeypatch.setenv("VINCHECK_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("VINCHECK_DATA_DIR", str(base / "data"))
    # the station administrator's file (regulation limits locked unless a test writes it)
    monkeypatch.setenv("VINCHECK_ADMIN_FILE", str(base / "admin.json"))


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """``../shared/corpus`` when present; tests that need it are skipped otherwise."""
    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not present")
    return CORPUS


@pytest.fixture
def chinese(qapp):
    """The GUI's language set to Simplified Chinese for one test, English again after."""
    from vincheck.gui.i18n import set_language

    assert set_language("zh_CN")
    yield
    set_language("en")


@pytest.fixture
def english(qapp):
    """The GUI's language set to English for one test (and after it)."""
    from vincheck.gui.i18n import set_language

    set_language("en")
    yield
    set_language("en")
