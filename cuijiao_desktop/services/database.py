"""What the 设置 → 数据库 tab and the status bar show: the connection test, where backups go, the
newest backup. Plain data out; the views never see an engine."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.orm import Session

from cuijiao_desktop.db.engine import describe_url, make_engine, sqlite_path
from cuijiao_desktop.db.migrate import default_backup_dir, head_revision, known_revisions
from cuijiao_desktop.domain.errors import DomainError

from .backups import BackupDTO, last_backup, list_backup_files
from .tx import read_only


@dataclass(frozen=True)
class ConnectionCheck:
    """The answer of "测试连接": the server, and the schema it holds ("empty", "older", "current",
    "newer": a newer program upgraded it and this one must not use it)."""

    description: str
    server: str
    schema: str
    revision: str | None


@dataclass(frozen=True)
class BackupFile:
    path: str
    modified: datetime
    size_bytes: int


@dataclass(frozen=True)
class BackupOverview:
    """The newest recorded backup (any desk), this desk's backup folder and the files in it."""

    last: BackupDTO | None
    folder: str
    files: tuple[BackupFile, ...]
    is_sqlite: bool


def check_connection(url: str) -> ConnectionCheck:
    """Connect to ``url`` once and read the server version and the schema revision (no upgrade,
    nothing written). Raises ``DomainError("db.connection_failed")`` with the driver's reason."""
    try:
        engine = make_engine(url)
    except DomainError:
        raise
    except Exception as exc:  # a malformed URL
        raise DomainError("db.connection_failed", detail=str(exc).splitlines()[0][:200]) from exc
    try:
        with engine.connect() as conn:
            if conn.dialect.name == "postgresql":
                server = str(conn.execute(text("SHOW server_version")).scalar())
                server = f"PostgreSQL {server.split()[0]}"
            else:
                server = f"SQLite {conn.execute(text('SELECT sqlite_version()')).scalar()}"
            has_table = conn.dialect.has_table(conn, "alembic_version")
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar() if has_table else None
    except DomainError:
        raise
    except Exception as exc:
        first = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        raise DomainError("db.connection_failed", detail=(first[0] if first else type(exc).__name__)[:200]) from exc
    finally:
        engine.dispose()
    if revision is None:
        schema = "empty"
    elif revision not in known_revisions():
        schema = "newer"
    else:
        schema = "current" if revision == head_revision() else "older"
    return ConnectionCheck(describe_url(url), server, schema, revision)


@read_only
def backup_overview(session: Session, *, url: str, folder: str | None = None) -> BackupOverview:
    """The newest backup of the database and this desk's backup files, newest first."""
    where = Path(folder) if folder else default_backup_dir(url)
    files = tuple(BackupFile(str(p), when, size) for p, when, size in list_backup_files(session, folder=where))
    return BackupOverview(last_backup(session), str(where), files, sqlite_path(url) is not None)
