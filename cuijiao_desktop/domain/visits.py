"""Home visits (上门催缴): when they may happen, who goes, and what makes two visits collide.

Pure rules shared by the calendar (checks as the user drags a visit) and ``services.visits``
(which checks again: it trusts nothing handed in).

* **Time slots** are office settings (``visits.*`` keys): by default 18:30–21:00 on weekdays
  (owners are home after work) and 09:00–21:00 on Saturdays and Sundays. :func:`check_slot`
  explains a refusal (which window applies, on which kind of day).
* **Team**: at least two staff go (the law's "lawful and polite" practice, and the office's
  own safety). One person alone needs a manager's override with a reason, which is recorded.
  A maintenance worker may go along when the room has an open service issue (a fixed leak is
  what often unlocks the payment); :func:`team_hints` suggests it.
* **Conflicts** (:func:`find_conflicts`): a staff member booked on two visits whose windows
  overlap; the same room visited twice on one day; a visit while the room's case is on hold
  (暂停催缴 / 延期); a visit to a room with nothing overdue any more. Each has a stable code.

Times handed to these functions are *local* wall-clock datetimes (naive or aware; only the
local date and time of day are read).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from .contacts import FieldError, format_hhmm, parse_hhmm, promise_errors
from .enums import AnsweredBy, CallOutcome, IssueCategory, VisitStatus
from .errors import ValidationError

__all__ = [
    "ACTIVE_STATUSES",
    "ATTITUDE_CHOICES",
    "DEFAULT_SLOTS",
    "MADE_STATUSES",
    "MAX_NOTE_CHARS",
    "MAX_TEAM",
    "MAX_VISIT_MINUTES",
    "MIN_TEAM",
    "OPEN_STATUSES",
    "RESULT_OUTCOME",
    "SLOT_KEYS",
    "BookedVisit",
    "Conflict",
    "ConflictCode",
    "IssueDraft",
    "OutcomeDraft",
    "RevisitDraft",
    "SlotCheck",
    "SlotRules",
    "StaffPick",
    "TeamMember",
    "VisitDraft",
    "VisitDuty",
    "VisitResult",
    "check_slot",
    "contact_outcome",
    "default_reminder",
    "find_conflicts",
    "normalize_team",
    "outcome_errors",
    "overlaps",
    "slot_rules_from_settings",
    "slot_settings",
    "status_after",
    "team_errors",
    "team_hints",
    "team_matches",
    "visit_errors",
]


class VisitDuty(StrEnum):
    """What a staff member does on a visit (``visit_staff.duty``)."""

    COLLECTOR = "collector"  # 催收专员/管家
    SUPERVISOR = "supervisor"  # 主管
    MAINTENANCE = "maintenance"  # 维修工


class VisitResult(StrEnum):
    """What a visit came to (``visit.result``)."""

    PAID = "paid"  # 当场缴费
    PROMISED = "promised"  # 承诺缴费
    INSTALMENT = "instalment"  # 同意分期
    REFUSED = "refused"  # 拒绝缴费
    NOT_HOME = "not_home"  # 无人在家


class ConflictCode(StrEnum):
    """Why a visit cannot be booked as it is (also the message code)."""

    STAFF_BUSY = "visit.staff_double_booked"
    ROOM_SAME_DAY = "visit.room_same_day"
    ON_HOLD = "visit.on_hold"
    NOTHING_OWED = "visit.room_paid"


#: A visit still to happen (the calendar can move it; it blocks its staff and its room).
OPEN_STATUSES = frozenset({VisitStatus.PLANNED, VisitStatus.CONFIRMED})
#: Visits that hold their staff and room (cancelled ones free them; failed ones still happened).
ACTIVE_STATUSES = frozenset({VisitStatus.PLANNED, VisitStatus.CONFIRMED, VisitStatus.DONE, VisitStatus.FAILED})
#: Visits made (staff went to the door; ``done_at`` is when): done, or failed because nobody was home.
MADE_STATUSES = (VisitStatus.DONE, VisitStatus.FAILED)

#: The code written on the visit's contact event for each result.
RESULT_OUTCOME: dict[VisitResult, CallOutcome] = {
    VisitResult.PAID: CallOutcome.PAID,
    VisitResult.PROMISED: CallOutcome.PROMISED,
    VisitResult.INSTALMENT: CallOutcome.CONDITIONAL,
    VisitResult.REFUSED: CallOutcome.REFUSED,
    VisitResult.NOT_HOME: CallOutcome.NOT_HOME,
}

#: Words the outcome form offers for the owner's attitude (free text is accepted too).
ATTITUDE_CHOICES = ("态度良好", "表示理解", "态度一般", "态度冷淡", "情绪激动", "拒绝沟通")

MIN_TEAM = 2
MAX_TEAM = 6
MAX_VISIT_MINUTES = 4 * 60
MIN_VISIT_MINUTES = 10
MAX_NOTE_CHARS = 2000
MAX_TEAM_LABEL = 32


def contact_outcome(result: VisitResult | str) -> CallOutcome:
    """The contact-event outcome of a visit result."""
    return RESULT_OUTCOME[VisitResult(result)]


def status_after(result: VisitResult | str) -> VisitStatus:
    """A visit where nobody opened the door failed; every other result means it was done."""
    return VisitStatus.FAILED if VisitResult(result) is VisitResult.NOT_HOME else VisitStatus.DONE


# ---------------------------------------------------------------------------
# Time slots
# ---------------------------------------------------------------------------

#: The office settings that hold the visit slots, with their defaults.
SLOT_KEYS: dict[str, str] = {
    "visits.weekday_start": "18:30",
    "visits.weekday_end": "21:00",
    "visits.weekend_start": "09:00",
    "visits.weekend_end": "21:00",
}


@dataclass(frozen=True)
class SlotRules:
    """When visits may happen: a window on weekdays and one on Saturdays and Sundays."""

    weekday_start: time = time(18, 30)
    weekday_end: time = time(21, 0)
    weekend_start: time = time(9, 0)
    weekend_end: time = time(21, 0)

    def window(self, day: date) -> tuple[time, time]:
        """The window of ``day`` (weekend on Saturday and Sunday)."""
        if day.weekday() >= 5:
            return self.weekend_start, self.weekend_end
        return self.weekday_start, self.weekday_end

    @staticmethod
    def is_weekend(day: date) -> bool:
        return day.weekday() >= 5


DEFAULT_SLOTS = SlotRules()


def slot_rules_from_settings(values: dict[str, str]) -> SlotRules:
    """The rules from the office settings; a bad or inverted stored pair falls back to its defaults."""
    def pair(a: str, b: str, da: time, db: time) -> tuple[time, time]:
        try:
            start, end = parse_hhmm(values.get(a, "")), parse_hhmm(values.get(b, ""))
        except ValidationError:
            return da, db
        return (start, end) if start < end else (da, db)

    ws, we = pair("visits.weekday_start", "visits.weekday_end", DEFAULT_SLOTS.weekday_start, DEFAULT_SLOTS.weekday_end)
    es, ee = pair("visits.weekend_start", "visits.weekend_end", DEFAULT_SLOTS.weekend_start, DEFAULT_SLOTS.weekend_end)
    return SlotRules(ws, we, es, ee)


def slot_settings(weekday_start: str, weekday_end: str, weekend_start: str, weekend_end: str) -> dict[str, str]:
    """Check what a settings form typed and return the ``visits.*`` values to store
    (raises ``ValidationError`` naming the field)."""
    out = {}
    for key, text in (("visits.weekday_start", weekday_start), ("visits.weekday_end", weekday_end),
                      ("visits.weekend_start", weekend_start), ("visits.weekend_end", weekend_end)):
        try:
            out[key] = format_hhmm(parse_hhmm(text))
        except ValidationError:
            raise ValidationError("settings.time_invalid", field=key, value=text) from None
    for kind in ("weekday", "weekend"):
        if out[f"visits.{kind}_start"] >= out[f"visits.{kind}_end"]:
            raise ValidationError("visit.slot_settings_order", field=f"visits.{kind}_start",
                                  start=out[f"visits.{kind}_start"], end=out[f"visits.{kind}_end"])
    return out


@dataclass(frozen=True)
class SlotCheck:
    """The verdict on a time window: ``ok``, else ``code`` and ``params`` say why (and which window
    applies: ``window_start``/``window_end`` as ``HH:MM``, ``weekend`` True/False)."""

    ok: bool
    code: str = ""
    params: dict = field(default_factory=dict, compare=False)

    def raise_if_refused(self) -> None:
        if not self.ok:
            raise ValidationError(self.code, field="start", **self.params)


def check_slot(start: datetime, end: datetime, rules: SlotRules = DEFAULT_SLOTS) -> SlotCheck:
    """Whether a visit from ``start`` to ``end`` (local wall-clock) fits the office's slots.

    Codes: ``visit.slot_order`` (end not after start), ``visit.slot_too_short`` /
    ``visit.slot_too_long`` (10 minutes to 4 hours), ``visit.slot_two_days`` (ends on another day),
    ``visit.slot_outside`` (starts before or ends after the day's window).
    """
    if end <= start:
        return SlotCheck(False, "visit.slot_order", {"start": _hm(start), "end": _hm(end)})
    minutes = (end - start).total_seconds() / 60
    if minutes < MIN_VISIT_MINUTES:
        return SlotCheck(False, "visit.slot_too_short", {"minutes": MIN_VISIT_MINUTES})
    if minutes > MAX_VISIT_MINUTES:
        return SlotCheck(False, "visit.slot_too_long", {"hours": MAX_VISIT_MINUTES // 60})
    day = start.date()
    if end.date() != day and not (end.date() == day + timedelta(days=1) and end.time() == time(0, 0)):
        return SlotCheck(False, "visit.slot_two_days", {"day": day.isoformat()})
    w_start, w_end = rules.window(day)
    params = {"day": day.isoformat(), "weekend": rules.is_weekend(day), "window_start": format_hhmm(w_start),
              "window_end": format_hhmm(w_end), "start": _hm(start), "end": _hm(end)}
    end_t = time(23, 59, 59) if end.date() != day else end.time().replace(tzinfo=None)
    if start.time().replace(tzinfo=None) < w_start or end_t > w_end:
        return SlotCheck(False, "visit.slot_outside", params)
    return SlotCheck(True, "", params)


def _hm(value: datetime) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def default_reminder(start: datetime) -> date:
    """The day the worklist reminds of a visit: the day before it."""
    return start.date() - timedelta(days=1)


# ---------------------------------------------------------------------------
# Team
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class StaffPick:
    """A staff member put on a visit by the form."""

    user_id: int
    duty: VisitDuty = VisitDuty.COLLECTOR


@dataclass(frozen=True)
class TeamMember:
    """A staff member on a visit, as the database knows them (``active``: the account may sign in)."""

    user_id: int
    name: str
    duty: VisitDuty
    active: bool = True


def team_errors(
    members: Sequence[StaffPick], *, override_reason: str = "", override_allowed: bool = False,
) -> list[FieldError]:
    """Problems of a team: nobody, someone twice, too many, one alone without a manager's override.

    ``override_reason``: why one person goes alone (given by a manager); ``override_allowed``:
    whether the acting user may override (a manager: ``Permission.APPROVE_PLANS``).
    """
    errors: list[FieldError] = []
    ids = [m.user_id for m in members]
    if not ids:
        return [FieldError("staff", "visit.team_empty")]
    if len(set(ids)) != len(ids):
        errors.append(FieldError("staff", "visit.team_duplicate"))
    if len(set(ids)) > MAX_TEAM:
        errors.append(FieldError("staff", "visit.team_too_large", {"maximum": MAX_TEAM}))
    if len(set(ids)) < MIN_TEAM:
        if not override_reason.strip():
            errors.append(FieldError("staff", "visit.team_alone", {"minimum": MIN_TEAM}))
        elif not override_allowed:
            errors.append(FieldError("override", "visit.override_needs_manager"))
        elif len(override_reason) > MAX_NOTE_CHARS:
            errors.append(FieldError("override", "validation.too_long"))
    for m in members:
        try:
            VisitDuty(m.duty)
        except ValueError:
            errors.append(FieldError("staff", "visit.duty_invalid", {"duty": str(m.duty)}))
    return errors


def team_hints(members: Sequence[StaffPick], *, open_issues: int) -> list[str]:
    """Advice, not refusals: ``"visit.bring_maintenance"`` when the room has an open service issue
    and no maintenance worker goes."""
    if open_issues and not any(VisitDuty(m.duty) is VisitDuty.MAINTENANCE for m in members):
        return ["visit.bring_maintenance"]
    return []


def normalize_team(text: str) -> str:
    """A team label as stored (``"A组"``): NFKC, trimmed, inner spaces collapsed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text or "")).strip()


def team_matches(name: str, *, label: str, members: Iterable[tuple[str, str]]) -> bool:
    """Whether ``--team NAME`` picks a visit: its label, or a member's user name or display name
    (``members``: (username, display name)); case and width do not matter."""
    wanted = normalize_team(name).casefold()
    if not wanted:
        return True
    if normalize_team(label).casefold() == wanted:
        return True
    return any(wanted in (normalize_team(u).casefold(), normalize_team(d).casefold()) for u, d in members)


# ---------------------------------------------------------------------------
# Conflicts
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class BookedVisit:
    """Another visit already on the calendar (local wall-clock window)."""

    visit_id: int
    room_id: int
    start: datetime
    end: datetime
    staff_ids: frozenset[int]
    room_code: str = ""


@dataclass(frozen=True)
class Conflict:
    """One reason the visit collides: ``code`` (:class:`ConflictCode`) and its parameters."""

    code: ConflictCode
    params: dict = field(default_factory=dict, compare=False)
    other_visit_id: int | None = None
    user_id: int | None = None


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Half-open windows ``[start, end)`` overlap (one ending at 19:30 and one starting then do not)."""
    return a_start < b_end and b_start < a_end


def find_conflicts(
    *,
    visit_id: int | None,
    room_id: int,
    start: datetime,
    end: datetime,
    staff_ids: Iterable[int],
    others: Sequence[BookedVisit],
    hold_until: date | None = None,
    overdue_fen: int = 1,
    staff_names: dict[int, str] | None = None,
) -> list[Conflict]:
    """Every conflict of a visit (``visit_id`` None: a new one) from ``start`` to ``end`` with
    ``staff_ids``, against ``others`` (active visits around that day; the visit itself is ignored).

    ``hold_until``: the last day of the room's approved hold or extension (None: none); the visit
    day on or before it is refused. ``overdue_fen``: what the room owes past due now (0: paid up).
    """
    names = staff_names or {}
    staff = set(staff_ids)
    day = start.date()
    out: list[Conflict] = []
    for o in others:
        if visit_id is not None and o.visit_id == visit_id:
            continue
        if o.room_id == room_id and o.start.date() == day:
            out.append(Conflict(ConflictCode.ROOM_SAME_DAY,
                                {"day": day.isoformat(), "room": o.room_code, "other": o.visit_id,
                                 "start": _hm(o.start), "end": _hm(o.end)}, o.visit_id))
        if overlaps(start, end, o.start, o.end):
            for uid in sorted(staff & o.staff_ids):
                out.append(Conflict(ConflictCode.STAFF_BUSY,
                                    {"name": names.get(uid, str(uid)), "room": o.room_code, "other": o.visit_id,
                                     "start": _hm(o.start), "end": _hm(o.end)}, o.visit_id, uid))
    out += standing_conflicts(day, hold_until=hold_until, overdue_fen=overdue_fen)
    return out


def standing_conflicts(day: date, *, hold_until: date | None, overdue_fen: int) -> list[Conflict]:
    """The room's own reasons against a visit on ``day``, whenever it was booked: a hold or an
    approved extension in force that day (``hold_until`` on or after it), or nothing overdue any
    more. The plan/move check refuses them; the route, the sheet, the calendar and the worklist
    flag a visit booked before they arose (see :func:`standing_words`)."""
    out: list[Conflict] = []
    if hold_until is not None and day <= hold_until:
        out.append(Conflict(ConflictCode.ON_HOLD, {"until": hold_until.isoformat(), "day": day.isoformat()}))
    if overdue_fen <= 0:
        out.append(Conflict(ConflictCode.NOTHING_OWED, {}))
    return out


def standing_words(conflicts: Iterable[Conflict]) -> str:
    """The standing conflicts in words for the sheet, the route and the worklist ("" when none):
    "已结清，无需上门" / "暂停催缴至 2026-12-31，勿上门催缴"."""
    words = []
    for c in conflicts:
        if c.code is ConflictCode.NOTHING_OWED:
            words.append("已结清，无需上门")
        elif c.code is ConflictCode.ON_HOLD:
            words.append(f"暂停催缴至 {c.params.get('until', '')}，勿上门催缴")
    return "；".join(words)


def team_key(label: str, staff_ids: Iterable[int]) -> object:
    """Which team a visit belongs to on a day: its label, or (no label) the set of its people."""
    return normalize_team(label) or tuple(sorted(set(staff_ids)))


# ---------------------------------------------------------------------------
# Drafts handed from the forms to the services
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class VisitDraft:
    """A visit as the plan/move form gives it. ``start``/``end`` are aware datetimes (the office's
    local time zone is used for the slot rules); ``override_reason`` only when one person goes
    alone (a manager's decision)."""

    room_id: int
    start: datetime
    end: datetime
    staff: tuple[StaffPick, ...]
    case_id: int | None = None
    team: str = ""
    note: str = ""
    override_reason: str = ""
    remind_on: date | None = None  # None: the day before


def visit_errors(draft: VisitDraft, *, today: date, override_allowed: bool,
                 rules: SlotRules = DEFAULT_SLOTS) -> list[FieldError]:
    """Every problem of a draft on its own (slot, team, texts); conflicts with other visits are
    :func:`find_conflicts`'s job."""
    errors: list[FieldError] = []
    if draft.start.tzinfo is None or draft.end.tzinfo is None:
        raise ValueError("visit times must be timezone-aware")
    start, end = draft.start.astimezone(), draft.end.astimezone()
    if start.date() < today:
        errors.append(FieldError("start", "visit.in_the_past", {"day": start.date().isoformat()}))
    slot = check_slot(start, end, rules)
    if not slot.ok:
        errors.append(FieldError("start", slot.code, slot.params))
    errors += team_errors(draft.staff, override_reason=draft.override_reason, override_allowed=override_allowed)
    if len(normalize_team(draft.team)) > MAX_TEAM_LABEL:
        errors.append(FieldError("team", "validation.too_long"))
    if len(draft.note) > MAX_NOTE_CHARS:
        errors.append(FieldError("note", "validation.too_long"))
    if draft.remind_on is not None and draft.remind_on > start.date():
        errors.append(FieldError("remind_on", "visit.reminder_after_visit"))
    return errors


@dataclass(frozen=True)
class IssueDraft:
    """A service issue raised during the visit (物业服务问题)."""

    category: IssueCategory
    description: str


@dataclass(frozen=True)
class RevisitDraft:
    """The next visit, scheduled from the outcome form (same room and case)."""

    start: datetime
    end: datetime
    staff: tuple[StaffPick, ...]
    team: str = ""
    note: str = ""
    override_reason: str = ""


@dataclass(frozen=True)
class OutcomeDraft:
    """What the outcome form hands to ``services.visits.record_outcome``.

    ``met``: who opened the door (None when nobody); ``promise_*``: a promise to pay (required
    for PROMISED, allowed for INSTALMENT); ``notice_id``: the print room's notice handed over, and
    whether the owner (or ``received_by`` with ``relation``, an adult family member) signed for
    it; ``photos``: files to keep as evidence; ``issues``: service issues raised.
    """

    visit_id: int
    version: int
    result: VisitResult
    met: AnsweredBy | None = None
    attitude: str = ""
    promise_date: date | None = None
    promise_amount_fen: int | None = None
    promise_signed: bool = False
    notice_id: int | None = None
    notice_signed: bool = False
    received_by: str = ""
    relation: str = ""
    photos: tuple[str, ...] = ()
    issues: tuple[IssueDraft, ...] = ()
    note: str = ""
    revisit: RevisitDraft | None = None


def outcome_errors(draft: OutcomeDraft, *, today: date, visit_day: date, owed_fen: int) -> list[FieldError]:
    """Every problem of an outcome on its own. ``visit_day``: the visit's local day (an outcome
    is recorded on it or later); ``owed_fen``: what the room owes now (a promise cannot exceed it)."""
    errors: list[FieldError] = []
    try:
        result = VisitResult(draft.result)
    except ValueError:
        return [FieldError("result", "visit.result_invalid")]
    if visit_day > today:
        errors.append(FieldError("result", "visit.outcome_too_early", {"day": visit_day.isoformat()}))
    if result is VisitResult.NOT_HOME:
        if draft.met is not None:
            errors.append(FieldError("met", "visit.met_nobody_home"))
        if draft.notice_signed:
            errors.append(FieldError("notice", "visit.signed_nobody_home"))
    elif draft.met is None:
        errors.append(FieldError("met", "visit.met_required"))
    has_promise = draft.promise_date is not None or draft.promise_amount_fen is not None
    if result is VisitResult.PROMISED or (result is VisitResult.INSTALMENT and has_promise):
        errors += promise_errors(draft, today=today, owed_fen=owed_fen)
    elif has_promise:
        errors.append(FieldError("promise_date", "contact.promise_not_allowed"))
    if draft.notice_signed and draft.notice_id is None:
        errors.append(FieldError("notice", "visit.signed_without_notice"))
    if draft.relation.strip() and not draft.received_by.strip():
        errors.append(FieldError("received_by", "delivery.receiver_required"))
    for issue in draft.issues:
        if not issue.description.strip():
            errors.append(FieldError("issues", "contact.complaint_text_required"))
        elif len(issue.description) > MAX_NOTE_CHARS:
            errors.append(FieldError("issues", "validation.too_long"))
    if len(draft.attitude) > 64:
        errors.append(FieldError("attitude", "validation.too_long"))
    if len(draft.note) > MAX_NOTE_CHARS:
        errors.append(FieldError("note", "validation.too_long"))
    if draft.revisit is not None and draft.revisit.start.astimezone().date() <= visit_day:
        errors.append(FieldError("revisit", "visit.revisit_not_later"))
    return errors
