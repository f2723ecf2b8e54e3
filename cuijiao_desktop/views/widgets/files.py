"""Where to save a file the clerk asked for: the save dialog opens in the folder last used for that
kind of file and remembers the folder chosen.

The dialog is the program's one file dialog (``views/dialogs/file_dialogs``): it never opens the
database or its side files (issue 14) and refuses the live database as the answer."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QWidget

from cuijiao_desktop.views.dialogs import file_dialogs


def ask_save_path(parent: QWidget, settings, *, key: str, title: str, name: str, file_filter: str,
                  suffix: str) -> Path | None:
    """Ask where to save ``name``; the path ends with ``suffix`` (".xlsx"); None when cancelled.
    ``settings`` (may be None: the desk's own) keeps the folder last used for ``key``."""
    chosen = file_dialogs.save_file(parent, title, purpose=key, suggested_name=name, filters=file_filter,
                                    default_suffix=suffix.lstrip("."), settings=settings)
    if chosen is None:
        return None
    path = str(chosen)
    if not path.lower().endswith(suffix):
        path += suffix
    return Path(path)
