"""Transaction kinds: a service that only reads says so, and its boundary gives it a read-only
transaction (no write lock on SQLite, READ ONLY on PostgreSQL; see ``db/engine.py``).

The task runner and the command line look at the mark; a read-only function that tries to
write fails instead of silently taking the lock.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

F = TypeVar("F", bound=Callable[..., Any])

_MARK = "cuijiao_read_only"


def read_only(fn: F) -> F:
    """Mark ``fn(session, …)`` as reading only."""
    setattr(fn, _MARK, True)
    return fn


def is_read_only(fn: Callable[..., Any]) -> bool:
    """True when ``fn`` was marked with :func:`read_only`."""
    return bool(getattr(fn, _MARK, False))
