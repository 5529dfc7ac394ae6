"""One case's result: its sheets, photos and case findings, the operator's decisions
(:class:`Decision`) and the verdict after them (:class:`CaseResult`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from vincheck.findings.finding import Finding, Status, Verdict, reasons_of, verdict_of
from vincheck.findings.photo import PhotoResult
from vincheck.findings.rubbing import SheetResult


@dataclass
class Decision:
    """An operator's accept/reject of a finding that needed review."""

    code: str
    accepted: bool
    operator: str
    note: str = ""
    time: str = ""  # ISO 8601
    target: str = ""  # which file / rubbing the finding belongs to

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Decision:
        return cls(**d)


@dataclass
class CaseResult:
    """One vehicle's paperwork: every sheet and photo checked, plus case-level findings
    (``vin_mismatch`` across sheets, ``missing_rubbing``, ``missing_photo`` ...)."""

    expected_vin: str | None
    kind: str  # "car" | "trailer"
    color: str | None
    sheets: list[SheetResult] = field(default_factory=list)
    photos: list[PhotoResult] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    errors: list[dict[str, str]] = field(default_factory=list)  # {"file", "error"} per bad input
    ms: float = 0.0

    def all_findings(self) -> list[Finding]:
        out: list[Finding] = []
        for s in self.sheets:
            out.extend(s.all_findings())
        for p in self.photos:
            out.extend(p.findings)
        out.extend(self.findings)
        return out

    @property
    def verdict(self) -> Verdict:
        """Verdict from the findings; a file that could not be read makes it ``review``
        at best. Operator decisions are applied by :meth:`decided_verdict`."""
        v = verdict_of(self.all_findings())
        if self.errors and v is Verdict.PASS:
            return Verdict.REVIEW
        return v

    @property
    def reasons(self) -> list[str]:
        return reasons_of(self.all_findings())

    def targeted_findings(self) -> list[tuple[str, Finding]]:
        """Every finding with the name of what it belongs to, as decisions refer to it:
        ``"case"``, ``"<file>#r<n>"`` for the n-th rubbing on a sheet, ``"<file>"`` for a
        sheet or photo (``"<file> p<k>"`` for page k > 1 of a multi-page file)."""
        out: list[tuple[str, Finding]] = [("case", f) for f in self.findings]
        for s in self.sheets:
            name = _target_name(s.file, s.page)
            for ri, r in enumerate(s.rubbings):
                out.extend((f"{name}#r{ri + 1}", f) for f in r.findings)
            out.extend((name, f) for f in s.findings)
        for p in self.photos:
            name = _target_name(p.file, p.page)
            out.extend((name, f) for f in p.findings)
        return out

    def decided_verdict(self) -> Verdict:
        """The verdict after operator decisions: a ``review`` finding the operator accepted
        counts as passed, one rejected counts as failed. Failures stay failures. A decision
        with a ``target`` applies to that rubbing / file only, one without to its code."""
        v = self.verdict
        if v is not Verdict.REVIEW:
            return v
        pending = False
        for target, f in self.targeted_findings():
            if f.status not in (Status.REVIEW, Status.SKIPPED):
                continue
            d = self._decision_for(f.code, target)
            if d is None:
                pending = True
            elif not d.accepted:
                return Verdict.FAIL
        for e in self.errors:
            d = self._decision_for("input_error", e.get("file", ""))
            if d is None:
                pending = True
            elif not d.accepted:
                return Verdict.FAIL
        return Verdict.REVIEW if pending else Verdict.PASS

    def open_findings(self) -> list[Finding]:
        """The findings still standing after operator decisions: every finding but the
        ``review`` / ``skipped`` ones the operator accepted (a rejected one stands, as a
        failure)."""
        out: list[Finding] = []
        for target, f in self.targeted_findings():
            d = (self._decision_for(f.code, target)
                 if f.status in (Status.REVIEW, Status.SKIPPED) else None)
            if d is None or not d.accepted:
                out.append(f)
        return out

    def _decision_for(self, code: str, target: str) -> Decision | None:
        found = None
        for d in self.decisions:  # the latest decision wins
            if d.code == code and d.target in ("", target):
                found = d
        return found

    @property
    def vins_read(self) -> list[str]:
        out: list[str] = []
        for s in self.sheets:
            for r in s.rubbings:
                if r.vin and r.vin not in out:
                    out.append(r.vin)
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "expected_vin": self.expected_vin,
            "kind": self.kind,
            "color": self.color,
            "verdict": str(self.verdict),
            "reasons": self.reasons,
            "vins_read": self.vins_read,
            "sheets": [s.to_dict() for s in self.sheets],
            "photos": [p.to_dict() for p in self.photos],
            "findings": [f.to_dict() for f in self.findings],
            "decisions": [d.to_dict() for d in self.decisions],
            "errors": list(self.errors),
            "ms": round(float(self.ms), 1),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CaseResult:
        return cls(
            expected_vin=d.get("expected_vin"),
            kind=d.get("kind", "car"),
            color=d.get("color"),
            sheets=[SheetResult.from_dict(s) for s in d.get("sheets", [])],
            photos=[PhotoResult.from_dict(p) for p in d.get("photos", [])],
            findings=[Finding.from_dict(f) for f in d.get("findings", [])],
            decisions=[Decision.from_dict(x) for x in d.get("decisions", [])],
            errors=list(d.get("errors", [])),
            ms=float(d.get("ms", 0.0)),
        )


def _target_name(file: str, page: int) -> str:
    from pathlib import Path

    return Path(file).name + (f" p{page + 1}" if page else "")
