"""Services resolve the acting user from the database: a role handed in is never trusted."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from factories import make_room_with_bills
from sqlalchemy import update

from cuijiao_desktop.db.models import User
from cuijiao_desktop.domain.enums import PaymentMethod, Role
from cuijiao_desktop.domain.errors import AuthenticationFailed, PermissionDenied
from cuijiao_desktop.domain.permissions import ROLE_PERMISSIONS
from cuijiao_desktop.services import auth
from cuijiao_desktop.services.actor import authorize
from cuijiao_desktop.services.dto import CLI_USER, UserDTO
from cuijiao_desktop.services.payments import record_payment, reverse_payment


def _pay(session_factory, users) -> int:
    room = make_room_with_bills(session_factory, months=2)
    with session_factory.begin() as s:
        return record_payment(s, actor=users[Role.CLERK], room_id=room.room_id, amount_fen=100_00,
                              paid_on=date(2026, 5, 1), method=PaymentMethod.CASH, today=date(2026, 5, 1)).payment_id


def test_a_clerk_dressed_as_admin_cannot_reverse(session_factory, users):
    payment_id = _pay(session_factory, users)
    clerk = users[Role.CLERK]
    disguised = replace(clerk, role=Role.ADMIN, permissions=ROLE_PERMISSIONS[Role.ADMIN])
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        reverse_payment(s, actor=disguised, payment_id=payment_id, reason="试图冲正")


def test_an_id_without_its_sign_in_token_is_refused(session_factory, users):
    admin = users[Role.ADMIN]
    for forged in (replace(admin, token=None), replace(admin, token="made-up"),
                   UserDTO.of(admin.id, admin.username, admin.display_name, Role.ADMIN)):
        with pytest.raises(AuthenticationFailed) as err, session_factory.begin() as s:
            authorize(s, forged)
        assert err.value.code == "auth.session_invalid"


def test_the_role_comes_from_the_database_now(session_factory, users):
    manager = users[Role.MANAGER]
    with session_factory.begin() as s:
        s.execute(update(User).where(User.id == manager.id).values(role=Role.CLERK))
    with session_factory.begin() as s:
        assert authorize(s, manager).role is Role.CLERK


def test_logged_out_and_disabled_users_are_refused(session_factory, users):
    clerk, finance = users[Role.CLERK], users[Role.FINANCE]
    with session_factory.begin() as s:
        auth.logout(s, actor=clerk)
        s.execute(update(User).where(User.id == finance.id).values(active=False))
    with pytest.raises(AuthenticationFailed), session_factory.begin() as s:
        authorize(s, clerk)
    with pytest.raises(AuthenticationFailed) as err, session_factory.begin() as s:
        authorize(s, finance)
    assert err.value.code == "auth.inactive"


def test_a_log_in_returns_a_working_token(session_factory, users):
    with session_factory.begin() as s:
        user = auth.login(s, username=users[Role.CLERK].username, password="password1")
    assert user.token
    with session_factory.begin() as s:
        assert authorize(s, user).id == users[Role.CLERK].id


def test_the_system_identity_only_on_sqlite_or_before_the_first_user(session_factory, db_kind):
    with session_factory.begin() as s:
        assert authorize(s, CLI_USER) == CLI_USER  # no users yet: bootstrap
    from factories import make_user

    make_user(session_factory, Role.CLERK)
    with session_factory.begin() as s:
        if db_kind == "sqlite":
            assert authorize(s, CLI_USER) == CLI_USER
        else:
            with pytest.raises(AuthenticationFailed) as err:
                authorize(s, CLI_USER)
            assert err.value.code == "auth.user_required"
