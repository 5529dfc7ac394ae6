"""The records interface both engines share: every query is written once here.

An engine (:mod:`vincheck.store.sqlite`, :mod:`vincheck.store.postgres`) supplies a
connection adapter (``execute`` / ``executemany`` with ``?`` placeholders, ``dialect``)
and runs a function in a read or a write transaction (:meth:`RecordStore._read`,
:meth:`RecordStore._write`); the PostgreSQL engine retries such a function after a lost
connection, so every write here is idempotent on retry: a record carries a unique ``uid``
chosen before the first try, a decision write an ``update_uid``, a claim its worker id.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from vincheck import __version__
from vincheck.errors import StoreError, UsageError
from vincheck.findings import CaseResult, Decision
from vincheck.inspection import CaseInput
from vincheck.settings import Settings
from vincheck.store.claims import ClaimsMixin
from vincheck.store.reading import SUMMARY_COLS, Db, ReadingMixin
from vincheck.store.records import (
    SOURCES,
    AlreadyRecorded,
    CaseRecord,
    CaseSummary,
    DecisionConflict,
    FileRecord,
    case_input_to_dict,
    desk_label,
    hash_file,
    iter_findings,
    json_or_none,
    now_iso,
    workstation_name,
)

T = TypeVar("T")


class RecordStore(ClaimsMixin, ReadingMixin):
    """Record cases, their findings, files and decisions; search and read them back
    (:class:`~vincheck.store.reading.ReadingMixin`).

    Subclasses set ``settings``, ``label`` (the database as messages name it) and
    ``copies_root`` and implement ``_read``, ``_write``, ``close`` and
    ``schema_version``. ``engine`` is "sqlite" or "postgresql".
    """

    engine = ""
    settings: Settings
    label: str
    copies_root: Path
    summary_cols: str = SUMMARY_COLS

    def _init_common(self) -> None:
        self._seen_versions: dict[int, int] = {}
        self.workstation = workstation_name(self.settings)

    # --- engine hooks -----------------------------------------------------------------

    def _read(self, fn: Callable[[Db], T]) -> T:
        raise NotImplementedError

    def _write(self, fn: Callable[[Db], T]) -> T:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def schema_version(self) -> int:
        raise NotImplementedError

    def __enter__(self) -> RecordStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def shared(self) -> bool:
        """True for a database several machines write to (PostgreSQL)."""
        return self.engine == "postgresql"

    # --- writing ----------------------------------------------------------------------

    def record_case(self, case_input: CaseInput, result: CaseResult, *, station: str = "",
                    operator: str = "", source: str = "gui", batch_key: str | None = None,
                    hashes: dict[str, tuple[int, str]] | None = None,
                    created_at: str | None = None, workstation: str = "") -> int:
        """Save one checked case; returns its id.

        ``station``/``operator`` default to the settings' names when empty, ``workstation``
        to this desk's (:func:`~vincheck.store.records.workstation_name`). ``hashes`` maps
        a file path to (size, SHA-256) already computed (e.g. by the batch); other files
        are hashed here. A file that no longer exists is recorded with size None and an
        empty hash. A ``batch_key`` already recorded (by any desk) raises
        :class:`AlreadyRecorded`, also when two workers record it at the same moment.
        """
        if source not in SOURCES:
            raise UsageError(f"unknown record source {source!r} (one of {', '.join(SOURCES)})")
        files = self._file_records(case_input, hashes or {})
        rec = CaseRecord(
            summary=CaseSummary(
                id=0, time=created_at or now_iso(), expected_vin=result.expected_vin or None,
                vins_read=list(result.vins_read), kind=result.kind, verdict=str(result.verdict),
                decided_verdict=str(result.decided_verdict()),
                station=station or self.settings.station,
                operator=operator or self.settings.operator, n_files=len(files),
                color=result.color, reasons=list(result.reasons), source=source,
                workstation=workstation or self.workstation),
            case_input=case_input, result=result, files=files, batch_key=batch_key,
            app_version=__version__, uid=uuid.uuid4().hex)
        case_id = self._write(lambda db: self._insert_record(db, rec))
        if case_id is None:
            existing = self.find_batch_key(batch_key) if batch_key else None
            raise AlreadyRecorded(f"batch case {batch_key} is already recorded in "
                                  f"{self.label} (case {existing})", existing)
        self._seen_versions[case_id] = 1
        return case_id

    def _insert_record(self, db: Db, rec: CaseRecord, *, ms: float | None = None) -> int | None:
        """Insert one record with its files, findings and decisions; None when its batch
        key is taken. A record whose ``uid`` is already stored (a retried write whose
        first try did commit) returns that id."""
        if rec.uid:
            row = db.execute("SELECT id FROM cases WHERE uid = ?", (rec.uid,)).fetchone()
            if row is not None:
                return int(row[0])
        s, result = rec.summary, rec.result
        row = db.execute(
            "INSERT INTO cases (created_at, station, workstation, operator, source, "
            "expected_vin, vins_read, kind, color, verdict, decided_verdict, reasons, "
            "n_files, ms, input_json, result_json, batch_key, app_version, uid, updated_at) "
            "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) "
            "ON CONFLICT DO NOTHING RETURNING id",
            (s.time, s.station, s.workstation, s.operator, s.source, s.expected_vin,
             ",".join(s.vins_read), s.kind, s.color, s.verdict, s.decided_verdict,
             json.dumps(s.reasons), s.n_files, float(result.ms if ms is None else ms),
             json.dumps(case_input_to_dict(rec.case_input), ensure_ascii=False),
             json.dumps(result.to_dict(), ensure_ascii=False), rec.batch_key,
             rec.app_version, rec.uid, s.time)).fetchone()
        if row is None:
            return None
        case_id = int(row[0])
        if rec.files:
            db.executemany(
                "INSERT INTO case_files (case_id, role, name, path, size, sha256, copy_path) "
                "VALUES (?,?,?,?,?,?,?)",
                [(case_id, f.role, f.name, f.path, f.size, f.sha256, f.copy_path)
                 for f in rec.files])
        rows = [(case_id, file, target, f.code, str(f.status), int(f.passed),
                 json_or_none(f.measured), json_or_none(f.limit), f.unit, f.message)
                for file, target, f in iter_findings(result)]
        if rows:
            db.executemany(
                "INSERT INTO findings (case_id, file, target, code, status, passed, measured, "
                "limit_value, unit, message) VALUES (?,?,?,?,?,?,?,?,?,?)", rows)
        self._insert_decisions(db, case_id, result.decisions)
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
        return self.copies_root

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

    @staticmethod
    def _insert_decisions(db: Db, case_id: int, decisions: list[Decision]) -> None:
        if decisions:
            db.executemany(
                "INSERT INTO decisions (case_id, code, accepted, operator, note, time, target) "
                "VALUES (?,?,?,?,?,?,?)",
                [(case_id, d.code, int(d.accepted), d.operator, d.note, d.time or now_iso(),
                  d.target) for d in decisions])

    def update_decisions(self, case_id: int, decisions: list[Decision], *,
                         expected_version: int | None = None) -> int:
        """Replace the case's operator decisions (the full current list) and its decided
        verdict, in one transaction; returns the case's new version.

        Optimistic locking: the write is refused with :class:`DecisionConflict` (naming
        the desk and time of the other change) when the case's version is no longer
        ``expected_version`` -- by default the version this store recorded, last wrote, or
        opened with ``track=True`` -- so two desks deciding on one record never overwrite
        each other silently: the last writer is told and nothing of its write is saved
        (and its further writes are refused until it opens the case again).
        """
        case_id = int(case_id)
        expected = expected_version if expected_version is not None else \
            self._seen_versions.get(case_id)
        write_uid = uuid.uuid4().hex
        by = desk_label(self.settings.station, self.workstation)
        stamped = [Decision(**{**d.to_dict(), "time": d.time or now_iso()}) for d in decisions]

        def fn(db: Db) -> int:
            row = db.execute("SELECT result_json, row_version, update_uid, updated_by, "
                             "updated_at FROM cases WHERE id = ?", (case_id,)).fetchone()
            if row is None:
                raise StoreError(f"no case {case_id} in {self.label}")
            version = int(row[1])
            if row[2] == write_uid:  # a retry of this very write, which had committed
                return version
            if expected is not None and version != expected:
                raise self._conflict(case_id, version, row[3], row[4])
            result = CaseResult.from_dict(json.loads(row[0]))
            result.decisions = stamped
            cur = db.execute(
                "UPDATE cases SET decided_verdict = ?, result_json = ?, "
                "row_version = row_version + 1, update_uid = ?, updated_by = ?, "
                "updated_at = ? WHERE id = ? AND row_version = ?",
                (str(result.decided_verdict()), json.dumps(result.to_dict(), ensure_ascii=False),
                 write_uid, by, now_iso(), case_id, version))
            if cur.rowcount != 1:  # another desk's write came first (PostgreSQL)
                now = db.execute("SELECT row_version, updated_by, updated_at FROM cases "
                                 "WHERE id = ?", (case_id,)).fetchone()
                raise self._conflict(case_id, int(now[0]), now[1], now[2])
            db.execute("DELETE FROM decisions WHERE case_id = ?", (case_id,))
            self._insert_decisions(db, case_id, stamped)
            return version + 1

        new_version = self._write(fn)
        self._seen_versions[case_id] = new_version
        return new_version

    def _conflict(self, case_id: int, version: int, by: str, at: str) -> DecisionConflict:
        """The refusal; the version seen stays the old one, so this desk's further writes
        are refused too until it reads the case again."""
        who = f" on desk {by}" if by else ""
        when = f" at {at.replace('T', ' ')[:19]}" if at else ""
        return DecisionConflict(
            f"case {case_id} was changed{who}{when} after this desk opened it; your decision "
            "was NOT saved. Open the case again (History) to see the other decision, then "
            "decide again", version)
