"""The program's log file: unexpected errors (with their traceback) go to a rotating file in the data
folder, ``logs/cuijiao.log`` (1 MB each, five old files kept), for the GUI and the command line.

Error dialogs and the command line name the file (:func:`current_path`), so the office can send it
to whoever supports them.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

LOG_NAME = "cuijiao.log"
MAX_BYTES = 1024 * 1024
BACKUP_COUNT = 5
_FORMAT = "%(asctime)s %(levelname)s [%(process)d %(threadName)s] %(name)s: %(message)s"

_installed: dict[str, logging.Handler | Path | None] = {"handler": None, "path": None}


def default_log_path() -> Path:
    """``logs/cuijiao.log`` in the per-user data folder."""
    from cuijiao_desktop.datadir import app_data_dir

    return app_data_dir() / "logs" / LOG_NAME


def install(path: Path | None = None, *, level: int = logging.INFO) -> Path | None:
    """Send the ``cuijiao_desktop`` loggers (and uncaught errors logged at ERROR anywhere) to a rotating
    file; returns its path, or None when the folder cannot be written (the program still runs)."""
    uninstall()
    path = Path(path) if path is not None else default_log_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT,
                                                       encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    handler.setLevel(level)
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.WARNING or root.level == logging.NOTSET:
        root.setLevel(logging.WARNING)
    logging.getLogger("cuijiao_desktop").setLevel(min(level, logging.getLogger("cuijiao_desktop").level or level))
    _installed["handler"], _installed["path"] = handler, path
    return path


def uninstall() -> None:
    """Remove the handler :func:`install` added (tests)."""
    handler = _installed["handler"]
    if isinstance(handler, logging.Handler):
        logging.getLogger().removeHandler(handler)
        handler.close()
    _installed["handler"], _installed["path"] = None, None


def current_path() -> Path | None:
    """The log file in use, or None when none was installed."""
    path = _installed["path"]
    return path if isinstance(path, Path) else None


def log_unexpected(exc: BaseException, context: str = "") -> None:
    """Write an unexpected error with its traceback to the log."""
    logging.getLogger("cuijiao_desktop").error("unexpected error%s", f" in {context}" if context else "",
                                               exc_info=(type(exc), exc, exc.__traceback__))
