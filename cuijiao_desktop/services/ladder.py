"""The office's collection ladder: its steps and their timing (managers change it)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from cuijiao_desktop.db.models import LadderStepRow
from cuijiao_desktop.domain.enums import Channel
from cuijiao_desktop.domain.errors import ConflictError, NotFound, ValidationError
from cuijiao_desktop.domain.ladder import DEFAULT_LADDER, check_notice_text
from cuijiao_desktop.domain.permissions import Permission

from . import audit
from .actor import authorize
from .dto import LadderStepDTO, UserDTO
from .tx import read_only


def _dto(row: LadderStepRow) -> LadderStepDTO:
    return LadderStepDTO(row.id, row.seq, row.stage, row.name, row.days_after_due, row.channel.value,
                         row.min_amount_fen, row.active, row.version)


def ensure_default_ladder(session: Session) -> None:
    """Fill the ladder with the documented default steps when the office has none."""
    if session.scalar(select(func.count()).select_from(LadderStepRow)):
        return
    for step in DEFAULT_LADDER:
        session.add(LadderStepRow(seq=step.seq, stage=step.stage, name=step.name_zh,
                                  days_after_due=step.days_after_due, channel=step.channel,
                                  min_amount_fen=step.min_amount_fen or 0, note=step.note))
    session.flush()


@read_only
def list_ladder(session: Session) -> list[LadderStepDTO]:
    """The configured steps in order."""
    return [_dto(r) for r in session.scalars(select(LadderStepRow).order_by(LadderStepRow.seq))]


def update_step(
    session: Session, *, actor: UserDTO, step_id: int, version: int, name: str, days_after_due: int,
    channel: Channel, active: bool, min_amount_fen: int = 0,
) -> LadderStepDTO:
    """Change one step. ``version`` is the one the form was loaded with: a stale save is a conflict."""
    actor = authorize(session, actor, Permission.EDIT_LADDER)
    if not name.strip():
        raise ValidationError("ladder.name_required", field="name")
    if check_notice_text(name):
        raise ValidationError("ladder.forbidden_words", field="name", words=check_notice_text(name))
    if not -60 <= days_after_due <= 3650:
        raise ValidationError("ladder.days_out_of_range", field="days_after_due")
    row = session.get(LadderStepRow, step_id)
    if row is None:
        raise NotFound("ladder.step_not_found", step_id=step_id)
    if row.version != version:
        raise ConflictError("conflict.stale", entity="ladder_step", id=step_id)
    row.name, row.days_after_due, row.channel = name.strip(), days_after_due, Channel(channel)
    row.active, row.min_amount_fen = active, min_amount_fen
    try:
        session.flush()
    except StaleDataError as exc:
        raise ConflictError("conflict.stale", entity="ladder_step", id=step_id) from exc
    audit.record(session, actor, "ladder.update", "ladder_step", step_id, name=row.name,
                 days_after_due=days_after_due, channel=str(channel), active=active)
    return _dto(row)
