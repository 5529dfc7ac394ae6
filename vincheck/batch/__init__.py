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

Modules: :mod:`~vincheck.batch.discover` (cases and batch keys), :mod:`~vincheck.batch.expect`
(the expect list), :mod:`~vincheck.batch.worker` (what runs in a worker process),
:mod:`~vincheck.batch.runner` (the pool and recording, ``run_batch``),
:mod:`~vincheck.batch.watch` (the hot folder), :mod:`~vincheck.batch.outcome` (outcomes,
report, results CSV) and :mod:`~vincheck.batch.progress` (the progress bar).
"""

from vincheck.batch.discover import (
    IMAGE_EXTS,
    PHOTO_HINTS,
    RUBBING_HINTS,
    VIN_RE,
    BatchCase,
    discover_cases,
    looks_like_vin,
    loose_files_without_key,
    name_hint,
    prepare_case,
)
from vincheck.batch.expect import MAX_EXPECT_LIST_BYTES, read_expect_list
from vincheck.batch.outcome import (
    RESULT_FIELDS,
    BatchReport,
    CaseOutcome,
    ResultsCsv,
    missing_outcomes,
    outcome_json,
)
from vincheck.batch.progress import ProgressBar
from vincheck.batch.runner import BatchRunner, run_batch, unreadable_case
from vincheck.batch.watch import pause, watch_folder
from vincheck.batch.worker import Runner, check_one

__all__ = [
    "IMAGE_EXTS", "MAX_EXPECT_LIST_BYTES", "PHOTO_HINTS", "RESULT_FIELDS", "RUBBING_HINTS",
    "VIN_RE", "BatchCase", "BatchReport", "BatchRunner", "CaseOutcome", "ProgressBar",
    "ResultsCsv", "Runner", "check_one", "discover_cases", "looks_like_vin",
    "loose_files_without_key", "missing_outcomes", "name_hint", "outcome_json", "pause",
    "prepare_case", "read_expect_list", "run_batch", "unreadable_case", "watch_folder",
]
