"""Staff accounts for the administrator (设置 → 用户): list, add, disable, change a role, reset a password.

The office always keeps one active administrator: the last one can be neither disabled nor demoted.
Disabling an account ends its open sign-ins at once (its desks are refused at the next action).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import LoginSession, User
from cuijiao_desktop.db.types import utcnow
from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.domain.errors import ConflictError, NotFound, ValidationError
from cuijiao_desktop.domain.permissions import Permission

from . import audit, auth
from .actor import authorize
from .dto import UserDTO
from .tx import read_only

__all__ = ["Account", "add_account", "list_accounts", "reset_password", "set_active", "set_role"]


@dataclass(frozen=True)
class Account:
    """One line of the users tab."""

    id: int
    username: str
    display_name: str
    role: Role
    active: bool
    locked_until: datetime | None
    must_change_password: bool
    last_login_at: datetime | None
    created_at: datetime
    version: int

    def locked(self, now: datetime | None = None) -> bool:
        return self.locked_until is not None and self.locked_until > (now or utcnow())


def _account(u: User) -> Account:
    return Account(u.id, u.username, u.display_name, Role(u.role), bool(u.active), u.locked_until,
                   bool(u.must_change_password), u.last_login_at, u.created_at, u.version)


_ROLE_ORDER = {Role.ADMIN: 0, Role.MANAGER: 1, Role.FINANCE: 2, Role.CLERK: 3, Role.COLLECTOR: 4}


@read_only
def list_accounts(session: Session, *, actor: UserDTO) -> list[Account]:
    """Every account: active ones first, then by role (administrators first) and user name."""
    authorize(session, actor, Permission.MANAGE_USERS)
    accounts = [_account(u) for u in session.scalars(select(User))]
    return sorted(accounts, key=lambda a: (not a.active, _ROLE_ORDER.get(a.role, 9), a.username))


def add_account(session: Session, *, actor: UserDTO, username: str, display_name: str, role: Role,
                password: str) -> Account:
    """A new member of staff; they choose their own password at the first log-in."""
    new = auth.create_user(session, actor=actor, username=username, display_name=display_name, role=role,
                           password=password)
    user = session.get(User, new.id)
    assert user is not None
    return _account(user)


def _user(session: Session, user_id: int, version: int | None) -> User:
    user = session.get(User, user_id, with_for_update=True)
    if user is None:
        raise NotFound("auth.unknown_user", user_id=user_id)
    if version is not None and user.version != version:
        raise ConflictError("conflict.stale", user_id=user_id)
    return user


def _other_active_admins(session: Session, user_id: int) -> int:
    return int(session.scalar(select(func.count()).select_from(User).where(
        User.role == Role.ADMIN, User.active.is_(True), User.id != user_id)) or 0)


def set_role(session: Session, *, actor: UserDTO, user_id: int, role: Role, version: int | None = None) -> Account:
    """Give an account another role (takes effect at its next action: roles are read from the database)."""
    actor = authorize(session, actor, Permission.MANAGE_USERS)
    user = _user(session, user_id, version)
    role = Role(role)
    if user.role == role:
        return _account(user)
    if user.role == Role.ADMIN and user.active and not _other_active_admins(session, user_id):
        raise ValidationError("users.last_admin", field="role")
    old = Role(user.role)
    user.role = role
    session.flush()
    audit.record(session, actor, "user.set_role", "app_user", user_id, username=user.username, old=old.value,
                 new=role.value)
    return _account(user)


def set_active(session: Session, *, actor: UserDTO, user_id: int, active: bool, version: int | None = None) -> Account:
    """Disable (ending its open sign-ins) or re-enable an account."""
    actor = authorize(session, actor, Permission.MANAGE_USERS)
    user = _user(session, user_id, version)
    if bool(user.active) == active:
        return _account(user)
    if not active:
        if user_id == actor.id:
            raise ValidationError("users.cannot_disable_self", field="active")
        if user.role == Role.ADMIN and not _other_active_admins(session, user_id):
            raise ValidationError("users.last_admin", field="active")
        session.execute(update(LoginSession).where(LoginSession.user_id == user_id, LoginSession.ended_at.is_(None))
                        .values(ended_at=utcnow()))
    user.active = active
    if active:
        user.failed_logins, user.locked_until = 0, None
    session.flush()
    audit.record(session, actor, "user.enable" if active else "user.disable", "app_user", user_id,
                 username=user.username)
    return _account(user)


def reset_password(session: Session, *, actor: UserDTO, user_id: int, new_password: str) -> Account:
    """Set a temporary password (administrators); the user must choose a new one at the next log-in.
    Also lifts a lock-out."""
    if authorize(session, actor, Permission.MANAGE_USERS).id == user_id:
        raise ValidationError("users.reset_own", field="password")
    auth.change_password(session, actor=actor, user_id=user_id, old_password=None, new_password=new_password)
    user = session.get(User, user_id)
    assert user is not None
    return _account(user)
