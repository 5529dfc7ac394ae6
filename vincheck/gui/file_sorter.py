"""Sort added files into rubbing sheets and photos off the GUI thread.

:class:`FileSorter` runs a classify function (default:
:func:`vincheck.case_files.classify_file`, which decodes the whole first page, a second
or more for a 600-dpi TIFF scan) in a private one-thread pool and reports on the GUI thread
with ``sorted(job, file, kind)`` or ``failed(job, file, exc)``, then ``idle()`` when
nothing is queued or running any more.

It follows :mod:`vincheck.gui.image_loader`: a Python
:class:`~concurrent.futures.ThreadPoolExecutor` (not a QRunnable, see there) whose
done-callbacks emit queued signals of a parentless relay. One worker keeps the results in
the order the files were given; a new ``job`` number (:meth:`FileSorter.cancel`) drops
queued files and makes results still on their way recognisably stale.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import wait as wait_futures

from PySide6.QtCore import QObject, Signal

ClassifyFunction = Callable[[str], str]
"""Takes a file path, returns ``"rubbing"`` or ``"photo"`` (raises when unreadable)."""


def default_classify(file: str) -> str:
    """:func:`vincheck.case_files.classify_file` (looked up at call time)."""
    from vincheck.case_files import classify_file

    return classify_file(file)


class _Relay(QObject):
    """Carries a worker's outcome to the GUI thread (lives in the GUI thread)."""

    done = Signal(int, str, str)  # job, file, kind
    failed = Signal(int, str, object)  # job, file, exception


def _report(relay: _Relay, job: int, file: str, future: Future) -> None:
    """Done-callback (runs in the worker thread): hand the outcome to the GUI thread."""
    if future.cancelled():
        return
    exc = future.exception()
    try:
        if exc is not None:
            relay.failed.emit(job, file, exc)
        else:
            relay.done.emit(job, file, str(future.result()))
    except RuntimeError:  # the window (and its relay) is gone: nobody is listening
        pass


class FileSorter(QObject):
    """Classifies files in the background, one at a time, in the order they were added.

    ``add(files)`` never blocks. Results of the current job arrive as ``sorted`` /
    ``failed`` on the GUI thread; after :meth:`cancel` (a new case) results of the older
    job are dropped here and never emitted.
    """

    sorted = Signal(int, str, str)  # job, file, kind
    failed = Signal(int, str, object)  # job, file, BaseException
    idle = Signal()  # nothing queued or running any more

    def __init__(self, classify: ClassifyFunction | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.classify: ClassifyFunction = classify or default_classify
        self.job = 0
        self._tasks: list[Future] = []  # queued or running, current job and stale ones
        self._outstanding = 0  # files of the current job whose outcome was not reported yet
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="vincheck-sort")
        self._closed = False
        self._relay = _Relay()  # no parent: it may outlive the sorter until tasks finish
        self._relay.done.connect(self._on_done)
        self._relay.failed.connect(self._on_failed)

    def pending(self) -> int:
        """Files of the current job whose outcome has not been reported yet."""
        return self._outstanding

    def is_busy(self) -> bool:
        """Whether a file of the current job is still queued or being classified."""
        return self.pending() > 0

    def add(self, files: list[str]) -> int:
        """Queue ``files`` for classification; returns the job number they belong to."""
        if self._closed:
            return self.job
        classify = self.classify
        relay = self._relay
        # all counted first: a file that fails at once (not an image) can report before the
        # next one is queued, and must not make the sorter look idle meanwhile
        self._outstanding += len(files)
        for file in files:
            future = self._pool.submit(classify, file)
            self._tasks.append(future)
            future.add_done_callback(
                lambda fut, j=self.job, f=file: _report(relay, j, f, fut))
        return self.job

    def cancel(self) -> int:
        """Drop queued files and start a new job (results of running ones are dropped when
        they arrive); returns how many files of the current job were not sorted."""
        left = self.pending()
        for future in self._tasks:
            future.cancel()
        self._forget_done()
        self._outstanding = 0
        self.job += 1
        return left

    def shutdown(self, wait_ms: int = 3000) -> bool:
        """Drop queued files and wait up to ``wait_ms`` for the running one; True if done."""
        self.cancel()
        self._closed = True
        running = list(self._tasks)
        self._pool.shutdown(wait=False, cancel_futures=True)
        _done, pending = wait_futures(running, timeout=wait_ms / 1000)
        return not pending

    def _forget_done(self) -> None:
        self._tasks = [f for f in self._tasks if not f.done()]

    def _on_done(self, job: int, file: str, kind: str) -> None:
        self._finish(job, lambda: self.sorted.emit(job, file, kind))

    def _on_failed(self, job: int, file: str, exc: BaseException) -> None:
        self._finish(job, lambda: self.failed.emit(job, file, exc))

    def _finish(self, job: int, report: Callable[[], None]) -> None:
        """One file of ``job`` ended: ``report`` it if the job is still current, then say
        idle when it was the last."""
        self._forget_done()
        if job == self.job and not self._closed:
            self._outstanding -= 1
            report()
            self._maybe_idle()

    def _maybe_idle(self) -> None:
        if not self.is_busy():
            self.idle.emit()
