"""Icons loaded from the SVG files in ``resources/icons``."""

from __future__ import annotations

from functools import cache

from PySide6.QtGui import QIcon

from cuijiao_desktop.paths import icon_path


@cache
def icon(name: str) -> QIcon:
    """The icon ``name`` (file stem in resources/icons); an empty icon if missing."""
    path = icon_path(name)
    return QIcon(str(path)) if path.exists() else QIcon()
