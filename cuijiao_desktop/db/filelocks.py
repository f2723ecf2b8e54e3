"""Whether this process still holds its SQLite locks (Linux, from ``/proc/locks``).

A WAL connection holds, as long as it is open, a shared lock on the database file and the
"dead man switch" read lock on byte 128 of the ``-shm`` file. If some code of the process closes a
descriptor of either file, the kernel drops these locks silently (``sqlite_files.py``); another process
may then think it is alone and delete the ``-wal``. :func:`locks_intact` tells whether that
happened; the application asks after every file dialog and, if the locks are gone, reopens its
connections at once (closing them re-takes nothing stale: SQLite then re-opens and re-locks).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _inode_key(path: Path) -> str | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return f"{os.major(st.st_dev):02x}:{os.minor(st.st_dev):02x}:{st.st_ino}"


def held_lock_files(paths: list[Path], *, pid: int | None = None, proc_locks: str | None = None) -> set[Path]:
    """Those of ``paths`` on which process ``pid`` (default: this one) holds a POSIX lock."""
    pid = os.getpid() if pid is None else pid
    if proc_locks is None:
        try:
            proc_locks = Path("/proc/locks").read_text(encoding="ascii", errors="replace")
        except OSError:
            return set()
    keys = {_inode_key(p): p for p in paths}
    held: set[Path] = set()
    for line in proc_locks.splitlines():
        parts = line.split()
        # "1: POSIX  ADVISORY  READ 11638 fe:00:2203755 128 128"; blocked waiters have "->" first
        if len(parts) < 6 or parts[1] == "->" or parts[1] not in ("POSIX", "OFDLCK"):
            continue
        if parts[4] != str(pid):
            continue
        dev_ino = parts[5]
        major, minor, ino = dev_ino.split(":")
        key = f"{int(major, 16):02x}:{int(minor, 16):02x}:{ino}"
        if key in keys:
            held.add(keys[key])
    return held


def locks_intact(db_file: Path) -> bool | None:
    """True when this process holds its locks on ``db_file`` and its ``-shm`` (while it has a WAL
    connection open); False when they are gone; None where it cannot be known (not Linux, no WAL)."""
    if not sys.platform.startswith("linux"):
        return None
    shm = db_file.with_name(db_file.name + "-shm")
    if not db_file.exists() or not shm.exists():
        return None
    held = held_lock_files([db_file, shm])
    return db_file in held and shm in held
