"""Check every case in a folder (and watch a hot folder), recording each in the store.

Folder conventions:

(a) one sub-folder per vehicle: the sub-folder name is the case key and, if it looks
    like a VIN (17 characters of 0-9 A-Z without I, O, Q), the expected VIN. The image
    files inside (any depth) are sorted into rubbing sheets and photos: by name first
    (``rubbing`` / ``tuoyin`` / ``拓印`` / ``vin`` vs ``photo`` / ``相片`` / ``照片``), else
    by their pixels (:func:`vincheck.case_files.classify_file`, in the worker);
(b) loose image files in the folder itself named ``<VIN>_<anything>.<ext>`` are grouped
    by the part before the first ``_``, which is the case key (and expected VIN).

An expect list (CSV, e.g. an MES export) maps case keys to expected VINs; it overrides
the folder name. Accepted headers: a key column (``case``, ``key``, ``folder``, ...) and a
VIN column (``vin``, ``expected_vin``, ...); with ``vin,expected_vin`` the ``vin`` column is
the key. UTF-8 (with or without BOM) or GB18030; comma, semicolon or tab separated.

Each case is identified by a *batch key*: SHA-256 of the folder's absolute path, the case
key, the kind, the DPI override, the expected VIN and the sorted SHA-256 of its files. A
case whose batch key is already in the store is skipped, so an interrupted batch resumes
where it stopped, and a case whose files changed is checked again.

Checks run in worker processes (``concurrent.futures.ProcessPoolExecutor``, spawn); the
main process alone writes the store, one transaction per case, as results arrive.
"""

from __future__ import annotations

import csv
import hashlib
import io
import multiprocessing
import os
import re
import signal
import stat
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from vincheck.csv_cells import SafeDictWriter
from vincheck.errors import OcrEngineError, StoreError, UsageError, VincheckError
from vincheck.findings import CaseResult
from vincheck.inspection import CaseInput, run_case
from vincheck.settings import Settings
from vincheck.store import Store, hash_file

IMAGE_EXTS = frozenset({".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".pdf"})
VIN_RE = re.compile(r"^[A-HJ-NPR-Z0-9]{17}$")
RUBBING_HINTS = ("rubbing", "tuoyin", "拓印", "拓片")
PHOTO_HINTS = ("photo", "相片", "照片", "picture", "pic")

Runner = Callable[..., CaseResult]
MAX_EXPECT_LIST_BYTES = 100_000_000


def looks_like_vin(text: str) -> bool:
    """17 characters of 0-9 A-Z without I, O, Q (check digit not verified)."""
    return bool(VIN_RE.match(text.strip().upper()))


def name_hint(path: str | Path) -> str | None:
    """``"rubbing"`` / ``"photo"`` from words in the file name, or None."""
    name = Path(path).name.lower()
    if any(h in name for h in RUBBING_HINTS):
        return "rubbing"
    if any(h in name for h in PHOTO_HINTS):
        return "photo"
    return None


@dataclass
class BatchCase:
    """One vehicle found in the batch folder. Paths are absolute; ``unknown_files`` are
    images whose names give no hint (sorted by pixels in the worker)."""

    key: str
    rubbing_files: list[str] = field(default_factory=list)
    photo_files: list[str] = field(default_factory=list)
    unknown_files: list[str] = field(default_factory=list)
    expected_vin: str | None = None
    hashes: dict[str, tuple[int, str]] = field(default_factory=dict)
    batch_key: str = ""

    @property
    def files(self) -> list[str]:
        return [*self.rubbing_files, *self.photo_files, *self.unknown_files]

    def signature(self) -> tuple[tuple[str, int, int], ...]:
        """(path, size, mtime ns) of every file: changes while a scanner is writing."""
        out = []
        for f in sorted(self.files):
            try:
                st = Path(f).stat()
                out.append((f, st.st_size, st.st_mtime_ns))
            except OSError:
                out.append((f, -1, 0))
        return tuple(out)


def discover_cases(root: str | Path, expect: dict[str, str] | None = None) -> list[BatchCase]:
    """The cases in ``root`` by the folder conventions (see the module doc), sorted by key.
    Files are not hashed here (see :func:`prepare_case`)."""
    base = Path(root)
    if not base.is_dir():
        raise UsageError(f"batch folder {base} does not exist or is not a folder")
    cases: dict[str, BatchCase] = {}

    def add(key: str, path: Path) -> None:
        bc = cases.setdefault(key.upper(), BatchCase(key=key))
        hint = name_hint(path)
        target = {"rubbing": bc.rubbing_files, "photo": bc.photo_files}.get(
            hint or "", bc.unknown_files)
        target.append(str(path.absolute()))

    for entry in sorted(base.iterdir()):
        if entry.name.startswith((".", "~")):
            continue
        if entry.is_dir():
            for f in sorted(entry.rglob("*")):
                if _is_image(f) and not any(p.startswith((".", "~"))
                                            for p in f.relative_to(entry).parts):
                    add(entry.name, f)
        elif _is_image(entry) and "_" in entry.stem:
            add(entry.stem.split("_", 1)[0], entry)
    expect_up = {k.strip().upper(): v for k, v in (expect or {}).items()}
    out = []
    for bc in cases.values():
        vin = expect_up.get(bc.key.upper())
        if vin is None and looks_like_vin(bc.key):
            vin = bc.key.upper()
        bc.expected_vin = vin
        out.append(bc)
    return sorted(out, key=lambda c: c.key.upper())


def loose_files_without_key(root: str | Path) -> list[Path]:
    """Images directly in ``root`` that belong to no case (no ``<VIN>_`` prefix)."""
    return [p for p in sorted(Path(root).iterdir())
            if _is_image(p) and "_" not in p.stem and not p.name.startswith((".", "~"))]


def _is_image(p: Path) -> bool:
    return p.is_file() and p.suffix.lower() in IMAGE_EXTS


def prepare_case(bc: BatchCase, root: str | Path, *, kind: str, dpi: float | None) -> BatchCase:
    """Hash the case's files and compute its batch key (in place; returns it)."""
    bc.hashes = {f: hash_file(f) for f in bc.files}
    parts = [str(Path(root).absolute()), bc.key.upper(), kind, "" if dpi is None else str(dpi),
             bc.expected_vin or "", *sorted(h for _, h in bc.hashes.values())]
    bc.batch_key = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
    return bc


# --- the expect list --------------------------------------------------------------------

_KEY_HEADERS = ("case", "casekey", "key", "folder", "dir", "directory", "name", "id",
                "案例", "文件夹", "目录", "编号")
_EXPECTED_HEADERS = ("expectedvin", "expected", "expect", "预期vin", "应有vin")
_VIN_HEADERS = ("vin", "vincode", "vinno", "车辆识别代号", "车架号", "vin码")


def _norm_header(h: str) -> str:
    return re.sub(r"[\s_\-./]", "", h.strip().lower())


def read_expect_list(path: str | Path) -> dict[str, str]:
    """Case key -> expected VIN from a CSV (see the module doc); keys as written."""
    p = Path(path)
    try:
        st = p.stat()
        if not stat.S_ISREG(st.st_mode):  # a FIFO would block for ever, a device never end
            raise UsageError(f"the expect list {p} is not a regular file")
        if st.st_size > MAX_EXPECT_LIST_BYTES:
            raise UsageError(f"the expect list {p} is {st.st_size / 1e6:.0f} MB; at most "
                             f"{MAX_EXPECT_LIST_BYTES / 1e6:.0f} MB")
        raw = p.read_bytes()
    except OSError as exc:
        raise UsageError(f"cannot read the expect list {p}: {exc.strerror or exc}") from exc
    for enc in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(enc)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise UsageError(f"expect list {p} is neither UTF-8 nor GB18030 text")
    if "\x00" in text:
        raise UsageError(f"expect list {p} holds NUL bytes: it is not a CSV text file")
    try:
        dialect: Any = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        rows = [r for r in csv.reader(io.StringIO(text), dialect) if any(c.strip() for c in r)]
    except csv.Error as exc:  # a cell over 128 KiB, a NUL byte ...
        raise UsageError(f"expect list {p} is not a usable CSV file: {exc}") from exc
    if not rows:
        raise UsageError(f"expect list {p} is empty")
    header = [_norm_header(h) for h in rows[0]]

    def col(names: tuple[str, ...], exclude: int | None = None) -> int | None:
        for n in names:
            if n in header and header.index(n) != exclude:
                return header.index(n)
        return None

    value = col(_EXPECTED_HEADERS)
    vin_col = col(_VIN_HEADERS)
    body = rows[1:]
    if value is None and vin_col is None:
        if looks_like_vin(rows[0][-1]):  # no header: key,vin or just vin
            value, body = len(rows[0]) - 1, rows
            key = 0
        else:
            raise UsageError(
                f"expect list {p}: no VIN column found in the header {_cut(rows[0], 120)}; "
                "name the columns 'case' and 'vin' (or 'vin' and 'expected_vin')")
    else:
        if value is None:
            value = vin_col
        key_col = col(_KEY_HEADERS, exclude=value)
        if key_col is None:
            key_col = vin_col if vin_col is not None and vin_col != value else value
        key = key_col
    out: dict[str, str] = {}
    line_of: dict[str, int] = {}
    for n, r in enumerate(body, start=2 if body is not rows else 1):
        if max(key, value) >= len(r):
            raise UsageError(f"expect list {p}, line {n}: too few columns ({_cut(r)})")
        k, v = r[key].strip(), r[value].strip().upper().replace(" ", "")
        if not (k and v):
            continue
        ku = k.upper()
        if ku in line_of and out[_key_as_written(out, ku)] != v:
            raise UsageError(
                f"expect list {p}: case {_cut(k)} has two different VINs, "
                f"{_cut(out[_key_as_written(out, ku)])} (line {line_of[ku]}) and {_cut(v)} "
                f"(line {n}); correct the list")
        if ku not in line_of:
            line_of[ku] = n
            out[k] = v
    return out


def _key_as_written(out: dict[str, str], key_upper: str) -> str:
    return next(k for k in out if k.upper() == key_upper)


def _cut(value: object, limit: int = 60) -> str:
    """A value as a message may quote it (repr, at most ``limit`` characters)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 4] + "...'"


# --- running ----------------------------------------------------------------------------

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


def _worker_init(jobs: int, parent_pid: int) -> None:
    """Workers ignore Ctrl+C (the main process decides how to stop) and end themselves when
    the main process dies (e.g. SIGKILL), instead of idling forever; with several workers
    each keeps OpenCV to one thread so they do not fight over the cores."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_with_parent, args=(parent_pid,), daemon=True,
                     name="vincheck-parent-watch").start()
    if jobs > 1:
        os.environ.setdefault("VINCHECK_OCR_THREADS", "1")  # read when the OCR loads
        try:
            import cv2

            cv2.setNumThreads(1)
        except ImportError:  # pragma: no cover
            pass


def _exit_with_parent(parent_pid: int, poll_s: float = 1.0) -> None:
    while True:
        time.sleep(poll_s)
        if os.getppid() != parent_pid:
            os._exit(3)


def check_one(runner: Runner, settings: Settings, case_input: CaseInput,
              unknown: list[str]) -> tuple[str, Any, CaseInput]:
    """Worker: sort unknown files by pixels, run the case. Returns ("ok", result, input)
    or ("error", message, input) / ("ocr", message, input) for a missing OCR engine."""
    ci = CaseInput(rubbing_files=list(case_input.rubbing_files),
                   photo_files=list(case_input.photo_files),
                   expected_vin=case_input.expected_vin, kind=case_input.kind,
                   color=case_input.color, dpi=case_input.dpi,
                   certificate_files=list(case_input.certificate_files))
    try:
        if unknown:
            from vincheck.case_files import classify_file

            for f in unknown:
                try:
                    kind = classify_file(f)
                except VincheckError:
                    kind = "photo" if ci.rubbing_files else "rubbing"  # run_case reports it
                if kind == "certificate":  # fills the expected VIN / colour not given
                    from vincheck.certificate import apply_to_case, read_certificate_file

                    given = {"kind"} | {n for n, a in (("vin", ci.expected_vin),
                                                       ("colour", ci.color)) if a}
                    apply_to_case(ci, read_certificate_file(f), given)
                    ci.certificate_files.append(f)
                    continue
                (ci.rubbing_files if kind == "rubbing" else ci.photo_files).append(f)
        return "ok", runner(ci, settings), ci
    except OcrEngineError as exc:
        return "ocr", str(exc), ci
    except VincheckError as exc:
        return "error", str(exc), ci
    except Exception as exc:  # noqa: BLE001 - a bug in one case must not stop the batch
        return "error", f"{type(exc).__name__}: {exc}", ci


class BatchRunner:
    """Runs prepared cases (inline for ``jobs == 1``, else in worker processes), records
    each result and reports outcomes to ``on_outcome``. Use as a context manager."""

    def __init__(self, store: Store, settings: Settings, *, jobs: int = 2,
                 runner: Runner | None = None, kind: str = "car", dpi: float | None = None,
                 on_outcome: Callable[[CaseOutcome], None] | None = None) -> None:
        if kind not in ("car", "trailer"):
            raise UsageError(f"--kind must be car or trailer, not {kind!r}")
        if jobs < 1:
            raise UsageError(f"--jobs must be at least 1, not {jobs}")
        self.store, self.settings, self.jobs = store, settings, jobs
        self.runner: Runner = runner or run_case
        self.kind, self.dpi = kind, dpi
        self.on_outcome = on_outcome or (lambda _o: None)
        self._pool: ProcessPoolExecutor | None = None
        self._pending: dict[Future[Any], BatchCase] = {}

    def __enter__(self) -> BatchRunner:
        if self.jobs > 1:
            self._pool = ProcessPoolExecutor(max_workers=self.jobs,
                                             mp_context=multiprocessing.get_context("spawn"),
                                             initializer=_worker_init,
                                             initargs=(self.jobs, os.getpid()))
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown(cancel=exc[0] is not None)

    def shutdown(self, cancel: bool = False) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=not cancel, cancel_futures=True)
            self._pool = None

    def case_input(self, bc: BatchCase) -> CaseInput:
        return CaseInput(rubbing_files=list(bc.rubbing_files), photo_files=list(bc.photo_files),
                         expected_vin=bc.expected_vin, kind=self.kind, dpi=self.dpi)

    def skip_if_recorded(self, bc: BatchCase, note: str = "") -> CaseOutcome | None:
        case_id = self.store.find_batch_key(bc.batch_key)
        if case_id is None:
            return None
        s = self.store.get_summary(case_id)
        o = CaseOutcome(key=bc.key, status="skipped", expected_vin=s.expected_vin,
                        verdict=s.decided_verdict, vins_read=s.vins_read, reasons=s.reasons,
                        case_id=case_id, error=note)
        self.on_outcome(o)
        return o

    def submit(self, bc: BatchCase) -> CaseOutcome | None:
        """Start one prepared case; inline mode returns its outcome at once."""
        ci = self.case_input(bc)
        if self._pool is None:
            return self._finish(bc, check_one(self.runner, self.settings, ci, bc.unknown_files))
        fut = self._pool.submit(check_one, self.runner, self.settings, ci, bc.unknown_files)
        self._pending[fut] = bc
        return None

    @property
    def n_pending(self) -> int:
        return len(self._pending)

    def collect(self, timeout: float | None = None) -> list[CaseOutcome]:
        """Record the cases finished within ``timeout`` s (None: wait for at least one)."""
        if not self._pending:
            return []
        done, _ = wait(list(self._pending), timeout=timeout, return_when=FIRST_COMPLETED)
        out = []
        for fut in done:
            bc = self._pending.pop(fut)
            try:
                res = fut.result()
            except Exception as exc:  # noqa: BLE001 - a dead worker (e.g. out of memory)
                res = ("error", f"worker failed: {type(exc).__name__}: {exc}",
                       self.case_input(bc))
            out.append(self._finish(bc, res))
        return out

    def _finish(self, bc: BatchCase, res: tuple[str, Any, CaseInput]) -> CaseOutcome:
        status, payload, ci = res
        if status == "ocr":
            raise OcrEngineError(payload)
        if status == "error":
            o = CaseOutcome(key=bc.key, status="error", expected_vin=bc.expected_vin,
                            error=str(payload), n_rubbing=len(ci.rubbing_files),
                            n_photo=len(ci.photo_files))
            self.on_outcome(o)
            return o
        result: CaseResult = payload
        errors = "; ".join(_file_error(e) for e in result.errors)
        if result.errors and not result.sheets and not result.photos:  # recorded: says so
            errors = f"none of the case's {len(result.errors)} file(s) could be read: {errors}"
        t0 = time.perf_counter()
        try:
            case_id = self.store.record_case(ci, result, source="batch",
                                             batch_key=bc.batch_key, hashes=bc.hashes)
        except StoreError:
            if self.store.find_batch_key(bc.batch_key) is None:
                raise
            # another batch on the same folder recorded it first: skip it, say so
            o = self.skip_if_recorded(bc, note="recorded meanwhile by another batch run")
            assert o is not None
            return o
        rec_ms = (time.perf_counter() - t0) * 1000.0
        reasons = list(result.reasons)
        if result.errors and "input_error" not in reasons:
            reasons.append("input_error")
        o = CaseOutcome(key=bc.key, status="checked", expected_vin=result.expected_vin,
                        verdict=str(result.decided_verdict()), vins_read=result.vins_read,
                        reasons=reasons, case_id=case_id,
                        n_rubbing=len(ci.rubbing_files), n_photo=len(ci.photo_files),
                        ms=result.ms, record_ms=rec_ms, error=errors)
        self.on_outcome(o)
        return o


def _file_error(e: dict[str, str]) -> str:
    """One entry of ``CaseResult.errors`` as text that names the file once."""
    name, msg = Path(e.get("file", "")).name, e.get("error", "")
    return msg if name and name in msg else f"{name}: {msg}"


def unreadable_case(bc: BatchCase, exc: OSError) -> CaseOutcome:
    """The outcome of a case one of whose files cannot even be hashed (permission denied,
    a folder or pipe in a file's place, locked by a scanner still writing, vanished)."""
    name = Path(exc.filename).name if exc.filename else "a file"
    return CaseOutcome(key=bc.key, status="error", expected_vin=bc.expected_vin,
                       reasons=["input_error"], n_rubbing=len(bc.rubbing_files),
                       n_photo=len(bc.photo_files),
                       error=f"cannot read {name}: {exc.strerror or exc}")


def run_batch(root: str | Path, *, store: Store, settings: Settings | None = None,
              expect: dict[str, str] | None = None, kind: str = "car",
              dpi: float | None = None, jobs: int = 2, runner: Runner | None = None,
              on_outcome: Callable[[CaseOutcome], None] | None = None,
              stop: threading.Event | None = None) -> BatchReport:
    """Check every case of ``root`` not yet recorded; returns the report.

    ``runner(case_input, settings) -> CaseResult`` (default :func:`run_case`) must be a
    module-level function (it is sent to worker processes). Ctrl+C (KeyboardInterrupt) or
    ``stop`` ends the batch after recording what finished; the report is then marked
    ``interrupted``.
    """
    settings = settings or Settings()
    t0 = time.perf_counter()
    report = BatchReport()
    cases = discover_cases(root, expect)
    found = {c.key.upper() for c in cases}
    emit = on_outcome or (lambda _o: None)

    def note(o: CaseOutcome) -> None:
        report.outcomes.append(o)
        emit(o)

    try:
        with BatchRunner(store, settings, jobs=jobs, runner=runner, kind=kind, dpi=dpi,
                         on_outcome=note) as br:
            queue = list(cases)
            while queue or br.n_pending:
                if stop is not None and stop.is_set():
                    report.interrupted = True
                    break
                # keep the workers fed without hashing every file up front
                while queue and br.n_pending < 2 * jobs:
                    bc = queue.pop(0)
                    try:
                        prepare_case(bc, root, kind=kind, dpi=dpi)
                    except OSError as exc:  # one unreadable file: that case only
                        note(unreadable_case(bc, exc))
                        continue
                    if br.skip_if_recorded(bc) is None:
                        br.submit(bc)
                br.collect(timeout=0.5)
    except KeyboardInterrupt:
        report.interrupted = True
    if not report.interrupted:
        for o in missing_outcomes(expect, found):
            note(o)
    report.wall_s = time.perf_counter() - t0
    return report


def watch_folder(root: str | Path, *, store: Store, settings: Settings | None = None,
                 expect: dict[str, str] | None = None, kind: str = "car",
                 dpi: float | None = None, jobs: int = 2, runner: Runner | None = None,
                 on_outcome: Callable[[CaseOutcome], None] | None = None,
                 stop: threading.Event | None = None, interval_s: float | None = None,
                 settle_s: float | None = None, max_s: float | None = None) -> BatchReport:
    """Poll a hot folder every ``interval_s`` and check each case once its files have not
    changed (size, mtime) for ``settle_s`` seconds; runs until ``stop`` is set, Ctrl+C or
    ``max_s`` seconds. Cases already recorded are skipped silently."""
    settings = settings or Settings()
    interval = settings.watch_interval_s if interval_s is None else interval_s
    settle = settings.watch_settle_s if settle_s is None else settle_s
    report = BatchReport()
    t0 = time.perf_counter()
    seen: dict[str, tuple[Any, float]] = {}  # key -> (signature, first seen unchanged at)
    done: dict[str, Any] = {}  # key -> signature handled
    emit = on_outcome or (lambda _o: None)

    def note(o: CaseOutcome) -> None:
        if o.status != "skipped":
            report.outcomes.append(o)
            emit(o)

    try:
        with BatchRunner(store, settings, jobs=jobs, runner=runner, kind=kind, dpi=dpi,
                         on_outcome=note) as br:
            while True:
                now = time.perf_counter()
                if (stop is not None and stop.is_set()) or (max_s and now - t0 >= max_s):
                    break
                for bc in discover_cases(root, expect):
                    sig = bc.signature()
                    k = bc.key.upper()
                    if done.get(k) == sig:
                        continue
                    prev = seen.get(k)
                    if prev is None or prev[0] != sig:
                        seen[k] = (sig, now)
                        continue
                    if now - prev[1] < settle:
                        continue
                    try:
                        prepare_case(bc, root, kind=kind, dpi=dpi)
                    except OSError:
                        continue  # a file vanished or is still locked: next poll
                    done[k] = sig
                    if br.skip_if_recorded(bc) is None:
                        br.submit(bc)
                br.collect(timeout=interval if br.n_pending else 0)
                if not br.n_pending:
                    pause(interval, stop)
            while br.n_pending:  # finish what was started
                br.collect(timeout=1.0)
    except KeyboardInterrupt:
        report.interrupted = False  # Ctrl+C is how a watch ends normally
    report.wall_s = time.perf_counter() - t0
    return report


def missing_outcomes(expect: dict[str, str] | None, found: set[str]) -> list[CaseOutcome]:
    """A ``missing`` outcome for each case of the expect list (key -> VIN) whose key (upper
    case) is not among the case keys ``found`` in the folder."""
    return [CaseOutcome(key=k, status="missing", expected_vin=v,
                        error="in the expect list, but no files for it in the folder")
            for k, v in (expect or {}).items() if k.strip().upper() not in found]


def pause(seconds: float, stop: threading.Event | None) -> None:
    """Wait ``seconds`` s, or less if ``stop`` is set meanwhile."""
    if stop is not None:
        stop.wait(seconds)
    else:
        time.sleep(seconds)


# --- progress ---------------------------------------------------------------------------

class ProgressBar:
    """A text progress bar on a stream (stderr): redrawn with ``\\r`` on a terminal, a
    line every 10 % or 30 s otherwise."""

    def __init__(self, total: int, stream: TextIO | None = None, width: int = 30) -> None:
        self.total, self.width = max(0, total), width
        self.stream = stream or sys.stderr
        self.done = 0
        self.checked = 0
        self.t0 = time.perf_counter()
        self._last_line = -1.0
        self._last_pct = -1
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def update(self, key: str = "", checked: bool = True) -> None:
        """One more case done; ``checked`` False for a case skipped (not in the rate)."""
        self.done += 1
        self.checked += int(checked)
        elapsed = time.perf_counter() - self.t0
        frac = self.done / self.total if self.total else 1.0
        rate = 60.0 * self.checked / elapsed if elapsed > 0 else 0.0
        eta = (self.total - self.done) / (rate / 60.0) if rate > 0 else 0.0
        if eta > 359999:
            eta = 0.0
        fill = int(round(frac * self.width))
        text = (f"[{'#' * fill}{'.' * (self.width - fill)}] {self.done}/{self.total} "
                f"{100 * frac:5.1f}% {rate:5.1f} cases/min ETA {int(eta // 60)}:"
                f"{int(eta % 60):02d} {key[:24]}")
        if self.tty:
            self.stream.write("\r" + text.ljust(110))
            if self.done >= self.total:
                self.stream.write("\n")
        else:
            pct = int(10 * frac)
            if pct != self._last_pct or elapsed - self._last_line >= 30 or \
                    self.done >= self.total:
                self.stream.write(text + "\n")
                self._last_pct, self._last_line = pct, elapsed
        self.stream.flush()


def outcome_json(o: CaseOutcome) -> dict[str, Any]:
    """The JSON line printed on stdout for one case."""
    d = {"case": o.key, "status": o.status, "verdict": o.verdict or None,
         "expected_vin": o.expected_vin, "vins_read": o.vins_read, "reasons": o.reasons,
         "case_id": o.case_id}
    if o.error:
        d["error"] = o.error
    return d
