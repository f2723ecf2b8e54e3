"""Frozen data the visit services hand to the calendar, the outcome form, the visit sheet and the CLI.

Times are aware UTC datetimes (show them in local time); money is int fen. Owners are shown by
name (a staff screen, like today's work and the contact log); phones are masked. ``owner_masked``
is there for printouts that follow the public-masking rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from cuijiao_desktop.domain.enums import AnsweredBy, CallOutcome, Channel, Role, VisitStatus
from cuijiao_desktop.domain.visits import SlotRules, VisitDuty, VisitResult

__all__ = [
    "AppointmentResult",
    "CalendarVisit",
    "OutcomeResult",
    "PlanContext",
    "RouteNotice",
    "RouteSection",
    "RouteStop",
    "StaffLane",
    "VisitCalendar",
    "VisitDetail",
    "VisitPhotoDTO",
    "VisitRoute",
    "VisitStaffDTO",
]


@dataclass(frozen=True)
class VisitStaffDTO:
    """A staff member on a visit."""

    user_id: int
    name: str  # display name
    username: str
    duty: VisitDuty


@dataclass(frozen=True)
class StaffLane:
    """One lane of the calendar: a staff member who can go on visits (active clerks, collectors,
    managers; plus anyone already on a visit of the period)."""

    user_id: int
    name: str
    username: str
    role: Role
    active: bool = True


@dataclass(frozen=True)
class CalendarVisit:
    """A visit as the calendar draws it: in each of its staff's lanes, coloured by ``status``."""

    visit_id: int
    version: int
    room_id: int
    room_code: str
    estate: str
    owner: str
    start: datetime  # aware UTC
    end: datetime
    status: VisitStatus
    team: str
    staff: tuple[VisitStaffDTO, ...]
    arrears_fen: int  # overdue now
    case_id: int | None
    confirmed: bool  # the appointment was confirmed by phone
    overridden: bool  # one person alone on a manager's override
    result: VisitResult | None
    #: a visit still to happen whose room has since paid or gone on hold that day, in words
    #: ("已结清，无需上门"; ``domain.visits.standing_words``): cancel it. "" otherwise.
    standing: str = ""

    @property
    def staff_ids(self) -> tuple[int, ...]:
        return tuple(s.user_id for s in self.staff)


@dataclass(frozen=True)
class VisitCalendar:
    """The visits of ``first_day`` … ``last_day`` (local days, inclusive) with the lanes to draw."""

    first_day: date
    last_day: date
    lanes: tuple[StaffLane, ...]
    visits: tuple[CalendarVisit, ...]  # by start, then id
    slots: SlotRules

    def in_lane(self, user_id: int) -> list[CalendarVisit]:
        """The visits of one staff member's lane."""
        return [v for v in self.visits if user_id in v.staff_ids]


@dataclass(frozen=True)
class VisitPhotoDTO:
    photo_id: int
    sha256: str
    path: str  # relative to the data folder
    original_name: str


@dataclass(frozen=True)
class VisitDetail:
    """One visit in full, for the edit and outcome dialogs."""

    visit_id: int
    version: int
    room_id: int
    room_code: str
    estate: str
    owner: str
    phone_masked: str
    case_id: int | None
    start: datetime
    end: datetime
    status: VisitStatus
    team: str
    staff: tuple[VisitStaffDTO, ...]
    note: str
    arrears_fen: int
    remind_on: date | None
    appointment_event_id: int | None
    confirmed_at: datetime | None
    override_by: str  # the manager's name ("" when none)
    override_reason: str
    cancel_reason: str
    result: VisitResult | None
    met: AnsweredBy | None
    attitude: str
    done_at: datetime | None
    outcome_event_id: int | None
    promise_id: int | None
    notice_id: int | None
    notice_signed: bool
    next_visit_id: int | None
    previous_visit_id: int | None  # the visit this one is the revisit of
    photos: tuple[VisitPhotoDTO, ...]
    issue_ids: tuple[int, ...]  # service issues raised on the visit
    open_issues: int  # the room's open service issues (bring a maintenance worker)
    created_by: str
    notice_to_hand: RouteNotice | None = None  # the print room's notice to hand over (not yet signed for)


@dataclass(frozen=True)
class PlanContext:
    """What the plan form needs for one room: who lives there, what is owed, whether it is on hold,
    its open service issues (bring a maintenance worker), the lanes and the office's slots."""

    room_id: int
    room_code: str
    estate: str
    owner: str
    phone_masked: str
    case_id: int | None
    collector_id: int | None
    arrears_fen: int
    hold_until: date | None
    open_issues: tuple[str, ...]
    planned: tuple[CalendarVisit, ...]  # the room's visits still to happen
    lanes: tuple[StaffLane, ...]
    slots: SlotRules


@dataclass(frozen=True)
class AppointmentResult:
    """What :func:`services.visits.book_appointment` wrote."""

    visit_id: int
    version: int
    event_id: int  # the phone call (a contact event)
    status: VisitStatus
    confirmed: bool


@dataclass(frozen=True)
class OutcomeResult:
    """What :func:`services.visits.record_outcome` wrote."""

    visit_id: int
    version: int
    status: VisitStatus
    event_id: int  # the visit's contact event (channel visit)
    promise_id: int | None
    notice_id: int | None
    notice_evidenced: bool  # the handed notice now counts as an evidenced demand (signed for)
    issue_ids: tuple[int, ...]
    photo_ids: tuple[int, ...]
    next_visit_id: int | None


@dataclass(frozen=True)
class RouteNotice:
    """The print room's notice to hand over on the visit (issued, not yet delivered with proof)."""

    notice_id: int
    serial: str
    title: str  # 催缴通知书 …
    level: int
    amount_fen: int
    issued_on: date
    deadline: date | None


@dataclass(frozen=True)
class RouteStop:
    """One visit on the day's route: one block of the visit sheet."""

    visit_id: int
    start: datetime  # aware UTC
    end: datetime
    status: VisitStatus
    confirmed: bool
    team: str
    staff: tuple[VisitStaffDTO, ...]
    room_id: int
    room_code: str  # 3-2-1502
    room_display: str  # 3栋2单元1502
    estate: str
    building: str
    unit: str
    floor: int | None
    owner: str
    owner_masked: str
    phone_masked: str
    arrears_fen: int  # overdue now
    late_fee_fen: int  # late fees charged and unpaid
    months: int  # months with overdue bills
    oldest_period: int | None  # YYYYMM
    last_contact_at: datetime | None
    last_contact_channel: Channel | None
    last_contact_outcome: CallOutcome | None
    last_contact_note: str
    notice: RouteNotice | None
    open_issues: tuple[str, ...]  # the room's open service issues, in words
    note: str
    #: the room has since paid or gone on hold that day ("已结清，无需上门"; "" when the visit stands)
    standing: str = ""


@dataclass(frozen=True)
class RouteSection:
    """The stops of one floor of one unit (walking order: estate → building → unit → floor)."""

    estate: str
    building: str
    unit: str
    floor: int | None
    stops: tuple[RouteStop, ...]


@dataclass(frozen=True)
class VisitRoute:
    """A day's route for a team (``team`` "" means everybody)."""

    day: date
    team: str
    sections: tuple[RouteSection, ...]

    @property
    def stops(self) -> list[RouteStop]:
        """Every stop in walking order."""
        return [s for sec in self.sections for s in sec.stops]

    @property
    def total_arrears_fen(self) -> int:
        return sum(s.arrears_fen for s in self.stops)
