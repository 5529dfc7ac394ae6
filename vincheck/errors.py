"""One exception tree for vincheck.

Every error carries the :class:`ExitCode` the CLI turns it into; :func:`exit_code_for` is
the one mapping from an exception to an exit code (the CLI and the window's
``--screenshot`` both use it). Messages are complete sentences a station operator can act on.
"""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """The exit codes of every ``vincheck`` command (and of ``vincheck gui --screenshot``)."""

    OK = 0  #: everything passed
    FAILED = 1  #: something failed or needs review
    USAGE = 2  #: usage or input error (unreadable file, unknown format, ...)
    OCR_MISSING = 3  #: OCR engine missing
    DATABASE = 4  #: records database problem
    INTERNAL = 70  #: internal error, a bug (EX_SOFTWARE)
    TIMED_OUT = 124  #: ``gui --screenshot``: the check did not finish in time
    CANCELLED = 130  #: cancelled (Ctrl+C or the Cancel button)


class VincheckError(Exception):
    """Base of every error vincheck raises on purpose."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class UsageError(VincheckError):
    """The command line or a setting is not usable as given."""


# --- VIN --------------------------------------------------------------------------------

class VinError(VincheckError):
    """A VIN string is not a valid VIN. ``vin`` is the cleaned input."""

    exit_code = ExitCode.FAILED

    def __init__(self, message: str, vin: str = "") -> None:
        super().__init__(message)
        self.vin = vin


class VinLengthError(VinError):
    """A VIN does not have 17 characters."""

    def __init__(self, vin: str) -> None:
        super().__init__(f"VIN must have 17 characters, got {len(vin)}", vin)
        self.length = len(vin)


class VinCharacterError(VinError):
    """A VIN contains a character that is never used (I, O, Q, or not 0-9/A-Z)."""

    def __init__(self, vin: str, char: str, position: int) -> None:
        super().__init__(
            f"forbidden character {char!r} at position {position} (I, O, Q and non-alphanumerics "
            "are never used in a VIN)",
            vin,
        )
        self.char = char
        self.position = position


class VinCheckDigitError(VinError):
    """Position 9 is not the computed check digit."""

    def __init__(self, vin: str, expected: str, found: str) -> None:
        super().__init__(f"check digit wrong: expected {expected!r}, found {found!r}", vin)
        self.expected = expected
        self.found = found


class VinModelYearError(VinError):
    """Position 10 holds a code never used for a model year (U, Z, 0)."""

    def __init__(self, vin: str, code: str) -> None:
        super().__init__(
            f"model-year code {code!r} at position 10 is impossible (U, Z and 0 are never used)",
            vin,
        )
        self.code = code


# --- input files --------------------------------------------------------------------------

class InputFileError(VincheckError):
    """An input file cannot be used. ``path`` names it."""

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path


class FileNotFound(InputFileError):
    """The file does not exist."""


class UnreadableImageError(InputFileError):
    """The file is not an image we can decode (corrupt, truncated, empty or another format)."""


class ImageShapeError(UnreadableImageError):
    """The image's size or aspect ratio is one no scan or photo has (refused undecoded)."""


class CheckTooLongError(InputFileError):
    """Checking one file took longer than its time limit (a scan of absurd content)."""


class UnsupportedFormatError(InputFileError):
    """The file is an image in a format vincheck does not accept."""


class ImageTooLargeError(InputFileError):
    """The image has more pixels than the configured limit (decompression-bomb guard)."""


class DpiUnknownError(InputFileError):
    """A physical measurement needs the scan resolution and none is known."""


# --- external programs ------------------------------------------------------------------

class OcrEngineError(VincheckError):
    """An OCR engine is missing, too old or failed."""

    exit_code = ExitCode.OCR_MISSING


class TesseractNotFoundError(OcrEngineError):
    """Tesseract is not installed or not on PATH."""


# --- processing ---------------------------------------------------------------------------

class Cancelled(VincheckError):
    """The user cancelled a running check."""

    exit_code = ExitCode.CANCELLED


class StoreError(VincheckError):
    """The records database is locked, corrupt or from a newer version."""

    exit_code = ExitCode.DATABASE


def exit_code_for(exc: BaseException) -> ExitCode:
    """The exit code for an exception that stopped a command or a check: a
    :class:`VincheckError`'s own code, Ctrl+C cancelled, a closed pipe OK (the reader has
    all it wanted), output that cannot be written or input too large or deep to process a
    usage/input error, anything else an internal error (a bug)."""
    if isinstance(exc, VincheckError):
        return ExitCode(exc.exit_code)
    if isinstance(exc, KeyboardInterrupt):
        return ExitCode.CANCELLED
    if isinstance(exc, BrokenPipeError):
        return ExitCode.OK
    if isinstance(exc, (OSError, RecursionError, MemoryError)):
        return ExitCode.USAGE
    return ExitCode.INTERNAL
