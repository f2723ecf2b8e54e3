"""Copies of the database and how to tell a good one from a bad one.

- SQLite: the online backup API (``sqlite3.Connection.backup``), safe while other connections
  write; never a plain file copy of a live database. The copy is checked with
  ``PRAGMA integrity_check`` before it is renamed into place.
- PostgreSQL: ``pg_dump --format=custom`` where the client tools are installed, else
  ``DomainError("backup.pg_dump_missing")`` that says what to install.

:func:`inspect_backup` tells what a file is (an SQLite database of this program, a pg_dump
archive, or something else) without ever opening it for writing; restore refuses the rest.
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from cuijiao_desktop.domain.errors import DomainError

SQLITE_MAGIC = b"SQLite format 3\x00"
PGDUMP_MAGIC = b"PGDMP"
#: Tables every database of this program has (a file without them is foreign).
CORE_TABLES = frozenset({"alembic_version", "room", "bill", "payment", "payment_allocation", "app_user"})
#: Backups written automatically: ``<stem>-YYYYmmdd-HHMMSS-<reason>.<sqlite3|dump>``.
AUTO_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<reason>[a-z-]+)\.(?:sqlite3|dump)$")
REASONS = ("daily", "migration", "manual", "before-restore")


@dataclass(frozen=True)
class BackupInfo:
    """What a file holds: ``kind`` is "sqlite", "pg_dump" or "foreign"; ``revision`` the schema
    revision of an SQLite copy (None for pg_dump archives until restored); ``problem`` why it
    cannot be restored, or None."""

    path: Path
    kind: str
    revision: str | None
    problem: str | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def sqlite_backup(db_file: Path, out_path: Path, *, check: bool = True) -> Path:
    """Copy a live SQLite database with the online backup API to ``out_path`` (via ``.part``)."""
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(out_path.name + ".part")
    tmp.unlink(missing_ok=True)
    src = sqlite3.connect(f"file:{Path(db_file).as_posix()}?mode=ro", uri=True, timeout=30)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")  # one self-contained file, no -wal beside it
            if check:
                result = dst.execute("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    raise DomainError("backup.failed", detail=str(result))
        finally:
            dst.close()
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    tmp.replace(out_path)
    return out_path


def libpq_url(url: str) -> str:
    """A ``postgresql://`` URL for the client tools (no SQLAlchemy driver suffix)."""
    return make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)


def client_tool(name: str) -> str:
    """The path of a PostgreSQL client tool (``pg_dump``, ``pg_restore``), or raise a clear error."""
    path = shutil.which(name)
    if path is None:
        raise DomainError("backup.pg_dump_missing")
    return path


def _env_for(url: str) -> dict[str, str]:
    """The client tools take the password from ``PGPASSWORD`` (never on the command line)."""
    env = dict(os.environ)
    u = make_url(url)
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    return env


def _without_password(url: str) -> str:
    return make_url(libpq_url(url)).set(password=None).render_as_string(hide_password=False)


def pg_dump(url: str, out_path: Path) -> Path:
    """``pg_dump --format=custom`` of the database at ``url`` into ``out_path`` (via ``.part``)."""
    tool = client_tool("pg_dump")
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(out_path.name + ".part")
    result = subprocess.run([tool, "--format=custom", "--no-owner", f"--file={tmp}", _without_password(url)],
                            capture_output=True, text=True, check=False, env=_env_for(url))
    if result.returncode != 0:
        tmp.unlink(missing_ok=True)
        raise DomainError("backup.failed", detail=result.stderr.strip()[-300:])
    tmp.replace(out_path)
    return out_path


def pg_restore(url: str, dump_path: Path) -> None:
    """Load a pg_dump archive into the (empty) database at ``url``; one transaction, stop at the first error."""
    tool = client_tool("pg_restore")
    result = subprocess.run([tool, "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
                             f"--dbname={_without_password(url)}", str(dump_path)],
                            capture_output=True, text=True, check=False, env=_env_for(url))
    if result.returncode != 0:
        raise DomainError("restore.failed", detail=result.stderr.strip()[-300:])


def _pg_archive_problem(path: Path) -> str | None:
    tool = shutil.which("pg_restore")
    if tool is None:
        return None  # checked again when restoring (with the clear "install the tools" message)
    result = subprocess.run([tool, "--list", str(path)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return result.stderr.strip()[-200:] or "pg_restore --list failed"
    if "TABLE public payment " not in result.stdout and " TABLE public payment" not in result.stdout:
        return "not a database of this program (no payment table)"
    return None


def inspect_backup(path: Path, *, known_revisions: frozenset[str] | None = None) -> BackupInfo:
    """What ``path`` holds and whether it may be restored (read-only: the file is never changed)."""
    path = Path(path)
    try:
        with path.open("rb") as f:
            head = f.read(16)
    except OSError as exc:
        return BackupInfo(path, "foreign", None, str(exc))
    if head.startswith(PGDUMP_MAGIC):
        return BackupInfo(path, "pg_dump", None, _pg_archive_problem(path))
    if head != SQLITE_MAGIC:
        return BackupInfo(path, "foreign", None, "not an SQLite database or a pg_dump archive")
    try:
        con = sqlite3.connect(f"file:{path.as_posix()}?mode=ro&immutable=1", uri=True)
        try:
            check = con.execute("PRAGMA integrity_check").fetchall()
            if check != [("ok",)]:
                return BackupInfo(path, "sqlite", None, "; ".join(str(r[0]) for r in check[:5]))
            tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not CORE_TABLES <= tables:
                return BackupInfo(path, "foreign", None, "not a database of this program")
            row = con.execute("SELECT version_num FROM alembic_version").fetchone()
        finally:
            con.close()
    except sqlite3.DatabaseError as exc:
        return BackupInfo(path, "sqlite", None, str(exc))
    revision = row[0] if row else None
    if known_revisions is not None and revision not in known_revisions:
        return BackupInfo(path, "sqlite", revision, f"schema revision {revision} is newer than this program")
    return BackupInfo(path, "sqlite", revision, None)


def auto_backup_name(stem: str, reason: str, suffix: str, when: datetime | None = None) -> str:
    """``cuijiao-20261123-081500-daily.sqlite3`` (``suffix`` with its dot)."""
    if reason not in REASONS:
        raise ValueError(reason)
    return f"{stem}-{(when or datetime.now()):%Y%m%d-%H%M%S}-{reason}{suffix}"


def prune_backups(folder: Path, *, keep_days: int, now: datetime | None = None, keep_newest: int = 3) -> list[Path]:
    """Delete automatic backups (named by :func:`auto_backup_name`) older than ``keep_days`` days in
    ``folder``, always keeping the newest ``keep_newest``; other files are never touched."""
    if not folder.is_dir():
        return []
    now = now or datetime.now()
    found: list[tuple[datetime, Path]] = []
    for p in folder.iterdir():
        m = AUTO_NAME.match(p.name)
        if m and p.is_file():
            found.append((datetime.strptime(m["stamp"], "%Y%m%d-%H%M%S"), p))
    found.sort(reverse=True)
    removed = []
    for when, p in found[keep_newest:]:
        if (now - when).total_seconds() > keep_days * 86400:
            p.unlink(missing_ok=True)
            removed.append(p)
    return removed
