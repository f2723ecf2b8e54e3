"""The files of a live SQLite database, so that nothing but SQLite ever opens them.

On Linux (and every POSIX system) a lock belongs to a process and a file, not to a file
descriptor: when *any* code of the process closes *any* descriptor of the database, its
``-wal`` or ``-shm``, every lock SQLite holds on that file is dropped (SQLite's "How To
Corrupt", §2.2). A file dialog that sniffs a MIME type, an import that reads the file the
user picked, or an export that writes over it would let the next process believe it is alone,
check-point and delete the ``-wal`` under the app's feet.

So: every SQLite file this process opens is registered here (``db/engine.py`` does it), and
file dialogs, imports, exports, backups and restores ask :func:`is_database_file` before they
touch a path. Pure Python (no Qt, no SQLAlchemy): the views and the command line use it too.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

#: Files SQLite keeps beside a database.
SIDECAR_SUFFIXES = ("-wal", "-shm", "-journal")
#: Name patterns hidden in the program's file dialogs (databases of any program and their sidecars).
HIDDEN_PATTERNS = ("*.sqlite3", "*.sqlite", "*.db", "*.db3", "*-wal", "*-shm", "*-journal")

_lock = threading.Lock()
_live: set[Path] = set()


def register_live_database(path: str | os.PathLike[str]) -> None:
    """Note that this process has the SQLite database at ``path`` open."""
    with _lock:
        _live.add(Path(os.path.abspath(path)))


def live_databases() -> tuple[Path, ...]:
    """The SQLite files this process has opened."""
    with _lock:
        return tuple(sorted(_live))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.normcase(os.path.abspath(a)) == os.path.normcase(os.path.abspath(b))


def is_database_file(path: str | os.PathLike[str], databases: tuple[Path, ...] | None = None) -> bool:
    """True when ``path`` is a live database of this process, or its ``-wal``/``-shm``/``-journal``
    (by name or by being the same file through another name or link). Uses ``stat`` only."""
    p = Path(os.path.abspath(path))
    for db in live_databases() if databases is None else databases:
        if _same_file(p, db):
            return True
        for suffix in SIDECAR_SUFFIXES:
            side = db.with_name(db.name + suffix)
            if os.path.normcase(str(p)) == os.path.normcase(str(side)) or (p.exists() and _same_file(p, side)):
                return True
    return False


def looks_like_database(path: str | os.PathLike[str]) -> bool:
    """True for names the file dialogs hide (any program's database files and SQLite sidecars)."""
    name = Path(path).name.lower()
    return name.endswith((".sqlite3", ".sqlite", ".db", ".db3")) or name.endswith(SIDECAR_SUFFIXES)
