"""What the visit screens load and send, as plain data: the tasks they run on the database thread
(through ``services.visits``) and the conversions from the services' DTOs to the calendar's blocks.

Times: the services speak aware UTC datetimes; the calendar speaks the office's local wall clock
(naive). The conversion happens here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.domain.visits import SlotRules, StaffPick, VisitDraft, VisitDuty
from cuijiao_desktop.services import visits as visit_service
from cuijiao_desktop.views.visits.calendar_blocks import CalendarBlock, Lane


def local(moment: datetime) -> datetime:
    """An aware datetime as the office's wall clock (naive)."""
    return moment.astimezone().replace(tzinfo=None)


def aware(moment: datetime) -> datetime:
    """A wall-clock datetime of the calendar as an aware one (the machine's time zone)."""
    return moment.astimezone() if moment.tzinfo is None else moment


@dataclass(frozen=True)
class VisitRow:
    """A visit as the page shows it: the service's ``CalendarVisit`` in local time."""

    dto: visit_service.CalendarVisit
    start: datetime
    end: datetime

    @property
    def visit_id(self) -> int:
        return self.dto.visit_id

    @property
    def room_id(self) -> int:
        return self.dto.room_id

    @property
    def room_code(self) -> str:
        return self.dto.room_code

    @property
    def estate_name(self) -> str:
        return self.dto.estate

    @property
    def owner_name(self) -> str:
        return self.dto.owner

    @property
    def status(self) -> str:
        return str(self.dto.status)

    @property
    def staff_ids(self) -> tuple[int, ...]:
        return self.dto.staff_ids

    @property
    def staff_names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.dto.staff)

    @property
    def team(self) -> str:
        return self.dto.team

    @property
    def result(self):
        return self.dto.result


@dataclass(frozen=True)
class CalendarData:
    """One load of the page: the visits of the days on screen, the staff and the office's slots."""

    first: date
    last: date
    today: date
    visits: tuple[VisitRow, ...]
    staff: tuple[Lane, ...]
    lanes: tuple[visit_service.StaffLane, ...]
    slots: SlotRules

    @property
    def teams(self) -> list[str]:
        return sorted({v.team for v in self.visits if v.team})

    def slots_for(self, day: date) -> list[tuple[time, time]]:
        return [self.slots.window(day)]

    @property
    def hours(self) -> tuple[int, int]:
        """The hours the grid shows: from the earliest slot's hour to an hour after the latest."""
        s = self.slots
        first = min(s.weekday_start.hour, s.weekend_start.hour)
        last = max(s.weekday_end.hour + (1 if s.weekday_end.minute else 0),
                   s.weekend_end.hour + (1 if s.weekend_end.minute else 0))
        return max(0, min(first, 18)), min(24, max(last + 1, first + 4))


def row_of(dto) -> VisitRow:
    return VisitRow(dto, local(dto.start), local(dto.end))


def load_calendar(session, *, actor, first: date, last: date, today: date) -> CalendarData:
    """The task of the page (read-only): the visits from ``first`` to ``last`` and who can go."""
    cal = visit_service.visit_calendar(session, actor=actor, first_day=first, days=(last - first).days + 1,
                                       today=today)
    staff = tuple(Lane(s.user_id, s.name) for s in cal.lanes)
    return CalendarData(first, last, today, tuple(row_of(v) for v in cal.visits), staff, cal.lanes, cal.slots)


def filter_visits(visits: Sequence[VisitRow], chosen) -> list[VisitRow]:
    """The visits the staff filter keeps: everyone, a team label, or one person."""
    if chosen is None:
        return list(visits)
    kind, value = chosen
    if kind == "team":
        return [v for v in visits if v.team == value]
    return [v for v in visits if value in v.staff_ids]


def lanes_for(data: CalendarData, chosen, days: Sequence[date] | None) -> list[Lane]:
    """The lanes of the day view (``days`` given) or the names of the week view: everyone who can go,
    or the team's members, or the person chosen."""
    if chosen is None:
        return list(data.staff)
    kind, value = chosen
    if kind == "staff":
        return [s for s in data.staff if s.staff_id == value]
    members = {i for v in data.visits if v.team == value for i in v.staff_ids}
    return [s for s in data.staff if s.staff_id in members] or list(data.staff)


def team_name(data: CalendarData | None, chosen) -> str | None:
    """What the route sheet's ``team`` takes for the filter: a label, a person's user name, or None."""
    if chosen is None or data is None:
        return None
    kind, value = chosen
    if kind == "team":
        return value
    lane = next((s for s in data.lanes if s.user_id == value), None)
    return lane.username if lane is not None else None


def block_of(v: VisitRow, *, tooltip: str = "") -> CalendarBlock:
    """The calendar's block of a visit."""
    status = v.status
    subtitle = " · ".join(x for x in (v.owner_name, v.team) if x)
    return CalendarBlock(v.visit_id, v.start, v.end, status, v.staff_ids, v.room_code, subtitle, tooltip,
                         flag=v.dto.standing)


def duty_for(lane: visit_service.StaffLane | None) -> VisitDuty:
    """A manager goes as the supervisor, everyone else as a collector."""
    return VisitDuty.SUPERVISOR if lane is not None and lane.role in (Role.MANAGER, Role.ADMIN) else VisitDuty.COLLECTOR


def draft_from_detail(detail: visit_service.VisitDetail, *, start: datetime, staff: tuple[StaffPick, ...]) -> VisitDraft:
    """The stored visit with a new start (the same length) and team of staff."""
    length = detail.end - detail.start
    begin = aware(start)
    return VisitDraft(room_id=detail.room_id, start=begin, end=begin + length, staff=staff, case_id=detail.case_id,
                      team=detail.team, note=detail.note, override_reason=detail.override_reason)


def move(session, *, actor, visit: VisitRow, start: datetime, from_staff: int | None, to_staff: int | None,
         today: date) -> visit_service.VisitDetail:
    """A drag or Ctrl+arrow: the visit at ``start`` (local), with ``from_staff`` replaced by ``to_staff``."""
    detail = visit_service.get_visit(session, actor=actor, visit_id=visit.visit_id, today=today)
    staff = []
    for s in detail.staff:
        if from_staff is not None and s.user_id == from_staff and to_staff is not None:
            staff.append(StaffPick(to_staff, s.duty))
        else:
            staff.append(StaffPick(s.user_id, s.duty))
    draft = draft_from_detail(detail, start=start, staff=tuple(staff))
    return visit_service.move_visit(session, actor=actor, visit_id=detail.visit_id, version=visit.dto.version,
                                    draft=draft, today=today)


def default_end(start: datetime, slots: SlotRules, minutes: int = 60) -> datetime:
    """An hour after ``start``, but not past the end of the day's window."""
    _ws, we = slots.window(start.date())
    end = start + timedelta(minutes=minutes)
    window_end = datetime.combine(start.date(), we)
    if start < window_end < end:
        end = window_end
    return end
