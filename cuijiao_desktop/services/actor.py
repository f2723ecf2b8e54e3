"""Who is acting: services resolve the user from the database, never from what a caller hands in.

A signed-in user carries the token of an open :class:`LoginSession`; :func:`authorize` finds that
session, checks that the account is still active, takes the role from the database and then checks
the permission. The command line's system identity (``CLI_USER``, id None) is accepted only on a
local SQLite file, or on a database that has no users yet (to bootstrap a new server).
"""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from cuijiao_desktop.db.models import LoginSession, User
from cuijiao_desktop.db.types import utcnow
from cuijiao_desktop.domain.errors import AuthenticationFailed
from cuijiao_desktop.domain.permissions import Permission, require

from .dto import CLI_USER, UserDTO

_CACHE = "cuijiao.actors"


def token_hash(token: str) -> str:
    """The stored form of a session token."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def start_session(session: Session, user_id: int, *, client: str = "") -> str:
    """Open a sign-in for ``user_id``; returns its token (shown once, stored hashed)."""
    token = secrets.token_urlsafe(32)
    session.add(LoginSession(user_id=user_id, token_hash=token_hash(token), client=client[:128]))
    session.flush()
    return token


def end_session(session: Session, actor: UserDTO) -> bool:
    """Close the actor's sign-in (log-out, screen lock); its token is refused from then on.

    Returns True when an open sign-in of that user was ended.
    """
    if actor.token is None or actor.id is None:
        return False
    result = session.execute(
        update(LoginSession)
        .where(LoginSession.token_hash == token_hash(actor.token), LoginSession.user_id == actor.id,
               LoginSession.ended_at.is_(None))
        .values(ended_at=utcnow())
    )
    session.info.get(_CACHE, {}).pop((actor.id, actor.token), None)
    return bool(result.rowcount)


def system_identity_allowed(session: Session) -> bool:
    """True where the unauthenticated command-line identity may act: a local SQLite file, or a
    database without users."""
    if session.get_bind().dialect.name == "sqlite":
        return True
    return not session.scalar(select(func.count()).select_from(User))


def resolve(session: Session, actor: UserDTO, *, allow_password_change: bool = False) -> UserDTO:
    """The acting user as the database knows it now; raises ``AuthenticationFailed`` otherwise.

    A user whose password was reset is refused (``auth.password_change_required``) until they chose
    a new one; ``allow_password_change`` lets exactly that through.
    """
    cache: dict = session.info.setdefault(_CACHE, {})
    key = (actor.id, actor.token)
    if key in cache:
        return cache[key]
    if actor.id is None:
        if actor.username != CLI_USER.username or not system_identity_allowed(session):
            raise AuthenticationFailed("auth.user_required")
        resolved = CLI_USER
    else:
        if not actor.token:
            raise AuthenticationFailed("auth.session_invalid")
        row = session.execute(
            select(User.id, User.username, User.display_name, User.role, User.active, User.must_change_password)
            .join(LoginSession, LoginSession.user_id == User.id)
            .where(LoginSession.token_hash == token_hash(actor.token), LoginSession.ended_at.is_(None),
                   User.id == actor.id)
        ).one_or_none()
        if row is None:
            raise AuthenticationFailed("auth.session_invalid")
        if not row.active:
            raise AuthenticationFailed("auth.inactive")
        if row.must_change_password:
            if not allow_password_change:
                raise AuthenticationFailed("auth.password_change_required")
            return UserDTO.of(row.id, row.username, row.display_name, row.role, token=actor.token,
                              must_change_password=True)  # not cached: the change lifts it
        resolved = UserDTO.of(row.id, row.username, row.display_name, row.role, token=actor.token)
    cache[key] = resolved
    return resolved


def authorize(session: Session, actor: UserDTO, permission: Permission | None = None, *,
              allow_password_change: bool = False) -> UserDTO:
    """Resolve ``actor`` from the database and require ``permission`` of its real role.

    Services call this first and use what it returns (for the audit log too).
    """
    resolved = resolve(session, actor, allow_password_change=allow_password_change)
    if permission is not None:
        require(resolved.role, permission)
    return resolved
