"""Shared fixtures: a private settings/data directory per test, and the optional corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from devkit.corpus import CORPUS

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch):
    """Keep every test away from the user's real settings and records."""
    base = tmp_path_factory.mktemp("vincheck-home")
    monkeypatch.setenv("VINCHECK_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("VINCHECK_DATA_DIR", str(base / "data"))
    # the station administrator's file (regulation limits locked unless a test writes it)
    monkeypatch.setenv("VINCHECK_ADMIN_FILE", str(base / "admin.json"))
    monkeypatch.delenv("VINCHECK_DATABASE_URL", raising=False)
    monkeypatch.delenv("VINCHECK_WORKSTATION", raising=False)


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server for the session (devkit/pg_server.py), or a skip when
    PostgreSQL's binaries or psycopg are not installed (scripts/setup.sh --dev installs
    them)."""
    from devkit.pg_server import start_throwaway

    srv = start_throwaway()
    if srv is None:
        pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
    yield srv
    srv.remove()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a store test keeps its records, once per engine: a new SQLite file, or a new
    empty schema on the throwaway PostgreSQL server."""
    if request.param == "sqlite":
        return str(tmp_path / "db" / "records.sqlite3")
    return request.getfixturevalue("pg_server").fresh_url()


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


@pytest.fixture(scope="module")
def case_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder per test module for the generated GUI case (:func:`case`)."""
    return tmp_path_factory.mktemp("gui-case")


@pytest.fixture
def case(case_dir: Path):
    """A generated car case (sheet and photo, tests/gui_support.py), written afresh for each
    test; a module may define its own ``case`` instead."""
    from tests.gui_support import write_case

    return write_case(case_dir)
