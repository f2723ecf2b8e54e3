"""Turn ``DomainError`` codes (and other exceptions) into translated sentences.

Shared by the GUI and the command line (QtCore only). Every code the services and the
domain raise has its own wording here; ``tests/test_messages_cover_codes.py`` checks that.
Parameters named ``*_fen`` are shown as money.
"""

from __future__ import annotations

import string
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTranslator

from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.paths import translations_dir

_CTX = "messages"

# code -> English source text; ``{name}`` placeholders are filled from the error's params.
MESSAGES: dict[str, str] = {
    "domain.error": QT_TRANSLATE_NOOP("messages", "The operation is not allowed."),
    "auth.failed": QT_TRANSLATE_NOOP("messages", "Wrong user name or password."),
    "auth.locked": QT_TRANSLATE_NOOP(
        "messages", "Too many failed attempts: this account is locked until {until}."
    ),
    "auth.inactive": QT_TRANSLATE_NOOP("messages", "This account is disabled. Ask your administrator."),
    "auth.permission_denied": QT_TRANSLATE_NOOP("messages", "Your role does not allow this action."),
    "auth.password_too_short": QT_TRANSLATE_NOOP(
        "messages", "The password is too short: use at least {minimum} characters."
    ),
    "auth.password_mismatch": QT_TRANSLATE_NOOP("messages", "The two passwords are not the same."),
    "auth.password_required": QT_TRANSLATE_NOOP("messages", "Enter a password."),
    "auth.username_required": QT_TRANSLATE_NOOP("messages", "Enter a user name."),
    "auth.username_invalid": QT_TRANSLATE_NOOP(
        "messages", "A user name has no spaces and at most 64 characters."
    ),
    "auth.username_taken": QT_TRANSLATE_NOOP("messages", "This user name is already taken."),
    "auth.display_name_required": QT_TRANSLATE_NOOP("messages", "Enter the name shown to colleagues."),
    "auth.admin_exists": QT_TRANSLATE_NOOP("messages", "An administrator already exists. Please sign in."),
    "auth.unknown_user": QT_TRANSLATE_NOOP("messages", "There is no such user."),
    "auth.session_invalid": QT_TRANSLATE_NOOP(
        "messages", "Your sign-in has ended (signed out, locked or replaced). Please sign in again."
    ),
    "auth.user_required": QT_TRANSLATE_NOOP(
        "messages",
        "This database has user accounts: name one with --user NAME and give its password "
        "(the anonymous command line works only on a local SQLite file).",
    ),
    "auth.old_password_wrong": QT_TRANSLATE_NOOP("messages", "The current password is wrong."),
    "task.cancelled": QT_TRANSLATE_NOOP("messages", "Cancelled: nothing was changed."),
    "validation.invalid": QT_TRANSLATE_NOOP("messages", "This value is not valid."),
    "validation.required": QT_TRANSLATE_NOOP("messages", "This field is required."),
    "validation.too_long": QT_TRANSLATE_NOOP("messages", "This text is too long."),
    "money.invalid": QT_TRANSLATE_NOOP("messages", "This is not a valid amount of money."),
    "conflict.stale": QT_TRANSLATE_NOOP(
        "messages", "Someone else changed this record in the meantime. Reload it and try again."
    ),
    "not_found": QT_TRANSLATE_NOOP("messages", "The record no longer exists."),
    "backup.no_database": QT_TRANSLATE_NOOP("messages", "The database file {path} does not exist."),
    "backup.unsupported": QT_TRANSLATE_NOOP(
        "messages", "Databases of type {backend} cannot be backed up from here."
    ),
    "backup.pg_dump_missing": QT_TRANSLATE_NOOP(
        "messages", "PostgreSQL backups need the pg_dump tool: install the PostgreSQL client tools."
    ),
    "backup.failed": QT_TRANSLATE_NOOP("messages", "The backup failed: {detail}"),
    "auth.passwords_differ": QT_TRANSLATE_NOOP("messages", "The two passwords are not the same."),
    "cli.password_required": QT_TRANSLATE_NOOP(
        "messages", "A password is needed: set ${variable}, or run this in a terminal to type it."
    ),
    "demo.invalid_size": QT_TRANSLATE_NOOP("messages", "Demo data needs at least one room and one month."),
    "demo.not_empty": QT_TRANSLATE_NOOP(
        "messages", "This database already holds rooms: demo data can only go into an empty database."
    ),
    "ladder.days_out_of_range": QT_TRANSLATE_NOOP("messages", "The number of days must be between -60 and 3650."),
    "ladder.forbidden_words": QT_TRANSLATE_NOOP(
        "messages", "Collection wording may never threaten to cut water, power, gas or heating: remove {words}."
    ),
    "ladder.name_required": QT_TRANSLATE_NOOP("messages", "Enter the name of the step."),
    "ladder.step_not_found": QT_TRANSLATE_NOOP("messages", "This step of the ladder no longer exists."),
    "late_fee.balances_unsorted": QT_TRANSLATE_NOOP(
        "messages", "Internal error: the payment history of a bill is out of order."
    ),
    "late_fee.invalid_policy": QT_TRANSLATE_NOOP("messages", "The late-fee terms are not valid ({field})."),
    "late_fee.invalid_rate": QT_TRANSLATE_NOOP("messages", "This is not a valid late-fee rate: {text}"),
    "late_fee.not_assessed": QT_TRANSLATE_NOOP("messages", "No late fee has been assessed on this bill."),
    "late_fee.waiver_not_positive": QT_TRANSLATE_NOOP("messages", "The amount to waive must be more than zero."),
    "late_fee.waiver_reason_required": QT_TRANSLATE_NOOP("messages", "Give the reason for the waiver."),
    "late_fee.waiver_too_large": QT_TRANSLATE_NOOP(
        "messages", "Only {remaining_fen} of late fee is left to waive on this bill."
    ),
    "money.too_large": QT_TRANSLATE_NOOP("messages", "This amount is too large: {text}"),
    "money.too_precise": QT_TRANSLATE_NOOP("messages", "Amounts have at most two decimal places: {text}"),
    "payment.already_reversed": QT_TRANSLATE_NOOP("messages", "This payment has already been reversed."),
    "payment.amount_not_positive": QT_TRANSLATE_NOOP("messages", "The amount must be more than zero."),
    "payment.amount_too_large": QT_TRANSLATE_NOOP(
        "messages", "{amount_fen} is too much for one payment: check the amount."
    ),
    "payment.cannot_reverse_reversal": QT_TRANSLATE_NOOP(
        "messages", "A reversal cannot itself be reversed: take a new payment instead."
    ),
    "payment.method_invalid": QT_TRANSLATE_NOOP("messages", "Choose how the money was paid."),
    "payment.not_found": QT_TRANSLATE_NOOP("messages", "This payment no longer exists."),
    "payment.reversal_reason_required": QT_TRANSLATE_NOOP("messages", "Give the reason for the reversal."),
    "payment.unknown_bill": QT_TRANSLATE_NOOP(
        "messages", "A chosen bill does not belong to this room or is already paid."
    ),
    "import.unreadable": QT_TRANSLATE_NOOP("messages", "The file {file} cannot be read: {reason}"),
    "import.no_header": QT_TRANSLATE_NOOP(
        "messages", "No header row was found for {kinds}: name the columns (e.g. 房号, 业主, 面积) and try again."
    ),
    "import.estate_not_found": QT_TRANSLATE_NOOP("messages", "There is no estate named {name}."),
    "import.estate_required": QT_TRANSLATE_NOOP("messages", "Choose the estate to import into: {estates}."),
    "export.estate_required": QT_TRANSLATE_NOOP("messages", "Choose the estate to export: {estates}."),
    "import.no_rooms": QT_TRANSLATE_NOOP("messages", "There are no rooms yet: import the rooms and owners first."),
    "import.rows_rejected": QT_TRANSLATE_NOOP(
        "messages", "{count} rows were rejected, so nothing was imported. Fix them, or import only the valid rows."
    ),
    "import.mapping_invalid": QT_TRANSLATE_NOOP("messages", "The column mapping cannot be used: {problems}"),
    "room.invalid": QT_TRANSLATE_NOOP(
        "messages", "\"{text}\" is not a room number (for example 3-2-1502 or 3栋2单元1502)."
    ),
    "room.not_found": QT_TRANSLATE_NOOP("messages", "This room no longer exists."),
    "report.no_cjk_font": QT_TRANSLATE_NOOP(
        "messages", "No Chinese TrueType font was found on this computer, so the PDF cannot be written. "
        "Install Microsoft YaHei, SimHei or WenQuanYi Micro Hei. Fonts tried: {tried}"
    ),
    "receipt.unknown_paper": QT_TRANSLATE_NOOP("messages", "Unknown receipt paper size: {paper}"),
    "settings.unknown_key": QT_TRANSLATE_NOOP("messages", "Unknown setting: {field}"),
    "contact.email_invalid": QT_TRANSLATE_NOOP("messages", "\"{text}\" is not an e-mail address."),
    "contact.value_required": QT_TRANSLATE_NOOP("messages", "Enter the contact or remove the line."),
    "person.id_number_invalid": QT_TRANSLATE_NOOP(
        "messages", "An ID card number has 18 characters (digits, the last may be X)."
    ),
    "person.name_required": QT_TRANSLATE_NOOP("messages", "Enter the name."),
    "person.not_found": QT_TRANSLATE_NOOP("messages", "This person no longer exists."),
    "person.two_primary_contacts": QT_TRANSLATE_NOOP("messages", "Only one contact can be the main one."),
    "phone.invalid": QT_TRANSLATE_NOOP(
        "messages", "\"{text}\" is not a phone number: a mobile has 11 digits starting with 13–19, "
        "a landline starts with its area code (0571-81234567)."
    ),
    "phone.required": QT_TRANSLATE_NOOP("messages", "Enter the phone number."),
    "room.area_invalid": QT_TRANSLATE_NOOP("messages", "\"{text}\" is not an area: enter square metres, e.g. 89.37."),
    "room.area_not_positive": QT_TRANSLATE_NOOP("messages", "The area must be more than zero."),
    "room.area_required": QT_TRANSLATE_NOOP("messages", "Enter the floor area in square metres."),
    "room.area_too_large": QT_TRANSLATE_NOOP("messages", "This area is too large: check the number."),
    "room.area_too_precise": QT_TRANSLATE_NOOP("messages", "Areas have at most two decimal places."),
    "room.building_required": QT_TRANSLATE_NOOP("messages", "Enter the building."),
    "room.duplicate": QT_TRANSLATE_NOOP("messages", "Room {code} already exists in this estate."),
    "room.estate_required": QT_TRANSLATE_NOOP("messages", "Choose the estate."),
    "room.number_required": QT_TRANSLATE_NOOP("messages", "Enter the room number."),
    "tenant.end_before_start": QT_TRANSLATE_NOOP(
        "messages", "The current tenancy started on {start}: the change must be after that day."
    ),
    "tenant.none": QT_TRANSLATE_NOOP("messages", "This room has no current tenant."),
    "tenant.start_required": QT_TRANSLATE_NOOP("messages", "Enter the date the new tenant moves in."),
    # --- ledger: billing, credit, late fees, adjustments, front-desk checks (issue 9) ---
    "billing.invalid_month": QT_TRANSLATE_NOOP(
        "messages", "\"{text}\" is not a billing month: write it as 2026-12 (year and month)."
    ),
    "billing.invalid_due_day": QT_TRANSLATE_NOOP("messages", "The due day must be a day of the month from 1 to 31."),
    "billing.negative_quantity": QT_TRANSLATE_NOOP(
        "messages", "A price, area or meter quantity cannot be negative ({field})."
    ),
    "billing.invalid_discount": QT_TRANSLATE_NOOP("messages", "A vacancy discount is at most 100 %."),
    "billing.unknown_estate": QT_TRANSLATE_NOOP("messages", "There is no estate named {name}. Estates: {names}."),
    "billing.conflict": QT_TRANSLATE_NOOP(
        "messages", "Another desk issued bills of {period} at the same moment: nothing was written. Run it again."
    ),
    "payment.date_in_future": QT_TRANSLATE_NOOP("messages", "A payment cannot be dated in the future ({paid_on})."),
    "payment.backdate_reason_required": QT_TRANSLATE_NOOP(
        "messages", "This payment is dated {days} days back: give the reason for entering it late."
    ),
    "payment.confirm_large": QT_TRANSLATE_NOOP(
        "messages", "{amount_fen} is far more than this room owes plus a year of its bills ({limit_fen}): "
        "confirm the amount first."
    ),
    "bill.not_found": QT_TRANSLATE_NOOP("messages", "This bill no longer exists."),
    "bill.adjust_invalid_amount": QT_TRANSLATE_NOOP("messages", "The new amount of the bill is not valid."),
    "bill.adjust_unchanged": QT_TRANSLATE_NOOP("messages", "The new amount is the same as the current one."),
    "bill.adjust_below_paid": QT_TRANSLATE_NOOP(
        "messages", "The bill cannot be less than what was already paid, discounted or waived on it "
        "({minimum_fen}): reverse the payment first."
    ),
    "bill.adjust_reason_required": QT_TRANSLATE_NOOP("messages", "Give the reason for changing the bill."),
}

_REMAINING = QT_TRANSLATE_NOOP("messages", "{remaining} more wrong attempts will lock the account.")
_FALLBACK = QT_TRANSLATE_NOOP("messages", "The operation could not be completed ({code}).")
_UNEXPECTED = QT_TRANSLATE_NOOP("messages", "An unexpected error occurred: {detail}")
_OS_ERROR = QT_TRANSLATE_NOOP("messages", "A file could not be read or written: {detail}")


_direct: QTranslator | None = None


@contextmanager
def translated_without_app(lang: str = "zh_CN") -> Iterator[None]:
    """For the command line: translate through our .qm file without a QCoreApplication."""
    global _direct
    previous, translator = _direct, QTranslator()
    if translator.load(str(translations_dir() / f"cuijiao_{lang}.qm")):
        _direct = translator
    try:
        yield
    finally:
        _direct = previous


def tr(text: str) -> str:
    """Translate a source text of this module's context."""
    if _direct is not None:
        return _direct.translate(_CTX, text) or text
    return QCoreApplication.translate(_CTX, text)


def format_local_datetime(value: datetime) -> str:
    """A UTC (or aware) datetime in local time, ``YYYY-MM-DD HH:MM``."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def _format_param(key: str, value: Any) -> str:
    if key.endswith("_fen") and isinstance(value, int) and not isinstance(value, bool):
        return format_money(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return "、".join(str(v) for v in value)
    if isinstance(value, datetime):
        return format_local_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def _fill(template: str, params: dict[str, Any]) -> str:
    values = _Params({k: _format_param(k, v) for k, v in params.items()})
    try:
        return string.Formatter().vformat(template, (), values)
    except (ValueError, IndexError, KeyError):
        return template


def has_message(code: str) -> bool:
    """True when ``code`` has its own wording."""
    return code in MESSAGES


def message_for_code(code: str, params: dict[str, Any] | None = None) -> str:
    """The translated sentence for an error code with its parameters (generic fallback)."""
    params = dict(params or {})
    template = MESSAGES.get(code)
    if template is None:
        return _fill(tr(_FALLBACK), {"code": code})
    text = _fill(tr(template), params)
    remaining = params.get("remaining")
    if code == "auth.failed" and isinstance(remaining, int) and 0 < remaining <= 2:
        text = f"{text} {_fill(tr(_REMAINING), params)}"
    return text


def error_message(exc: BaseException) -> str:
    """The sentence to show for any exception raised by a task."""
    if isinstance(exc, DomainError):
        return message_for_code(exc.code, exc.params)
    if isinstance(exc, OSError):
        return _fill(tr(_OS_ERROR), {"detail": exc.strerror or str(exc)})
    return _fill(tr(_UNEXPECTED), {"detail": f"{type(exc).__name__}: {exc}"})
