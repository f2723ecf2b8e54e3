"""Month close (月结): finance freezes month M's statistics; a closed month reprints identically.

:func:`close_month` computes M as of its last day, for the office and for each estate, and stores each
``MonthStats.to_snapshot()`` (JSON) under one ``month_close`` row. :func:`month_report` prints the stored
snapshot for a closed month (when no explicit ``as_of`` is asked): late payments, reversals or
adjustments dated in M that arrive after the close change nothing on it. An estate's report of a closed
month is that estate's own snapshot (every sheet filtered as at the close); an estate created after the
close has none and is computed.

:func:`reopen_month` needs the same permission and a reason; the close row keeps who reopened it, when
and why, and both actions are audited. A reopened month computes again and may be closed again.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import Estate, MonthClose, MonthCloseSnapshot
from cuijiao_desktop.domain.billing import parse_period, period_last_day, period_text
from cuijiao_desktop.domain.errors import ConflictError, ValidationError
from cuijiao_desktop.domain.office_time import local_date, office_today
from cuijiao_desktop.domain.permissions import Permission
from cuijiao_desktop.services import audit
from cuijiao_desktop.services.actor import authorize
from cuijiao_desktop.services.dto import UserDTO
from cuijiao_desktop.services.tx import read_only

from .figures import compute_month_stats, month_window
from .model import MonthStats, TrendPoint

__all__ = [
    "MonthCloseInfo", "close_month", "closed_trend_points", "month_close_info", "month_report", "prepare_close",
    "reopen_month",
]


@dataclass(frozen=True)
class MonthCloseInfo:
    """The current close of a month (None from :func:`month_close_info` when it is open)."""

    month: str
    closed_at: datetime
    closed_by: str


def _month(month: str | int) -> str:
    return period_text(month if isinstance(month, int) else parse_period(month))


def _open_close(session: Session, month: str) -> MonthClose | None:
    return session.scalars(select(MonthClose).where(MonthClose.month == month, MonthClose.reopened_at.is_(None))
                           .order_by(MonthClose.id.desc())).first()


def closed_trend_points(session: Session, months: Sequence[str], estate: str | None) -> dict[str, TrendPoint]:
    """The trend points frozen by the closes of ``months`` (those closed) for the office or ``estate``."""
    rows = session.execute(
        select(MonthClose.month, MonthCloseSnapshot.households, MonthCloseSnapshot.households_paid,
               MonthCloseSnapshot.billed_fen, MonthCloseSnapshot.collected_fen)
        .join(MonthCloseSnapshot, MonthCloseSnapshot.close_id == MonthClose.id)
        .where(MonthClose.month.in_(list(months)), MonthClose.reopened_at.is_(None),
               MonthCloseSnapshot.estate == (estate or ""))).all()
    return {m: TrendPoint(m, int(h), int(hp), int(b), int(c)) for m, h, hp, b, c in rows}


@read_only
def month_close_info(session: Session, month: str | int) -> MonthCloseInfo | None:
    """Who closed ``month`` and when; None while it is open."""
    row = _open_close(session, _month(month))
    return None if row is None else MonthCloseInfo(row.month, row.closed_at, row.closed_by)


def _check_over(text: str, today: date | None) -> None:
    today = today or office_today()
    if today <= period_last_day(parse_period(text)):
        raise ValidationError("stats.month_not_over", field="month", month=text, today=today.isoformat())


def _check_open(session: Session, text: str) -> None:
    current = _open_close(session, text)
    if current is not None:
        raise ConflictError("stats.month_closed", month=text, closed_by=current.closed_by,
                            closed_at=local_date(current.closed_at).isoformat())


@read_only
def prepare_close(session: Session, month: str | int, *, today: date | None = None) -> dict[str, MonthStats]:
    """The statistics a close of ``month`` freezes, computed in a read-only transaction: the office's
    (key "") and each estate's, as of the month's last day. Hand them to :func:`close_month`, which then
    only writes: on SQLite its write lock is held for a moment instead of the whole computation. A month
    closed already is refused before the computation; :func:`close_month` checks again when it writes."""
    text = _month(month)
    _check_over(text, today)
    _check_open(session, text)
    snapshots = {"": compute_month_stats(session, text, today=today)}
    for name in session.scalars(select(Estate.name).order_by(Estate.id)):
        snapshots.setdefault(name, compute_month_stats(session, text, estate=name, today=today))
    return snapshots


def close_month(session: Session, actor: UserDTO, month: str | int, *, today: date | None = None,
                prepared: Mapping[str, MonthStats] | None = None) -> MonthStats:
    """Close ``month`` (finance): freeze its statistics as of its last day, for the office and each estate
    (``prepared`` by :func:`prepare_close`, or computed here).

    Refused while the month is not over (the office's date is still in it) and when it is closed already.
    Returns the office's frozen statistics, marked 已月结.
    """
    actor = authorize(session, actor, Permission.CLOSE_MONTH)
    text = _month(month)
    _check_over(text, today)
    _check_open(session, text)  # closed by another desk since the statistics were prepared: refused
    snapshots = dict(prepared) if prepared is not None else prepare_close(session, text, today=today)
    if "" not in snapshots or any(s.month != text or s.as_of != period_last_day(parse_period(text))
                                  for s in snapshots.values()):
        raise ValueError("prepared statistics of another month or day")
    office = snapshots[""]
    row = MonthClose(month=text, closed_at=datetime.now(UTC), closed_by_id=actor.id, closed_by=actor.display_name,
                     reopen_reason="")
    session.add(row)
    try:
        session.flush()
    except IntegrityError as exc:  # another desk closed it a moment ago
        raise ConflictError("stats.month_closed", month=text, closed_by="", closed_at="") from exc
    for estate, stats in snapshots.items():
        t = stats.total
        session.add(MonthCloseSnapshot(close_id=row.id, estate=estate,
                                       snapshot=json.dumps(stats.to_snapshot(), ensure_ascii=False),
                                       households=t.households, households_paid=t.households_paid,
                                       billed_fen=t.billed_fen, collected_fen=t.collected_fen))
    session.flush()
    t = office.total
    audit.record(session, actor, "stats.close_month", "month_close", row.id, month=text,
                 estates=len(snapshots) - 1, billed_fen=t.billed_fen, collected_fen=t.collected_fen,
                 closing_fen=t.closing_arrears_fen)
    return replace(office, closed_at=row.closed_at, closed_by=row.closed_by)


def reopen_month(session: Session, actor: UserDTO, month: str | int, reason: str) -> None:
    """Reopen a closed month (finance) with a reason; the close row keeps who, when and why (audited)."""
    actor = authorize(session, actor, Permission.CLOSE_MONTH)
    text = _month(month)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError("stats.reopen_reason_required", field="reason", month=text)
    row = _open_close(session, text)
    if row is None:
        raise ValidationError("stats.month_not_closed", field="month", month=text)
    row.reopened_at = datetime.now(UTC)
    row.reopened_by_id = actor.id
    row.reopen_reason = reason
    session.flush()
    audit.record(session, actor, "stats.reopen_month", "month_close", row.id, month=text, reason=reason,
                 closed_by=row.closed_by, closed_at=row.closed_at.isoformat())


@read_only
def month_report(session: Session, month: str | int, *, as_of: date | None = None, estate: str | None = None,
                 summary_only: bool = False, include_details: bool = True, today: date | None = None) -> MonthStats:
    """Month M's statistics as the reports print them: the frozen snapshot (``closed_at``/``closed_by``
    set) when M is closed and no ``as_of`` is asked, otherwise computed now (``summary_only``: only what
    the JSON figures print; ``include_details=False``: what the dashboards draw; see
    :func:`~.figures.compute_month_stats`; ``today``: the office's date)."""
    text = _month(month)
    if as_of is None:
        row = _open_close(session, text)
        if row is not None:
            w = month_window(session, text, estate=estate, today=today)
            stored = session.scalar(select(MonthCloseSnapshot.snapshot).where(
                MonthCloseSnapshot.close_id == row.id, MonthCloseSnapshot.estate == (w.estate or "")))
            if stored is not None:
                stats = MonthStats.from_snapshot(json.loads(stored))
                if "office_name" not in stats.extra:  # a snapshot frozen before the statistics named the office
                    from cuijiao_desktop.services.office import get_office

                    stats = replace(stats, extra={**stats.extra, "office_name": get_office(session).name})
                return replace(stats, closed_at=row.closed_at, closed_by=row.closed_by)
    return compute_month_stats(session, text, as_of=as_of, estate=estate, summary_only=summary_only,
                               include_details=include_details, today=today)
