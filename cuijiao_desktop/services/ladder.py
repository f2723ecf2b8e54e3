"""The office's collection ladder (设置 → 催缴流程): its steps, their order and timing (managers)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from cuijiao_desktop.db.models import LadderStepRow
from cuijiao_desktop.domain.enums import Channel, Stage
from cuijiao_desktop.domain.errors import ConflictError, NotFound, ValidationError
from cuijiao_desktop.domain.ladder import DEFAULT_LADDER, LadderStep, validate_steps
from cuijiao_desktop.domain.permissions import Permission

from . import audit
from .actor import authorize
from .dto import LadderStepDTO, UserDTO
from .tx import read_only
from .versions import flush_or_conflict


def _dto(row: LadderStepRow) -> LadderStepDTO:
    return LadderStepDTO(row.id, row.seq, row.stage, row.name, row.wait_days, row.channel.value,
                         row.min_amount_fen, row.min_months, row.active, row.note, row.version)


def ensure_default_ladder(session: Session) -> None:
    """Fill the ladder with the documented default steps when the office has none."""
    if session.scalar(select(func.count()).select_from(LadderStepRow)):
        return
    for step in DEFAULT_LADDER:
        session.add(LadderStepRow(seq=step.seq, stage=step.stage, name=step.name_zh, wait_days=step.wait_days,
                                  channel=step.channel, min_amount_fen=step.min_amount_fen,
                                  min_months=step.min_months, note=step.note))
    session.flush()


@read_only
def list_ladder(session: Session) -> list[LadderStepDTO]:
    """The configured steps in order."""
    return [_dto(r) for r in session.scalars(select(LadderStepRow).order_by(LadderStepRow.seq))]


def _check(steps: Sequence[LadderStepDTO], *, whole: bool = True, first: int = 1) -> None:
    """Refuse the first problem of an edited ladder (``index`` names the step, from 0); ``whole``:
    the list is the whole ladder (then at least one step must stay active)."""
    domain = [LadderStep(i + 1, Stage(s.stage), s.name, s.wait_days, Channel(s.channel), s.note,
                         s.min_amount_fen, s.min_months, s.id, s.active) for i, s in enumerate(steps)]
    problems = [p for p in validate_steps(domain) if whole or p[1] != "ladder.none_active"]
    if problems:
        index, code, params = problems[0]
        raise ValidationError(code, index=index, step=index + first, **params)


def save_ladder(session: Session, *, actor: UserDTO, steps: Sequence[LadderStepDTO]) -> list[LadderStepDTO]:
    """Save the whole ladder as edited in the settings tab: the steps in their new order
    (``seq`` is taken from the position), edited ones carrying the version they were loaded
    with, new ones with ``id`` None. Steps are never deleted (deactivate them): every existing
    step must be in the list. A stale version is a conflict; nothing is saved then.
    """
    actor = authorize(session, actor, Permission.EDIT_LADDER)
    _check(steps)
    rows = {r.id: r for r in session.scalars(select(LadderStepRow))}
    given = [s.id for s in steps if s.id is not None]
    if len(set(given)) != len(given) or set(given) != set(rows):
        missing = set(given) - set(rows)
        if missing:
            raise NotFound("ladder.step_not_found", step_id=min(missing))
        raise ConflictError("conflict.stale", entity="ladder_step", id=None)
    for s in steps:
        if s.id is not None and rows[s.id].version != s.version:
            raise ConflictError("conflict.stale", entity="ladder_step", id=s.id)
    before = {r.id: (r.seq, r.name, r.stage, r.wait_days, r.channel, r.min_amount_fen, r.min_months, r.active,
                     r.note) for r in rows.values()}
    # Move every step out of the way first: seq is unique, and a reorder swaps numbers.
    top = max([r.seq for r in rows.values()] + [0])
    for i, r in enumerate(rows.values()):
        r.seq = top + 1 + i
    try:
        session.flush()
        changed = []
        for i, s in enumerate(steps, start=1):
            values = {"seq": i, "name": s.name.strip(), "stage": Stage(s.stage), "wait_days": s.wait_days,
                      "channel": Channel(s.channel), "min_amount_fen": s.min_amount_fen,
                      "min_months": s.min_months, "active": s.active, "note": s.note.strip()}
            if s.id is None:
                row = LadderStepRow(**values)
                session.add(row)
                changed.append(values["name"])
                continue
            row = rows[s.id]
            for key, value in values.items():
                setattr(row, key, value)
            if before[s.id] != (i, values["name"], values["stage"], s.wait_days, values["channel"],
                                s.min_amount_fen, s.min_months, s.active, values["note"]):
                changed.append(values["name"])
        session.flush()
    except StaleDataError as exc:
        raise ConflictError("conflict.stale", entity="ladder_step", id=None) from exc
    audit.record(session, actor, "ladder.save", "ladder_step", None, changed=changed,
                 steps=[f"{i}. {s.name.strip()}（{s.wait_days}天）" for i, s in enumerate(steps, start=1)])
    return list_ladder(session)


def update_step(
    session: Session, *, actor: UserDTO, step_id: int, version: int, name: str, wait_days: int,
    channel: Channel, active: bool, min_amount_fen: int = 0, min_months: int = 0, note: str | None = None,
) -> LadderStepDTO:
    """Change one step in place. ``version`` is the one the form was loaded with: a stale save is a conflict."""
    actor = authorize(session, actor, Permission.EDIT_LADDER)
    row = session.get(LadderStepRow, step_id)
    if row is None:
        raise NotFound("ladder.step_not_found", step_id=step_id)
    draft = LadderStepDTO(step_id, row.seq, row.stage, name, wait_days, Channel(channel).value, min_amount_fen,
                          min_months, active, row.note if note is None else note, version)
    _check([draft], whole=False, first=row.seq)
    if row.version != version:
        raise ConflictError("conflict.stale", entity="ladder_step", id=step_id)
    row.name, row.wait_days, row.channel = name.strip(), wait_days, Channel(channel)
    row.active, row.min_amount_fen, row.min_months, row.note = active, min_amount_fen, min_months, draft.note.strip()
    flush_or_conflict(session, "ladder_step", step_id)
    audit.record(session, actor, "ladder.update", "ladder_step", step_id, name=row.name,
                 wait_days=wait_days, channel=str(channel), active=active)
    return _dto(row)
