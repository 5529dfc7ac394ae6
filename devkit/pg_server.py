"""A throwaway PostgreSQL server for tests and benchmarks (Debian's ``postgresql``).

``initdb`` + ``pg_ctl`` into a temporary folder, listening on 127.0.0.1 on a free port,
trust authentication, removed again by :meth:`PgServer.stop`. PostgreSQL refuses to run
as root, so as root the server runs as the ``postgres`` system user (``runuser``).
:func:`start_throwaway` returns None when the binaries are not installed.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path


def find_bindir() -> Path | None:
    """The folder of ``initdb`` and ``pg_ctl`` (``VINCHECK_PG_BINDIR``, Debian's
    ``/usr/lib/postgresql/<n>/bin``, or PATH)."""
    env = os.environ.get("VINCHECK_PG_BINDIR")
    cands = [env] if env else []
    cands += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    which = shutil.which("initdb")
    if which:
        cands.append(str(Path(which).parent))
    for c in cands:
        if c and (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists():
            return Path(c)
    return None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class PgServer:
    """One running throwaway server. ``url(schema)`` gives a URL whose ``search_path`` is
    a fresh schema, so each test has its own empty database."""

    def __init__(self, bindir: Path, *, user: str = "vincheck") -> None:
        self.bindir = bindir
        self.user = user
        self.port = free_port()
        self.dir = Path(tempfile.mkdtemp(prefix="vincheck-pg-"))
        self.data = self.dir / "data"
        self.log = self.dir / "server.log"
        self.runas = "postgres" if os.geteuid() == 0 else None
        if self.runas:
            shutil.chown(self.dir, self.runas)
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", user, "-E", "UTF8",
                  "--no-sync", "--no-instructions")
        with open(self.data / "postgresql.conf", "a", encoding="utf-8") as fh:
            fh.write(f"\nlisten_addresses = '127.0.0.1'\nport = {self.port}\n"
                     f"unix_socket_directories = '{self.dir}'\nmax_connections = 60\n"
                     "shared_buffers = 32MB\nlog_min_messages = warning\n")
        self.start()

    def _run(self, tool: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        cmd = [str(self.bindir / tool), *args]
        if self.runas:
            cmd = ["runuser", "-u", self.runas, "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True, timeout=120)

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                  "start")

    def stop(self, mode: str = "fast") -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", mode, "-w", "stop", check=False)

    def restart(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-m", "fast", "-w",
                  "-t", "60", "restart")

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.dir, ignore_errors=True)

    @property
    def base_url(self) -> str:
        return f"postgresql://{self.user}@127.0.0.1:{self.port}/postgres"

    def url(self, schema: str | None = None) -> str:
        """A URL on a new empty schema (created here) or on ``public``."""
        if schema is None:
            return self.base_url
        import psycopg

        with psycopg.connect(self.base_url, autocommit=True) as conn:
            conn.execute(f'CREATE SCHEMA IF NOT EXISTS "{schema}"')
        return f"{self.base_url}?options=-csearch_path%3D{schema}"

    def fresh_url(self) -> str:
        return self.url("t_" + uuid.uuid4().hex[:12])


def start_throwaway() -> PgServer | None:
    """A started server, or None without PostgreSQL's binaries or psycopg."""
    bindir = find_bindir()
    if bindir is None:
        return None
    if os.geteuid() == 0:
        import pwd

        try:
            pwd.getpwnam("postgres")  # Debian's package creates it; the server runs as it
        except KeyError:
            return None
    try:
        import psycopg  # noqa: F401
    except ImportError:
        return None
    return PgServer(bindir)
