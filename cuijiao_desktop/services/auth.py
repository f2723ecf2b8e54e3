"""Users, passwords, log-in and lock-out.

Passwords are hashed with argon2id (``services/passwords.py``); an older scrypt hash is replaced
at the next successful log-in. After ``MAX_FAILURES`` wrong passwords in a row the account is
locked for ``LOCK_MINUTES``. An administrator's reset makes the user choose a new password at the
next log-in: until then every service refuses the sign-in (``auth.password_change_required``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import LoginSession, User
from cuijiao_desktop.db.types import utcnow
from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.domain.errors import AuthenticationFailed, ConflictError, NotFound, ValidationError
from cuijiao_desktop.domain.permissions import Permission

from . import audit
from .actor import authorize, end_session, start_session, token_hash
from .dto import UserDTO
from .passwords import dummy_hash, hash_password, needs_rehash, verify_password
from .tx import read_only

__all__ = [
    "LOCK_MINUTES", "MAX_FAILURES", "MIN_PASSWORD_LENGTH", "LoginAttempt", "attempt_login", "attempt_unlock",
    "change_password",
    "create_first_admin", "create_user", "find_user", "has_users", "hash_password", "list_users", "login", "logout",
    "unlock", "validate_new_user", "verify_password",
]

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 8


def _dto(user: User) -> UserDTO:
    return UserDTO.of(user.id, user.username, user.display_name, user.role)


def validate_new_user(*, username: str, display_name: str, password: str) -> None:
    """Raise ValidationError (with ``field``) for an unacceptable new account."""
    if not username.strip():
        raise ValidationError("auth.username_required", field="username")
    if len(username) > 64 or any(c.isspace() for c in username):
        raise ValidationError("auth.username_invalid", field="username")
    if not display_name.strip():
        raise ValidationError("auth.display_name_required", field="display_name")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError("auth.password_too_short", field="password", minimum=MIN_PASSWORD_LENGTH)


@read_only
def has_users(session: Session) -> bool:
    """True once any account exists."""
    return session.scalar(select(func.count()).select_from(User)) > 0


def _add_user(session: Session, *, username: str, display_name: str, role: Role, password: str) -> User:
    validate_new_user(username=username, display_name=display_name, password=password)
    if session.scalar(select(User.id).where(User.username == username.strip())) is not None:
        raise ValidationError("auth.username_taken", field="username", username=username)
    user = User(
        username=username.strip(), display_name=display_name.strip(), role=role,
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    return user


def create_first_admin(session: Session, *, username: str, display_name: str, password: str) -> UserDTO:
    """Create the administrator of a new database; refused once any user exists."""
    if has_users(session):
        raise ConflictError("auth.admin_exists")
    user = _add_user(session, username=username, display_name=display_name, role=Role.ADMIN, password=password)
    dto = _dto(user)
    audit.record(session, dto, "user.create_first_admin", "app_user", user.id, username=user.username)
    return dto


def create_user(
    session: Session, *, actor: UserDTO, username: str, display_name: str, role: Role, password: str
) -> UserDTO:
    """Add a member of staff (administrators). A password chosen by an administrator must be changed
    by its user at the first log-in; the first account of a new database (made by the command
    line's system identity) must be an administrator's and keeps its password."""
    actor = authorize(session, actor, Permission.MANAGE_USERS)
    first = not session.scalar(select(func.count()).select_from(User))
    if first and Role(role) is not Role.ADMIN:
        raise ValidationError("auth.first_user_admin", field="role")
    user = _add_user(session, username=username, display_name=display_name, role=Role(role), password=password)
    user.must_change_password = not first
    session.flush()
    audit.record(session, actor, "user.create", "app_user", user.id, username=user.username, role=str(role))
    return _dto(user)


@read_only
def list_users(session: Session, *, active_only: bool = True) -> list[UserDTO]:
    """All accounts, by display name."""
    stmt = select(User).order_by(User.display_name)
    if active_only:
        stmt = stmt.where(User.active.is_(True))
    return [_dto(u) for u in session.scalars(stmt)]


def find_user(session: Session, username: str) -> UserDTO:
    """The active user called ``username`` (for the command line's ``--user``)."""
    user = session.scalar(select(User).where(User.username == username, User.active.is_(True)))
    if user is None:
        raise NotFound("auth.unknown_user", username=username)
    return _dto(user)


@dataclass(frozen=True)
class LoginAttempt:
    """What a log-in attempt came to. ``error`` is set when it failed."""

    user: UserDTO | None
    error: AuthenticationFailed | None


def attempt_login(
    session: Session, *, username: str, password: str, now: datetime | None = None, client: str = "gui"
) -> LoginAttempt:
    """Check a password and record the outcome (failure count, lock-out, audit) without raising.

    A successful log-in opens a sign-in (``services.actor``): the returned user carries its token,
    which every service checks against the database.

    Use this where the caller's transaction must commit even when the password was wrong,
    so failed attempts are counted; :func:`login` raises instead.
    """
    now = now or utcnow()
    user, error, rehashed = _check_password(session, username, password, now)
    if error is not None:
        return LoginAttempt(None, error)
    assert user is not None
    token = start_session(session, user.id, client=client)
    dto = UserDTO.of(user.id, user.username, user.display_name, user.role, token=token,
                     must_change_password=user.must_change_password)
    audit.record(session, dto, "user.login", "app_user", user.id, client=client,
                 **({"rehashed": True} if rehashed else {}))
    return LoginAttempt(dto, None)


def _check_password(
    session: Session, username: str, password: str, now: datetime
) -> tuple[User | None, AuthenticationFailed | None, bool]:
    """(user, None, re-hashed) for the right password; (None, error, False) otherwise, with the failure
    counted (and the account locked after ``MAX_FAILURES``) and audited."""
    user = session.scalar(select(User).where(User.username == username.strip()))
    if user is None or not user.active:
        verify_password(password, dummy_hash())  # same cost as a real check
        return None, AuthenticationFailed("auth.failed"), False
    if user.locked_until is not None and user.locked_until > now:
        return None, AuthenticationFailed("auth.locked", until=user.locked_until), False
    if not verify_password(password, user.password_hash):
        failures = user.failed_logins + 1
        locked = now + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
        session.execute(
            update(User).where(User.id == user.id)
            .values(failed_logins=User.failed_logins + 1, locked_until=locked)
            .execution_options(synchronize_session=False)
        )
        audit.record(session, _dto(user), "user.login_failed", "app_user", user.id, failures=failures)
        if locked is not None:
            return None, AuthenticationFailed("auth.locked", until=locked), False
        return None, AuthenticationFailed("auth.failed", remaining=MAX_FAILURES - failures), False
    values: dict = {"failed_logins": 0, "locked_until": None, "last_login_at": now}
    rehashed = needs_rehash(user.password_hash)
    if rehashed:  # an older scheme (scrypt) or weaker parameters: replace it while we know the password
        values["password_hash"] = hash_password(password)
    session.execute(update(User).where(User.id == user.id).values(**values).execution_options(synchronize_session=False))
    return user, None, rehashed


def attempt_unlock(session: Session, *, actor: UserDTO, password: str, now: datetime | None = None) -> LoginAttempt:
    """Unlock a screen the idle lock closed: the same user's password re-opens the sign-in the lock
    ended (its token again), so the open window and its dialogs carry on. Counted like a log-in."""
    now = now or utcnow()
    if actor.id is None or actor.token is None:
        return LoginAttempt(None, AuthenticationFailed("auth.session_invalid"))
    user, error, _rehashed = _check_password(session, actor.username, password, now)
    if error is not None:
        return LoginAttempt(None, error)
    assert user is not None
    if user.id != actor.id:
        return LoginAttempt(None, AuthenticationFailed("auth.session_invalid"))
    reopened = session.execute(
        update(LoginSession).where(LoginSession.user_id == user.id, LoginSession.token_hash == token_hash(actor.token))
        .values(ended_at=None)
    ).rowcount
    if not reopened:
        return LoginAttempt(None, AuthenticationFailed("auth.session_invalid"))
    dto = UserDTO.of(user.id, user.username, user.display_name, user.role, token=actor.token,
                     must_change_password=user.must_change_password)
    audit.record(session, dto, "user.unlock", "app_user", user.id)
    return LoginAttempt(dto, None)


def login(
    session: Session, *, username: str, password: str, now: datetime | None = None, client: str = "gui"
) -> UserDTO:
    """Return the user, or raise AuthenticationFailed ("auth.failed" / "auth.locked" with ``until``).

    The failure is recorded in ``session`` before raising; a boundary that rolls back on
    errors loses that record, so GUI and CLI boundaries call :func:`attempt_login`.
    """
    attempt = attempt_login(session, username=username, password=password, now=now, client=client)
    if attempt.error is not None:
        raise attempt.error
    assert attempt.user is not None
    return attempt.user


def change_password(session: Session, *, actor: UserDTO, user_id: int, old_password: str | None, new_password: str) -> None:
    """Change a password: users their own (old password needed), administrators anyone's; a password
    an administrator sets must be changed by its user at the next log-in."""
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("auth.unknown_user", user_id=user_id)
    actor = authorize(session, actor, allow_password_change=True)
    own = actor.id == user_id
    if not own:
        actor = authorize(session, actor, Permission.MANAGE_USERS)
    elif not verify_password(old_password or "", user.password_hash):
        raise ValidationError("auth.old_password_wrong", field="old_password")
    if len(new_password) < MIN_PASSWORD_LENGTH:
        raise ValidationError("auth.password_too_short", field="password", minimum=MIN_PASSWORD_LENGTH)
    if own and old_password == new_password:
        raise ValidationError("auth.password_unchanged", field="password")
    user.password_hash = hash_password(new_password)
    user.failed_logins = 0
    user.locked_until = None
    user.must_change_password = not own  # a password set by someone else is changed at the next log-in
    session.flush()
    audit.record(session, actor, "user.change_password" if own else "user.reset_password", "app_user", user_id)


def unlock(session: Session, *, actor: UserDTO, user_id: int) -> None:
    """Lift a lock-out (administrators)."""
    actor = authorize(session, actor, Permission.MANAGE_USERS)
    session.execute(update(User).where(User.id == user_id).values(failed_logins=0, locked_until=None))
    audit.record(session, actor, "user.unlock", "app_user", user_id)


def logout(session: Session, *, actor: UserDTO, reason: str = "") -> None:
    """End the actor's sign-in: its token is refused from now on (``reason``: e.g. "idle_lock")."""
    if actor.id is None:
        return
    user = session.get(User, actor.id)
    if end_session(session, actor) and user is not None:
        audit.record(session, _dto(user), "user.logout", "app_user", actor.id, **({"reason": reason} if reason else {}))
