"""Roles in the database, on the real PostgreSQL server: ``cuijiao db init-roles`` makes a migration role
the owner of the schema and lets the app's role only SELECT and INSERT on the ledger and the audit log.

The app role then takes payments, signs in and writes the audit chain, but cannot change or delete a
payment, switch off the append-only triggers, alter or truncate the audit log, or change its owner.
Roles are cluster-wide: they are named after the test database (``<database>_owner``, ``<database>_app``,
so test runs on other databases of the same server never touch them) and dropped afterwards.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from factories import make_room_with_bills
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, ProgrammingError

from cuijiao_desktop.cli import main
from cuijiao_desktop.db.engine import make_engine, make_session_factory
from cuijiao_desktop.db.migrate import upgrade
from cuijiao_desktop.domain.enums import PaymentMethod, Role
from cuijiao_desktop.services import auth
from cuijiao_desktop.services.audit_log import verify_chain
from cuijiao_desktop.services.payments import record_payment

pytestmark = pytest.mark.postgres

def _role_names() -> tuple[str, str]:
    import os

    database = make_url(os.environ.get("CUIJIAO_TEST_PG_URL", "postgresql://x@y/cj_test")).database or "cj_test"
    return f"{database}_owner", f"{database}_app"


OWNER, APP = _role_names()


def _as(url: str, role: str) -> str:
    return make_url(url).set(username=role, password=None).render_as_string(hide_password=False)


def _drop_roles(url: str) -> None:
    eng = make_engine(url)
    try:
        with eng.begin() as conn:
            for role in (APP, OWNER):
                if conn.exec_driver_sql("SELECT 1 FROM pg_roles WHERE rolname = %(r)s", {"r": role}).first():
                    conn.exec_driver_sql(f"REASSIGN OWNED BY {role} TO CURRENT_USER")
                    conn.exec_driver_sql(f"DROP OWNED BY {role}")
                    conn.exec_driver_sql(f"DROP ROLE {role}")
            db = conn.exec_driver_sql("SELECT current_database()").scalar()
            conn.exec_driver_sql(f'GRANT CONNECT, TEMPORARY ON DATABASE "{db}" TO PUBLIC')
            conn.exec_driver_sql("GRANT CREATE ON SCHEMA public TO PUBLIC")
    finally:
        eng.dispose()


@pytest.fixture
def roles_db(pg_url: str, capsys) -> Iterator[str]:
    """The test database set up as a new office would: roles first, schema by the owner role."""
    _drop_roles(pg_url)
    try:
        assert main(["--db", pg_url, "db", "init-roles", "--owner-role", OWNER, "--app-role", APP, "--apply"]) == 0
        assert main(["--db", _as(pg_url, OWNER), "db", "upgrade"]) == 0
        capsys.readouterr()
        yield pg_url
    finally:
        eng = make_engine(pg_url)
        with eng.begin() as conn:  # give the schema back before the fixture wipes it
            conn.exec_driver_sql("DROP SCHEMA public CASCADE")
            conn.exec_driver_sql("CREATE SCHEMA public")
        eng.dispose()
        _drop_roles(pg_url)


def test_printing_shows_the_sql_without_running_it(pg_url, capsys):
    _drop_roles(pg_url)
    eng = make_engine(pg_url)
    upgrade(eng)
    eng.dispose()
    assert main(["--db", pg_url, "db", "init-roles", "--owner-role", OWNER, "--app-role", APP]) == 0
    out = capsys.readouterr().out
    assert f"CREATE ROLE {OWNER} LOGIN;" in out and f"ALTER TABLE public.payment OWNER TO {OWNER};" in out
    from cuijiao_desktop.db.models import APPEND_ONLY_TABLES

    assert f"REVOKE UPDATE, DELETE, TRUNCATE ON {', '.join(APPEND_ONLY_TABLES)} FROM {APP}, PUBLIC;" in out
    assert f"ALTER DEFAULT PRIVILEGES FOR ROLE {OWNER} IN SCHEMA public GRANT" in out
    eng = make_engine(pg_url)
    with eng.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM pg_roles WHERE rolname = %(r)s", {"r": APP}).scalar() == 0
    eng.dispose()
    assert main(["--db", pg_url, "db", "init-roles", "--owner-role", "Bad Name", "--app-role", APP]) == 1
    assert main(["--db", pg_url, "db", "init-roles", "--owner-role", APP, "--app-role", APP]) == 1
    assert main(["--db", pg_url, "db", "init-roles", "--owner-role", OWNER, "--app-role", "app"]) == 1  # a superuser
    assert "超级用户" in capsys.readouterr().err


def test_the_app_role_works_but_cannot_touch_the_ledger(roles_db, capsys, monkeypatch):
    app_url = _as(roles_db, APP)
    owner_eng = make_engine(_as(roles_db, OWNER))
    with owner_eng.connect() as conn:
        owners = set(conn.exec_driver_sql(
            "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'").scalars())
    assert owners == {OWNER}
    owner_eng.dispose()

    eng = make_engine(app_url)
    factory = make_session_factory(eng)
    try:
        # the office works as the app role: first admin, users, rooms, a payment, sign-ins, the audit chain
        with factory.begin() as s:
            admin = auth.create_first_admin(s, username="admin", display_name="管理员", password="admin-pass")
        with factory.begin() as s:
            admin = auth.login(s, username="admin", password="admin-pass")
        with factory.begin() as s:
            auth.create_user(s, actor=admin, username="qiantai1", display_name="前台", role=Role.CLERK,
                             password="clerk-pass")
        room = make_room_with_bills(factory, months=2)
        with factory.begin() as s:
            record_payment(s, actor=admin, room_id=room.room_id, amount_fen=100_00, paid_on=date(2026, 5, 1),
                           method=PaymentMethod.CASH, today=date(2026, 5, 1))
            s.execute(text("UPDATE bill SET discount_fen = discount_fen WHERE room_id = :r"), {"r": room.room_id})
        with factory() as s:
            assert verify_chain(s, actor=admin).ok

        refused = [
            "UPDATE payment SET amount_fen = 1",
            "DELETE FROM payment",
            "DELETE FROM payment_allocation",
            "UPDATE audit_log SET username = 'x'",
            "DELETE FROM audit_log",
            "TRUNCATE audit_log",
            "TRUNCATE payment CASCADE",
            "ALTER TABLE payment DISABLE TRIGGER USER",
            "ALTER TABLE audit_log DISABLE TRIGGER trg_audit_log_append_only",
            "ALTER TABLE audit_log DROP COLUMN row_hash",
            "DROP TRIGGER trg_payment_append_only ON payment",
            f"ALTER TABLE payment OWNER TO {APP}",
            "SET session_replication_role = replica",
            "CREATE TABLE sneaky (id int)",
            ("CREATE OR REPLACE FUNCTION cuijiao_refuse_change() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ "
             "LANGUAGE plpgsql"),
        ]
        for stmt in refused:
            with pytest.raises(DatabaseError) as err, eng.begin() as conn:
                conn.exec_driver_sql(stmt)
            assert isinstance(err.value, ProgrammingError) or "permission denied" in str(err.value) \
                or "must be owner" in str(err.value), stmt
        with eng.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM payment").scalar() == 1
            assert conn.exec_driver_sql("SELECT rolsuper FROM pg_roles WHERE rolname = current_user").scalar() is False
    finally:
        eng.dispose()
    # once there are users, init-roles needs the administrator too; running it again changes nothing
    monkeypatch.setenv("CUIJIAO_PASSWORD", "admin-pass")
    args = ["--db", roles_db, "--user", "admin", "db", "init-roles", "--owner-role", OWNER, "--app-role", APP]
    assert main(["--db", roles_db, *args[4:], "--apply"]) == 1  # without --user: refused
    assert main([*args, "--apply"]) == 0
    capsys.readouterr()
    assert main(args) == 0
    assert "CREATE ROLE" not in capsys.readouterr().out
    eng = make_engine(app_url)
    try:
        with pytest.raises(DatabaseError), eng.begin() as conn:
            conn.exec_driver_sql("UPDATE payment SET note = 'x'")
    finally:
        eng.dispose()


def test_the_app_role_stages_long_writes_backs_up_and_keeps_its_rights_after_a_restore(roles_db, tmp_path):
    """Storage on a server with roles: a long write stages in TEMP tables and draws ids from the
    sequences, a desk's backup (pg_dump as the app role) is recorded, and a restore run as the
    migration role gives the new database the same grants: the app role works on, no more than before."""
    import shutil

    from cuijiao_desktop.domain.errors import DomainError
    from cuijiao_desktop.importing.headers import ImportKind, detect_header
    from cuijiao_desktop.importing.readers import read_sheet
    from cuijiao_desktop.services.backups import last_backup, manual_backup, restore_database
    from cuijiao_desktop.services.imports import commit_import
    from cuijiao_desktop.services.tx import Transactions

    if shutil.which("pg_dump") is None or shutil.which("pg_restore") is None:
        pytest.skip("the PostgreSQL client tools are not installed")
    app_url, owner_url = _as(roles_db, APP), _as(roles_db, OWNER)

    def import_rooms(name: str, codes: list[str]) -> int:
        path = tmp_path / name
        path.write_text("房号,业主,面积\n" + "".join(f"{c},{'张王李赵'[i]}先生,88.5\n" for i, c in enumerate(codes)),
                        encoding="utf-8")
        sheet = read_sheet(path)
        eng = make_engine(app_url)
        try:
            factory = make_session_factory(eng)
            with factory.begin() as s:
                admin = auth.login(s, username="admin", password="admin-pass")
            result = commit_import(Transactions(factory), sheet, detect_header(ImportKind.ROOMS, sheet.rows),
                                   actor=admin, estate="阳光花园", today=date(2026, 5, 1))
            with factory.begin() as s:
                auth.logout(s, actor=admin)
        finally:
            eng.dispose()
        return result.rooms_created

    eng = make_engine(app_url)
    try:
        with make_session_factory(eng).begin() as s:
            auth.create_first_admin(s, username="admin", display_name="管理员", password="admin-pass")
    finally:
        eng.dispose()
    assert import_rooms("a.csv", ["1-1-101", "1-1-102"]) == 2  # staged off the lock, published at once
    eng = make_engine(app_url)
    try:
        factory = make_session_factory(eng)
        with factory.begin() as s:
            admin = auth.login(s, username="admin", password="admin-pass")
        backup = manual_backup(app_url, tmp_path / "office.dump", actor=admin)  # pg_dump as the app role
        with factory() as s:
            assert last_backup(s).path == backup.path
    finally:
        eng.dispose()
    assert import_rooms("b.csv", ["1-1-103"]) == 1  # after the backup: gone again once it is restored

    database = make_url(roles_db).database
    admin_eng = make_engine(make_url(roles_db).set(database="postgres").render_as_string(hide_password=False)
                            ).execution_options(isolation_level="AUTOCOMMIT")
    old_names: list[str] = []
    try:
        with admin_eng.connect() as conn:  # "close the program on every desk" (the fixtures' pooled connections)
            conn.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d "
                              "AND pid <> pg_backend_pid()"), {"d": database})
        with pytest.raises(DomainError) as err:  # a desk's role cannot create or rename databases
            restore_database(app_url, backup.path, actor=admin, folder=tmp_path / "bk")
        assert err.value.code == "restore.needs_owner_role" and err.value.params["role"] == APP
        report = restore_database(owner_url, backup.path, actor=admin, folder=tmp_path / "bk")
        old_names.append(report.replaced_database)
        eng = make_engine(owner_url)
        try:
            with eng.connect() as conn:
                owners = set(conn.exec_driver_sql(
                    "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'").scalars())
                assert owners == {OWNER}  # the migration role can still upgrade it
        finally:
            eng.dispose()
        eng = make_engine(app_url)
        try:
            with eng.connect() as conn:
                assert set(conn.exec_driver_sql("SELECT code FROM room").scalars()) == {"1-1-101", "1-1-102"}
            for stmt in ("UPDATE payment SET note = 'x'", "DELETE FROM audit_log", "CREATE TABLE sneaky (id int)",
                         "ALTER TABLE payment DISABLE TRIGGER USER"):
                with pytest.raises(DatabaseError), eng.begin() as conn:
                    conn.exec_driver_sql(stmt)
        finally:
            eng.dispose()
        assert import_rooms("c.csv", ["1-1-104"]) == 1  # the app role writes (and stages) as before
        eng = make_engine(roles_db)
        try:
            with eng.connect() as conn:
                acl = conn.exec_driver_sql("SELECT datacl::text FROM pg_database WHERE datname = current_database()"
                                           ).scalar()
            entries = acl.strip("{}").split(",")
            app_rights = next(e for e in entries if e.startswith(f"{APP}=")).split("=")[1].split("/")[0]
            assert set(app_rights) == {"c", "T"}  # CONNECT and TEMPORARY, as before
            assert not [e for e in entries if e.startswith("=")]  # and nothing for PUBLIC came back
        finally:
            eng.dispose()
    finally:
        with admin_eng.connect() as conn:
            for name in old_names:
                conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}"')
        admin_eng.dispose()
