"""Backups of the office's database (kept for existing callers: see ``services/backups.py``)."""

from __future__ import annotations

from pathlib import Path

from .backups import backup_to


def backup_database(url: str, out_path: Path) -> Path:
    """Write a consistent copy of the database to ``out_path``.

    SQLite: the online backup API (safe while other connections write). PostgreSQL:
    ``pg_dump --format=custom`` when the client tools are installed. Never over a live database file.
    """
    return backup_to(url, out_path)
