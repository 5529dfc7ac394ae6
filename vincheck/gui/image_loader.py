"""Decode image files off the GUI thread, with a small cache of decoded pages.

:class:`ImageLoader` runs a load function (default: every page of a file through
:func:`vincheck.imageio.load_pages`) in a private thread pool and reports on the
GUI thread with ``loaded(file, pages)`` or ``failed(file, exc)``. Pages are kept as
:class:`QImage` (converted in the worker, so the GUI thread only makes the pixmap); the
last :data:`CACHE_FILES` files stay in memory.

A Python :class:`~concurrent.futures.ThreadPoolExecutor` is used rather than a
QThreadPool with a QRunnable: in PySide6 6.12 every call of a Python ``QRunnable.run``
override drops references to None, and a session of a few hundred loads ended the
interpreter ("deallocating None").

The loader knows nothing about which image is on screen: the window compares the file of
a result with the one it wants and drops stale ones (they are still cached).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from vincheck.gui.overlay_items import qimage_from_rgb

CACHE_FILES = 4  # files whose decoded pages are kept in memory
WORKERS = 2  # loads at the same time (a slow file does not hold up the next one)

LoadFunction = Callable[[str], Sequence[np.ndarray]]
"""Takes a file path, returns its pages as H x W x 3 uint8 RGB arrays (raises on error)."""


def reason_without_path(exc: BaseException, path: Path) -> str:
    """An error message without the file path it starts with (the file is named already)."""
    msg = getattr(exc, "message", None) or str(exc)
    prefix = f"{path}: "
    return msg[len(prefix):] if msg.startswith(prefix) else msg


def default_load_function(max_pixels: int | None = None) -> LoadFunction:
    """Every page of a file via :func:`vincheck.imageio.load_pages` (the only place that
    opens image files); ``max_pixels`` caps the decoded size (px) as in the settings."""

    def load(file: str) -> list[np.ndarray]:
        from vincheck.imageio import load_pages

        kw = {} if max_pixels is None else {"max_pixels": max_pixels}
        return [p.rgb for p in load_pages(file, **kw)]

    return load


class _Relay(QObject):
    """Carries a worker's outcome to the GUI thread (lives in the GUI thread)."""

    done = Signal(str, object)  # file, list[QImage]
    failed = Signal(str, object)  # file, exception


def _decode(load: LoadFunction, file: str) -> list[QImage]:
    """Runs in a worker thread: the pages of ``file`` as QImages (QImage, unlike QPixmap,
    may be made outside the GUI thread)."""
    return [qimage_from_rgb(np.asarray(p)) for p in load(file)]


def _report(relay: _Relay, file: str, future: Future) -> None:
    """Done-callback of a load (runs in the worker thread): hand the outcome to the GUI
    thread through the relay's queued signals."""
    if future.cancelled():
        return
    exc = future.exception()
    try:
        if exc is not None:
            relay.failed.emit(file, exc)
        else:
            relay.done.emit(file, future.result())
    except RuntimeError:  # the window (and its relay) is gone: nobody is listening
        pass


class ImageLoader(QObject):
    """Loads files asynchronously; ``loaded``/``failed`` are delivered on the GUI thread.

    ``request(file)`` never blocks: it returns at once and the outcome arrives later
    (a cached file is reported by :meth:`cached` instead). A file already being loaded
    is not loaded twice; queued loads of files no longer wanted are dropped.
    """

    loaded = Signal(str, object)  # file, list[QImage]
    failed = Signal(str, object)  # file, BaseException
    idle = Signal()  # no load running or queued any more

    def __init__(self, load: LoadFunction | None = None, cache_files: int = CACHE_FILES,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.load_function: LoadFunction = load or default_load_function()
        self.cache_files = max(1, cache_files)
        self._cache: OrderedDict[str, list[QImage]] = OrderedDict()
        self._tasks: dict[str, Future] = {}  # file -> queued or running load
        self._pool = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="vincheck-image")
        self._relay = _Relay()  # no parent: it may outlive the loader until tasks finish
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)
        self._closed = False

    # --- queries -----------------------------------------------------------------------
    def cached(self, file: str) -> list[QImage] | None:
        """The decoded pages of ``file`` if in the cache (marks it recently used)."""
        pages = self._cache.get(file)
        if pages is not None:
            self._cache.move_to_end(file)
        return pages

    def is_loading(self, file: str | None = None) -> bool:
        """Whether ``file`` (or any file when None) is queued or being decoded."""
        return bool(self._tasks) if file is None else file in self._tasks

    def forget(self, file: str | None = None) -> None:
        """Drop ``file`` (or everything) from the cache, e.g. when it changed on disk."""
        if file is None:
            self._cache.clear()
        else:
            self._cache.pop(file, None)

    # --- loading -----------------------------------------------------------------------
    def request(self, file: str, drop_others: bool = True) -> None:
        """Start loading ``file`` in the background unless it is already on its way;
        ``drop_others`` removes queued (not yet started) loads of other files."""
        if drop_others:
            for other, future in list(self._tasks.items()):
                if other != file and future.cancel():
                    del self._tasks[other]
        if file in self._tasks or self._closed:
            return
        future = self._pool.submit(_decode, self.load_function, file)
        self._tasks[file] = future
        relay = self._relay
        future.add_done_callback(lambda fut, f=file: _report(relay, f, fut))

    def shutdown(self, wait_ms: int = 3000) -> bool:
        """Drop queued loads and wait up to ``wait_ms`` for running ones; True if done."""
        self._closed = True  # later requests (a file changed on disk ...) are ignored
        running = [f for f in self._tasks.values() if not f.cancel()]
        self._pool.shutdown(wait=False, cancel_futures=True)
        _done, pending = wait_futures(running, timeout=wait_ms / 1000)
        return not pending

    def _on_done(self, file: str, pages: list[QImage]) -> None:
        self._tasks.pop(file, None)
        self._cache[file] = pages
        self._cache.move_to_end(file)
        while len(self._cache) > self.cache_files:
            self._cache.popitem(last=False)
        self.loaded.emit(file, pages)
        self._maybe_idle()

    def _on_failed(self, file: str, exc: BaseException) -> None:
        self._tasks.pop(file, None)
        self.failed.emit(file, exc)
        self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self._tasks:
            self.idle.emit()
