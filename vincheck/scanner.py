"""Acquire pages from a scanner: SANE on Linux (Debian's ``scanimage`` from sane-utils,
run as a subprocess), WIA on Windows (``WIA.DeviceManager`` through comtypes).

No Qt: progress goes to ``progress(fraction 0-1, message)`` and cancellation comes through
a :class:`~vincheck.cancel.CancelToken`; the GUI runs :func:`scan` in a worker thread.
Pages are written as TIFF files carrying their resolution (dots per inch) into the folder
given; a page is only there once complete (written under a temporary name, checked,
renamed). A failure or a cancel leaves no file behind and raises
:class:`ScannerError` / :class:`~vincheck.errors.Cancelled`.

The WIA path is written for Windows but could not be run on the Linux machine this was
built on; SANE is tested against the ``test`` backend of sane-backends.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from vincheck.errors import Cancelled, ExitCode, VincheckError

ProgressFn = Callable[[float, str], None]

#: Resolutions offered (dots per inch): 300 for certificates and photos, 600 for rubbings.
RESOLUTIONS = (300, 600)
DEFAULT_DPI = 300
LIST_TIMEOUT_S = 30.0  # s: looking for devices (network backends can be slow)
SCAN_TIMEOUT_S = 180.0  # s: one scan run (all pages)
FAILURE_GRACE_S = 2.0  # s: time scanimage gets to end after it reported a failed read
_SANE_FAILURE = re.compile(r"sane_(start|read)\b")
_PROGRESS = re.compile(r"Progress:\s*([0-9.]+)%")


class ScannerError(VincheckError):
    """The scanner could not be used (no scanning software, no device, a scanner error)."""

    exit_code = ExitCode.USAGE


@dataclass(frozen=True)
class ScannerDevice:
    """A scanner: ``id`` as the backend names it (``"test:0"``, a WIA DeviceID), and a
    ``label`` for people."""

    id: str
    label: str
    backend: str  # "sane" | "wia"


def backend_name() -> str:
    """"wia" on Windows, else "sane"."""
    return "wia" if sys.platform == "win32" else "sane"


def scanimage_path() -> str | None:
    """The ``scanimage`` command (sane-utils), or None when it is not installed."""
    return shutil.which("scanimage")


def unavailable_reason() -> str | None:
    """None when scanning can work here, else a one-line reason with what to install."""
    if backend_name() == "wia":
        try:
            import comtypes.client  # noqa: F401
        except ImportError:
            return "scanning on Windows needs the comtypes package (pip install comtypes)"
        return None
    if scanimage_path() is None:
        return ("scanning needs SANE's scanimage command: install sane-utils "
                "(sudo apt-get install sane-utils), or save scans from the scanner's own "
                "software into the hot folder")
    return None


def list_devices(timeout_s: float = LIST_TIMEOUT_S,
                 env: dict[str, str] | None = None) -> list[ScannerDevice]:
    """The scanners that answer now (may be empty). Raises :class:`ScannerError` when no
    scanning software is installed or the search fails."""
    reason = unavailable_reason()
    if reason:
        raise ScannerError(reason)
    if backend_name() == "wia":  # pragma: no cover - Windows only
        return _wia_devices()
    try:
        proc = subprocess.run([scanimage_path() or "scanimage", "-f", "%d\t%v\t%m\t%t%n"],
                              capture_output=True, text=True, timeout=timeout_s,
                              env=_env(env))
    except subprocess.TimeoutExpired:
        raise ScannerError(f"looking for scanners took longer than {timeout_s:.0f} s") \
            from None
    if proc.returncode != 0:
        raise ScannerError(f"looking for scanners failed: {_last_line(proc.stderr)}")
    out = []
    for line in proc.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) >= 4 and parts[0]:
            out.append(ScannerDevice(parts[0], f"{parts[1]} {parts[2]} ({parts[0]})", "sane"))
    return out


def scan(device: str, out_dir: str | Path, *, dpi: int = DEFAULT_DPI, color: bool = True,
         pages: int = 1, stem: str | None = None, timeout_s: float = SCAN_TIMEOUT_S,
         cancel: Any = None, progress: ProgressFn | None = None,
         extra_options: Sequence[str] = (), env: dict[str, str] | None = None) -> list[Path]:
    """Scan ``pages`` pages (more than 1: from the document feeder, stopping early when it
    is empty) from ``device`` at ``dpi`` in colour (or grey) into ``out_dir`` as
    ``{stem}-{n}.tiff`` with their resolution; returns the files in order.

    ``cancel`` is a :class:`~vincheck.cancel.CancelToken`; ``extra_options`` are passed
    to the backend as they are (SANE: e.g. ``["--source", "ADF"]``). Raises
    :class:`ScannerError` (clear message, no file left) or
    :class:`~vincheck.errors.Cancelled` (no file left)."""
    if not 50 <= int(dpi) <= 4800:
        raise ScannerError(f"a scan resolution of {dpi} dpi is not possible; use 300 or 600")
    if pages < 1:
        raise ScannerError("at least one page must be scanned")
    reason = unavailable_reason()
    if reason:
        raise ScannerError(reason)
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ScannerError(f"cannot create the scan folder {out}: {exc.strerror}") from None
    stem = stem or "scan-" + datetime.now().strftime("%Y%m%d-%H%M%S")
    report = progress or (lambda _f, _m: None)
    if backend_name() == "wia":  # pragma: no cover - Windows only
        return _wia_scan(device, out, dpi=dpi, color=color, pages=pages, stem=stem,
                         cancel=cancel, report=report)
    return _sane_scan(device, out, dpi=int(dpi), color=color, pages=pages, stem=stem,
                      timeout_s=timeout_s, cancel=cancel, report=report,
                      extra_options=list(extra_options), env=env)


# --- SANE ---------------------------------------------------------------------------------

def _env(extra: dict[str, str] | None) -> dict[str, str] | None:
    if not extra:
        return None
    env = dict(os.environ)
    env.update(extra)
    return env


def _last_line(text: str) -> str:
    """The scanner's own error (a ``sane_…:`` line, e.g. "Document feeder jammed") when
    there is one, else the last line scanimage wrote."""
    lines = [ln.strip() for ln in re.split(r"[\r\n]+", text or "")
             if ln.strip() and not ln.strip().startswith("Progress:")]
    sane = [ln for ln in lines if re.search(r"sane_\w+:|open of device", ln)]
    msg = sane[0] if sane else lines[-1] if lines else "no message"
    return re.sub(r"^scanimage:\s*(sane_\w+:\s*)?", "", msg)


def _sane_scan(device: str, out: Path, *, dpi: int, color: bool, pages: int, stem: str,
               timeout_s: float, cancel: Any, report: ProgressFn,
               extra_options: list[str], env: dict[str, str] | None) -> list[Path]:
    tmp = out / f".{stem}.part"
    tmp.mkdir(exist_ok=True)
    cmd = [scanimage_path() or "scanimage", "-d", device, "--format=tiff",
           "--resolution", str(dpi), "--mode", "Color" if color else "Gray", "-p",
           *extra_options]
    if pages > 1:
        cmd += [f"--batch={tmp}/p%03d.tiff", f"--batch-count={pages}"]
    else:
        cmd += ["-o", str(tmp / "p001.tiff")]
    report(0.0, f"scanning at {dpi} dpi")
    stderr: list[str] = []
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                env=_env(env), start_new_session=True)
    except OSError as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise ScannerError(f"cannot start scanimage: {exc.strerror}") from None

    def read_stderr() -> None:  # "Progress: 12.3%" comes with carriage returns
        assert proc.stderr is not None
        buf = b""
        while chunk := proc.stderr.read1(4096):
            buf += chunk
            *parts, buf_tail = re.split(rb"[\r\n]", buf)
            buf = buf_tail
            for p in parts:
                s = p.decode("utf-8", "replace").strip()
                if not s:
                    continue
                m = _PROGRESS.search(s)
                if m:
                    try:
                        report(min(1.0, float(m.group(1)) / 100.0), f"scanning at {dpi} dpi")
                    except Cancelled:
                        pass  # the main loop sees the cancel and stops the scan
                else:
                    stderr.append(s)
        if buf.strip():
            stderr.append(buf.decode("utf-8", "replace").strip())

    reader = threading.Thread(target=read_stderr, daemon=True)
    reader.start()
    t0 = time.monotonic()
    failed_at: float | None = None  # when scanimage reported the scan failed
    try:
        while proc.poll() is None:
            if cancel is not None and cancel.cancelled:
                _stop(proc)
                raise Cancelled("the scan was cancelled")
            if time.monotonic() - t0 > timeout_s:
                _stop(proc)
                raise ScannerError(f"the scanner did not finish within {timeout_s:.0f} s")
            failure = next((s for s in list(stderr) if _SANE_FAILURE.search(s)), None)
            if failure is not None:
                failed_at = failed_at or time.monotonic()
                if time.monotonic() - failed_at > FAILURE_GRACE_S:
                    # a backend that hangs after reporting its error (SANE's own test
                    # backend does, about one time in eight, after a jammed feeder)
                    _stop(proc)
                    raise ScannerError(f"the scanner reported: {_last_line(failure)}")
            time.sleep(0.05)
        _drain(reader, stderr, need_message=proc.returncode != 0)
        files = sorted(tmp.glob("p*.tiff"))
        ok_status = proc.returncode == 0 or (pages > 1 and files and any(
            "out of documents" in s.lower() or "no more" in s.lower() for s in stderr))
        if not ok_status:
            raise ScannerError(f"the scanner reported: {_last_line(chr(10).join(stderr))}")
        if not files:
            raise ScannerError("the scanner delivered no page")
        return _keep(files, out, stem, dpi)
    finally:
        if proc.poll() is None:
            _stop(proc)
        shutil.rmtree(tmp, ignore_errors=True)


def _drain(reader: threading.Thread, lines: list[str], *, need_message: bool,
           limit_s: float = 30.0) -> None:
    """Let the stderr reader catch up once scanimage has ended: until it reaches the end of
    the pipe, or (the pipe may stay open when another process inherited its write end)
    until it has the message a failure needs, at most ``limit_s`` s (a loaded machine is
    slow to read); a successful scan waits at most 2 s for it."""
    t0 = time.monotonic()
    limit = limit_s if need_message else 2.0
    while reader.is_alive() and time.monotonic() - t0 < limit:
        reader.join(timeout=0.1)
        if need_message and lines and time.monotonic() - t0 > 1.0:
            return


def _stop(proc: subprocess.Popen) -> None:
    """Ask scanimage to stop (SIGTERM: it cancels the scan), then kill it."""
    try:
        proc.terminate()
        proc.wait(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=5)
    except OSError:
        pass


def _keep(files: list[Path], out: Path, stem: str, dpi: int) -> list[Path]:
    """Check each page decodes and carries its resolution (written if the backend left it
    out), then move it to ``{stem}-{n}.tiff``; all or nothing."""
    from PIL import Image

    final: list[tuple[Path, Path]] = []
    for i, f in enumerate(files, 1):
        try:
            with Image.open(f) as im:
                im.load()
                file_dpi = im.info.get("dpi")
                if not file_dpi or abs(float(file_dpi[0]) - dpi) > 1:
                    im.save(f, "TIFF", dpi=(dpi, dpi), compression="tiff_lzw")
        except OSError as exc:
            raise ScannerError(f"page {i} from the scanner is not a readable image ({exc})") \
                from None
        final.append((f, out / f"{stem}-{i}.tiff"))
    n = 2
    base = stem
    while any(dst.exists() for _src, dst in final):  # an earlier scan in the same second
        stem = f"{base}-{n}"
        final = [(src, out / f"{stem}-{i}.tiff") for i, (src, _dst) in enumerate(final, 1)]
        n += 1
    for src, dst in final:
        os.replace(src, dst)
    return [dst for _src, dst in final]


# --- WIA (Windows) ------------------------------------------------------------------------
# Written against the WIA 2.0 automation layer (wiaaut.dll, present on Windows 10/11);
# not run on the machine this was built on.

_WIA_FORMAT_TIFF = "{B96B3CB1-0728-11D3-9D7B-0000F81EF32E}"
_WIA_HORIZONTAL_RES = "6147"
_WIA_VERTICAL_RES = "6148"
_WIA_COLOUR_INTENT = "6146"  # 1 colour, 2 greyscale


def _wia_devices() -> list[ScannerDevice]:  # pragma: no cover - Windows only
    import comtypes.client

    try:
        dm = comtypes.client.CreateObject("WIA.DeviceManager")
        out = []
        for i in range(1, dm.DeviceInfos.Count + 1):
            info = dm.DeviceInfos.Item(i)
            if info.Type == 1:  # ScannerDeviceType
                name = info.Properties.Item("Name").Value
                out.append(ScannerDevice(info.DeviceID, str(name), "wia"))
        return out
    except OSError as exc:
        raise ScannerError(f"looking for scanners failed (WIA): {exc}") from None


def _wia_scan(device: str, out: Path, *, dpi: int, color: bool, pages: int, stem: str,
              cancel: Any, report: ProgressFn) -> list[Path]:  # pragma: no cover - Windows
    import comtypes.client

    tmp = out / f".{stem}.part"
    tmp.mkdir(exist_ok=True)
    try:
        dm = comtypes.client.CreateObject("WIA.DeviceManager")
        dev = None
        for i in range(1, dm.DeviceInfos.Count + 1):
            info = dm.DeviceInfos.Item(i)
            if info.DeviceID == device:
                dev = info.Connect()
        if dev is None:
            raise ScannerError(f"the scanner {device} is not connected")
        item = dev.Items.Item(1)
        for pid, value in ((_WIA_HORIZONTAL_RES, dpi), (_WIA_VERTICAL_RES, dpi),
                           (_WIA_COLOUR_INTENT, 1 if color else 2)):
            item.Properties.Item(pid).Value = value
        for n in range(1, pages + 1):
            if cancel is not None and cancel.cancelled:
                raise Cancelled("the scan was cancelled")
            report((n - 1) / pages, f"scanning page {n} at {dpi} dpi")
            image = item.Transfer(_WIA_FORMAT_TIFF)  # blocks until the page is in
            image.SaveFile(str(tmp / f"p{n:03d}.tiff"))
        return _keep(sorted(tmp.glob("p*.tiff")), out, stem, dpi)
    except OSError as exc:
        raise ScannerError(f"the scanner reported (WIA): {exc}") from None
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
