"""Turn ``DomainError`` codes (and other exceptions) into translated sentences."""

from __future__ import annotations

import string
from datetime import UTC, date, datetime
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from cuijiao_desktop.domain.errors import DomainError

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
}

_REMAINING = QT_TRANSLATE_NOOP("messages", "{remaining} more wrong attempts will lock the account.")
_FALLBACK = QT_TRANSLATE_NOOP("messages", "The operation could not be completed ({code}).")
_UNEXPECTED = QT_TRANSLATE_NOOP("messages", "An unexpected error occurred: {detail}")
_OS_ERROR = QT_TRANSLATE_NOOP("messages", "A file could not be read or written: {detail}")


def tr(text: str) -> str:
    """Translate a source text of this module's context."""
    return QCoreApplication.translate(_CTX, text)


def format_local_datetime(value: datetime) -> str:
    """A UTC (or aware) datetime in local time, ``YYYY-MM-DD HH:MM``."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.astimezone().strftime("%Y-%m-%d %H:%M")


def _format_param(value: Any) -> str:
    if isinstance(value, datetime):
        return format_local_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


class _Params(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def _fill(template: str, params: dict[str, Any]) -> str:
    values = _Params({k: _format_param(v) for k, v in params.items()})
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
