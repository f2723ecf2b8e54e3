"""Where to save a file the clerk asked for: the save dialog opens in the folder last used for that
kind of file and remembers the folder chosen."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget


def ask_save_path(parent: QWidget, settings, *, key: str, title: str, name: str, file_filter: str,
                  suffix: str) -> Path | None:
    """Ask where to save ``name``; the path ends with ``suffix`` (".xlsx"); None when cancelled.
    ``settings`` (may be None) keeps the folder last used for ``key``."""
    folder = settings.last_folder(key) if settings is not None else ""
    suggested = str(Path(folder) / name) if folder else name
    path, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    if not path:
        return None
    if not path.lower().endswith(suffix):
        path += suffix
    if settings is not None:
        settings.set_last_folder(key, str(Path(path).parent))
    return Path(path)
