"""Claims: batch workers on several machines divide one hot folder through the database.

A worker claims a case (by its batch key) before checking it. The claim is one upsert,
the same statement on SQLite and PostgreSQL::

    INSERT INTO claims ... ON CONFLICT (claim_key) DO UPDATE SET worker = me, ...
        WHERE claims.state = 'claimed' AND claims.expires_at < now   -- an expired claim
           OR claims.worker = me                                     -- my own (a retry)

It inserts a new claim, takes over an expired one, or changes nothing (a live claim of
another worker): the row count says which. PostgreSQL locks the conflicting row for the
statement, so two workers never both win, and no worker waits longer than one short
statement -- what ``SELECT ... FOR UPDATE SKIP LOCKED`` on a queue table would give, without
a queue to fill first (every worker scans the shared folder anyway). Times are seconds
since the epoch on the database server's clock, so the machines' clocks do not matter.
A worker renews its claims while it checks; a killed worker's claims expire after
``ttl_s`` and another worker takes the case over. Recording stays exactly-once even if a
slow worker's claim expired: the unique batch key lets only one record in.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

T = TypeVar("T")


def new_worker_id() -> str:
    """``host:pid:random`` -- unique per process, readable in the claims table."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


class ClaimsMixin:
    """Claim methods of :class:`~vincheck.store.base.RecordStore`."""

    engine: str

    def _read(self, fn: Callable[[Any], T]) -> T:  # pragma: no cover - engine supplies
        raise NotImplementedError

    def _write(self, fn: Callable[[Any], T]) -> T:  # pragma: no cover - engine supplies
        raise NotImplementedError

    def _server_now(self, db: Any) -> float:
        """Seconds since the epoch on the database's clock."""
        if self.engine == "postgresql":
            return float(db.execute("SELECT EXTRACT(EPOCH FROM clock_timestamp())")
                         .fetchone()[0])
        return float(db.execute("SELECT (julianday('now') - 2440587.5) * 86400.0")
                     .fetchone()[0])

    def claim(self, key: str, worker: str, ttl_s: float, *, label: str = "",
              station: str = "", workstation: str = "") -> str:
        """Try to claim case ``key`` for ``worker`` for ``ttl_s`` seconds. Returns
        ``"claimed"`` (new, taken over from an expired claim, or already ours),
        ``"held"`` (another worker's live claim), ``"done"`` (its claim is finished) or
        ``"error"`` (a worker could not check it)."""

        def fn(db: Any) -> str:
            now = self._server_now(db)
            cur = db.execute(
                "INSERT INTO claims (claim_key, label, worker, station, workstation, state, "
                "claimed_at, expires_at, attempts) VALUES (?,?,?,?,?,'claimed',?,?,1) "
                "ON CONFLICT (claim_key) DO UPDATE SET worker = excluded.worker, "
                "station = excluded.station, workstation = excluded.workstation, "
                "claimed_at = excluded.claimed_at, expires_at = excluded.expires_at, "
                "attempts = claims.attempts + 1 "
                "WHERE (claims.state = 'claimed' AND claims.expires_at < excluded.claimed_at) "
                "OR (claims.worker = excluded.worker AND claims.state = 'claimed')",
                (key, label, worker, station, workstation, now, now + ttl_s))
            if cur.rowcount == 1:
                return "claimed"
            row = db.execute("SELECT state FROM claims WHERE claim_key = ?", (key,)).fetchone()
            state = str(row[0]) if row else "held"
            return "held" if state == "claimed" else state

        return self._write(fn)

    def renew_claims(self, keys: Iterable[str], worker: str, ttl_s: float) -> int:
        """Push the expiry of ``worker``'s live claims on ``keys`` to now + ``ttl_s``;
        returns how many it still holds."""
        ks = list(keys)
        if not ks:
            return 0

        def fn(db: Any) -> int:
            now = self._server_now(db)
            marks = ",".join("?" * len(ks))
            cur = db.execute(f"UPDATE claims SET expires_at = ? WHERE worker = ? AND "
                             f"state = 'claimed' AND claim_key IN ({marks})",
                             (now + ttl_s, worker, *ks))
            return int(cur.rowcount)

        return self._write(fn)

    def finish_claim(self, key: str, worker: str, *, case_id: int | None = None,
                     error: str = "") -> None:
        """Mark ``worker``'s claim done (``case_id`` recorded) or failed (``error``)."""
        state = "error" if error else "done"
        self._write(lambda db: db.execute(
            "UPDATE claims SET state = ?, case_id = ?, error = ? WHERE claim_key = ? AND "
            "worker = ?", (state, case_id, error[:2000], key, worker)))

    def release_claim(self, key: str, worker: str) -> None:
        """Give a live claim back (e.g. the worker stops before checking the case)."""
        self._write(lambda db: db.execute(
            "DELETE FROM claims WHERE claim_key = ? AND worker = ? AND state = 'claimed'",
            (key, worker)))

    def claim_rows(self) -> list[dict[str, Any]]:
        """Every claim (for reports and tests): key, label, worker, state, attempts,
        case_id, error."""
        rows = self._read(lambda db: db.execute(
            "SELECT claim_key, label, worker, state, attempts, case_id, error FROM claims "
            "ORDER BY claimed_at").fetchall())
        return [{"key": r[0], "label": r[1], "worker": r[2], "state": r[3],
                 "attempts": int(r[4]), "case_id": r[5], "error": r[6]} for r in rows]
