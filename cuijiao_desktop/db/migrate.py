"""Start-up migration: back up the SQLite file, then upgrade to the newest schema."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

from .engine import make_engine, sqlite_path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
KEEP_BACKUPS = 10


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic config pointing at the packaged migrations (no alembic.ini needed)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


def head_revision() -> str:
    """The newest migration id."""
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: Engine) -> str | None:
    """The database's migration id, or None for an empty database."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def backup_sqlite(db_file: Path, out_path: Path) -> Path:
    """Copy a live SQLite database with the online backup API (never a plain file copy)."""
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(out_path.name + ".part")
    src = sqlite3.connect(db_file)
    try:
        dst = sqlite3.connect(tmp)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()
    tmp.replace(out_path)
    return out_path


def _prune(backup_dir: Path, stem: str) -> None:
    olds = sorted(backup_dir.glob(f"{stem}-*.sqlite3"))
    for old in olds[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)


def upgrade(engine: Engine) -> None:
    """Upgrade the database behind ``engine`` to head."""
    command.upgrade(alembic_config(engine), "head")


def prepare_database(url: str, *, backup_dir: Path | None = None) -> Path | None:
    """Back up an existing SQLite database (when it has tables), then upgrade it to head.

    Backups go to ``backup_dir`` (default: ``backups/`` beside the file); the newest
    ten are kept. Returns the backup file, if one was written.
    """
    engine = make_engine(url)
    backup: Path | None = None
    try:
        db_file = sqlite_path(url)
        has_data = db_file is not None and db_file.exists() and bool(inspect(engine).get_table_names())
        if has_data:
            folder = backup_dir or db_file.parent / "backups"
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            backup = backup_sqlite(db_file, folder / f"{db_file.stem}-{stamp}.sqlite3")
            _prune(folder, db_file.stem)
        upgrade(engine)
    finally:
        engine.dispose()
    return backup
