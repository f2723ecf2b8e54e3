"""Translated words of the collection work (context ``collection``)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from cuijiao_desktop.domain.enums import AnsweredBy, CallOutcome, Channel, IssueCategory, PromiseStatus
from cuijiao_desktop.services.worklist import WorkKind
from cuijiao_desktop.views.labels import Labels

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
    WorkKind.VISIT: QT_TRANSLATE_NOOP("collection", "Home visits planned for today"),
    WorkKind.STEP: QT_TRANSLATE_NOOP("collection", "Cases reaching their next step"),
    WorkKind.LIMITATION: QT_TRANSLATE_NOOP("collection", "Periods whose 3 years end within 90 days"),
    WorkKind.ISSUE: QT_TRANSLATE_NOOP("collection", "Complaints past their promised date"),
})
