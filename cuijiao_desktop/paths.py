"""Locate bundled resources (icons, translations) without Qt.

Three layouts are supported, tried in order:

* a PyInstaller build: ``sys._MEIPASS/resources``;
* an installed wheel: ``cuijiao_desktop/resources`` as package data;
* a source checkout: ``<repo root>/resources``.

Data folders (the database, backups) are found through ``QStandardPaths`` in
``app.py``; this module stays importable without Qt.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent


def _candidates() -> list[Path]:
    found: list[Path] = []
    meipass = getattr(sys, "_MEIPASS", None)
    if meipass:
        found.append(Path(meipass) / "resources")
        found.append(Path(meipass) / "cuijiao_desktop" / "resources")
    found.append(PACKAGE_DIR / "resources")
    found.append(PACKAGE_DIR.parent / "resources")
    return found


@cache
def resources_dir() -> Path:
    """The folder holding ``icons/`` and ``i18n/``; raises FileNotFoundError if none exists."""
    for candidate in _candidates():
        if (candidate / "icons").is_dir():
            return candidate
    tried = ", ".join(str(p) for p in _candidates())
    raise FileNotFoundError(f"resources folder not found (tried {tried})")


def resource_path(*parts: str) -> Path:
    """A path inside the resources folder (it may not exist)."""
    return resources_dir().joinpath(*parts)


def icon_path(name: str) -> Path:
    """Path of the SVG icon ``name`` (without extension)."""
    return resource_path("icons", f"{name}.svg")


def translations_dir() -> Path:
    """Folder with our compiled ``.qm`` translations."""
    return resource_path("i18n")


def is_frozen() -> bool:
    """True inside a PyInstaller build."""
    return bool(getattr(sys, "frozen", False))
