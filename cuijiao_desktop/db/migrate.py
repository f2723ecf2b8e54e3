"""Start-up migration: refuse a schema this program does not know, back up, then upgrade to head.

- **Only one desk upgrades.** The upgrade runs under a lock: PostgreSQL's session advisory lock
  (:data:`MIGRATION_LOCK_KEY`), SQLite's write lock (``BEGIN IMMEDIATE`` on the connection Alembic
  uses). A second desk waits, then finds the schema at head and does nothing.
- **An older program refuses a newer schema** (a revision it does not know):
  ``DomainError("db.schema_newer")`` before anything is written.
- **A backup before every migration** of a database that holds data (SQLite: the online backup
  API; PostgreSQL: ``pg_dump``). Opening a database that is already at head makes no backup:
  read-only commands never do.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect

from cuijiao_desktop.domain.errors import DomainError

from .backup import auto_backup_name, pg_dump, prune_backups, sqlite_backup
from .engine import make_engine, sqlite_path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: pg_advisory_lock key of schema upgrades ("cuijiao" as a number).
MIGRATION_LOCK_KEY = 0x6375696A69616F
DEFAULT_KEEP_DAYS = 30


def alembic_config(engine: Engine | None = None, connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    if connection is not None:
        cfg.attributes["connection"] = connection
    return cfg


def head_revision() -> str:
    """The newest migration id."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


@cache
def known_revisions() -> frozenset[str]:
    """Every migration id this program knows."""
    return frozenset(s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions())


def _revision_of(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def current_revision(engine: Engine) -> str | None:
    """The database's migration id, or None for an empty database."""
    with engine.connect() as conn:
        return _revision_of(conn)


def check_known(revision: str | None) -> None:
    """Refuse a schema revision this program does not know (written by a newer version)."""
    if revision is not None and revision not in known_revisions():
        raise DomainError("db.schema_newer", revision=revision, head=head_revision())


def schema_state(engine: Engine) -> str:
    """"empty", "current", "older" or "newer" (a revision this program does not know)."""
    revision = current_revision(engine)
    if revision is None:
        return "empty"
    if revision not in known_revisions():
        return "newer"
    return "current" if revision == head_revision() else "older"


@contextmanager
def migration_lock(engine: Engine) -> Iterator[Connection]:
    """A connection that holds the upgrade lock: the advisory lock on PostgreSQL, the write lock
    (an open ``BEGIN IMMEDIATE`` transaction) on SQLite."""
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.exec_driver_sql(f"SELECT pg_advisory_lock({MIGRATION_LOCK_KEY})")
            conn.commit()
            try:
                yield conn
            finally:
                conn.rollback()
                conn.exec_driver_sql(f"SELECT pg_advisory_unlock({MIGRATION_LOCK_KEY})")
                conn.commit()
        else:
            # foreign keys off for the migration (a batch migration recreates tables; see env.py):
            # only possible outside a transaction, so before the write lock is taken
            raw = conn.connection.driver_connection
            raw.execute("PRAGMA foreign_keys = OFF")
            try:
                conn.begin()  # BEGIN IMMEDIATE (db/engine.py): the write lock until Alembic commits
                yield conn
            finally:
                if conn.in_transaction():
                    conn.rollback()
                raw.execute("PRAGMA foreign_keys = ON")


def upgrade(engine: Engine) -> None:
    """Upgrade the database behind ``engine`` to head, under the migration lock."""
    with migration_lock(engine) as conn:
        check_known(_revision_of(conn))
        command.upgrade(alembic_config(engine, conn), "head")


@dataclass(frozen=True)
class Prepared:
    """What :func:`prepare_database` did: the revision before (None: empty) and after, the backup
    written before upgrading (if any)."""

    before: str | None
    after: str
    backup: Path | None

    @property
    def upgraded(self) -> bool:
        return self.before != self.after


def default_backup_dir(url: str) -> Path:
    """``backups/`` beside an SQLite file; the per-user data folder's ``backups/`` for PostgreSQL."""
    db_file = sqlite_path(url)
    if db_file is not None:
        return db_file.parent / "backups"
    from cuijiao_desktop.datadir import app_data_dir

    return app_data_dir() / "backups"


def backup_file_stem(url: str) -> str:
    """``cuijiao`` for ``…/cuijiao.sqlite3``; the database name on PostgreSQL."""
    db_file = sqlite_path(url)
    if db_file is not None:
        return db_file.stem
    from sqlalchemy.engine import make_url

    return make_url(url).database or "postgresql"


def write_backup(url: str, folder: Path, reason: str, *, keep_days: int | None = None) -> Path:
    """An automatic backup of ``url`` into ``folder`` named by reason and time; older automatic
    backups beyond ``keep_days`` are deleted (see :func:`backup.prune_backups`)."""
    db_file = sqlite_path(url)
    if db_file is not None:
        out = sqlite_backup(db_file, folder / auto_backup_name(db_file.stem, reason, ".sqlite3"))
    else:
        out = pg_dump(url, folder / auto_backup_name(backup_file_stem(url), reason, ".dump"))
    if keep_days is not None:
        prune_backups(folder, keep_days=keep_days, now=datetime.now())
    return out


def _record(engine: Engine, reason: str, path: Path) -> None:
    """Note a backup in ``backup_record`` (the status bar shows the newest)."""
    import socket
    from datetime import UTC

    from sqlalchemy import insert

    from .models import BackupRecord

    with engine.begin() as conn:
        conn.execute(insert(BackupRecord).values(
            taken_at=datetime.now(UTC), reason=reason, path=str(path), host=socket.gethostname()[:128],
            size_bytes=path.stat().st_size))


def prepare_database(url: str, *, backup_dir: Path | None = None, keep_days: int = DEFAULT_KEEP_DAYS,
                     backup: bool = True) -> Prepared:
    """Open ``url``: refuse an unknown (newer) schema; when the schema is older and the database
    holds data, back it up (``backup_dir``, default :func:`default_backup_dir`), then upgrade to head.

    A database already at head is left alone (no backup, no lock). ``backup=False`` upgrades without
    a backup (``cuijiao db upgrade --no-backup``, for a PostgreSQL server without ``pg_dump``).
    """
    engine = make_engine(url)
    try:
        before = current_revision(engine)
        check_known(before)
        head = head_revision()
        if before == head:
            return Prepared(before, head, None)
        written: Path | None = None
        has_data = bool(set(inspect(engine).get_table_names()) - {"alembic_version"})
        with migration_lock(engine) as conn:
            now = _revision_of(conn)  # another desk may have upgraded while this one waited
            check_known(now)
            if now != head:
                if has_data and backup:
                    try:
                        written = write_backup(url, backup_dir or default_backup_dir(url), "migration",
                                               keep_days=keep_days)
                    except DomainError as exc:
                        if exc.code == "backup.pg_dump_missing":
                            raise DomainError("db.upgrade_needs_backup") from exc
                        raise
                command.upgrade(alembic_config(engine, conn), "head")
        if written is not None:
            _record(engine, "migration", written)
        return Prepared(before, head, written)
    finally:
        engine.dispose()
