"""Backups of the office's database."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from sqlalchemy.engine import make_url

from cuijiao_desktop.db.engine import sqlite_path
from cuijiao_desktop.db.migrate import backup_sqlite
from cuijiao_desktop.domain.errors import DomainError, ValidationError


def backup_database(url: str, out_path: Path) -> Path:
    """Write a consistent copy of the database to ``out_path``.

    SQLite: the online backup API (safe while other connections write). PostgreSQL:
    ``pg_dump --format=custom`` when the client tools are installed.
    """
    out_path = Path(out_path)
    db_file = sqlite_path(url)
    if db_file is not None:
        if not db_file.exists():
            raise ValidationError("backup.no_database", path=str(db_file))
        return backup_sqlite(db_file, out_path)
    u = make_url(url)
    if u.get_backend_name() != "postgresql":
        raise ValidationError("backup.unsupported", backend=u.get_backend_name())
    pg_dump = shutil.which("pg_dump")
    if pg_dump is None:
        raise DomainError("backup.pg_dump_missing")
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(out_path.name + ".part")
    env_url = u.set(drivername="postgresql").render_as_string(hide_password=False)
    result = subprocess.run([pg_dump, "--format=custom", f"--file={tmp}", env_url],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tmp.unlink(missing_ok=True)
        raise DomainError("backup.failed", detail=result.stderr.strip()[-300:])
    tmp.replace(out_path)
    return out_path
