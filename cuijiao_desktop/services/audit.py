"""The append-only audit log: every write service records who did what."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import AuditLog

from .dto import UserDTO


def record(session: Session, actor: UserDTO, action: str, entity: str, entity_id: Any = None, **detail: Any) -> None:
    """Add one audit row in the caller's transaction."""
    session.add(
        AuditLog(
            user_id=actor.id,
            username=actor.username,
            action=action,
            entity=entity,
            entity_id=None if entity_id is None else str(entity_id),
            detail=json.dumps(detail, ensure_ascii=False, default=str, sort_keys=True),
        )
    )
