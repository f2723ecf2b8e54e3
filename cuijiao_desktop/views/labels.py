"""Translated labels for domain vocabularies shown in the GUI: the one place for the words of a
vocabulary that more than one screen shows (a table of one screen's own words stays beside its model).

A vocabulary's table is a :class:`Labels`: its values' ``QT_TRANSLATE_NOOP`` texts and the
translation context they were written in, so :func:`label` translates any table's label.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from cuijiao_desktop.domain.ageing import AgeBucket
from cuijiao_desktop.domain.enums import (
    AnsweredBy,
    ArrearsReason,
    CallOutcome,
    Channel,
    ChargeBasis,
    ContactKind,
    IssueCategory,
    Occupancy,
    OwnerType,
    PersonRole,
    PromiseStatus,
    Relation,
    Role,
    Stage,
    Usage,
)
from cuijiao_desktop.services.worklist import WorkKind


class Labels(dict):
    """The labels of one vocabulary (``QT_TRANSLATE_NOOP`` texts by value) and their translation context."""

    def __init__(self, context: str, texts: Mapping[Any, str]) -> None:
        super().__init__(texts)
        self.context = context


def label(table: Labels, value: Any) -> str:
    """The translated label of ``value`` in ``table`` ("" for None, ``str(value)`` for a value it lacks)."""
    if value is None:
        return ""
    text = table.get(value)
    return QCoreApplication.translate(table.context, text) if text else str(value)


ROLE_LABELS = Labels("labels", {
    Role.CLERK: QT_TRANSLATE_NOOP("labels", "Front desk"),
    Role.COLLECTOR: QT_TRANSLATE_NOOP("labels", "Collector"),
    Role.MANAGER: QT_TRANSLATE_NOOP("labels", "Manager"),
    Role.FINANCE: QT_TRANSLATE_NOOP("labels", "Finance"),
    Role.ADMIN: QT_TRANSLATE_NOOP("labels", "Administrator"),
})


def role_label(role: Role | str) -> str:
    """The translated name of a role."""
    return label(ROLE_LABELS, role)


# --- fee items (issue 9) ---
BASIS_LABELS = Labels("labels", {
    ChargeBasis.PER_AREA: QT_TRANSLATE_NOOP("labels", "By area (per m² a month)"),
    ChargeBasis.FIXED: QT_TRANSLATE_NOOP("labels", "Fixed a month (per household)"),
    ChargeBasis.METERED: QT_TRANSLATE_NOOP("labels", "By meter reading"),
})


def basis_label(basis: ChargeBasis | str) -> str:
    """The translated name of a charging basis."""
    return label(BASIS_LABELS, basis)


# --- rooms and people ---
OCCUPANCY_LABELS = Labels("rooms", {
    Occupancy.OCCUPIED: QT_TRANSLATE_NOOP("rooms", "Occupied"),
    Occupancy.DECORATING: QT_TRANSLATE_NOOP("rooms", "Being decorated"),
    Occupancy.VACANT: QT_TRANSLATE_NOOP("rooms", "Vacant"),
    Occupancy.RENTED: QT_TRANSLATE_NOOP("rooms", "Rented out"),
})
USAGE_LABELS = Labels("rooms", {
    Usage.RESIDENTIAL: QT_TRANSLATE_NOOP("rooms", "Residential"),
    Usage.SHOP: QT_TRANSLATE_NOOP("rooms", "Shop"),
    Usage.PARKING: QT_TRANSLATE_NOOP("rooms", "Parking space"),
    Usage.OFFICE: QT_TRANSLATE_NOOP("rooms", "Office"),
})
OWNER_TYPE_LABELS = Labels("rooms", {
    OwnerType.SELF_OCCUPIED: QT_TRANSLATE_NOOP("rooms", "Lives there"),
    OwnerType.INVESTOR: QT_TRANSLATE_NOOP("rooms", "Investor"),
})
PERSON_ROLE_LABELS = Labels("rooms", {
    PersonRole.OWNER: QT_TRANSLATE_NOOP("rooms", "Owner"),
    PersonRole.TENANT: QT_TRANSLATE_NOOP("rooms", "Tenant"),
    PersonRole.OCCUPANT: QT_TRANSLATE_NOOP("rooms", "Occupant"),
})
CONTACT_KIND_LABELS = Labels("rooms", {
    ContactKind.MOBILE: QT_TRANSLATE_NOOP("rooms", "Mobile"),
    ContactKind.LANDLINE: QT_TRANSLATE_NOOP("rooms", "Landline"),
    ContactKind.WECHAT: QT_TRANSLATE_NOOP("rooms", "WeChat"),
    ContactKind.EMAIL: QT_TRANSLATE_NOOP("rooms", "E-mail"),
})
RELATION_LABELS = Labels("rooms", {
    Relation.SELF: QT_TRANSLATE_NOOP("rooms", "Self"),
    Relation.SPOUSE: QT_TRANSLATE_NOOP("rooms", "Spouse"),
    Relation.CHILD: QT_TRANSLATE_NOOP("rooms", "Child"),
    Relation.PARENT: QT_TRANSLATE_NOOP("rooms", "Parent"),
    Relation.EMERGENCY: QT_TRANSLATE_NOOP("rooms", "Emergency contact"),
    Relation.AGENT: QT_TRANSLATE_NOOP("rooms", "Agent"),
})
#: How a person prefers to be reached (the person form's words).
PREFERRED_CHANNEL_LABELS = Labels("rooms", {
    Channel.PHONE: QT_TRANSLATE_NOOP("rooms", "Phone call"),
    Channel.SMS: QT_TRANSLATE_NOOP("rooms", "SMS"),
    Channel.WECHAT: QT_TRANSLATE_NOOP("rooms", "WeChat"),
    Channel.EMAIL: QT_TRANSLATE_NOOP("rooms", "E-mail"),
    Channel.LETTER: QT_TRANSLATE_NOOP("rooms", "Letter"),
    Channel.REGISTERED_LETTER: QT_TRANSLATE_NOOP("rooms", "Registered letter"),
    Channel.VISIT: QT_TRANSLATE_NOOP("rooms", "Home visit"),
    Channel.NOTICE: QT_TRANSLATE_NOOP("rooms", "Written notice"),
})


# --- arrears and the ladder ---
STAGE_LABELS = Labels("arrears", {
    Stage.PREPARATION: QT_TRANSLATE_NOOP("arrears", "Preparation"),
    Stage.REMINDER: QT_TRANSLATE_NOOP("arrears", "Friendly reminder"),
    Stage.PHONE: QT_TRANSLATE_NOOP("arrears", "Phone calls"),
    Stage.WRITTEN_NOTICE: QT_TRANSLATE_NOOP("arrears", "Written notice"),
    Stage.VISIT: QT_TRANSLATE_NOOP("arrears", "Home visit"),
    Stage.PUBLIC_BOARD: QT_TRANSLATE_NOOP("arrears", "Public board"),
    Stage.COMMITTEE: QT_TRANSLATE_NOOP("arrears", "Owners' committee"),
    Stage.LAWYER_LETTER: QT_TRANSLATE_NOOP("arrears", "Lawyer's letter"),
    Stage.LITIGATION: QT_TRANSLATE_NOOP("arrears", "Lawsuit / arbitration"),
    Stage.WRITE_OFF: QT_TRANSLATE_NOOP("arrears", "Written off"),
})
REASON_LABELS = Labels("arrears", {
    ArrearsReason.SERVICE_QUALITY: QT_TRANSLATE_NOOP("arrears", "Unhappy with the service"),
    ArrearsReason.HARDSHIP: QT_TRANSLATE_NOOP("arrears", "Financial hardship"),
    ArrearsReason.LOW_AWARENESS: QT_TRANSLATE_NOOP("arrears", "Does not see the need to pay"),
    ArrearsReason.LEGACY_DISPUTE: QT_TRANSLATE_NOOP("arrears", "Old dispute / building quality"),
    ArrearsReason.BURGLARY: QT_TRANSLATE_NOOP("arrears", "Burglary"),
    ArrearsReason.RECTIFICATION: QT_TRANSLATE_NOOP("arrears", "Waiting for a repair"),
    ArrearsReason.MALICIOUS: QT_TRANSLATE_NOOP("arrears", "Refuses on purpose"),
    ArrearsReason.VACANT: QT_TRANSLATE_NOOP("arrears", "Vacant flat"),
    ArrearsReason.UNREACHABLE: QT_TRANSLATE_NOOP("arrears", "Cannot be reached"),
    ArrearsReason.OTHER: QT_TRANSLATE_NOOP("arrears", "Other"),
})
BUCKET_LABELS = Labels("arrears", {
    AgeBucket.M1: QT_TRANSLATE_NOOP("arrears", "1 month"),
    AgeBucket.M2: QT_TRANSLATE_NOOP("arrears", "2 months"),
    AgeBucket.M3: QT_TRANSLATE_NOOP("arrears", "3 months"),
    AgeBucket.M3_6: QT_TRANSLATE_NOOP("arrears", "3–6 months"),
    AgeBucket.M6_12: QT_TRANSLATE_NOOP("arrears", "6–12 months"),
    AgeBucket.M12_24: QT_TRANSLATE_NOOP("arrears", "1–2 years"),
    AgeBucket.M24_36: QT_TRANSLATE_NOOP("arrears", "2–3 years"),
    AgeBucket.OVER_36: QT_TRANSLATE_NOOP("arrears", "Over 3 years"),
})


# --- collection work ---
CHANNEL_LABELS = Labels("collection", {
    Channel.PHONE: QT_TRANSLATE_NOOP("collection", "Phone"),
    Channel.SMS: QT_TRANSLATE_NOOP("collection", "SMS"),
    Channel.WECHAT: QT_TRANSLATE_NOOP("collection", "WeChat"),
    Channel.DESK: QT_TRANSLATE_NOOP("collection", "At the desk"),
    Channel.EMAIL: QT_TRANSLATE_NOOP("collection", "E-mail"),
    Channel.LETTER: QT_TRANSLATE_NOOP("collection", "Letter"),
    Channel.REGISTERED_LETTER: QT_TRANSLATE_NOOP("collection", "Registered letter"),
    Channel.VISIT: QT_TRANSLATE_NOOP("collection", "Home visit"),
    Channel.NOTICE: QT_TRANSLATE_NOOP("collection", "Notice"),
})
OUTCOME_LABELS = Labels("collection", {
    CallOutcome.PROMISED: QT_TRANSLATE_NOOP("collection", "Promised to pay"),
    CallOutcome.CONDITIONAL: QT_TRANSLATE_NOOP("collection", "Pays on a condition"),
    CallOutcome.REFUSED: QT_TRANSLATE_NOOP("collection", "Refused"),
    CallOutcome.NO_ANSWER: QT_TRANSLATE_NOOP("collection", "No answer"),
    CallOutcome.PHONE_OFF: QT_TRANSLATE_NOOP("collection", "Phone off"),
    CallOutcome.WRONG_NUMBER: QT_TRANSLATE_NOOP("collection", "Wrong number"),
    CallOutcome.PAID: QT_TRANSLATE_NOOP("collection", "Says already paid"),
    CallOutcome.DISPUTED: QT_TRANSLATE_NOOP("collection", "Disputes the bill"),
    CallOutcome.DELIVERED: QT_TRANSLATE_NOOP("collection", "Delivered"),
    CallOutcome.NOT_HOME: QT_TRANSLATE_NOOP("collection", "Nobody at home"),
    CallOutcome.OTHER: QT_TRANSLATE_NOOP("collection", "Other"),
})
ANSWERED_LABELS = Labels("collection", {
    AnsweredBy.OWNER: QT_TRANSLATE_NOOP("collection", "The owner"),
    AnsweredBy.FAMILY: QT_TRANSLATE_NOOP("collection", "Spouse or family"),
    AnsweredBy.TENANT: QT_TRANSLATE_NOOP("collection", "The tenant"),
    AnsweredBy.OTHER: QT_TRANSLATE_NOOP("collection", "Someone else"),
})
CATEGORY_LABELS = Labels("collection", {
    IssueCategory.LEAK: QT_TRANSLATE_NOOP("collection", "Leak"),
    IssueCategory.CLEANING: QT_TRANSLATE_NOOP("collection", "Cleaning"),
    IssueCategory.SECURITY: QT_TRANSLATE_NOOP("collection", "Security"),
    IssueCategory.GREENERY: QT_TRANSLATE_NOOP("collection", "Greenery"),
    IssueCategory.PARKING: QT_TRANSLATE_NOOP("collection", "Parking"),
    IssueCategory.ELEVATOR: QT_TRANSLATE_NOOP("collection", "Lift"),
    IssueCategory.NOISE: QT_TRANSLATE_NOOP("collection", "Noise"),
    IssueCategory.HOUSE_QUALITY: QT_TRANSLATE_NOOP("collection", "Building quality"),
    IssueCategory.OTHER: QT_TRANSLATE_NOOP("collection", "Other"),
})
PROMISE_LABELS = Labels("collection", {
    PromiseStatus.OPEN: QT_TRANSLATE_NOOP("collection", "Open"),
    PromiseStatus.DUE: QT_TRANSLATE_NOOP("collection", "Due"),
    PromiseStatus.KEPT: QT_TRANSLATE_NOOP("collection", "Kept"),
    PromiseStatus.BROKEN: QT_TRANSLATE_NOOP("collection", "Broken"),
})
WORK_LABELS = Labels("collection", {
    WorkKind.CALL: QT_TRANSLATE_NOOP("collection", "Calls due"),
    WorkKind.PROMISE_DUE: QT_TRANSLATE_NOOP("collection", "Promises due"),
    WorkKind.PROMISE_BROKEN: QT_TRANSLATE_NOOP("collection", "Broken promises"),
    WorkKind.NOTICE: QT_TRANSLATE_NOOP("collection", "Notices due"),
    WorkKind.VISIT: QT_TRANSLATE_NOOP("collection", "Visits today"),
    WorkKind.STEP: QT_TRANSLATE_NOOP("collection", "Next ladder steps"),
    WorkKind.LIMITATION: QT_TRANSLATE_NOOP("collection", "Limitation at risk"),
    WorkKind.ISSUE: QT_TRANSLATE_NOOP("collection", "Overdue service issues"),
})
WORK_NOTES = Labels("collection", {
    WorkKind.CALL: QT_TRANSLATE_NOOP("collection", "Follow-up dates reached and ladder calls"),
    WorkKind.PROMISE_DUE: QT_TRANSLATE_NOOP("collection", "Remind the day before, chase on the day"),
    WorkKind.PROMISE_BROKEN: QT_TRANSLATE_NOOP("collection", "Unpaid after the promised date"),
    WorkKind.NOTICE: QT_TRANSLATE_NOOP("collection", "Written notices the ladder asks for"),
    WorkKind.VISIT: QT_TRANSLATE_NOOP("collection", "Home visits: today's, and reminders of tomorrow's"),
    WorkKind.STEP: QT_TRANSLATE_NOOP("collection", "Cases reaching their next step"),
    WorkKind.LIMITATION: QT_TRANSLATE_NOOP("collection", "Periods whose 3 years end within 90 days"),
    WorkKind.ISSUE: QT_TRANSLATE_NOOP("collection", "Complaints past their promised date"),
})
