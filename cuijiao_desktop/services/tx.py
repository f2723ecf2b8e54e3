"""Transaction kinds: a service that only reads says so, and its boundary gives it a read-only
transaction (no write lock on SQLite, READ ONLY on PostgreSQL; see ``db/engine.py``).

The task runner and the command line look at the mark; a read-only function that tries to
write fails instead of silently taking the lock.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_MARK = "cuijiao_read_only"


def read_only(fn: F) -> F:
    """Mark ``fn(session, …)`` as reading only."""
    setattr(fn, _MARK, True)
    return fn


def _unwrapped(fn: Callable[..., Any]) -> Callable[..., Any]:
    """``fn`` itself, or the function a ``functools.partial`` wraps (the mark is on that one)."""
    while isinstance(fn, functools.partial):
        fn = fn.func
    return fn


def is_read_only(fn: Callable[..., Any]) -> bool:
    """True when ``fn`` (or the function a partial of it wraps) was marked with :func:`read_only`."""
    return bool(getattr(_unwrapped(fn), _MARK, False))


_LONG = "cuijiao_long_write"


def long_write(fn: F) -> F:
    """Mark ``fn(tx: Transactions, …)`` as a long write that runs its own short transactions
    (``services/batch.py``): the task runner hands it the session factories instead of a session."""
    setattr(fn, _LONG, True)
    return fn


def is_long_write(fn: Callable[..., Any]) -> bool:
    """True when ``fn`` (or the function a partial of it wraps) was marked with :func:`long_write`."""
    return bool(getattr(_unwrapped(fn), _LONG, False))


class Transactions:
    """The two session factories of a database: ``write`` (takes the write lock) and ``read``.

    Handed to a :func:`long_write` function instead of a session, so that it can read in a snapshot,
    stage its rows without any lock and publish them in one short transaction.
    """

    __slots__ = ("read", "write")

    def __init__(self, write: Any, read: Any | None = None) -> None:
        self.write = write
        if read is None:  # never the writer's: a snapshot read must not hold the write lock
            from cuijiao_desktop.db.engine import make_read_session_factory

            read = make_read_session_factory(write.kw["bind"])
        self.read = read

    @property
    def engine(self) -> Any:
        """The engine behind the factories."""
        return self.write.kw["bind"]
