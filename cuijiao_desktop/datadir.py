"""Where the office's database lives: ``--db``, then ``$CUIJIAO_DB_URL``, then this desk's saved
PostgreSQL server (设置 → 数据库, see ``connection.py``), then the SQLite file in the per-user data folder.

Shared by the GUI and the command line (QtCore only, no widgets, no SQLAlchemy), so
both open the same file on Windows and Linux without hard-coded paths.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths

ORGANIZATION = "Cuijiao"
APPLICATION = "cuijiao-desktop"
DB_FILE_NAME = "cuijiao.sqlite3"
ENV_URL = "CUIJIAO_DB_URL"


def set_application_names() -> None:
    """Set the names QStandardPaths and QSettings build folders from."""
    QCoreApplication.setOrganizationName(ORGANIZATION)
    QCoreApplication.setApplicationName(APPLICATION)


def app_data_dir() -> Path:
    """The per-user data folder (created), from ``QStandardPaths.AppDataLocation``."""
    set_application_names()
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def default_database_url() -> str:
    """``sqlite:///…/cuijiao.sqlite3`` in the data folder."""
    return f"sqlite:///{(app_data_dir() / DB_FILE_NAME).resolve().as_posix()}"


def documents_dir() -> Path:
    """The user's Documents folder: where file dialogs start and where files for people (receipts,
    exports) go. Never the data folder, which holds the database (see ``sqlite_files.py``)."""
    set_application_names()
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(folder) if folder else Path.home()


def resolve_database_url(cli_url: str | None, *, settings=None) -> tuple[str, bool]:
    """The URL to open and whether it is the default embedded database (not named by the user)."""
    if cli_url:
        return cli_url, False
    if os.environ.get(ENV_URL):
        return os.environ[ENV_URL], False
    from cuijiao_desktop.connection import configured_url

    saved = configured_url(settings)
    if saved is not None:
        return saved, False
    return default_database_url(), True
