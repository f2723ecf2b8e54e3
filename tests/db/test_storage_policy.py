"""Issue 14, items 5 and 7: connection rules (network shares, newer schemas, one desk upgrades),
backups only when they are due, restore that refuses bad files, and the command line for both."""

from __future__ import annotations

import multiprocessing as mp
import sqlite3
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from factories import make_room_with_bills, make_user
from sqlalchemy import func, select, text

from cuijiao_desktop.cli import main
from cuijiao_desktop.db import location
from cuijiao_desktop.db.backup import auto_backup_name, inspect_backup, prune_backups
from cuijiao_desktop.db.engine import make_engine, make_session_factory, sqlite_path, sqlite_url
from cuijiao_desktop.db.migrate import current_revision, head_revision, prepare_database
from cuijiao_desktop.db.models import BackupRecord, Payment
from cuijiao_desktop.domain.enums import PaymentMethod, Role
from cuijiao_desktop.domain.errors import DomainError
from cuijiao_desktop.services import backups
from cuijiao_desktop.services.dto import CLI_USER
from cuijiao_desktop.services.payments import record_payment

MOUNTS = ("/dev/vda / ext4 rw 0 0\nserver:/export /mnt/office nfs4 rw 0 0\n//nas/share /media/nas cifs rw 0 0\n"
          "sshfs#u@h: /home/u/remote fuse.sshfs rw 0 0\n")


@pytest.mark.parametrize(("path", "platform", "share"), [
    ("/mnt/office/cuijiao.sqlite3", "linux", "nfs4 /mnt/office"),
    ("/media/nas/a/b.sqlite3", "linux", "cifs /media/nas"),
    ("/home/u/remote/x.sqlite3", "linux", "fuse.sshfs /home/u/remote"),
    ("/home/u/local.sqlite3", "linux", None),
    ("/media/nasx/b.sqlite3", "linux", None),
    (r"\\NAS\共享\cuijiao.sqlite3", "win32", r"\\NAS\共享"),
    ("//nas/share/cuijiao.sqlite3", "linux", r"\\nas\share"),
    (r"\\?\UNC\nas\share\x.sqlite3", "win32", r"\\nas\share"),
    (r"Z:\cuijiao.sqlite3", "win32", "Z:"),
    (r"C:\Users\x\cuijiao.sqlite3", "win32", None),
])
def test_network_shares_are_recognised(path, platform, share):
    found = location.network_location(path, platform=platform, read_mounts=lambda: MOUNTS,
                                      drive_is_remote=lambda p: p.upper().startswith("Z:"))
    assert found == share


def test_an_sqlite_file_on_a_share_is_refused_with_the_reason(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(location, "network_location", lambda p: "cifs /media/nas")
    with pytest.raises(DomainError) as info:
        make_engine(sqlite_url(tmp_path / "x.sqlite3"))
    assert info.value.code == "db.network_share"
    assert main(["--db", sqlite_url(tmp_path / "x.sqlite3"), "db", "status"]) == 1
    err = capsys.readouterr().err
    assert "网络共享" in err and "PostgreSQL" in err and not (tmp_path / "x.sqlite3").exists()


def test_an_older_program_refuses_a_newer_schema(db_url, engine, capsys):
    with engine.begin() as c:
        c.execute(text("UPDATE alembic_version SET version_num = '0042'"))
    with pytest.raises(DomainError) as info:
        prepare_database(db_url)
    assert info.value.code == "db.schema_newer"
    assert main(["--db", db_url, "db", "status"]) == 1
    assert "更新版本的程序" in capsys.readouterr().err
    with engine.connect() as c:  # nothing was touched
        assert c.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0042"


def _upgrade(url: str) -> None:
    prepare_database(url, backup=False)


@pytest.mark.both_engines
def test_two_desks_upgrading_at_once_take_turns(db_kind, db_url, engine):
    from alembic import command

    from cuijiao_desktop.db.migrate import alembic_config

    command.downgrade(alembic_config(engine), "0004")
    ctx = mp.get_context("spawn")
    procs = [ctx.Process(target=_upgrade, args=(db_url,)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
        assert p.exitcode == 0
    assert current_revision(engine) == head_revision()


def test_read_only_commands_make_no_backup(db_url, session_factory, tmp_path, capsys, monkeypatch):
    make_room_with_bills(session_factory, months=2)
    folder = sqlite_path(db_url).parent / "backups"
    monkeypatch.setenv("CUIJIAO_NEW_PASSWORD", "secret-1")
    for args in (["db", "status"], ["user", "list"], ["db", "check"],
                 ["export", "arrears", str(tmp_path / "a.csv")], ["db", "upgrade"]):
        assert main(["--db", db_url, *args]) == 0, capsys.readouterr().err
    assert not folder.exists() or list(folder.iterdir()) == []
    assert main(["--db", db_url, "backup"]) == 0
    files = list(folder.iterdir())
    assert len(files) == 1 and files[0].name.endswith("-manual.sqlite3")
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(BackupRecord)) == 1


def test_daily_backup_once_a_day_and_pruned(db_url, session_factory, tmp_path):
    make_room_with_bills(session_factory, months=1)
    folder = tmp_path / "daily"
    first = backups.run_daily_backup(db_url, folder=folder, keep_days=7)
    assert first is not None and first.reason == "daily" and Path(first.path).exists()
    assert backups.run_daily_backup(db_url, folder=folder, keep_days=7) is None  # the same day: none
    with session_factory() as s:
        assert backups.last_backup(s).path == first.path
        assert not backups.daily_backup_due(s, today=date.today())
        assert backups.daily_backup_due(s, today=date.today() + timedelta(days=1))
    old = [folder / auto_backup_name("cuijiao", "daily", ".sqlite3", datetime.now() - timedelta(days=d))
           for d in (10, 20, 30, 40)]
    for p in old:
        p.write_bytes(b"x")
    (folder / "mine.sqlite3").write_bytes(b"x")  # not an automatic name: never touched
    removed = prune_backups(folder, keep_days=7, keep_newest=3)
    assert sorted(removed) == sorted(old[2:])
    assert (folder / "mine.sqlite3").exists() and old[0].exists()


def _pay(factory, clerk, room_id: int, fen: int) -> None:
    with factory.begin() as s:
        record_payment(s, actor=clerk, room_id=room_id, amount_fen=fen, paid_on=date(2026, 5, 1),
                       method=PaymentMethod.CASH, today=date(2026, 5, 1))


def test_restore_round_trip_and_refusals(db_url, session_factory, tmp_path, capsys):
    clerk = make_user(session_factory, Role.CLERK)
    room = make_room_with_bills(session_factory, months=6, monthly_fen=100_00)
    _pay(session_factory, clerk, room.room_id, 150_00)
    good = tmp_path / "good.sqlite3"
    assert main(["--db", db_url, "backup", "--out", str(good)]) == 0
    _pay(session_factory, clerk, room.room_id, 70_00)  # after the backup: gone after the restore
    corrupt = tmp_path / "corrupt.sqlite3"
    data = bytearray(good.read_bytes())
    data[4096 * 3: 4096 * 3 + 512] = b"\xff" * 512
    corrupt.write_bytes(bytes(data))
    foreign = tmp_path / "foreign.sqlite3"
    con = sqlite3.connect(foreign)
    con.execute("CREATE TABLE notes (x)")
    con.commit()
    con.close()
    text_file = tmp_path / "notes.sqlite3.txt"
    text_file.write_text("hello", encoding="utf-8")
    live = sqlite_path(db_url)
    for bad, word in ((corrupt, "损坏"), (foreign, "不是本程序数据库的备份"), (text_file, "不是本程序数据库的备份"),
                      (live, "正在使用的数据库"), (tmp_path / "missing.sqlite3", "不存在")):
        assert main(["--db", db_url, "restore", str(bad), "--yes"]) == 1, bad
        assert word in capsys.readouterr().err, bad
    with session_factory() as s:
        assert s.scalar(select(func.sum(Payment.amount_fen))) == 220_00  # nothing changed
    assert main(["--db", db_url, "restore", str(good)]) == 1  # no terminal, no --yes: refused
    assert "--yes" in capsys.readouterr().err
    assert main(["--db", db_url, "restore", str(good), "--yes"]) == 0
    out = capsys.readouterr().out
    assert "账目一致" in out and "恢复前的数据已备份到" in out
    with session_factory() as s:  # the app's own engine sees the restored data at once
        assert s.scalar(select(func.sum(Payment.amount_fen))) == 150_00
        reasons = s.scalars(select(BackupRecord.reason).order_by(BackupRecord.id)).all()
    assert reasons[-2:] == ["before-restore", "restore"]
    con = sqlite3.connect(live)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    assert inspect_backup(good).ok and not inspect_backup(corrupt).ok


def test_restore_needs_the_restore_permission(db_url, session_factory, tmp_path):
    manager = make_user(session_factory, Role.MANAGER)
    out = backups.backup_to(db_url, tmp_path / "b.sqlite3")
    with pytest.raises(DomainError) as info:
        backups.restore_database(db_url, out, actor=manager)
    assert info.value.code == "auth.permission_denied"
    admin = make_user(session_factory, Role.ADMIN)
    report = backups.restore_database(db_url, out, actor=admin, folder=tmp_path / "safety")
    assert report.safety_backup is not None and report.safety_backup.exists()
    assert backups.restore_database(db_url, out, actor=CLI_USER, folder=tmp_path / "safety").revision


def test_a_backup_is_never_written_over_the_live_database(db_url):
    with pytest.raises(DomainError) as info:
        backups.backup_to(db_url, sqlite_path(db_url))
    assert info.value.code == "backup.target_is_database"
    with pytest.raises(DomainError):
        backups.backup_to(db_url, f"{sqlite_path(db_url)}-wal")


@pytest.mark.postgres
def test_postgresql_restore_from_pg_dump(pg_url, pg_engine, tmp_path):
    """Restore into a new database, check it, then switch by renaming (the old one is kept, renamed)."""
    import shutil

    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    from sqlalchemy.engine import make_url

    factory = make_session_factory(pg_engine)
    clerk = make_user(factory, Role.CLERK)
    room = make_room_with_bills(factory, months=3, monthly_fen=100_00)
    _pay(factory, clerk, room.room_id, 120_00)
    dump = backups.backup_to(pg_url, tmp_path / "office.dump")
    _pay(factory, clerk, room.room_id, 30_00)
    pg_engine.dispose()
    admin_url = make_url(pg_url).set(database="postgres").render_as_string(hide_password=False)
    admin = make_engine(admin_url).execution_options(isolation_level="AUTOCOMMIT")
    name = make_url(pg_url).database
    try:
        with pytest.raises(DomainError) as info:  # a foreign file
            backups.restore_database(pg_url, tmp_path / "x.sqlite3", actor=clerk)
        holder = make_engine(pg_url).connect()  # another desk still connected: refused, nothing changed
        with pytest.raises(DomainError) as info:
            backups.restore_database(pg_url, dump, actor=CLI_USER, folder=tmp_path / "safety")
        assert info.value.code in ("restore.in_use", "auth.user_required")
        holder.close()
        holder.engine.dispose()
        admin_user = make_user(factory, Role.ADMIN)
        pg_engine.dispose()
        with admin.connect() as c:  # "close the program on every desk" (the fixtures' pooled connections)
            c.execute(text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :d "
                           "AND pid <> pg_backend_pid()"), {"d": name})
        report = backups.restore_database(pg_url, dump, actor=admin_user, folder=tmp_path / "safety")
        assert report.replaced_database and report.replaced_database.startswith(f"{name}_old_")
        check = make_engine(pg_url)
        with check.connect() as c:
            assert c.execute(select(func.sum(Payment.amount_fen))).scalar() == 120_00
        check.dispose()
    finally:
        with admin.connect() as c:
            for db in c.execute(text("SELECT datname FROM pg_database WHERE datname LIKE :p"),
                                {"p": f"{name}\\_%"}).scalars().all():
                c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        admin.dispose()
