"""Records: every checked case, in the desk's SQLite file or a shared PostgreSQL database.

One interface (:class:`~vincheck.store.base.RecordStore`: record a case, its findings,
files and decisions; search; read back; claims for batch workers), two engines:

- :class:`Store` -- the embedded SQLite file (the default; :mod:`vincheck.store.sqlite`);
- :class:`PostgresStore` -- one PostgreSQL database for several desks and batch workers
  (:mod:`vincheck.store.postgres`), chosen by a connection URL.

:func:`open_store` picks the engine: ``--db`` (a file path or a ``postgresql://`` URL),
else ``VINCHECK_DATABASE_URL``, else ``settings.database_url``, else the SQLite file of
``settings.database_path`` / the data folder. The schema has one definition and one
migration history for both (:mod:`vincheck.store.migrations`).
"""

from __future__ import annotations

import os
from pathlib import Path

from vincheck.settings import Settings
from vincheck.store.base import RecordStore
from vincheck.store.claims import new_worker_id
from vincheck.store.migrations import LATEST, MIGRATIONS
from vincheck.store.postgres import PostgresStore, is_database_url, redact
from vincheck.store.records import (
    SOURCES,
    AlreadyRecorded,
    CaseRecord,
    CaseSummary,
    DecisionConflict,
    FileRecord,
    StoreUnavailable,
    case_input_from_dict,
    case_input_to_dict,
    desk_label,
    hash_file,
    iter_findings,
    now_iso,
    workstation_name,
)
from vincheck.store.sqlite import Store, default_db_path, migrate

__all__ = [
    "LATEST", "MIGRATIONS", "SOURCES", "AlreadyRecorded", "CaseRecord", "CaseSummary",
    "DecisionConflict", "FileRecord", "PostgresStore", "RecordStore", "Store",
    "StoreUnavailable", "case_input_from_dict", "case_input_to_dict", "database_url",
    "default_db_path", "desk_label", "hash_file", "is_database_url", "iter_findings",
    "migrate", "new_worker_id", "now_iso", "open_store", "redact", "workstation_name",
]


def database_url(settings: Settings | None = None) -> str | None:
    """The shared database's URL: ``VINCHECK_DATABASE_URL``, else
    ``settings.database_url``; None for the SQLite file."""
    env = os.environ.get("VINCHECK_DATABASE_URL", "").strip()
    if env:
        return env
    url = str(getattr(settings, "database_url", "") or "").strip()
    return url or None


def open_store(db: str | Path | None = None, settings: Settings | None = None, *,
               retry_s: float | None = None, connect_timeout_s: int = 5) -> RecordStore:
    """Open the records store: ``db`` (a SQLite file path or a PostgreSQL URL) if given,
    else the URL from :func:`database_url`, else the desk's SQLite file.
    ``retry_s`` bounds how long PostgreSQL reads and writes retry a lost connection."""
    target = str(db) if isinstance(db, Path) else db
    if target is None:
        target = database_url(settings)
    if target is not None and is_database_url(target):
        return PostgresStore(str(target), settings=settings, retry_s=retry_s,
                             connect_timeout_s=connect_timeout_s)
    return Store(target, settings=settings)
