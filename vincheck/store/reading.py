"""The read side of the records interface both engines share: one case in full, its
summary, a search by VIN, date, verdict and desk, batch keys, stored findings and the
rows of the per-desk throughput. Every query is written once here (``?`` placeholders)."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Protocol, TypeVar

from vincheck.errors import StoreError, UsageError
from vincheck.findings import CaseResult
from vincheck.inspection import CaseInput
from vincheck.store.records import (
    CaseRecord,
    CaseSummary,
    FileRecord,
    case_input_from_dict,
    created_at_range,
    json_load,
    like_escape,
)

T = TypeVar("T")


class Db(Protocol):
    """What the shared queries need of a connection (``?`` placeholders)."""

    dialect: str

    def execute(self, sql: str, args: Any = ()) -> Any: ...

    def executemany(self, sql: str, rows: list[Any]) -> Any: ...


SUMMARY_COLS = ("id, created_at, expected_vin, vins_read, kind, verdict, decided_verdict, "
                "station, operator, n_files, color, reasons, source, workstation")



class ReadingMixin:
    """Reading methods of :class:`~vincheck.store.base.RecordStore`."""

    label: str
    summary_cols: str = SUMMARY_COLS
    _seen_versions: dict[int, int]

    def _read(self, fn: Callable[[Db], T]) -> T:  # pragma: no cover - engine supplies
        raise NotImplementedError

    @staticmethod
    def _summary(row: tuple[Any, ...]) -> CaseSummary:
        return CaseSummary(
            id=int(row[0]), time=row[1], expected_vin=row[2],
            vins_read=[v for v in (row[3] or "").split(",") if v], kind=row[4],
            verdict=row[5], decided_verdict=row[6], station=row[7], operator=row[8],
            n_files=int(row[9]), color=row[10], reasons=json.loads(row[11] or "[]"),
            source=row[12], workstation=row[13] or "")

    def _record_cols(self) -> str:
        return "input_json, result_json, batch_key, app_version, row_version, uid"

    def get_record(self, case_id: int, *, track: bool = False) -> CaseRecord:
        """Everything stored for one case; StoreError if there is no such case. ``track``
        (a desk opens the case to decide on it) makes its version the one
        :meth:`update_decisions` expects from now on."""
        cid = int(case_id)

        def fn(db: Db) -> tuple[Any, list[FileRecord]]:
            row = db.execute(f"SELECT {self.summary_cols}, {self._record_cols()} FROM cases "
                             "WHERE id = ?", (cid,)).fetchone()
            if row is None:
                raise StoreError(f"no case {case_id} in the records database {self.label}")
            files = [FileRecord(*r) for r in db.execute(
                "SELECT role, name, path, size, sha256, copy_path FROM case_files "
                "WHERE case_id = ? ORDER BY id", (cid,)).fetchall()]
            return row, files

        row, files = self._read(fn)
        n = len(self.summary_cols.split(","))
        try:
            ci = case_input_from_dict(json.loads(row[n]))
            result = CaseResult.from_dict(json.loads(row[n + 1]))
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"case {case_id} in {self.label} has a damaged result ({exc})") \
                from exc
        version = int(row[n + 4] or 1)
        if track:
            self._seen_versions[cid] = version
        return CaseRecord(summary=self._summary(row[:n]), case_input=ci, result=result,
                          files=files, batch_key=row[n + 2], app_version=row[n + 3] or "",
                          version=version, uid=row[n + 5])

    def get_case(self, case_id: int, *, track: bool = False
                 ) -> tuple[CaseInput, CaseResult, dict[str, Any]]:
        """(input, result, meta) of one case; meta has id, time, station, workstation,
        operator, source, verdict, decided_verdict, batch_key, app_version, version and
        files (name, path, size, sha256, role, copy_path). ``track``: see
        :meth:`get_record`."""
        rec = self.get_record(case_id, track=track)
        return rec.case_input, rec.result, rec.meta()

    def search(self, vin: str | None = None, date_from: str | date | datetime | None = None,
               date_to: str | date | datetime | None = None, verdict: str | None = None,
               limit: int | None = 500, station: str | None = None,
               workstation: str | None = None) -> list[CaseSummary]:
        """Cases newest first. ``vin`` matches part of the expected VIN or of a VIN read,
        case-insensitively; dates are inclusive (a date ``date_to`` includes that whole
        day); ``verdict`` (pass / fail / review) matches the decided verdict; ``station``
        and ``workstation`` select one desk's cases."""
        where: list[str] = []
        args: list[Any] = []
        if vin and vin.strip():
            pat = "%" + like_escape(vin.strip().upper().replace(" ", "")) + "%"
            where.append("(UPPER(COALESCE(expected_vin, '')) LIKE ? ESCAPE '\\' "
                         "OR UPPER(vins_read) LIKE ? ESCAPE '\\')")
            args += [pat, pat]
        dates, date_args = created_at_range(date_from, date_to)
        where += dates
        args += date_args
        if verdict:
            v = verdict.strip().lower()
            if v not in ("pass", "fail", "review"):
                raise UsageError(f"unknown verdict {verdict!r} (pass, fail or review)")
            where.append("decided_verdict = ?")
            args.append(v)
        for col, value in (("station", station), ("workstation", workstation)):
            if value is not None:
                where.append(f"{col} = ?")
                args.append(value)
        sql = f"SELECT {self.summary_cols} FROM cases"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY created_at DESC, id DESC"
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return self._read(lambda db: [self._summary(r) for r in
                                      db.execute(sql, args).fetchall()])

    def get_summary(self, case_id: int) -> CaseSummary:
        """The summary row of one case (cheaper than :meth:`get_record`)."""
        row = self._read(lambda db: db.execute(
            f"SELECT {self.summary_cols} FROM cases WHERE id = ?", (int(case_id),)).fetchone())
        if row is None:
            raise StoreError(f"no case {case_id} in the records database {self.label}")
        return self._summary(row)

    def count(self) -> int:
        return int(self._read(lambda db: db.execute("SELECT COUNT(*) FROM cases").fetchone()[0]))

    def has_batch_key(self, key: str) -> bool:
        return self.find_batch_key(key) is not None

    def find_batch_key(self, key: str) -> int | None:
        """The id of the case recorded under a batch key, or None."""
        row = self._read(lambda db: db.execute("SELECT id FROM cases WHERE batch_key = ?",
                                               (key,)).fetchone())
        return None if row is None else int(row[0])

    def findings_of(self, case_id: int) -> list[dict[str, Any]]:
        """The stored findings rows of a case (file, target, code, status, passed,
        measured, limit, unit, message), in order."""
        rows = self._read(lambda db: db.execute(
            "SELECT file, target, code, status, passed, measured, limit_value, unit, "
            "message FROM findings WHERE case_id = ? ORDER BY id", (int(case_id),)).fetchall())
        return [{"file": r[0], "target": r[1], "code": r[2], "status": r[3],
                 "passed": bool(r[4]), "measured": json_load(r[5]),
                 "limit": json_load(r[6]), "unit": r[7], "message": r[8]} for r in rows]

    def desk_rows(self, date_from: str | date | datetime | None = None,
                  date_to: str | date | datetime | None = None) -> list[tuple[Any, ...]]:
        """(station, workstation, source, created_at, ms) of every case in the range,
        oldest first: the raw material of :func:`vincheck.store.throughput.desk_throughput`."""
        where, args = created_at_range(date_from, date_to)
        sql = "SELECT station, workstation, source, created_at, ms FROM cases"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY created_at, id"
        return self._read(lambda db: [tuple(r) for r in db.execute(sql, args).fetchall()])
