"""What the records store holds: the row types shared by both engines and small helpers.

``CaseSummary`` is one row of a search, ``FileRecord`` one input file, ``CaseRecord``
everything stored for one case. Times are local ISO 8601 text with UTC offset.
"""

from __future__ import annotations

import json
import os
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from vincheck.errors import StoreError, UsageError
from vincheck.findings import CaseResult, Finding
from vincheck.inspection import CaseInput
from vincheck.settings import Settings

SOURCES = ("gui", "batch", "cli")


class AlreadyRecorded(StoreError):
    """A case with this batch key is already in the store (``case_id`` is its id)."""

    def __init__(self, message: str, case_id: int | None = None) -> None:
        super().__init__(message)
        self.case_id = case_id


class DecisionConflict(StoreError):
    """Decisions were changed on another desk since this desk read the case; nothing was
    saved. ``current_version`` is the case's version now."""

    def __init__(self, message: str, current_version: int = 0) -> None:
        super().__init__(message)
        self.current_version = current_version


class StoreUnavailable(StoreError):
    """The (shared) records database cannot be reached; nothing uncommitted was saved."""


@dataclass
class CaseSummary:
    """One row of a search: what a history table or a CSV export shows.

    ``time`` is local time, ISO 8601 with UTC offset; ``vins_read`` the distinct VINs the
    rubbings read; ``reasons`` the codes of findings that did not pass; ``station`` and
    ``workstation`` name the desk that recorded the case.
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
    workstation: str = ""

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
            workstation=str(d.get("workstation", "") or ""),
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
    """Everything stored for one case (what a JSON export holds). ``version`` counts the
    writes of its decisions (1 = as recorded)."""

    summary: CaseSummary
    case_input: CaseInput
    result: CaseResult
    files: list[FileRecord]
    batch_key: str | None = None
    app_version: str = ""
    version: int = 1
    uid: str | None = None

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
            "workstation": s.workstation, "source": s.source, "verdict": s.verdict,
            "decided_verdict": s.decided_verdict, "batch_key": self.batch_key,
            "app_version": self.app_version, "version": self.version,
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


def hash_file(path: str | os.PathLike[str]) -> tuple[int, str]:
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


def workstation_name(settings: Settings | None = None) -> str:
    """This desk's workstation name: ``VINCHECK_WORKSTATION``, else
    ``settings.workstation``, else the host name."""
    env = os.environ.get("VINCHECK_WORKSTATION", "").strip()
    if env:
        return env
    ws = str(getattr(settings, "workstation", "") or "").strip()
    return ws or socket.gethostname()


def desk_label(station: str, workstation: str) -> str:
    """``station/workstation`` as messages name a desk."""
    return "/".join(p for p in (station, workstation) if p) or "?"


def bound(value: str | date | datetime | None, *, upper: bool) -> str | None:
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
            return bound(datetime.fromisoformat(text), upper=upper)
        except ValueError as exc:
            raise UsageError(f"not a date: {text!r} (use YYYY-MM-DD)") from exc
    return bound(d, upper=upper)


def created_at_range(date_from: str | date | datetime | None,
                     date_to: str | date | datetime | None) -> tuple[list[str], list[str]]:
    """WHERE clauses (``?`` placeholders) and their arguments selecting ``created_at`` from
    ``date_from`` to ``date_to``, both inclusive (see :func:`bound`); none for no bound."""
    where, args = [], []
    lo, hi = bound(date_from, upper=False), bound(date_to, upper=True)
    if lo:
        where.append("created_at >= ?")
        args.append(lo)
    if hi:
        where.append("created_at < ?" if len(hi) == 10 else "created_at <= ?")
        args.append(hi)
    return where, args


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


def like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def json_or_none(v: Any) -> str | None:
    if v is None:
        return None
    from vincheck.findings import _jsonable

    return json.dumps(_jsonable(v), ensure_ascii=False)


def json_load(text: str | None) -> Any:
    return None if text is None else json.loads(text)
