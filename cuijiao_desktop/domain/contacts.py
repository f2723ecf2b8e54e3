"""Logging a collection contact (催缴联系): what a valid entry is, when to warn, what comes next.

Pure rules shared by the call form (checks beside each field as the clerk types) and
``services.contacts.log_contact`` (which checks again: it trusts nothing handed in).

* Quiet hours (default 21:00–08:00) and a weekly maximum of contacts per room are office
  settings. Breaking either is a *warning*, not an error: the user may save anyway, and the
  override is recorded on the contact.
* The next follow-up date is proposed from the outcome and the ladder, and stays editable.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from .enums import AnsweredBy, CallOutcome, Channel
from .errors import ValidationError

__all__ = [
    "ANSWERED_OUTCOMES",
    "COUNTED_CHANNELS",
    "DEFAULT_RULES",
    "FORM_CHANNELS",
    "FORM_OUTCOMES",
    "MAX_NOTE_CHARS",
    "MAX_PROMISE_DAYS",
    "NUMBER_CHANNELS",
    "PROMISE_OUTCOMES",
    "QUIET_CHANNELS",
    "ContactDraft",
    "ContactRules",
    "ContactWarning",
    "FieldError",
    "contact_errors",
    "contact_warnings",
    "first_error",
    "format_hhmm",
    "in_quiet_hours",
    "parse_day",
    "parse_hhmm",
    "promise_errors",
    "propose_follow_up",
    "rules_from_settings",
]

#: Channels the call form offers: phone, SMS, WeChat, in person at the desk.
FORM_CHANNELS: tuple[Channel, ...] = (Channel.PHONE, Channel.SMS, Channel.WECHAT, Channel.DESK)
#: Outcomes the call form offers, in the order of their single-key shortcuts (1…8).
FORM_OUTCOMES: tuple[CallOutcome, ...] = (
    CallOutcome.PROMISED, CallOutcome.CONDITIONAL, CallOutcome.REFUSED, CallOutcome.NO_ANSWER,
    CallOutcome.PHONE_OFF, CallOutcome.WRONG_NUMBER, CallOutcome.PAID, CallOutcome.DISPUTED,
)
#: Outcomes in which somebody spoke with us (who answered is asked; a reason can be given).
ANSWERED_OUTCOMES = frozenset({
    CallOutcome.PROMISED, CallOutcome.CONDITIONAL, CallOutcome.REFUSED, CallOutcome.PAID, CallOutcome.DISPUTED,
    CallOutcome.OTHER,
})
#: Outcomes that may carry a promise (承诺缴费); PROMISED must.
PROMISE_OUTCOMES = frozenset({CallOutcome.PROMISED, CallOutcome.CONDITIONAL})
#: Channels that need the number (or account) used.
NUMBER_CHANNELS = frozenset({Channel.PHONE, Channel.SMS})
#: Channels that reach into the owner's evening: quiet hours apply. An owner at the desk came by themselves.
QUIET_CHANNELS = frozenset({Channel.PHONE, Channel.SMS, Channel.WECHAT, Channel.VISIT})
#: Contacts that count towards the weekly maximum: every one we start (the owner's own visit to the desk does not).
COUNTED_CHANNELS = frozenset(set(Channel) - {Channel.DESK})

MAX_NOTE_CHARS = 2000
MAX_PROMISE_DAYS = 366  # a promise further away than a year is a plan, not a promise


@dataclass(frozen=True)
class ContactRules:
    """The office's settings for contacts. ``quiet_start == quiet_end`` means no quiet hours;
    ``weekly_max == 0`` means no maximum."""

    quiet_start: time = time(21, 0)
    quiet_end: time = time(8, 0)
    weekly_max: int = 3


DEFAULT_RULES = ContactRules()

_HHMM = re.compile(r"^\s*([01]?[0-9]|2[0-3])\s*[:：]\s*([0-5][0-9])\s*$")


def parse_hhmm(text: str) -> time:
    """``"21:00"`` (or ``"7:30"``, full-width colon accepted) -> ``time``; raises ``ValidationError``."""
    m = _HHMM.match(text or "")
    if not m:
        raise ValidationError("settings.time_invalid", value=text)
    return time(int(m.group(1)), int(m.group(2)))


def format_hhmm(t: time) -> str:
    """``time(8, 0)`` -> ``"08:00"``."""
    return f"{t.hour:02d}:{t.minute:02d}"


def rules_from_settings(values: dict[str, str]) -> ContactRules:
    """The rules from the office settings (``collection.*`` keys); bad stored values fall back to the defaults."""
    def hhmm(key: str, default: time) -> time:
        try:
            return parse_hhmm(values.get(key, ""))
        except ValidationError:
            return default

    try:
        weekly = max(0, int(values.get("collection.weekly_max_contacts", "")))
    except ValueError:
        weekly = DEFAULT_RULES.weekly_max
    return ContactRules(hhmm("collection.quiet_start", DEFAULT_RULES.quiet_start),
                        hhmm("collection.quiet_end", DEFAULT_RULES.quiet_end), weekly)


def in_quiet_hours(t: time, start: time, end: time) -> bool:
    """Whether the local time ``t`` falls in the quiet window ``[start, end)`` (which may span midnight)."""
    t = t.replace(second=0, microsecond=0, tzinfo=None)
    if start == end:
        return False
    if start < end:
        return start <= t < end
    return t >= start or t < end


@dataclass(frozen=True)
class ContactWarning:
    """Something to confirm before saving: ``code`` is ``"quiet_hours"`` or ``"frequency"``."""

    code: str
    params: dict = field(default_factory=dict, compare=False)


def contact_warnings(
    *, channel: Channel, at_local: datetime, contacts_this_week: int, rules: ContactRules = DEFAULT_RULES,
) -> list[ContactWarning]:
    """Warnings for a contact on ``channel`` at local time ``at_local``, the room having had
    ``contacts_this_week`` counted contacts in the 7 days before."""
    channel = Channel(channel)
    out: list[ContactWarning] = []
    if channel in QUIET_CHANNELS and in_quiet_hours(at_local.time(), rules.quiet_start, rules.quiet_end):
        out.append(ContactWarning("quiet_hours", {"start": format_hhmm(rules.quiet_start),
                                                  "end": format_hhmm(rules.quiet_end),
                                                  "now": format_hhmm(at_local.time())}))
    if channel in COUNTED_CHANNELS and rules.weekly_max and contacts_this_week + 1 > rules.weekly_max:
        out.append(ContactWarning("frequency", {"count": contacts_this_week, "maximum": rules.weekly_max}))
    return out


def propose_follow_up(
    outcome: CallOutcome, *, today: date, promise_date: date | None = None, next_step_on: date | None = None,
) -> date | None:
    """The next follow-up date the form proposes (editable).

    A promise is chased on its date; no answer, a switched-off phone or a wrong number are tried
    again the next day; a refusal or a dispute waits for the ladder's next step (at least 3 days,
    at most a week: nobody is left alone for longer); "already paid" is checked against the
    ledger in 2 days.
    """
    outcome = CallOutcome(outcome)
    tomorrow = today + timedelta(days=1)
    if outcome in PROMISE_OUTCOMES:
        if promise_date is not None and promise_date >= today:
            return promise_date
        return today + timedelta(days=3)
    if outcome in (CallOutcome.NO_ANSWER, CallOutcome.PHONE_OFF, CallOutcome.WRONG_NUMBER, CallOutcome.NOT_HOME):
        return tomorrow
    if outcome in (CallOutcome.REFUSED, CallOutcome.DISPUTED):
        low, high = today + timedelta(days=3), today + timedelta(days=7)
        if next_step_on is None:
            return high
        return min(max(next_step_on, low), high)
    if outcome is CallOutcome.PAID:
        return today + timedelta(days=2)
    return today + timedelta(days=3)


@dataclass(frozen=True)
class ContactDraft:
    """What the call form hands to the service (money in fen, dates as dates)."""

    room_id: int
    channel: Channel
    outcome: CallOutcome
    number_dialled: str = ""
    contact_id: int | None = None  # the room contact the number came from (a wrong number marks it invalid)
    answered_by: AnsweredBy | None = None
    reason: object | None = None  # ArrearsReason
    promise_date: date | None = None
    promise_amount_fen: int | None = None
    promise_signed: bool = False
    complaint: bool = False
    complaint_category: object | None = None  # IssueCategory
    complaint_text: str = ""
    note: str = ""
    next_follow_up: date | None = None


@dataclass(frozen=True)
class FieldError:
    """One rejected field: ``field`` names the form field, ``code`` the message."""

    field: str
    code: str
    params: dict = field(default_factory=dict, compare=False)


def contact_errors(draft: ContactDraft, *, today: date, owed_fen: int) -> list[FieldError]:
    """Every problem of ``draft`` (empty when it can be saved). ``owed_fen``: what the room owes
    now, overdue or not yet due (a promise cannot exceed it)."""
    errors: list[FieldError] = []
    try:
        channel = Channel(draft.channel)
    except ValueError:
        return [FieldError("channel", "contact.channel_invalid")]
    if channel not in FORM_CHANNELS:
        errors.append(FieldError("channel", "contact.channel_invalid"))
    try:
        outcome = CallOutcome(draft.outcome)
    except ValueError:
        return [*errors, FieldError("outcome", "contact.outcome_invalid")]
    if channel in NUMBER_CHANNELS and draft.contact_id is None and not draft.number_dialled.strip():
        errors.append(FieldError("number", "contact.number_required"))
    if outcome in ANSWERED_OUTCOMES and channel is not Channel.DESK and draft.answered_by is None:
        errors.append(FieldError("answered_by", "contact.answered_by_required"))
    has_promise = draft.promise_date is not None or draft.promise_amount_fen is not None
    if outcome is CallOutcome.PROMISED or (outcome in PROMISE_OUTCOMES and has_promise):
        errors += promise_errors(draft, today=today, owed_fen=owed_fen)
    elif has_promise:
        errors.append(FieldError("promise_date", "contact.promise_not_allowed"))
    if draft.complaint:
        if draft.complaint_category is None:
            errors.append(FieldError("complaint_category", "contact.complaint_category_required"))
        if not draft.complaint_text.strip():
            errors.append(FieldError("complaint_text", "contact.complaint_text_required"))
        elif len(draft.complaint_text) > MAX_NOTE_CHARS:
            errors.append(FieldError("complaint_text", "validation.too_long"))
    if len(draft.note) > MAX_NOTE_CHARS:
        errors.append(FieldError("note", "validation.too_long"))
    if draft.next_follow_up is not None:
        if draft.next_follow_up < today:
            errors.append(FieldError("follow_up", "contact.follow_up_past"))
        elif draft.next_follow_up > today + timedelta(days=366):
            errors.append(FieldError("follow_up", "contact.follow_up_too_far"))
    return errors


def promise_errors(draft, *, today: date, owed_fen: int) -> list[FieldError]:
    """The problems of a promise made on a contact or at the door: ``draft`` has ``promise_date`` and
    ``promise_amount_fen`` (int fen); ``owed_fen``: what the room owes now (a promise cannot exceed it)."""
    errors: list[FieldError] = []
    if draft.promise_date is None:
        errors.append(FieldError("promise_date", "contact.promise_date_required"))
    elif draft.promise_date < today:
        errors.append(FieldError("promise_date", "contact.promise_date_past"))
    elif draft.promise_date > today + timedelta(days=MAX_PROMISE_DAYS):
        errors.append(FieldError("promise_date", "contact.promise_date_too_far"))
    amount = draft.promise_amount_fen
    if amount is None:
        errors.append(FieldError("promise_amount", "contact.promise_amount_required"))
    elif isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError("promise_amount_fen must be int fen")
    elif amount <= 0:
        errors.append(FieldError("promise_amount", "contact.promise_amount_positive"))
    elif owed_fen <= 0:
        errors.append(FieldError("promise_amount", "contact.promise_nothing_owed"))
    elif amount > owed_fen:
        errors.append(FieldError("promise_amount", "contact.promise_amount_too_large", {"owed_fen": owed_fen}))
    return errors


def first_error(errors: Iterable[FieldError]) -> None:
    """Raise the first error as a ``ValidationError`` (the service's way of refusing a draft)."""
    for e in errors:
        raise ValidationError(e.code, field=e.field, **e.params)


_PLUS_DAYS = re.compile(r"^\+\s*([0-9]{1,3})\s*天?$")
_DAY = re.compile(r"^([0-9]{1,2})\s*[号日]?$")
_MONTH_DAY = re.compile(r"^([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*[号日]?$")
_FULL = re.compile(r"^([0-9]{4})\s*[-/.年]\s*([0-9]{1,2})\s*[-/.月]\s*([0-9]{1,2})\s*[号日]?$")
_WORDS = {"今天": 0, "明天": 1, "后天": 2, "大后天": 3}


def parse_day(text: str, today: date) -> date | None:
    """A date typed quickly in the call form; None for an empty field.

    ``2026-11-20``, ``20261120``, ``11-20``/``11月20日``/``1120`` (this year), ``20``/``20号`` (the
    coming 20th: this month, or next month once it has passed), ``+3`` (in 3 days), ``明天``.
    Full-width digits are fine. Raises ``ValidationError("date.invalid")`` otherwise.
    """
    s = unicodedata.normalize("NFKC", text or "").strip()
    if not s:
        return None
    try:
        if s in _WORDS:
            return today + timedelta(days=_WORDS[s])
        if m := _PLUS_DAYS.match(s):
            return today + timedelta(days=int(m.group(1)))
        if s.isascii() and s.isdigit() and len(s) == 8:
            return date(int(s[:4]), int(s[4:6]), int(s[6:]))
        if s.isascii() and s.isdigit() and len(s) in (3, 4):
            return date(today.year, int(s[:-2]), int(s[-2:]))
        if m := _FULL.match(s):
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if m := _MONTH_DAY.match(s):
            return date(today.year, int(m.group(1)), int(m.group(2)))
        if m := _DAY.match(s):
            day = int(m.group(1))
            if day >= today.day:
                return today.replace(day=day)
            year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
            return date(year, month, day)
    except ValueError:
        pass
    raise ValidationError("date.invalid", value=text)
