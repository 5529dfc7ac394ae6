"""Scanning through SANE's ``test`` backend (sane-utils' scanimage; no hardware).

The fixture points SANE_CONFIG_DIR at its own folder whose dll.conf enables only the
``test`` backend, so nothing in /etc is edited and CI on a fresh machine works once
sane-utils is installed (scripts/setup.sh)."""

from __future__ import annotations

import shutil
import threading
import time
from pathlib import Path

import pytest

from vincheck import scanner
from vincheck.cancel import CancelToken
from vincheck.errors import Cancelled
from vincheck.imageio import load_image

needs_sane = pytest.mark.skipif(shutil.which("scanimage") is None,
                                reason="scanimage (sane-utils) is not installed")
SMALL = ["-x", "30", "-y", "20"]  # mm: a small area keeps each scan well under a second
SLOW = ["--read-limit=yes", "--read-limit-size", "256", "--read-delay=yes",
        "--read-delay-duration", "50000"]  # 50 ms per 256 bytes: a scan of many seconds


@pytest.fixture
def sane_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    conf = tmp_path_factory.mktemp("sane") / "sane.d"
    conf.mkdir()
    (conf / "dll.conf").write_text("test\n", encoding="ascii")
    return {"SANE_CONFIG_DIR": str(conf)}


@needs_sane
def test_lists_the_test_devices(sane_env: dict[str, str]) -> None:
    ids = [d.id for d in scanner.list_devices(env=sane_env)]
    assert "test:0" in ids


@needs_sane
@pytest.mark.parametrize("dpi", [300, 600])
def test_scan_writes_a_colour_page_with_its_dpi(tmp_path: Path, sane_env: dict[str, str],
                                                 dpi: int) -> None:
    seen: list[float] = []
    files = scanner.scan("test:0", tmp_path / "scans", dpi=dpi, env=sane_env,
                         extra_options=[*SMALL, "--test-picture", "Color pattern"],
                         progress=lambda f, _m: seen.append(f))
    assert len(files) == 1 and files[0].suffix == ".tiff"
    img = load_image(files[0])
    assert img.dpi == pytest.approx(dpi) and img.dpi_source == "file"
    # 30 x 20 mm at dpi: the page's size follows the resolution asked for
    assert img.width == pytest.approx(30 / 25.4 * dpi, abs=2)
    assert img.rgb.std(axis=2).max() > 50  # colour, not grey
    assert seen and max(seen) == pytest.approx(1.0)
    assert sorted(p.name for p in (tmp_path / "scans").iterdir()) == [files[0].name]


@needs_sane
def test_feeder_pages_arrive_in_order(tmp_path: Path, sane_env: dict[str, str]) -> None:
    files = scanner.scan("test:0", tmp_path, pages=3, stem="case7", env=sane_env,
                         extra_options=[*SMALL, "--source", "Automatic Document Feeder"])
    assert [f.name for f in files] == ["case7-1.tiff", "case7-2.tiff", "case7-3.tiff"]
    again = scanner.scan("test:0", tmp_path, pages=1, stem="case7", env=sane_env,
                         extra_options=SMALL)
    assert again[0].name == "case7-2-1.tiff"  # an earlier scan is never overwritten


@needs_sane
def test_scanner_error_leaves_no_file(tmp_path: Path, sane_env: dict[str, str]) -> None:
    with pytest.raises(scanner.ScannerError, match="jammed"):
        scanner.scan("test:0", tmp_path, env=sane_env,
                     extra_options=[*SMALL, "--read-return-value", "SANE_STATUS_JAMMED"])
    with pytest.raises(scanner.ScannerError, match="nosuch:0"):
        scanner.scan("nosuch:0", tmp_path, env=sane_env)
    assert list(tmp_path.iterdir()) == []


@needs_sane
def test_cancel_stops_the_scan_and_leaves_no_file(tmp_path: Path,
                                                  sane_env: dict[str, str]) -> None:
    token = CancelToken()
    started = threading.Event()

    def progress(f: float, _m: str) -> None:
        if f > 0:
            started.set()

    threading.Timer(10.0, token.cancel).start()  # a fallback; the test cancels earlier
    t0 = time.monotonic()
    result: list[BaseException] = []

    def run() -> None:
        try:
            scanner.scan("test:0", tmp_path, env=sane_env, cancel=token, progress=progress,
                         extra_options=["-x", "100", "-y", "100", *SLOW])
        except BaseException as exc:  # noqa: BLE001
            result.append(exc)

    th = threading.Thread(target=run)
    th.start()
    assert started.wait(10.0), "the scan never reported progress"
    token.cancel()
    th.join(10.0)
    assert not th.is_alive()
    assert result and isinstance(result[0], Cancelled)
    assert time.monotonic() - t0 < 10.0
    assert list(tmp_path.iterdir()) == []


@needs_sane
def test_timeout_is_a_clear_error(tmp_path: Path, sane_env: dict[str, str]) -> None:
    with pytest.raises(scanner.ScannerError, match="did not finish within"):
        scanner.scan("test:0", tmp_path, env=sane_env, timeout_s=0.5,
                     extra_options=["-x", "100", "-y", "100", *SLOW])
    assert list(tmp_path.iterdir()) == []


def test_missing_scanimage_says_what_to_install(monkeypatch: pytest.MonkeyPatch,
                                                tmp_path: Path) -> None:
    monkeypatch.setattr(scanner, "backend_name", lambda: "sane")
    monkeypatch.setattr(scanner.shutil, "which", lambda _name: None)
    with pytest.raises(scanner.ScannerError, match="sane-utils"):
        scanner.scan("test:0", tmp_path)
    with pytest.raises(scanner.ScannerError, match="sane-utils"):
        scanner.list_devices()


def test_impossible_resolution_is_refused(tmp_path: Path) -> None:
    with pytest.raises(scanner.ScannerError, match="300 or 600"):
        scanner.scan("test:0", tmp_path, dpi=10)
