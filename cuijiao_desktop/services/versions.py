"""Optimistic locking at the service boundary: a form carries the ``version`` of the row it read,
and a save over a newer row is a :class:`ConflictError` ``conflict.stale`` (the GUI offers to reload).

Two places catch it: the version a form carried (:func:`check_version`) and the ``UPDATE … WHERE
version = …`` that finds no row because another desk saved first (:func:`flush_or_conflict`).
"""

from __future__ import annotations

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from cuijiao_desktop.domain.errors import ConflictError


def check_version(entity: str, entity_id: int, stored: int, carried: int | None) -> None:
    """A conflict when the form carried a version (``carried``) other than the stored one."""
    if carried is not None and carried != stored:
        raise ConflictError("conflict.stale", entity=entity, id=entity_id)


def flush_or_conflict(session: Session, entity: str, entity_id: int | None) -> None:
    """Flush; a row changed by another transaction since it was read is a conflict."""
    try:
        session.flush()
    except StaleDataError as exc:
        raise ConflictError("conflict.stale", entity=entity, id=entity_id) from exc
