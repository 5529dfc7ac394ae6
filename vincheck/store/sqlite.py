"""The embedded engine: every record in one SQLite file on this desk (the default).

Default file: ``vincheck.settings.data_dir() / "records.sqlite3"``, or
``settings.database_path``. One row per case holds the time, desk (station and
workstation), operator, expected VIN, VINs read, kind, colour, verdict and decided verdict
plus the full input and result JSON for re-display; side tables hold every finding, the
operator decisions and each input file's name, path, size and SHA-256 (the queries are in
:mod:`vincheck.store.base`, shared with the PostgreSQL engine). Input files are never
modified; with ``settings.keep_copies`` a copy is kept in
``<database folder>/copies/<sha[:2]>/<sha><ext>``.

Durability: ``journal_mode=WAL`` with ``synchronous=FULL``: every committed record is
fsynced to the write-ahead log before :meth:`Store.record_case` returns, so a crash,
SIGKILL or power cut loses no committed record (NORMAL with WAL could lose the last
commits on power loss). Every write is one transaction. WAL needs every process on one
host: for several desks use the PostgreSQL engine (:mod:`vincheck.store.postgres`).

Failures become :class:`~vincheck.errors.StoreError` with the file name and what to do:
a database locked by another program (after ``busy_timeout``), a file that is not a
SQLite database or fails ``quick_check`` (never overwritten), a schema newer than this
vincheck. The :class:`Store` is safe to share between threads (one lock).
``read_only=True`` opens a file without changing anything in it (``mode=ro``; no
migration), e.g. to copy its records elsewhere.
"""

from __future__ import annotations

import random
import sqlite3
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from vincheck.errors import StoreError
from vincheck.settings import Settings, data_dir
from vincheck.store.base import SUMMARY_COLS, RecordStore
from vincheck.store.migrations import LATEST, MIGRATIONS
from vincheck.store.records import now_iso

T = TypeVar("T")
SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_BUSY_TIMEOUT_S = 10.0
# ``quick_check`` on open reads the whole file (~0.3 s per 50 MB here); larger databases
# skip it and rely on SQLite's page checks, which still raise a clear StoreError.
QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024


def default_db_path(settings: Settings | None = None) -> Path:
    """``settings.database_path`` if set, else ``data_dir()/records.sqlite3``."""
    if settings is not None and settings.database_path:
        return Path(settings.database_path).expanduser()
    return data_dir() / "records.sqlite3"


class _SqliteDb:
    """A :class:`sqlite3.Connection` as :class:`~vincheck.store.base.Db`."""

    dialect = "sqlite"

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    def execute(self, sql: str, args: Any = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, args)

    def executemany(self, sql: str, rows: list[Any]) -> sqlite3.Cursor:
        return self.conn.executemany(sql, rows)


class Store(RecordStore):
    """The records database in one SQLite file. Use as a context manager or call
    :meth:`close`.

    ``path`` overrides ``settings.database_path`` and the default location. The folder is
    created if needed; an existing file must be a healthy vincheck database (``check``:
    run SQLite's ``quick_check`` on open, for files up to 256 MB). ``read_only`` opens an
    existing file without writing anything to it (no migration; schema 2 or later).
    """

    engine = "sqlite"

    def __init__(self, path: str | Path | None = None, settings: Settings | None = None,
                 *, busy_timeout_s: float | None = None, check: bool = True,
                 read_only: bool = False) -> None:
        self.settings = settings or Settings()
        self.path = Path(path).expanduser() if path is not None else default_db_path(settings)
        self.label = str(self.path)
        self.copies_root = self.path.parent / "copies"
        self.read_only = read_only
        self._init_common()
        timeout = busy_timeout_s if busy_timeout_s is not None else getattr(
            self.settings, "db_busy_timeout_s", DEFAULT_BUSY_TIMEOUT_S)
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._check_header()
        if read_only:
            self._open_read_only(timeout)
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"cannot create the folder for the records database "
                             f"{self.path.parent}: {exc.strerror or exc}") from exc
        try:
            conn = sqlite3.connect(str(self.path), timeout=timeout, isolation_level=None,
                                   check_same_thread=False)
        except sqlite3.Error as exc:
            raise self._error(exc) from exc
        self._conn = conn
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(timeout * 1000)}")
            if check and _size(self.path) <= QUICK_CHECK_MAX_BYTES:
                row = conn.execute("PRAGMA quick_check(1)").fetchone()
                if row is None or row[0] != "ok":
                    raise StoreError(self._corrupt_message(f"integrity check: {row and row[0]}"))
            self._preflight()
            mode = _retry_busy(lambda: _set_wal(conn), timeout)
            if str(mode).lower() != "wal":
                raise StoreError(f"records database {self.path}: cannot switch to WAL journal "
                                 f"mode (got {mode}); is it on a network drive? Use a local "
                                 "folder (settings.database_path)")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            _retry_busy(lambda: migrate(conn, LATEST), timeout)
        except StoreError:
            self.close()
            raise
        except sqlite3.Error as exc:
            self.close()
            raise self._error(exc) from exc

    # --- opening, errors, migrations ---------------------------------------------------

    def _open_read_only(self, timeout: float) -> None:
        """``mode=ro``: SQLite reads the file (and its WAL) and writes nothing."""
        if not self.path.is_file():
            raise StoreError(f"no records database at {self.path}")
        try:
            self._conn = sqlite3.connect(f"{self.path.absolute().as_uri()}?mode=ro", uri=True,
                                         timeout=timeout, isolation_level=None,
                                         check_same_thread=False)
            self._preflight()
            version = _schema_version(self.conn)
        except StoreError:
            self.close()
            raise
        except sqlite3.Error as exc:
            self.close()
            raise self._error(exc) from exc
        if version < 2:
            self.close()
            raise StoreError(f"the records database {self.path} has the old schema {version}; "
                             "open it once with this vincheck (e.g. `vincheck report list "
                             "--db FILE`) to update it, then try again")
        if version < 3:  # written by a vincheck before desks and versions
            self.summary_cols = SUMMARY_COLS.replace("workstation", "'' AS workstation")

    def _record_cols(self) -> str:
        if self.summary_cols is SUMMARY_COLS:
            return super()._record_cols()
        return "input_json, result_json, batch_key, app_version, 1, NULL"

    def _check_header(self) -> None:
        """Refuse, before SQLite touches it, a non-empty file that is not SQLite."""
        if not self.path.exists():
            return
        if self.path.is_dir():
            raise StoreError(f"records database {self.path} is a folder, not a file; set "
                             "settings.database_path or --db to a file name")
        try:
            with open(self.path, "rb") as fh:
                head = fh.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise StoreError(f"cannot read the records database {self.path}: "
                             f"{exc.strerror or exc}") from exc
        if head and head != SQLITE_HEADER:
            raise StoreError(self._corrupt_message("file is not a database"))

    def _corrupt_message(self, detail: str) -> str:
        return (f"the records database {self.path} is damaged or not a vincheck database "
                f"({detail}). It was left untouched. Move it aside (keep it: `sqlite3 "
                f"{self.path.name} .recover` may save its records) and start vincheck again "
                "to create a new one, or choose another file with --db / "
                "settings.database_path.")

    def _error(self, exc: sqlite3.Error) -> StoreError:
        msg = str(exc)
        low = msg.lower()
        if "locked" in low or "busy" in low:
            return StoreError(f"the records database {self.path} is locked by another program "
                              f"or vincheck window ({msg}); close it and try again")
        if isinstance(exc, sqlite3.DatabaseError) and (
                "not a database" in low or "malformed" in low or "corrupt" in low):
            return StoreError(self._corrupt_message(msg))
        if "readonly" in low or "read-only" in low or "unable to open" in low:
            return StoreError(f"cannot write the records database {self.path} ({msg}); check "
                              "the folder exists and you may write to it")
        if "disk" in low and "full" in low:
            return StoreError(f"the disk holding {self.path} is full ({msg}); nothing was "
                              "recorded for this case; free space and record again")
        return StoreError(f"records database {self.path}: {msg}")

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise StoreError(f"the records database {self.path} is closed")
        return self._conn

    def _write(self, fn: Callable[[Any], T]) -> T:
        """Run ``fn`` in one write transaction (BEGIN IMMEDIATE ... COMMIT); errors roll
        back."""
        if self.read_only:
            raise StoreError(f"the records database {self.path} is open read-only")
        with self._lock:
            conn = self.conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._error(exc) from exc
            try:
                out = fn(_SqliteDb(conn))
                conn.execute("COMMIT")
                return out
            except BaseException as exc:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
                if isinstance(exc, sqlite3.Error):
                    raise self._error(exc) from exc
                raise

    def _read(self, fn: Callable[[Any], T]) -> T:
        with self._lock:
            try:
                return fn(_SqliteDb(self.conn))
            except sqlite3.Error as exc:
                raise self._error(exc) from exc

    def schema_version(self) -> int:
        return self._read(lambda db: _schema_version(db.conn))

    def _preflight(self) -> None:
        """Before anything is written: refuse a newer schema or another program's
        database (the file is left exactly as it was)."""
        conn = self.conn
        # one read transaction: a snapshot, so that another process creating this database
        # right now cannot commit its tables between the two reads below
        conn.execute("BEGIN")
        try:
            version = _schema_version(conn)
            n = conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type='table' "
                             "AND name NOT LIKE 'sqlite_%' AND name != 'schema_version'"
                             ).fetchone()[0]
        finally:
            conn.execute("COMMIT")
        if version > LATEST:
            raise StoreError(f"the records database {self.path} was written by a newer "
                             f"vincheck (schema {version}, this one knows up to {LATEST}); "
                             "update vincheck or use another file with --db")
        if version == 0:
            # an empty schema_version table alone is ours: another vincheck process is
            # creating this database right now (migrate() makes that table first)
            if n:
                raise StoreError(f"{self.path} is a SQLite database of another program, not "
                                 "vincheck records; it was left untouched. Choose another "
                                 "file with --db or settings.database_path.")

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                try:
                    self._conn.close()
                finally:
                    self._conn = None

    def integrity_check(self) -> str:
        """SQLite's full ``integrity_check`` ("ok" when healthy)."""
        return self._read(lambda db: str(db.execute("PRAGMA integrity_check(1)")
                                         .fetchone()[0]))


def migrate(conn: sqlite3.Connection, target: int = LATEST) -> int:
    """Apply the numbered migrations up to ``target``, each in its own transaction with its
    version row. Returns the version reached. (Tests use a lower target to build old
    databases.)"""
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version ("
                 "version INTEGER NOT NULL, applied_at TEXT NOT NULL)")
    version = _schema_version(conn)
    while version < target:
        nxt = version + 1
        conn.execute("BEGIN IMMEDIATE")
        try:
            if _schema_version(conn) == version:  # another process may have migrated
                MIGRATIONS[nxt](conn)
                conn.execute("INSERT INTO schema_version (version, applied_at) VALUES (?, ?)",
                             (nxt, now_iso()))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        version = _schema_version(conn)
    return version


def _set_wal(conn: sqlite3.Connection) -> str:
    """Switch to WAL unless the file already is (WAL persists in the file); the mode."""
    mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0])
    if mode.lower() == "wal":
        return mode
    return str(conn.execute("PRAGMA journal_mode = WAL").fetchone()[0])


def _retry_busy(step: Callable[[], T], timeout_s: float) -> T:
    """Run ``step`` again while SQLite answers "locked" / "busy", up to ``timeout_s``
    seconds. Two processes creating one database at the same moment can get SQLITE_BUSY
    at once, without the busy handler (switching to WAL, a read lock that cannot be
    promoted); a short wait and another try then succeeds."""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            return step()
        except sqlite3.OperationalError as exc:
            low = str(exc).lower()
            if ("locked" not in low and "busy" not in low) or time.monotonic() > deadline:
                raise
            time.sleep(0.02 + 0.03 * random.random())


def _schema_version(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT name FROM sqlite_master WHERE type='table' "
                       "AND name='schema_version'").fetchone()
    if row is None:
        return 0
    v = conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0]
    return int(v or 0)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
