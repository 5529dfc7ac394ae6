"""What a batch reports: one ``CaseOutcome`` per case, the ``BatchReport`` over all (counts,
summary, exit code), the JSON line printed per case and the results CSV."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from vincheck.csv_cells import SafeDictWriter
from vincheck.errors import UsageError


@dataclass
class CaseOutcome:
    """What happened to one case: ``status`` is ``checked`` (run and recorded),
    ``skipped`` (already recorded by an earlier run, or by another batch meanwhile),
    ``error`` (could not be checked, e.g. a file could not be opened; not recorded, so a
    rerun tries again) or ``missing`` (in the expect list, no files). ``error`` says why;
    for a checked case, which of its files could not be read (reason ``input_error``)."""

    key: str
    status: str
    expected_vin: str | None = None
    verdict: str = ""
    vins_read: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    case_id: int | None = None
    n_rubbing: int = 0
    n_photo: int = 0
    error: str = ""
    ms: float = 0.0
    record_ms: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


@dataclass
class BatchReport:
    """All outcomes of a batch plus its wall time (s)."""

    outcomes: list[CaseOutcome] = field(default_factory=list)
    wall_s: float = 0.0
    interrupted: bool = False

    def counts(self) -> Counter[str]:
        """Cases per verdict (checked and skipped) plus ``error`` and ``missing``."""
        c: Counter[str] = Counter()
        for o in self.outcomes:
            c[o.verdict if o.status in ("checked", "skipped") else o.status] += 1
        return c

    def top_reasons(self, n: int = 5) -> list[tuple[str, int]]:
        c: Counter[str] = Counter(r for o in self.outcomes for r in o.reasons)
        return c.most_common(n)

    @property
    def n_checked(self) -> int:
        return sum(o.status == "checked" for o in self.outcomes)

    @property
    def cases_per_min(self) -> float:
        return 60.0 * self.n_checked / self.wall_s if self.wall_s > 0 else 0.0

    @property
    def exit_code(self) -> int:
        """0 when every case passed, 1 when any failed, needs review, errored or is
        missing (the project's convention: 1 = something needs a person)."""
        if self.interrupted:
            return 130
        bad = any(o.status in ("error", "missing") or o.verdict != "pass"
                  for o in self.outcomes)
        return 1 if bad else 0

    def summary_text(self) -> str:
        c = self.counts()
        lines = [f"{len(self.outcomes)} case(s): " + ", ".join(
            f"{k} {c[k]}" for k in ("pass", "fail", "review", "error", "missing") if c[k])]
        skipped = sum(o.status == "skipped" for o in self.outcomes)
        if skipped:
            lines.append(f"{skipped} already recorded by an earlier run (not checked again)")
        if self.top_reasons():
            lines.append("top reasons: " + ", ".join(f"{r} x{k}" for r, k in self.top_reasons()))
        lines.append(f"{self.n_checked} checked in {self.wall_s:.1f} s = "
                     f"{self.cases_per_min:.1f} cases/min")
        if self.interrupted:
            lines.append("interrupted: rerun the same command to resume")
        return "\n".join(lines)


RESULT_FIELDS = ("case", "status", "expected_vin", "vins_read", "verdict", "reasons",
                 "n_rubbing", "n_photo", "case_id", "error", "ms")


class ResultsCsv:
    """Results CSV written row by row (flushed), so a crash keeps the rows so far."""

    def __init__(self, path: str | Path, append: bool = False) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            new = not (append and self.path.exists() and self.path.stat().st_size > 0)
            self._fh = open(self.path, "a" if append else "w", encoding="utf-8-sig"
                            if new else "utf-8", newline="")
            self._w = SafeDictWriter(self._fh, RESULT_FIELDS)  # formula cells escaped
            if new:
                self._w.writeheader()
            self._fh.flush()  # a full disk shows here, before any case is checked
        except OSError as exc:
            raise UsageError(f"cannot write the results file {self.path}: "
                             f"{exc.strerror or exc}") from exc

    def write(self, o: CaseOutcome) -> None:
        try:
            self._write(o)
        except OSError as exc:
            raise UsageError(f"cannot write the results file {self.path}: "
                             f"{exc.strerror or exc}") from exc

    def _write(self, o: CaseOutcome) -> None:
        self._w.writerow({"case": o.key, "status": o.status, "expected_vin": o.expected_vin
                          or "", "vins_read": ";".join(o.vins_read), "verdict": o.verdict,
                          "reasons": ";".join(o.reasons), "n_rubbing": o.n_rubbing,
                          "n_photo": o.n_photo, "case_id": "" if o.case_id is None
                          else o.case_id, "error": o.error, "ms": round(o.ms, 1)})
        self._fh.flush()

    def close(self) -> None:
        try:
            self._fh.close()
        except OSError:  # already reported by write()
            pass


def missing_outcomes(expect: dict[str, str] | None, found: set[str]) -> list[CaseOutcome]:
    """A ``missing`` outcome for each case of the expect list (key -> VIN) whose key (upper
    case) is not among the case keys ``found`` in the folder."""
    return [CaseOutcome(key=k, status="missing", expected_vin=v,
                        error="in the expect list, but no files for it in the folder")
            for k, v in (expect or {}).items() if k.strip().upper() not in found]


def outcome_json(o: CaseOutcome) -> dict[str, Any]:
    """The JSON line printed on stdout for one case."""
    d = {"case": o.key, "status": o.status, "verdict": o.verdict or None,
         "expected_vin": o.expected_vin, "vins_read": o.vins_read, "reasons": o.reasons,
         "case_id": o.case_id}
    if o.error:
        d["error"] = o.error
    return d
