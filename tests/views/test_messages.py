"""Error codes become sentences; unknown codes get a generic one."""

from __future__ import annotations

from datetime import UTC, datetime

from cuijiao_desktop.domain.errors import AuthenticationFailed, DomainError, ValidationError
from cuijiao_desktop.messages import error_message, format_local_datetime, message_for_code


def test_known_codes_with_parameters():
    assert message_for_code("auth.password_too_short", {"minimum": 8}) == (
        "The password is too short: use at least 8 characters."
    )
    exc = ValidationError("backup.unsupported", backend="mysql")
    assert error_message(exc) == "Databases of type mysql cannot be backed up from here."


def test_locked_shows_the_local_time():
    until = datetime(2026, 3, 1, 8, 30, tzinfo=UTC)
    text = error_message(AuthenticationFailed("auth.locked", until=until))
    assert format_local_datetime(until) in text


def test_few_remaining_attempts_are_mentioned():
    assert "2 more wrong attempts" in error_message(AuthenticationFailed("auth.failed", remaining=2))
    assert "more wrong" not in error_message(AuthenticationFailed("auth.failed", remaining=4))


def test_unknown_code_and_other_exceptions_fall_back():
    assert error_message(DomainError("something.new", x=1)) == "The operation could not be completed (something.new)."
    assert "ZeroDivisionError" in error_message(ZeroDivisionError("boom"))
    assert "missing" in error_message(FileNotFoundError(2, "missing"))
    assert message_for_code("auth.password_too_short") == (
        "The password is too short: use at least ? characters."
    )


def test_chinese(zh):
    assert message_for_code("auth.failed") == "用户名或密码错误。"
