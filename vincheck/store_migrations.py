"""Numbered schema migrations of the records database (:mod:`vincheck.store`).

``MIGRATIONS[n]`` takes a database at schema version ``n - 1`` to version ``n``. Each
migration runs inside the transaction that also records the new version in
``schema_version``, so a crash mid-migration leaves the old version intact. Never edit a
released migration: add a new one.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable


def _run(conn: sqlite3.Connection, script: str) -> None:
    """Run statements one by one (``executescript`` would commit the open transaction)."""
    for stmt in script.split(";"):
        lines = [ln.split("--")[0] for ln in stmt.splitlines()]
        sql = "\n".join(lines).strip()
        if sql:
            conn.execute(sql)


def _v1(conn: sqlite3.Connection) -> None:
    """The first schema: cases, their input files, findings and operator decisions."""
    _run(conn, """
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            created_at TEXT NOT NULL,          -- local time, ISO 8601 with UTC offset
            station TEXT NOT NULL DEFAULT '',
            operator TEXT NOT NULL DEFAULT '',
            source TEXT NOT NULL DEFAULT 'gui',
            expected_vin TEXT,
            vins_read TEXT NOT NULL DEFAULT '', -- read VINs joined by ','
            kind TEXT NOT NULL DEFAULT 'car',
            color TEXT,
            verdict TEXT NOT NULL,
            decided_verdict TEXT NOT NULL,
            reasons TEXT NOT NULL DEFAULT '[]', -- JSON list of codes that did not pass
            n_files INTEGER NOT NULL DEFAULT 0,
            ms REAL NOT NULL DEFAULT 0,
            input_json TEXT NOT NULL,
            result_json TEXT NOT NULL
        );
        CREATE INDEX cases_created ON cases(created_at);
        CREATE INDEX cases_expected_vin ON cases(expected_vin);
        CREATE TABLE case_files (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            role TEXT NOT NULL,                -- 'rubbing' | 'photo'
            name TEXT NOT NULL,
            path TEXT NOT NULL,
            size INTEGER,
            sha256 TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX case_files_case ON case_files(case_id);
        CREATE TABLE findings (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            file TEXT NOT NULL DEFAULT '',     -- '' for case-level findings
            code TEXT NOT NULL,
            status TEXT NOT NULL,
            passed INTEGER NOT NULL,
            measured TEXT,                     -- JSON
            limit_value TEXT,                  -- JSON
            unit TEXT NOT NULL DEFAULT '',
            message TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX findings_case ON findings(case_id);
        CREATE INDEX findings_code ON findings(code);
        CREATE TABLE decisions (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
            code TEXT NOT NULL,
            accepted INTEGER NOT NULL,
            operator TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT '',
            time TEXT NOT NULL DEFAULT '',
            target TEXT NOT NULL DEFAULT ''
        );
        CREATE INDEX decisions_case ON decisions(case_id);
    """)


def _v2(conn: sqlite3.Connection) -> None:
    """Resumable batches (``batch_key``), kept copies of input files, where a finding
    belongs (page / rubbing index), and the vincheck version that wrote the record."""
    _run(conn, """
        ALTER TABLE cases ADD COLUMN batch_key TEXT;
        ALTER TABLE cases ADD COLUMN app_version TEXT NOT NULL DEFAULT '';
        CREATE UNIQUE INDEX cases_batch_key ON cases(batch_key) WHERE batch_key IS NOT NULL;
        ALTER TABLE case_files ADD COLUMN copy_path TEXT NOT NULL DEFAULT '';
        CREATE INDEX case_files_sha ON case_files(sha256);
        ALTER TABLE findings ADD COLUMN target TEXT NOT NULL DEFAULT '';
    """)


MIGRATIONS: dict[int, Callable[[sqlite3.Connection], None]] = {1: _v1, 2: _v2}
LATEST = max(MIGRATIONS)
