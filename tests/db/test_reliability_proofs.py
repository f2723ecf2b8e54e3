"""Issue 14, item 8: the reliability proofs, each on SQLite and on PostgreSQL, printed by the suite
(``proofs (issue 14)`` at the end of the run; ``$CUIJIAO_PROOFS_FILE`` keeps a copy).

- 4 processes × 200 payments to one room: every payment present, the ledger balanced;
- two clerks editing one owner: the second gets a conflict, the first save is kept;
- a writer SIGKILLed at random moments 50 times: 0 corrupt, 0 unbalanced, 0 acknowledged commits lost;
- a backup taken during writes restores and balances.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import signal
import sqlite3
import tempfile
import time
from pathlib import Path

import pytest
from factories import make_room_with_bills, make_user
from proofs import record_proof
from reliability_workers import pay, pay_until_killed
from sqlalchemy import func, select, text

from cuijiao_desktop.db.engine import make_engine, make_session_factory, sqlite_path, sqlite_url
from cuijiao_desktop.db.models import Bill, Payment, Person
from cuijiao_desktop.domain.enums import Role
from cuijiao_desktop.domain.errors import ConflictError
from cuijiao_desktop.services import rooms
from cuijiao_desktop.services.backups import backup_to, restore_database
from cuijiao_desktop.services.dto import CLI_USER
from cuijiao_desktop.services.payments import ledger_discrepancies, room_balance

pytestmark = [
    pytest.mark.both_engines,
    pytest.mark.skipif("forkserver" not in mp.get_all_start_methods(), reason="SIGKILL and the fork server are POSIX"),
]

PROCESSES, EACH, AMOUNT = 4, 200, 7_00
KILLS, AT_ONCE = 50, 5


#: Workers write their tracebacks here (set before the fork server starts, which keeps its environment).
_ERRORS = Path(tempfile.mkdtemp(prefix="cuijiao-workers-")) / "errors.txt"
os.environ["CUIJIAO_WORKER_ERRORS"] = str(_ERRORS)


@pytest.fixture(autouse=True)
def worker_errors():
    """A failing test shows the workers' tracebacks."""
    _ERRORS.unlink(missing_ok=True)
    return _ERRORS


def _errors(path: Path) -> str:
    return path.read_text(encoding="utf-8")[-3000:] if path.exists() else ""


def _forkserver() -> mp.context.BaseContext:
    """Processes that start in milliseconds: a fork server with the program's modules loaded once."""
    ctx = mp.get_context("forkserver")
    ctx.set_forkserver_preload(["reliability_workers", "cuijiao_desktop.services.payments",
                                "cuijiao_desktop.db.engine"])
    return ctx


@pytest.mark.slow
def test_four_processes_two_hundred_payments_each_to_one_room(db_kind, db_url, session_factory, worker_errors):
    clerk = make_user(session_factory, Role.CLERK)
    room = make_room_with_bills(session_factory, months=24, monthly_fen=50_00)
    ctx = _forkserver()
    started = time.perf_counter()
    procs = [ctx.Process(target=pay, args=(db_url, room.room_id, clerk.id, clerk.token, EACH, AMOUNT))
             for _ in range(PROCESSES)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(300)
        assert p.exitcode == 0, _errors(worker_errors)
    seconds = time.perf_counter() - started
    total = PROCESSES * EACH
    with session_factory() as s:
        assert s.scalar(select(func.count()).select_from(Payment)) == total
        numbers = sorted(int(r[-6:]) for r in s.scalars(select(Payment.receipt_no)))
        assert numbers == list(range(1, total + 1))  # every payment, gap-free receipt numbers
        bal = room_balance(s, room.room_id)
        assert bal.paid_fen + bal.credit_fen == total * AMOUNT
        assert bal.paid_fen == 24 * 50_00  # all bills paid, the rest prepaid: nothing over-allocated
        assert s.scalar(select(func.max(Bill.paid_fen))) <= 50_00
        assert ledger_discrepancies(s) == []
    record_proof("1 concurrent payments", db_kind,
                 f"{PROCESSES} processes x {EACH} payments to one room in {seconds:.1f} s: {total}/{total} present, "
                 f"receipt numbers 1..{total} gap-free, ledger balanced")


def test_two_clerks_editing_one_owner(db_kind, session_factory):
    a, b = make_user(session_factory, Role.CLERK, "clerk_a"), make_user(session_factory, Role.CLERK, "clerk_b")
    room = make_room_with_bills(session_factory, months=1)
    with session_factory() as s:
        person_id = s.scalar(select(Person.id).limit(1))
    with session_factory() as s:  # both open the owner's dialog
        draft_a = rooms.get_person_draft(s, person_id)
    with session_factory() as s:
        draft_b = rooms.get_person_draft(s, person_id)
    with session_factory.begin() as s:  # A saves first
        rooms.save_person(s, actor=a, draft=_with(draft_a, note="A：已电话联系，月底缴清"))
    with pytest.raises(ConflictError), session_factory.begin() as s:  # B's form still has the old version
        rooms.save_person(s, actor=b, draft=_with(draft_b, note="B：空置"))
    with session_factory() as s:
        assert s.get(Person, person_id).note == "A：已电话联系，月底缴清"
    assert room.room_id
    record_proof("2 two clerks, one owner", db_kind,
                 "the second save gets a conflict (reload and retry), the first save is kept")


def _with(draft, **changes):
    import dataclasses

    return dataclasses.replace(draft, **changes)


def _integrity(db_url: str) -> str:
    path = sqlite_path(db_url)
    if path is None:
        engine = make_engine(db_url)
        try:  # PostgreSQL: every table readable to its end (no server-side damage)
            with engine.connect() as c:
                tables = c.execute(text("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")).scalars()
                for t in list(tables):
                    c.execute(text(f"SELECT count(*) FROM {t}")).scalar()
            return "ok"
        finally:
            engine.dispose()
    con = sqlite3.connect(path)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


@pytest.mark.slow
def test_writers_killed_at_random_moments(db_kind, db_url, session_factory, tmp_path, worker_errors):
    clerk = make_user(session_factory, Role.CLERK)
    room_ids = [make_room_with_bills(session_factory, months=12, monthly_fen=30_00, code=f"1-1-{100 + i}").room_id
                for i in range(4)]
    ctx = _forkserver()
    rng = random.Random(14)
    acked: set[str] = set()
    kills = corrupt = 0
    started = time.perf_counter()
    while kills < KILLS:
        round_ = []
        try:
            for k in range(AT_ONCE):
                ack = tmp_path / f"ack-{kills}-{k}.txt"
                ready = ctx.Event()
                proc = ctx.Process(target=pay_until_killed, daemon=True,
                                   args=(db_url, room_ids, clerk.id, clerk.token, str(ack), ready))
                proc.start()
                round_.append((proc, ready, ack))
            for proc, ready, _ack in round_:
                assert ready.wait(60), f"a writer did not start: {_errors(worker_errors)}"
            for proc, _ready, _ack in round_:
                time.sleep(rng.uniform(0, 0.12))  # a random moment: between, inside or committing a transaction
                assert proc.is_alive(), _errors(worker_errors)
                os.kill(proc.pid, signal.SIGKILL)
            for proc, _ready, ack in round_:
                proc.join(30)
                assert proc.exitcode == -signal.SIGKILL, _errors(worker_errors)
                acked |= set(ack.read_text().split())
                kills += 1
        finally:
            for proc, _ready, _ack in round_:
                if proc.is_alive():
                    proc.kill()
        if _integrity(db_url) != "ok":
            corrupt += 1
    seconds = time.perf_counter() - started
    with session_factory() as s:
        present = set(s.scalars(select(Payment.receipt_no)))
        problems = ledger_discrepancies(s)
    lost = acked - present
    assert (corrupt, len(problems), len(lost)) == (0, 0, 0), (problems[:3], sorted(lost)[:3])
    assert len(acked) > KILLS
    with session_factory.begin() as s:  # and the database goes on working
        s.add(Person(name="新业主", name_initials="xyz"))
    record_proof("3 writers killed", db_kind,
                 f"{kills} writers SIGKILLed at random moments ({len(acked)} acknowledged payments, "
                 f"{len(present)} in the ledger) in {seconds:.1f} s: 0 corrupt, 0 unbalanced, 0 acknowledged lost")


def _fresh_target(db_kind: str, db_url: str, tmp_path: Path):
    """A second, empty database of the same engine to restore into; and how to remove it."""
    from cuijiao_desktop.db.migrate import prepare_database

    if db_kind == "sqlite":
        url = sqlite_url(tmp_path / "restored.sqlite3")
        prepare_database(url)
        return url, lambda: None
    from sqlalchemy.engine import make_url

    base = make_url(db_url)
    name = f"{base.database}_proof"
    admin = make_engine(base.set(database="postgres").render_as_string(hide_password=False)).execution_options(
        isolation_level="AUTOCOMMIT")

    def drop_all() -> None:
        with admin.connect() as c:
            for db in c.execute(text("SELECT datname FROM pg_database WHERE datname LIKE :p"),
                                {"p": f"{name}%"}).scalars().all():
                c.exec_driver_sql(f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
        admin.dispose()

    drop_all()
    admin = make_engine(base.set(database="postgres").render_as_string(hide_password=False)).execution_options(
        isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.exec_driver_sql(f'CREATE DATABASE "{name}"')
    url = base.set(database=name).render_as_string(hide_password=False)
    prepare_database(url)
    return url, drop_all


@pytest.mark.slow
def test_a_backup_taken_during_writes_restores_and_balances(db_kind, db_url, session_factory, tmp_path):
    import shutil

    if db_kind == "postgresql" and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    clerk = make_user(session_factory, Role.CLERK)
    room_ids = [make_room_with_bills(session_factory, months=12, monthly_fen=30_00, code=f"2-1-{100 + i}").room_id
                for i in range(3)]
    ctx = _forkserver()
    stop = ctx.Event()
    writers = []
    for k in range(2):
        ready = ctx.Event()
        p = ctx.Process(target=pay_until_killed, daemon=True,
                        args=(db_url, room_ids, clerk.id, clerk.token, str(tmp_path / f"w{k}.txt"), ready, stop))
        p.start()
        writers.append((p, ready))
    for _p, ready in writers:
        assert ready.wait(60)
    time.sleep(0.3)
    suffix = ".sqlite3" if db_kind == "sqlite" else ".dump"
    backup = backup_to(db_url, tmp_path / f"during-writes{suffix}")
    time.sleep(0.3)
    stop.set()
    for p, _ready in writers:
        p.join(60)
        assert p.exitcode == 0
    with session_factory() as s:
        live = s.scalar(select(func.count()).select_from(Payment))
    target, cleanup = _fresh_target(db_kind, db_url, tmp_path)
    try:
        report = restore_database(target, backup, actor=CLI_USER, folder=tmp_path / "safety")
        engine = make_engine(target)
        try:
            with make_session_factory(engine)() as s:
                restored = s.scalar(select(func.count()).select_from(Payment))
                problems = ledger_discrepancies(s)
        finally:
            engine.dispose()
    finally:
        cleanup()
    assert problems == [] and 0 < restored <= live
    assert report.safety_backup is not None
    record_proof("4 backup during writes", db_kind,
                 f"backup taken while 2 processes were paying ({restored} of {live} payments in it), restored into "
                 f"a new database: integrity ok, ledger balanced")
