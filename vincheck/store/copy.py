"""Moving a desk: copy its SQLite records into the shared database (``vincheck store
migrate --to postgresql://...``).

The SQLite file is opened read-only (``mode=ro``) and never changed. Every record keeps
its time, desk, operator, verdicts, findings, decisions and file hashes. The copy is
idempotent: each record carries a unique id (``uid``; records written before schema 3
get one derived from their content and row id), and a record whose id is already in the
target is counted as ``already`` and left alone, so an interrupted copy can simply be run
again. A batch record whose batch key another desk already recorded is not copied twice
(``batch_duplicates``).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from vincheck.store.base import RecordStore
from vincheck.store.records import iter_findings
from vincheck.store.sqlite import Store


@dataclass
class CopyReport:
    """Counts of one copy: cases read, copied, already there, batch duplicates; and the
    findings, decisions and files rows the copied cases brought."""

    cases: int = 0
    copied: int = 0
    already: int = 0
    batch_duplicates: int = 0
    findings: int = 0
    decisions: int = 0
    files: int = 0

    def text(self) -> str:
        return (f"{self.cases} case(s) read: {self.copied} copied ({self.findings} findings, "
                f"{self.decisions} decisions, {self.files} files), {self.already} already "
                f"there, {self.batch_duplicates} batch case(s) another desk had recorded")


def copy_sqlite_records(src: str | Path, dest: RecordStore, *,
                        workstation: str = "") -> CopyReport:
    """Copy every record of the SQLite file ``src`` into ``dest``. Records without a
    workstation (written before schema 3) get ``workstation``."""
    rep = CopyReport()
    with Store(src, settings=dest.settings, read_only=True) as source:
        rows = source._read(lambda db: db.execute(
            "SELECT id, created_at, station, operator, ms, result_json FROM cases "
            "ORDER BY id").fetchall())
        for case_id, created, station, operator, ms, result_json in rows:
            rep.cases += 1
            rec = source.get_record(case_id)
            if not rec.uid:
                h = hashlib.sha256("\n".join([str(case_id), created, station or "",
                                              operator or "", result_json]).encode("utf-8"))
                rec.uid = "sqlite-" + h.hexdigest()[:32]
            if not rec.summary.workstation:
                rec.summary.workstation = workstation
            uid = rec.uid
            if dest._read(lambda db, u=uid: db.execute(
                    "SELECT 1 FROM cases WHERE uid = ?", (u,)).fetchone()) is not None:
                rep.already += 1
                continue
            new_id = dest._write(lambda db, r=rec, m=ms: dest._insert_record(db, r, ms=m))
            if new_id is None:
                rep.batch_duplicates += 1
                continue
            rep.copied += 1
            rep.findings += len(list(iter_findings(rec.result)))
            rep.decisions += len(rec.result.decisions)
            rep.files += len(rec.files)
    return rep
