"""Read the expect list: a CSV (e.g. an MES export) mapping case keys to expected VINs.

Accepted headers: a key column (``case``, ``key``, ``folder``, ...) and a VIN column
(``vin``, ``expected_vin``, ...); with ``vin,expected_vin`` the ``vin`` column is the key.
UTF-8 (with or without BOM) or GB18030; comma, semicolon or tab separated; at most
``MAX_EXPECT_LIST_BYTES`` bytes."""

from __future__ import annotations

import csv
import io
import re
import stat
from pathlib import Path
from typing import Any

from vincheck.batch.discover import looks_like_vin
from vincheck.errors import UsageError

MAX_EXPECT_LIST_BYTES = 100_000_000

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
