"""Passwords (argon2id, own salt, old scrypt hashes re-hashed at log-in), resets that force a change,
the sign-in that a lock ends and the password re-opens, audited phone reveals, office details."""

from __future__ import annotations

import base64
import hashlib

import pytest
from factories import make_room_with_bills
from sqlalchemy import select, update

from cuijiao_desktop.db.models import AuditLog, Contact, RoomPerson, User
from cuijiao_desktop.domain.enums import ContactKind, Role
from cuijiao_desktop.domain.errors import AuthenticationFailed, NotFound, PermissionDenied, ValidationError
from cuijiao_desktop.services import auth, office, phones
from cuijiao_desktop.services import users as accounts
from cuijiao_desktop.services.actor import authorize
from cuijiao_desktop.services.dto import CLI_USER
from cuijiao_desktop.services.passwords import hash_password, needs_rehash, verify_password


def _scrypt(password: str) -> str:
    """A hash as the first version stored them (scrypt, n=2**14)."""
    salt = b"0123456789abcdef"
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, maxmem=64 * 1024 * 1024)
    return f"scrypt$16384$8$1${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def test_argon2id_with_a_salt_of_its_own():
    a, b = hash_password("password1"), hash_password("password1")
    assert a.startswith("$argon2id$") and a != b  # two salts
    assert verify_password("password1", a) and not verify_password("password2", a)
    assert not needs_rehash(a) and needs_rehash(_scrypt("x")) and not verify_password("x", "garbage")


def test_an_old_scrypt_hash_verifies_and_is_replaced_at_the_next_log_in(session_factory, users):
    clerk = users[Role.CLERK]
    with session_factory.begin() as s:
        s.execute(update(User).where(User.id == clerk.id).values(password_hash=_scrypt("old-pass-1")))
    with session_factory.begin() as s:
        auth.login(s, username=clerk.username, password="old-pass-1")
    with session_factory() as s:
        stored = s.scalar(select(User.password_hash).where(User.id == clerk.id))
        login = s.scalars(select(AuditLog.detail).where(AuditLog.action == "user.login")).one()
    assert stored.startswith("$argon2id$") and verify_password("old-pass-1", stored)
    assert '"rehashed": true' in login


def test_the_first_account_must_be_an_administrator(session_factory):
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        auth.create_user(s, actor=CLI_USER, username="x", display_name="X", role=Role.CLERK, password="password9")
    assert err.value.code == "auth.first_user_admin"
    with session_factory.begin() as s:
        first = auth.create_user(s, actor=CLI_USER, username="boss", display_name="B", role=Role.ADMIN,
                                 password="password9")
    with session_factory() as s:
        assert s.get(User, first.id).must_change_password is False  # the bootstrap account keeps its password


def test_a_reset_password_locks_everything_but_the_change(session_factory, users):
    admin, clerk = users[Role.ADMIN], users[Role.CLERK]
    with session_factory.begin() as s:
        account = accounts.reset_password(s, actor=admin, user_id=clerk.id, new_password="temporary1")
    assert account.must_change_password
    with session_factory.begin() as s:
        signed_in = auth.login(s, username=clerk.username, password="temporary1")
    assert signed_in.must_change_password
    with pytest.raises(AuthenticationFailed) as err, session_factory() as s:
        authorize(s, signed_in)
    assert err.value.code == "auth.password_change_required"
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        auth.change_password(s, actor=signed_in, user_id=clerk.id, old_password="temporary1",
                             new_password="temporary1")
    assert err.value.code == "auth.password_unchanged"
    with session_factory.begin() as s:
        auth.change_password(s, actor=signed_in, user_id=clerk.id, old_password="temporary1",
                             new_password="my-own-pass")
    with session_factory() as s:
        assert authorize(s, signed_in).id == clerk.id


def test_users_are_managed_by_administrators_only(session_factory, users):
    manager, clerk = users[Role.MANAGER], users[Role.CLERK]
    for call in (lambda s: accounts.list_accounts(s, actor=manager),
                 lambda s: accounts.set_role(s, actor=manager, user_id=clerk.id, role=Role.ADMIN),
                 lambda s: accounts.reset_password(s, actor=clerk, user_id=manager.id, new_password="x" * 9)):
        with pytest.raises(PermissionDenied), session_factory.begin() as s:
            call(s)


def test_disabling_ends_the_sign_ins_at_once(session_factory, users):
    admin, clerk = users[Role.ADMIN], users[Role.CLERK]
    with session_factory.begin() as s:
        accounts.set_active(s, actor=admin, user_id=clerk.id, active=False)
    with pytest.raises(AuthenticationFailed), session_factory() as s:
        authorize(s, clerk)
    with session_factory.begin() as s:
        attempt = auth.attempt_login(s, username=clerk.username, password="password1")
    assert attempt.error is not None


def test_a_lock_ends_the_sign_in_and_the_same_password_reopens_it(session_factory, users):
    clerk, manager = users[Role.CLERK], users[Role.MANAGER]
    with session_factory.begin() as s:
        auth.logout(s, actor=clerk, reason="idle_lock")
    with pytest.raises(AuthenticationFailed), session_factory() as s:
        authorize(s, clerk)
    with session_factory.begin() as s:
        assert auth.attempt_unlock(s, actor=clerk, password="wrong-pass").error.code == "auth.failed"
    with session_factory.begin() as s:  # someone else's password does not open the clerk's sign-in
        forged = auth.attempt_unlock(s, actor=clerk.__class__.of(clerk.id, manager.username, "x", Role.CLERK,
                                                                  token=clerk.token), password="password1")
    assert forged.error is not None and forged.error.code == "auth.session_invalid"
    with session_factory.begin() as s:
        attempt = auth.attempt_unlock(s, actor=clerk, password="password1")
    assert attempt.error is None and attempt.user.token == clerk.token
    with session_factory() as s:
        assert authorize(s, clerk).id == clerk.id
        logouts = s.scalars(select(AuditLog.detail).where(AuditLog.action == "user.logout")).all()
    assert logouts == ['{"reason": "idle_lock"}']
    with session_factory.begin() as s:  # a made-up token ends nothing and writes nothing
        auth.logout(s, actor=clerk.__class__.of(clerk.id, clerk.username, "x", Role.CLERK, token="made-up"))
    with session_factory() as s:
        assert len(s.scalars(select(AuditLog.id).where(AuditLog.action == "user.logout")).all()) == 1


def _phone(session_factory) -> tuple[int, int]:
    room = make_room_with_bills(session_factory, months=1)
    with session_factory.begin() as s:
        person_id = s.scalar(select(RoomPerson.person_id).where(RoomPerson.room_id == room.room_id))
        contact = Contact(person_id=person_id, kind=ContactKind.MOBILE, value="13800138000", last4="8000")
        email = Contact(person_id=person_id, kind=ContactKind.EMAIL, value="a@b.cn")
        s.add_all([contact, email])
        s.flush()
        return room.room_id, contact.id


def test_a_phone_reveal_is_audited_and_needs_a_calling_role(session_factory, users):
    room_id, contact_id = _phone(session_factory)
    collector = users[Role.COLLECTOR]
    with session_factory.begin() as s:
        number = phones.reveal_phone(s, actor=collector, contact_id=contact_id, room_id=room_id, purpose="call_list")
    assert number == "13800138000"
    with session_factory() as s:
        row = s.scalars(select(AuditLog).where(AuditLog.action == "phone.reveal")).one()
    assert (row.username, row.entity, row.entity_id, row.room_id) == (collector.username, "contact", str(contact_id),
                                                                      room_id)
    assert '"purpose": "call_list"' in row.detail
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        phones.reveal_phone(s, actor=users[Role.FINANCE], contact_id=contact_id)
    with pytest.raises(NotFound), session_factory.begin() as s:
        phones.reveal_phone(s, actor=collector, contact_id=contact_id + 1)  # the e-mail is no phone


def test_office_details_are_checked_and_pictures_kept(session_factory, users):
    manager = users[Role.MANAGER]
    with pytest.raises(PermissionDenied), session_factory.begin() as s:
        office.update_office(s, actor=users[Role.CLERK], values={"office.name": "x"})
    for values, code in (({"office.name": " "}, "office.name_required"),
                         ({"office.bank_account": "12ab"}, "office.bank_account_invalid"),
                         ({"office.phone": "1" * 40}, "office.too_long"),
                         ({"office.demo": "1"}, "settings.unknown_key")):
        with pytest.raises(ValidationError) as err, session_factory.begin() as s:
            office.update_office(s, actor=manager, values=values)
        assert err.value.code == code
    png = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        office.set_office_image(s, actor=manager, key="office.seal_image", data=b"GIF89a")
    assert err.value.code == "office.image_format"
    with pytest.raises(ValidationError) as err, session_factory.begin() as s:
        office.set_office_image(s, actor=manager, key="office.seal_image",
                                data=png + b"\0" * office.MAX_IMAGE_BYTES)
    assert err.value.code == "office.image_too_large"
    with session_factory.begin() as s:
        office.set_office_image(s, actor=manager, key="office.payment_qr_image", data=png)
        office.update_office(s, actor=manager, values={"office.name": "锦程物业城西服务中心"})
    with session_factory() as s:
        dto = office.get_office(s)
    assert dto.payment_qr_image == png and isinstance(dto.payment_qr_image, bytes) and dto.seal_image is None
    assert dto.name == "锦程物业城西服务中心"


def test_the_demo_gives_each_user_a_hash_of_their_own_and_keeps_the_chain(engine, session_factory):
    from datetime import date

    from cuijiao_desktop.services.audit_log import verify_chain
    from cuijiao_desktop.services.demo import DEMO_PASSWORD, DEMO_USERS, build_demo

    build_demo(engine, rooms=6, months=2, seed=2, today=date(2026, 11, 23))
    with session_factory() as s:
        hashes = dict(s.execute(select(User.username, User.password_hash)).all())
    assert len(hashes) == len(DEMO_USERS) and len(set(hashes.values())) == len(DEMO_USERS)
    assert all(h.startswith("$argon2id$") and verify_password(DEMO_PASSWORD, h) for h in hashes.values())
    with session_factory.begin() as s:
        admin = auth.login(s, username="admin", password=DEMO_PASSWORD)
    with session_factory() as s:
        assert not needs_rehash(s.scalar(select(User.password_hash).where(User.username == "admin")))
        report = verify_chain(s, actor=admin)
    assert report.ok and report.checked == 2  # demo.build, then the log-in chained after it
