"""Backups and restore, as the office uses them.

- **Daily**: the first start of the program on a day (on any desk) backs the database up into the
  desk's ``backups/`` folder, unless a backup of that day is recorded already. **Before every
  migration** (``db/migrate.py``). **By hand** (工具 → 备份数据库, ``cuijiao backup``). Read-only
  commands make none. Automatic backups older than N days are deleted (the newest three stay).
- Every backup is recorded in ``backup_record``; the status bar shows the newest.
- **Restore** goes into a new file (or a new PostgreSQL database) first, which must pass
  ``PRAGMA integrity_check``, carry a schema this program knows, be upgraded to head and balance
  (:func:`services.payments.ledger_discrepancies`); a corrupt, unbalanced or foreign file is
  refused and nothing changes. Only then is the current database backed up ("before-restore")
  and switched: SQLite pages are copied into the live file with the online backup API (other
  connections see the restored data at their next transaction; no file is swapped under them);
  PostgreSQL databases are renamed once no other desk is connected, after the new one got the live
  one's grants (a server set up with ``cuijiao db init-roles``: run the restore as the migration
  role, which owns the database and may create databases; the app role keeps exactly its rights).
"""

from __future__ import annotations

import os
import socket
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from cuijiao_desktop.db.backup import BackupInfo, inspect_backup, pg_restore, sqlite_backup
from cuijiao_desktop.db.engine import make_engine, make_read_session_factory, sqlite_path, sqlite_url
from cuijiao_desktop.db.migrate import (
    DEFAULT_KEEP_DAYS,
    default_backup_dir,
    known_revisions,
    prepare_database,
    write_backup,
)
from cuijiao_desktop.db.models import BackupRecord
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.sqlite_files import is_database_file

from .actor import authorize
from .dto import UserDTO
from .tx import read_only

ProgressFn = Callable[[int, int, str], None]


@dataclass(frozen=True)
class BackupDTO:
    """One recorded backup: when (UTC), why, where (as seen from the desk that wrote it), which desk."""

    taken_at: datetime
    reason: str
    path: str
    host: str
    size_bytes: int


@dataclass(frozen=True)
class RestoreReport:
    """What a restore did: the file restored, its schema revision before the upgrade, the safety
    backup of the database it replaced, and (PostgreSQL) the name the old database now has."""

    source: Path
    revision: str | None
    safety_backup: Path | None
    replaced_database: str | None = None


def desk_name() -> str:
    """This computer's name (recorded with each backup)."""
    return socket.gethostname()[:128]


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


def _dto(row: BackupRecord) -> BackupDTO:
    return BackupDTO(row.taken_at, row.reason, row.path, row.host, int(row.size_bytes))


def record_backup(session: Session, *, reason: str, path: str | os.PathLike[str]) -> BackupDTO:
    """Record a backup written to ``path`` (its size is read from the file when it is here)."""
    p = Path(path)
    size = p.stat().st_size if p.exists() else 0
    row = BackupRecord(taken_at=datetime.now(UTC), reason=reason, path=str(p), host=desk_name(), size_bytes=size)
    session.add(row)
    session.flush()
    return _dto(row)


@read_only
def last_backup(session: Session) -> BackupDTO | None:
    """The newest recorded backup of this database, or None."""
    row = session.scalars(select(BackupRecord).order_by(BackupRecord.taken_at.desc(), BackupRecord.id.desc())
                          .limit(1)).first()
    return None if row is None else _dto(row)


@read_only
def daily_backup_due(session: Session, *, today: date | None = None) -> bool:
    """True when no backup was recorded since local midnight of ``today`` (default: now)."""
    day = today or date.today()
    local_midnight = datetime(day.year, day.month, day.day).astimezone()
    since = local_midnight.astimezone(UTC)
    newest = session.scalar(select(func.max(BackupRecord.taken_at)))
    if newest is None:
        return True
    if newest.tzinfo is None:
        newest = newest.replace(tzinfo=UTC)
    return newest < since


@read_only
def list_backup_files(session: Session, *, folder: str | os.PathLike[str]) -> list[tuple[Path, datetime, int]]:
    """The backup files in ``folder`` (this desk's), newest first: (path, modified, size)."""
    out = []
    base = Path(folder)
    if base.is_dir():
        for p in base.iterdir():
            if p.suffix in (".sqlite3", ".dump") and p.is_file() and not is_database_file(p):
                st = p.stat()
                out.append((p, datetime.fromtimestamp(st.st_mtime), st.st_size))
    out.sort(key=lambda x: x[1], reverse=True)
    return out


# ---------------------------------------------------------------------------
# Backing up (plain functions: they run beside the database, not in a transaction)
# ---------------------------------------------------------------------------


def backup_to(url: str, out_path: str | os.PathLike[str]) -> Path:
    """A backup of ``url`` at a path the user chose (never over a live database file)."""
    out = Path(out_path)
    db_file = sqlite_path(url)
    if is_database_file(out) or (db_file is not None and is_database_file(out, (db_file.resolve(),))):
        raise DomainError("backup.target_is_database", path=str(out))
    if db_file is not None:
        if not db_file.exists():
            raise DomainError("backup.no_database", path=str(db_file))
        return sqlite_backup(db_file, out)
    if make_url(url).get_backend_name() != "postgresql":
        raise DomainError("backup.unsupported", backend=make_url(url).get_backend_name())
    from cuijiao_desktop.db.backup import pg_dump

    return pg_dump(url, out)


def automatic_backup(url: str, *, reason: str = "daily", folder: str | os.PathLike[str] | None = None,
                     keep_days: int = DEFAULT_KEEP_DAYS) -> Path:
    """An automatic backup into ``folder`` (default: the desk's backups folder), pruned to ``keep_days``."""
    return write_backup(url, Path(folder) if folder else default_backup_dir(url), reason, keep_days=keep_days)


def run_daily_backup(url: str, *, folder: str | os.PathLike[str] | None = None, keep_days: int = DEFAULT_KEEP_DAYS,
                     today: date | None = None) -> BackupDTO | None:
    """The first start of a day: back up and record it, unless a backup of today is recorded already.

    Returns the record, or None when none was due. Opens its own short transactions.
    """
    engine = make_engine(url)
    try:
        with make_read_session_factory(engine).begin() as s:
            if not daily_backup_due(s, today=today):
                return None
        path = automatic_backup(url, reason="daily", folder=folder, keep_days=keep_days)
        from cuijiao_desktop.db.engine import make_session_factory

        with make_session_factory(engine).begin() as s:
            return record_backup(s, reason="daily", path=path)
    finally:
        engine.dispose()


def manual_backup(url: str, out_path: str | os.PathLike[str] | None = None, *, actor: UserDTO,
                  folder: str | os.PathLike[str] | None = None, keep_days: int = DEFAULT_KEEP_DAYS) -> BackupDTO:
    """A backup asked for by a user with the backup permission: to ``out_path``, or automatically named
    in the desk's backups folder. Recorded with the others."""
    engine = make_engine(url)
    try:
        from cuijiao_desktop.db.engine import make_session_factory

        factory = make_session_factory(engine)
        with make_read_session_factory(engine).begin() as s:
            authorize(s, actor, Permission.BACKUP)
        if out_path is None:
            path = automatic_backup(url, reason="manual", folder=folder, keep_days=keep_days)
        else:
            path = backup_to(url, out_path)
        with factory.begin() as s:
            return record_backup(s, reason="manual", path=path)
    finally:
        engine.dispose()


# ---------------------------------------------------------------------------
# Restore
# ---------------------------------------------------------------------------


def _check_source(url: str, source: Path) -> BackupInfo:
    if not source.exists():
        raise DomainError("restore.no_file", path=str(source))
    if is_database_file(source) or (sqlite_path(url) is not None and is_database_file(source, (sqlite_path(url),))):
        raise DomainError("restore.is_live", path=str(source))
    info = inspect_backup(source, known_revisions=known_revisions())
    if info.kind == "foreign":
        raise DomainError("restore.foreign", path=str(source))
    sqlite_target = sqlite_path(url) is not None
    if sqlite_target != (info.kind == "sqlite"):
        raise DomainError("restore.wrong_engine", path=str(source))
    if info.revision is not None and info.revision not in known_revisions():
        raise DomainError("db.schema_newer", revision=info.revision, head="")
    if info.problem is not None:
        raise DomainError("restore.corrupt", path=str(source), detail=info.problem)
    return info


def _ledger_problems(url: str) -> list[str]:
    from .payments import ledger_discrepancies

    engine = make_engine(url)
    try:
        with make_read_session_factory(engine).begin() as s:
            return ledger_discrepancies(s)
    finally:
        engine.dispose()


def _authorize_restore(url: str, actor: UserDTO) -> None:
    engine = make_engine(url)
    try:
        with make_read_session_factory(engine).begin() as s:
            authorize(s, actor, Permission.MAINTAIN_DATABASE)
    finally:
        engine.dispose()


def restore_database(url: str, source: str | os.PathLike[str], *, actor: UserDTO,
                     folder: str | os.PathLike[str] | None = None, keep_days: int = DEFAULT_KEEP_DAYS,
                     progress: ProgressFn | None = None) -> RestoreReport:
    """Restore the backup ``source`` into the database at ``url`` (see the module docstring).

    Needs the restore permission (administrators). Raises a ``DomainError`` and changes nothing
    when the file is missing, corrupt, foreign, of the other engine, newer than this program, or
    does not balance.
    """
    def step(i: int, text_: str) -> None:
        if progress is not None:
            progress(i, 5, text_)

    source = Path(source)
    _authorize_restore(url, actor)
    step(0, "检查备份文件")
    info = _check_source(url, source)
    if sqlite_path(url) is not None:
        return _restore_sqlite(url, source, info, folder=folder, keep_days=keep_days, step=step)
    return _restore_postgresql(url, source, folder=folder, keep_days=keep_days, step=step)


def _restore_sqlite(url: str, source: Path, info: BackupInfo, *, folder, keep_days: int,
                    step: Callable[[int, str], None]) -> RestoreReport:
    live = sqlite_path(url)
    assert live is not None
    staged = live.with_name(f"{live.stem}-restoring-{datetime.now():%Y%m%d-%H%M%S}.sqlite3")
    try:
        step(1, "复制到新文件")
        sqlite_backup(source, staged)
        step(2, "升级并核对账目")
        prepare_database(sqlite_url(staged), backup=False)
        con = sqlite3.connect(staged)
        try:
            result = con.execute("PRAGMA integrity_check").fetchall()
        finally:
            con.close()
        if result != [("ok",)]:
            raise DomainError("restore.corrupt", path=str(source), detail=str(result[0][0]))
        problems = _ledger_problems(sqlite_url(staged))
        if problems:
            raise DomainError("restore.unbalanced", path=str(source), count=len(problems), first=problems[0])
        step(3, "备份当前数据库")
        safety = automatic_backup(url, reason="before-restore", folder=folder, keep_days=keep_days)
        step(4, "切换到恢复的数据")
        src = sqlite3.connect(staged)
        try:
            dst = sqlite3.connect(live, timeout=30)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode = WAL")
                ok = dst.execute("PRAGMA quick_check").fetchone()[0]
            finally:
                dst.close()
        finally:
            src.close()
        if ok != "ok":  # never seen: the backup API writes through SQLite's own locks
            raise DomainError("restore.corrupt", path=str(live), detail=str(ok))
    finally:
        for p in (staged, staged.with_name(staged.name + "-wal"), staged.with_name(staged.name + "-shm"),
                  staged.with_name(staged.name + "-journal")):
            p.unlink(missing_ok=True)
    _record_restore(url, source, safety)
    step(5, "完成")
    return RestoreReport(source, info.revision, safety)


def _record_restore(url: str, source: Path, safety: Path | None) -> None:
    from cuijiao_desktop.db.engine import make_session_factory

    engine = make_engine(url)
    try:
        with make_session_factory(engine).begin() as s:
            if safety is not None:
                record_backup(s, reason="before-restore", path=safety)
            record_backup(s, reason="restore", path=source)
    finally:
        engine.dispose()


def _admin_url(url: str) -> str:
    """The same server's maintenance database (``postgres``), to create and rename databases."""
    return make_url(url).set(database="postgres").render_as_string(hide_password=False)


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _copy_privileges(url: str, staged_url: str, admin, staged_name: str) -> None:
    """Give the restored database the live one's grants (``db/roles.py``: the app role of a server
    set up with ``cuijiao db init-roles`` may use it as before; pg_restore ran ``--no-privileges``)."""
    from cuijiao_desktop.db.roles import privilege_statements

    live = make_engine(url)
    try:
        with live.connect() as c:
            statements = privilege_statements(c, target_database=staged_name)
    finally:
        live.dispose()
    if not statements:
        return
    staged = make_engine(staged_url)
    try:
        with admin.connect() as c:
            for stmt in statements:
                if " ON DATABASE " in stmt:
                    c.exec_driver_sql(stmt)
        with staged.begin() as c:
            for stmt in statements:
                if " ON DATABASE " not in stmt:
                    c.exec_driver_sql(stmt)
    except DBAPIError as exc:
        raise DomainError("restore.failed", detail=str(exc.orig or exc).strip().splitlines()[0][:300]) from exc
    finally:
        staged.dispose()


def _restore_postgresql(url: str, source: Path, *, folder, keep_days: int,
                        step: Callable[[int, str], None]) -> RestoreReport:
    live_name = make_url(url).database or ""
    stamp = f"{datetime.now():%Y%m%d%H%M%S}"
    staged_name = f"{live_name}_restore_{stamp}"[:63]
    old_name = f"{live_name}_old_{stamp}"[:63]
    staged_url = make_url(url).set(database=staged_name).render_as_string(hide_password=False)
    admin = make_engine(_admin_url(url)).execution_options(isolation_level="AUTOCOMMIT")
    switched = False
    try:
        with admin.connect() as c:  # creating, renaming: the database's owner with CREATEDB (or a superuser)
            role, may = c.execute(text(
                "SELECT current_user, r.rolsuper OR (r.rolcreatedb AND d.datdba = r.oid) FROM pg_roles r, "
                "pg_database d WHERE r.rolname = current_user AND d.datname = :d"), {"d": live_name}).one()
        if not may:
            raise DomainError("restore.needs_owner_role", role=role, database=live_name)
        step(1, "恢复到新数据库")
        with admin.connect() as c:
            c.exec_driver_sql(f"CREATE DATABASE {_quote(staged_name)} TEMPLATE template0 ENCODING 'UTF8'")
        pg_restore(staged_url, source)
        step(2, "升级并核对账目")
        staged_engine = make_engine(staged_url)
        try:
            with staged_engine.connect() as c:
                tables = set(c.execute(text(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars())
                revision = c.execute(text("SELECT version_num FROM alembic_version")).scalar() \
                    if "alembic_version" in tables else None
        finally:
            staged_engine.dispose()
        if not {"alembic_version", "payment", "bill", "room"} <= tables:
            raise DomainError("restore.foreign", path=str(source))
        if revision not in known_revisions():
            raise DomainError("db.schema_newer", revision=revision, head="")
        prepare_database(staged_url, backup=False)
        problems = _ledger_problems(staged_url)
        if problems:
            raise DomainError("restore.unbalanced", path=str(source), count=len(problems), first=problems[0])
        _copy_privileges(url, staged_url, admin, staged_name)
        step(3, "备份当前数据库")
        safety = automatic_backup(url, reason="before-restore", folder=folder, keep_days=keep_days)
        step(4, "切换到恢复的数据")
        with admin.connect() as c:
            others = c.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = :d AND pid <> pg_backend_pid()"),
                {"d": live_name}).scalar()
            if others:
                raise DomainError("restore.in_use", database=live_name, count=int(others))
            c.exec_driver_sql(f"ALTER DATABASE {_quote(live_name)} RENAME TO {_quote(old_name)}")
            c.exec_driver_sql(f"ALTER DATABASE {_quote(staged_name)} RENAME TO {_quote(live_name)}")
            switched = True
    finally:
        if not switched:
            with admin.connect() as c:
                c.exec_driver_sql(f"DROP DATABASE IF EXISTS {_quote(staged_name)}")
        admin.dispose()
    _record_restore(url, source, safety)
    step(5, "完成")
    return RestoreReport(source, revision, safety, replaced_database=old_name)


def backup_age_days(last: BackupDTO | None, *, now: datetime | None = None) -> int | None:
    """Whole days since ``last`` (None when there was never a backup)."""
    if last is None:
        return None
    now = now or datetime.now(UTC)
    taken = last.taken_at if last.taken_at.tzinfo else last.taken_at.replace(tzinfo=UTC)
    return max(0, (now - taken) // timedelta(days=1))
