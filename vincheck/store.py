"""Records: every checked case in an embedded SQLite database.

Default file: ``vincheck.settings.data_dir() / "records.sqlite3"``, or
``settings.database_path``. One row per case holds the time, station, operator, expected
VIN, VINs read, kind, colour, verdict and decided verdict plus the full input and result
JSON for re-display; side tables hold every finding, the operator decisions and each
input file's name, path, size and SHA-256. Input files are never modified; with
``settings.keep_copies`` a copy is kept in ``<database folder>/copies/<sha[:2]>/<sha><ext>``.

Durability: ``journal_mode=WAL`` with ``synchronous=FULL``: every committed record is
fsynced to the write-ahead log before :meth:`Store.record_case` returns, so a crash,
SIGKILL or power cut loses no committed record (NORMAL with WAL could lose the last
commits on power loss). Every write is one transaction.

Failures become :class:`~vincheck.errors.StoreError` with the file name and what to do:
a database locked by another program (after ``busy_timeout``), a file that is not a
SQLite database or fails ``quick_check`` (never overwritten), a schema newer than this
vincheck. The :class:`Store` is safe to share between threads (one lock).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from vincheck import __version__
from vincheck.errors import StoreError, UsageError
from vincheck.findings import CaseResult, Decision, Finding
from vincheck.inspection import CaseInput
from vincheck.settings import Settings, data_dir
from vincheck.store_migrations import LATEST, MIGRATIONS

SQLITE_HEADER = b"SQLite format 3\x00"
DEFAULT_BUSY_TIMEOUT_S = 10.0
# ``quick_check`` on open reads the whole file (~0.3 s per 50 MB here); larger databases
# skip it and rely on SQLite's page checks, which still raise a clear StoreError.
QUICK_CHECK_MAX_BYTES = 256 * 1024 * 1024
SOURCES = ("gui", "batch", "cli")


def default_db_path(settings: Settings | None = None) -> Path:
    """``settings.database_path`` if set, else ``data_dir()/records.sqlite3``."""
    if settings is not None and settings.database_path:
        return Path(settings.database_path).expanduser()
    return data_dir() / "records.sqlite3"


@dataclass
class CaseSummary:
    """One row of a search: what a history table or a CSV export shows.

    ``time`` is local time, ISO 8601 with UTC offset; ``vins_read`` the distinct VINs the
    rubbings read; ``reasons`` the codes of findings that did not pass.
    """

    id: int
    time: str
    expected_vin: str | None
    vins_read: list[str]
    kind: str
    verdict: str
    decided_verdict: str
    station: str
    operator: str
    n_files: int
    color: str | None = None
    reasons: list[str] = field(default_factory=list)
    source: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {k: (list(v) if isinstance(v, list) else v) for k, v in self.__dict__.items()}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CaseSummary:
        return cls(
            id=int(d["id"]), time=str(d.get("time", "")),
            expected_vin=d.get("expected_vin") or None,
            vins_read=list(d.get("vins_read") or []), kind=str(d.get("kind", "car")),
            verdict=str(d.get("verdict", "")), decided_verdict=str(d.get("decided_verdict", "")),
            station=str(d.get("station", "")), operator=str(d.get("operator", "")),
            n_files=int(d.get("n_files", 0)), color=d.get("color") or None,
            reasons=list(d.get("reasons") or []), source=str(d.get("source", "")),
        )


@dataclass
class FileRecord:
    """One input file of a case: ``size`` in bytes (None if it was missing)."""

    role: str
    name: str
    path: str
    size: int | None
    sha256: str
    copy_path: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> FileRecord:
        return cls(role=d["role"], name=d["name"], path=d["path"], size=d.get("size"),
                   sha256=d.get("sha256", ""), copy_path=d.get("copy_path", ""))


@dataclass
class CaseRecord:
    """Everything stored for one case (what a JSON export holds)."""

    summary: CaseSummary
    case_input: CaseInput
    result: CaseResult
    files: list[FileRecord]
    batch_key: str | None = None
    app_version: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "summary": self.summary.to_dict(),
            "input": case_input_to_dict(self.case_input),
            "result": self.result.to_dict(),
            "files": [f.to_dict() for f in self.files],
            "batch_key": self.batch_key,
            "app_version": self.app_version,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CaseRecord:
        return cls(
            summary=CaseSummary.from_dict(d["summary"]),
            case_input=case_input_from_dict(d["input"]),
            result=CaseResult.from_dict(d["result"]),
            files=[FileRecord.from_dict(f) for f in d.get("files", [])],
            batch_key=d.get("batch_key"),
            app_version=d.get("app_version", ""),
        )

    def meta(self) -> dict[str, Any]:
        """The plain dict :meth:`Store.get_case` returns beside input and result."""
        s = self.summary
        return {
            "id": s.id, "time": s.time, "station": s.station, "operator": s.operator,
            "source": s.source, "verdict": s.verdict, "decided_verdict": s.decided_verdict,
            "batch_key": self.batch_key, "app_version": self.app_version,
            "files": [f.to_dict() for f in self.files],
        }


def case_input_to_dict(ci: CaseInput) -> dict[str, Any]:
    return {"rubbing_files": list(ci.rubbing_files), "photo_files": list(ci.photo_files),
            "expected_vin": ci.expected_vin, "kind": ci.kind, "color": ci.color, "dpi": ci.dpi}


def case_input_from_dict(d: dict[str, Any]) -> CaseInput:
    return CaseInput(rubbing_files=list(d.get("rubbing_files", [])),
                     photo_files=list(d.get("photo_files", [])),
                     expected_vin=d.get("expected_vin"), kind=d.get("kind", "car"),
                     color=d.get("color"), dpi=d.get("dpi"))


def hash_file(path: str | Path) -> tuple[int, str]:
    """(size in bytes, SHA-256 hex) of a file, read in 1 MiB blocks."""
    import hashlib

    h = hashlib.sha256()
    size = 0
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
            size += len(block)
    return size, h.hexdigest()


def now_iso() -> str:
    """Local time with UTC offset, second precision (sorts as text within one offset)."""
    return datetime.now().astimezone().isoformat(timespec="seconds")


def _bound(value: str | date | datetime | None, *, upper: bool) -> str | None:
    """A date-range bound as text comparable with ``created_at``. A date (or
    ``YYYY-MM-DD`` text) as an upper bound includes that whole day."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.astimezone().isoformat(timespec="seconds") if value.tzinfo else \
            value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return (value + timedelta(days=1)).isoformat() if upper else value.isoformat()
    text = str(value).strip()
    try:
        d = date.fromisoformat(text)
    except ValueError:
        try:
            return _bound(datetime.fromisoformat(text), upper=upper)
        except ValueError as exc:
            raise UsageError(f"not a date: {text!r} (use YYYY-MM-DD)") from exc
    return _bound(d, upper=upper)


class Store:
    """The records database. Use as a context manager or call :meth:`close`.

    ``path`` overrides ``settings.database_path`` and the default location. The folder is
    created if needed; an existing file must be a healthy vincheck database (``check``:
    run SQLite's ``quick_check`` on open, for files up to 256 MB).
    """

    def __init__(self, path: str | Path | None = None, settings: Settings | None = None,
                 *, busy_timeout_s: float | None = None, check: bool = True) -> None:
        self.settings = settings or Settings()
        self.path = Path(path).expanduser() if path is not None else default_db_path(settings)
        timeout = busy_timeout_s if busy_timeout_s is not None else getattr(
            self.settings, "db_busy_timeout_s", DEFAULT_BUSY_TIMEOUT_S)
        self._lock = threading.RLock()
        self._conn: sqlite3.Connection | None = None
        self._check_header()
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
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"records database {self.path}: cannot switch to WAL journal "
                                 f"mode (got {mode}); is it on a network drive? Use a local "
                                 "folder (settings.database_path)")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            migrate(conn, LATEST)
        except StoreError:
            self.close()
            raise
        except sqlite3.Error as exc:
            self.close()
            raise self._error(exc) from exc

    # --- opening, errors, migrations ---------------------------------------------------

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

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE ... COMMIT); errors roll back."""
        with self._lock:
            conn = self.conn
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise self._error(exc) from exc
            try:
                yield conn
                conn.execute("COMMIT")
            except BaseException as exc:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.Error:
                    pass
                if isinstance(exc, sqlite3.Error):
                    raise self._error(exc) from exc
                raise

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self.conn
            except sqlite3.Error as exc:
                raise self._error(exc) from exc

    def schema_version(self) -> int:
        with self._read() as conn:
            return _schema_version(conn)

    def _preflight(self) -> None:
        """Before anything is written: refuse a newer schema or another program's
        database (the file is left exactly as it was)."""
        conn = self.conn
        version = _schema_version(conn)
        if version > LATEST:
            raise StoreError(f"the records database {self.path} was written by a newer "
                             f"vincheck (schema {version}, this one knows up to {LATEST}); "
                             "update vincheck or use another file with --db")
        if version == 0:
            n = conn.execute("SELECT COUNT(*) FROM sqlite_master WHERE type='table' "
                             "AND name NOT LIKE 'sqlite_%'").fetchone()[0]
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

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- writing ----------------------------------------------------------------------

    def record_case(self, case_input: CaseInput, result: CaseResult, *, station: str = "",
                    operator: str = "", source: str = "gui", batch_key: str | None = None,
                    hashes: dict[str, tuple[int, str]] | None = None,
                    created_at: str | None = None) -> int:
        """Save one checked case; returns its id.

        ``station``/``operator`` default to the settings' names when empty. ``hashes`` maps
        a file path to (size, SHA-256) already computed (e.g. by the batch); other files
        are hashed here. A file that no longer exists is recorded with size None and an
        empty hash. A ``batch_key`` already recorded raises StoreError.
        """
        if source not in SOURCES:
            raise UsageError(f"unknown record source {source!r} (one of {', '.join(SOURCES)})")
        files = self._file_records(case_input, hashes or {})
        station = station or self.settings.station
        operator = operator or self.settings.operator
        created = created_at or now_iso()
        verdict = str(result.verdict)
        decided = str(result.decided_verdict())
        with self._tx() as conn:
            if batch_key is not None and conn.execute(
                    "SELECT 1 FROM cases WHERE batch_key = ?", (batch_key,)).fetchone():
                raise StoreError(f"batch case {batch_key} is already recorded in {self.path}")
            cur = conn.execute(
                "INSERT INTO cases (created_at, station, operator, source, expected_vin, "
                "vins_read, kind, color, verdict, decided_verdict, reasons, n_files, ms, "
                "input_json, result_json, batch_key, app_version) "
                "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (created, station, operator, source, result.expected_vin or None,
                 ",".join(result.vins_read), result.kind, result.color, verdict, decided,
                 json.dumps(result.reasons), len(files), float(result.ms),
                 json.dumps(case_input_to_dict(case_input), ensure_ascii=False),
                 json.dumps(result.to_dict(), ensure_ascii=False), batch_key, __version__))
            case_id = int(cur.lastrowid or 0)
            conn.executemany(
                "INSERT INTO case_files (case_id, role, name, path, size, sha256, copy_path) "
                "VALUES (?,?,?,?,?,?,?)",
                [(case_id, f.role, f.name, f.path, f.size, f.sha256, f.copy_path)
                 for f in files])
            conn.executemany(
                "INSERT INTO findings (case_id, file, target, code, status, passed, measured, "
                "limit_value, unit, message) VALUES (?,?,?,?,?,?,?,?,?,?)",
                [(case_id, file, target, f.code, str(f.status), int(f.passed),
                  _json_or_none(f.measured), _json_or_none(f.limit), f.unit, f.message)
                 for file, target, f in iter_findings(result)])
            self._insert_decisions(conn, case_id, result.decisions)
        return case_id

    def _file_records(self, ci: CaseInput,
                      hashes: dict[str, tuple[int, str]]) -> list[FileRecord]:
        out: list[FileRecord] = []
        for role, paths in (("rubbing", ci.rubbing_files), ("photo", ci.photo_files)):
            for p in paths:
                size: int | None
                if p in hashes:
                    size, sha = hashes[p]
                else:
                    try:
                        size, sha = hash_file(p)
                    except OSError:
                        size, sha = None, ""
                copy = self._keep_copy(p, sha) if sha and self.settings.keep_copies else ""
                out.append(FileRecord(role=role, name=Path(p).name,
                                      path=str(Path(p).absolute()), size=size, sha256=sha,
                                      copy_path=copy))
        return out

    def copies_dir(self) -> Path:
        return self.path.parent / "copies"

    def _keep_copy(self, src: str, sha: str) -> str:
        """Copy ``src`` to ``copies/<sha[:2]>/<sha><ext>`` once (temp file + rename)."""
        dest = self.copies_dir() / sha[:2] / (sha + Path(src).suffix.lower())
        if dest.exists():
            return str(dest)
        try:
            dest.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=dest.parent, suffix=".part")
            os.close(fd)
            shutil.copyfile(src, tmp)
            os.replace(tmp, dest)
        except OSError as exc:
            raise StoreError(f"cannot keep a copy of {src} in {dest.parent}: "
                             f"{exc.strerror or exc}") from exc
        return str(dest)

    def _insert_decisions(self, conn: sqlite3.Connection, case_id: int,
                          decisions: list[Decision]) -> None:
        conn.executemany(
            "INSERT INTO decisions (case_id, code, accepted, operator, note, time, target) "
            "VALUES (?,?,?,?,?,?,?)",
            [(case_id, d.code, int(d.accepted), d.operator, d.note, d.time or now_iso(),
              d.target) for d in decisions])

    def update_decisions(self, case_id: int, decisions: list[Decision]) -> None:
        """Replace the case's operator decisions (the full current list) and its decided
        verdict, in one transaction."""
        with self._tx() as conn:
            row = conn.execute("SELECT result_json FROM cases WHERE id = ?",
                               (case_id,)).fetchone()
            if row is None:
                raise StoreError(f"no case {case_id} in {self.path}")
            result = CaseResult.from_dict(json.loads(row[0]))
            stamped = [Decision(**{**d.to_dict(), "time": d.time or now_iso()})
                       for d in decisions]
            result.decisions = stamped
            conn.execute("DELETE FROM decisions WHERE case_id = ?", (case_id,))
            self._insert_decisions(conn, case_id, stamped)
            conn.execute("UPDATE cases SET decided_verdict = ?, result_json = ? WHERE id = ?",
                         (str(result.decided_verdict()),
                          json.dumps(result.to_dict(), ensure_ascii=False), case_id))

    # --- reading ----------------------------------------------------------------------

    _SUMMARY_COLS = ("id, created_at, expected_vin, vins_read, kind, verdict, decided_verdict, "
                     "station, operator, n_files, color, reasons, source")

    @staticmethod
    def _summary(row: tuple[Any, ...]) -> CaseSummary:
        return CaseSummary(
            id=int(row[0]), time=row[1], expected_vin=row[2],
            vins_read=[v for v in (row[3] or "").split(",") if v], kind=row[4],
            verdict=row[5], decided_verdict=row[6], station=row[7], operator=row[8],
            n_files=int(row[9]), color=row[10], reasons=json.loads(row[11] or "[]"),
            source=row[12])

    def get_record(self, case_id: int) -> CaseRecord:
        """Everything stored for one case; StoreError if there is no such case."""
        with self._read() as conn:
            row = conn.execute(f"SELECT {self._SUMMARY_COLS}, input_json, result_json, "
                               "batch_key, app_version FROM cases WHERE id = ?",
                               (int(case_id),)).fetchone()
            if row is None:
                raise StoreError(f"no case {case_id} in the records database {self.path}")
            files = [FileRecord(*r) for r in conn.execute(
                "SELECT role, name, path, size, sha256, copy_path FROM case_files "
                "WHERE case_id = ? ORDER BY id", (int(case_id),))]
        n = len(self._SUMMARY_COLS.split(","))
        try:
            ci = case_input_from_dict(json.loads(row[n]))
            result = CaseResult.from_dict(json.loads(row[n + 1]))
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"case {case_id} in {self.path} has a damaged result ({exc})") \
                from exc
        return CaseRecord(summary=self._summary(row[:n]), case_input=ci, result=result,
                          files=files, batch_key=row[n + 2], app_version=row[n + 3] or "")

    def get_case(self, case_id: int) -> tuple[CaseInput, CaseResult, dict[str, Any]]:
        """(input, result, meta) of one case; meta has id, time, station, operator, source,
        verdict, decided_verdict, batch_key, app_version and files (name, path, size,
        sha256, role, copy_path)."""
        rec = self.get_record(case_id)
        return rec.case_input, rec.result, rec.meta()

    def search(self, vin: str | None = None, date_from: str | date | datetime | None = None,
               date_to: str | date | datetime | None = None, verdict: str | None = None,
               limit: int | None = 500) -> list[CaseSummary]:
        """Cases newest first. ``vin`` matches part of the expected VIN or of a VIN read,
        case-insensitively; dates are inclusive (a date ``date_to`` includes that whole
        day); ``verdict`` (pass / fail / review) matches the decided verdict."""
        where: list[str] = []
        args: list[Any] = []
        if vin and vin.strip():
            pat = "%" + _like_escape(vin.strip().upper().replace(" ", "")) + "%"
            where.append("(UPPER(COALESCE(expected_vin, '')) LIKE ? ESCAPE '\\' "
                         "OR UPPER(vins_read) LIKE ? ESCAPE '\\')")
            args += [pat, pat]
        lo, hi = _bound(date_from, upper=False), _bound(date_to, upper=True)
        if lo:
            where.append("created_at >= ?")
            args.append(lo)
        if hi:
            where.append("created_at < ?" if len(hi) == 10 else "created_at <= ?")
            args.append(hi)
        if verdict:
            v = verdict.strip().lower()
            if v not in ("pass", "fail", "review"):
                raise UsageError(f"unknown verdict {verdict!r} (pass, fail or review)")
            where.append("decided_verdict = ?")
            args.append(v)
        sql = f"SELECT {self._SUMMARY_COLS} FROM cases"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY created_at DESC, id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        with self._read() as conn:
            return [self._summary(r) for r in conn.execute(sql, args)]

    def get_summary(self, case_id: int) -> CaseSummary:
        """The summary row of one case (cheaper than :meth:`get_record`)."""
        with self._read() as conn:
            row = conn.execute(f"SELECT {self._SUMMARY_COLS} FROM cases WHERE id = ?",
                               (int(case_id),)).fetchone()
        if row is None:
            raise StoreError(f"no case {case_id} in the records database {self.path}")
        return self._summary(row)

    def count(self) -> int:
        with self._read() as conn:
            return int(conn.execute("SELECT COUNT(*) FROM cases").fetchone()[0])

    def has_batch_key(self, key: str) -> bool:
        return self.find_batch_key(key) is not None

    def find_batch_key(self, key: str) -> int | None:
        """The id of the case recorded under a batch key, or None."""
        with self._read() as conn:
            row = conn.execute("SELECT id FROM cases WHERE batch_key = ?", (key,)).fetchone()
        return None if row is None else int(row[0])

    def findings_of(self, case_id: int) -> list[dict[str, Any]]:
        """The stored findings rows of a case (file, target, code, status, passed,
        measured, limit, unit, message), in order."""
        with self._read() as conn:
            rows = conn.execute(
                "SELECT file, target, code, status, passed, measured, limit_value, unit, "
                "message FROM findings WHERE case_id = ? ORDER BY id", (int(case_id),))
            return [{"file": r[0], "target": r[1], "code": r[2], "status": r[3],
                     "passed": bool(r[4]), "measured": _json_load(r[5]),
                     "limit": _json_load(r[6]), "unit": r[7], "message": r[8]} for r in rows]

    def integrity_check(self) -> str:
        """SQLite's full ``integrity_check`` ("ok" when healthy)."""
        with self._read() as conn:
            return str(conn.execute("PRAGMA integrity_check(1)").fetchone()[0])


def iter_findings(result: CaseResult) -> Iterator[tuple[str, str, Finding]]:
    """(file, target, finding) for every finding of a case, in the order and with the
    target names of :meth:`CaseResult.targeted_findings` (``"case"``, ``"<file>"``,
    ``"<file>#r<n>"``, ...), which operator decisions refer to; case-level findings have
    file ''."""
    files: list[str] = ["" for _ in result.findings]
    for s in result.sheets:
        files += [s.file for r in s.rubbings for _ in r.findings]
        files += [s.file for _ in s.findings]
    for p in result.photos:
        files += [p.file for _ in p.findings]
    for file, (target, f) in zip(files, result.targeted_findings(), strict=True):
        yield file, target, f


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


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _json_or_none(v: Any) -> str | None:
    if v is None:
        return None
    from vincheck.findings import _jsonable

    return json.dumps(_jsonable(v), ensure_ascii=False)


def _json_load(text: str | None) -> Any:
    return None if text is None else json.loads(text)
