"""Domain errors with stable codes.

Every error carries a machine code (``"money.invalid"``) and keyword parameters.
The UI and the CLI turn codes into words (see ``cuijiao_desktop.messages``); the
domain never formats user-facing prose itself, except a plain fallback for logs.
"""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    """Base class: a rule of the business was broken. ``code`` is stable."""

    default_code = "domain.error"

    def __init__(self, code: str | None = None, /, **params: Any) -> None:
        self.code = code or self.default_code
        self.params = params
        detail = ", ".join(f"{k}={v!r}" for k, v in params.items())
        super().__init__(f"{self.code}({detail})" if detail else self.code)


class ValidationError(DomainError):
    """Input that cannot be accepted. ``params['field']`` names the field when there is one."""

    default_code = "validation.invalid"


class PermissionDenied(DomainError):
    """The acting user's role does not allow the action."""

    default_code = "auth.permission_denied"


class AuthenticationFailed(DomainError):
    """Wrong user name or password, or the account is locked."""

    default_code = "auth.failed"


class ConflictError(DomainError):
    """Someone else changed the record since it was read (optimistic locking)."""

    default_code = "conflict.stale"


class NotFound(DomainError):
    """The referenced record does not exist."""

    default_code = "not_found"
