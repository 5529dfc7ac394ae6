"""The shared engine: every desk's records in one PostgreSQL database (psycopg 3).

Chosen by a connection URL (``postgresql://user@host:5432/vincheck``) in
``settings.database_url``, ``VINCHECK_DATABASE_URL`` or ``--db``. The queries are those
of :mod:`vincheck.store.base`; the schema and its migrations those of
:mod:`vincheck.store.migrations` (applied under an advisory lock, so desks starting at
once migrate once).

Connection loss: every read or write is a function run in one transaction; when the
connection breaks (server restart, network cut, ``pg_terminate_backend``), the store
reconnects and runs the function again, for up to ``retry_s`` seconds (default
``settings.db_retry_s``), then raises :class:`~vincheck.store.records.StoreUnavailable`
saying the database is unreachable and that the write was not made. A write whose COMMIT
was sent but not confirmed is safe to run again: records, decision writes and claims
recognise their own first try (see :mod:`vincheck.store.base`). Nothing committed is
ever lost: PostgreSQL's commit is durable (WAL, ``fsync``) before it is confirmed.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from vincheck.errors import StoreError, UsageError
from vincheck.settings import Settings, data_dir
from vincheck.store.base import RecordStore
from vincheck.store.migrations import LATEST, MIGRATIONS
from vincheck.store.records import StoreUnavailable, now_iso

T = TypeVar("T")
URL_SCHEMES = ("postgresql://", "postgres://")
MIGRATION_LOCK = 7_235_001  # pg_advisory_xact_lock key while migrating
DEFAULT_RETRY_S = 30.0
DEFAULT_CONNECT_TIMEOUT_S = 5


def is_database_url(text: str | Path | None) -> bool:
    return isinstance(text, str) and text.strip().lower().startswith(URL_SCHEMES)


def redact(url: str) -> str:
    """The URL without its password (for messages)."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", url)


class _PgDb:
    """A psycopg connection as :class:`~vincheck.store.base.Db` (``?`` -> ``%s``)."""

    dialect = "postgresql"

    def __init__(self, conn: Any) -> None:
        self.conn = conn

    def execute(self, sql: str, args: Any = ()) -> Any:
        return self.conn.execute(sql.replace("?", "%s"), tuple(args) if args else None)

    def executemany(self, sql: str, rows: list[Any]) -> Any:
        cur = self.conn.cursor()
        cur.executemany(sql.replace("?", "%s"), rows)
        return cur


class PostgresStore(RecordStore):
    """The records in a PostgreSQL database shared by several desks. Safe to share
    between threads (one connection, one lock)."""

    engine = "postgresql"

    def __init__(self, url: str, settings: Settings | None = None, *,
                 retry_s: float | None = None,
                 connect_timeout_s: int = DEFAULT_CONNECT_TIMEOUT_S) -> None:
        try:
            import psycopg
        except ImportError as exc:  # pragma: no cover - a dependency
            raise StoreError("PostgreSQL records need the psycopg package "
                             "(pip install 'psycopg[binary]')") from exc
        self._psycopg = psycopg
        self.settings = settings or Settings()
        self.url = url.strip()
        if not is_database_url(self.url):
            raise UsageError(f"not a PostgreSQL URL: {redact(self.url)!r} "
                             "(postgresql://user@host:port/database)")
        self.label = redact(self.url)
        self.path = None
        self.copies_root = data_dir() / "copies"
        self.retry_s = float(retry_s if retry_s is not None else
                             getattr(self.settings, "db_retry_s", DEFAULT_RETRY_S))
        self.connect_timeout_s = int(connect_timeout_s)
        self._init_common()
        self._lock = threading.RLock()
        self._conn: Any = None
        self._closed = False
        self._write(lambda db: None)  # connect now: a wrong URL fails here, clearly
        self._migrate()

    # --- connection -------------------------------------------------------------------

    def _connect(self) -> Any:
        if self._conn is not None and not self._conn.closed and not self._conn.broken:
            return self._conn
        self._drop()
        self._conn = self._psycopg.connect(self.url, autocommit=True,
                                           connect_timeout=self.connect_timeout_s,
                                           application_name="vincheck")
        return self._conn

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:  # noqa: BLE001 - a broken connection may fail to close
                pass
            self._conn = None

    def close(self) -> None:
        with self._lock:
            self._closed = True
            self._drop()

    def _retryable(self, exc: BaseException) -> bool:
        e = self._psycopg
        if isinstance(exc, e.errors.SerializationFailure | e.errors.DeadlockDetected):
            return True
        if isinstance(exc, e.OperationalError | e.InterfaceError):
            return True
        return self._conn is None or self._conn.closed or bool(self._conn.broken)

    def _run(self, fn: Callable[[Any], T]) -> T:
        if self._closed:
            raise StoreError(f"the records database {self.label} is closed")
        deadline = time.monotonic() + self.retry_s
        delay = 0.2
        with self._lock:
            while True:
                try:
                    conn = self._connect()
                    with conn.transaction():
                        return fn(_PgDb(conn))
                except self._psycopg.Error as exc:
                    if not self._retryable(exc):
                        raise self._error(exc) from exc
                    self._drop()
                    if time.monotonic() + delay > deadline:
                        raise StoreUnavailable(
                            f"the shared records database {self.label} is unreachable "
                            f"({_first_line(exc)}); tried for {self.retry_s:.0f} s. This "
                            "attempt wrote nothing; records committed earlier are safe. Check "
                            "the network and the database server, then try again") from exc
                    time.sleep(delay)
                    delay = min(delay * 2, 2.0)

    _read = _run
    _write = _run

    def _error(self, exc: Exception) -> StoreError:
        return StoreError(f"records database {self.label}: {_first_line(exc)}")

    # --- schema -----------------------------------------------------------------------

    def schema_version(self) -> int:
        return self._read(_schema_version)

    def _migrate(self) -> None:
        def step(db: Any) -> bool:
            """Apply the next migration under the advisory lock; False when up to date."""
            db.execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            db.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                       "version INTEGER NOT NULL, applied_at TEXT NOT NULL)")
            version = _schema_version(db)
            if version > LATEST:
                raise StoreError(f"the records database {self.label} was written by a newer "
                                 f"vincheck (schema {version}, this one knows up to {LATEST}); "
                                 "update vincheck on this desk")
            if version == 0 and db.execute(
                    "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                    "current_schema() AND table_name = 'cases'").fetchone()[0]:
                raise StoreError(f"{self.label} holds a 'cases' table that is not vincheck's; "
                                 "it was left untouched. Use another database or schema")
            if version >= LATEST:
                return False
            MIGRATIONS[version + 1](db)
            db.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                       (version + 1, now_iso()))
            return True

        while self._write(step):
            pass

    def integrity_check(self) -> str:
        """PostgreSQL checks pages itself; this confirms the server answers."""
        return "ok" if self._read(lambda db: db.execute("SELECT 1").fetchone()[0]) == 1 \
            else "no answer"


def _schema_version(db: Any) -> int:
    row = db.execute("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = "
                     "current_schema() AND table_name = 'schema_version'").fetchone()
    if not row[0]:
        return 0
    v = db.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
    return int(v or 0)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
