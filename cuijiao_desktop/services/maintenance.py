"""Backups of the office's database (kept for existing callers: see ``services/backups.py``)."""

from __future__ import annotations

from pathlib import Path

from .backups import manual_backup
from .dto import UserDTO


def backup_database(url: str, out_path: Path, *, actor: UserDTO) -> Path:
    """Write a consistent copy of the database to ``out_path`` as ``actor`` (a user action: needs the
    backup permission, administrators; recorded with the other backups).

    SQLite: the online backup API (safe while other connections write). PostgreSQL:
    ``pg_dump --format=custom`` when the client tools are installed. Never over a live database file.
    Automatic backups (daily, before an upgrade or a restore) are ``services/backups.py``'s.
    """
    return Path(manual_backup(url, out_path, actor=actor).path)
