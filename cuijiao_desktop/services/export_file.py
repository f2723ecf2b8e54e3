"""Every audited export has one shape: read, write, audit, rename – the write lock only for the audit row.

An export once read, audited and wrote its file in ONE write transaction: on SQLite that is
``BEGIN IMMEDIATE``, the database's write lock, and at 50,000 rooms the notices workbook held it for
46 s while every other desk's payment waited (the rule: no payment waits more than 2 s). Like the
billing run and the imports ("staged and published in one short transaction", ``services/batch.py``),
an export now keeps its write short:

1. **Read** in a read-only transaction (``Transactions.read``: no write lock on SQLite, ``READ ONLY``
   on PostgreSQL). The reading service checks the permission.
2. **Write** the file to a temporary path beside the target (hidden, ``.part`` before the suffix),
   with no transaction open. A cancel or a failure removes it: no file, no audit row.
3. **Audit** in a short write transaction (one row). If it fails, the temporary file is removed:
   no file, no audit row.
4. **Rename** the temporary file into place, only after the audit row is committed.

The order is chosen so that a file at the target name is never unaudited: audit first, then rename.
If the rename fails after the commit (the target is open in Excel, the disk was unplugged), the error
reaches the user, the temporary file is removed, and the audit row says what was attempted (the file
name and row count of an export that did not land). A crash between 3 and 4 leaves the same: an
audit row and at most a hidden ``.part`` file, never an unaudited file under the name asked for.

Use (the task runner hands a :func:`~services.tx.long_write` function the factories)::

    @long_write
    def export_x(tx, *, actor, path, progress=None, cancel=None):
        return export_file(tx, path, read=lambda s: x_table(s, actor=actor),
                           write=lambda table, tmp: write_table(tmp, ...),
                           audit=lambda s, table, n: record_export(s, actor=actor, ...), cancel=cancel).written
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from cuijiao_desktop.domain.errors import DomainError

from .tx import Transactions

if TYPE_CHECKING:  # no SQLAlchemy import at run time: the views call this module
    from sqlalchemy.orm import Session

__all__ = ["Exported", "export_file", "temporary_path"]

D = TypeVar("D")
W = TypeVar("W")


@dataclass(frozen=True)
class Exported(Generic[D, W]):
    """What an export read (``data``) and what its writer returned (``written``, e.g. the row count)."""

    data: D
    written: W
    path: Path


def temporary_path(path: Path) -> Path:
    """A new, empty, hidden file beside ``path`` whose name still ends in ``path``'s suffix (the writers
    pick .xlsx or .csv by the suffix)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".part" + path.suffix, dir=path.parent)
    os.close(fd)
    return Path(name)


def _check_cancel(cancel: Callable[[], bool] | None) -> None:
    if cancel is not None and cancel():
        raise DomainError("task.cancelled")


def export_file(
    tx: Transactions,
    path: str | os.PathLike[str],
    *,
    read: Callable[[Session], D],
    write: Callable[[D, Path], W],
    audit: Callable[[Session, D, W], Any],
    cancel: Callable[[], bool] | None = None,
) -> Exported[D, W]:
    """Read in a read-only transaction, write to a temporary file, audit in a short write transaction,
    then rename the file into place (see the module's text for the order and what a failure leaves).

    ``read(session)`` returns the data (and checks the permission); ``write(data, tmp_path)`` writes the
    file and returns e.g. its row count; ``audit(session, data, written)`` records the export. A cancel
    (``cancel()`` true) raises ``DomainError("task.cancelled")`` and leaves neither file nor audit row.
    """
    target = Path(path)
    with tx.read.begin() as session:
        data = read(session)
    _check_cancel(cancel)
    tmp = temporary_path(target)
    try:
        written = write(data, tmp)
        _check_cancel(cancel)  # the last moment a cancel is honoured: after it the export is recorded
        with tx.write.begin() as session:
            audit(session, data, written)
        os.replace(tmp, target)  # after the commit: a file under this name is never unaudited
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    return Exported(data, written, target)
