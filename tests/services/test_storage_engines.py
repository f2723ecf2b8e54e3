"""Issue 14, item 1: both engines give the same numbers, as ``int`` fen, and bulk loaders leave the
PostgreSQL sequences right. ``Decimal(231648) == 231648`` is true in Python, so every money value is
checked for its type as well as its value."""

from __future__ import annotations

import csv
import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from factories import make_user
from sqlalchemy import select

from cuijiao_desktop.db import models as m
from cuijiao_desktop.db.engine import make_engine, make_session_factory, sqlite_url
from cuijiao_desktop.db.migrate import prepare_database
from cuijiao_desktop.domain.enums import PaymentMethod, Role
from cuijiao_desktop.domain.labels_zh import ARREARS_ZH
from cuijiao_desktop.domain.money import format_money
from cuijiao_desktop.reports.arrears_xlsx import write_arrears_csv, write_arrears_xlsx
from cuijiao_desktop.services import auth, demo, exports, overview, payments, room_ledger, rooms, search
from cuijiao_desktop.services.arrears import query_arrears, totals
from cuijiao_desktop.services.late_fees import room_late_fees

TODAY = date(2026, 11, 23)


def fen_problems(value, path: str = "result") -> list[str]:
    """Every money field (``*_fen``, or a tuple of them) anywhere in ``value`` that is not an ``int``."""
    found: list[str] = []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            v = getattr(value, f.name)
            if f.name.endswith("_fen"):
                items = v if isinstance(v, tuple | list) else (v,)
                found += [f"{path}.{f.name} = {x!r} ({type(x).__name__})" for x in items
                          if x is not None and (isinstance(x, bool) or not isinstance(x, int))]
            else:
                found += fen_problems(v, f"{path}.{f.name}")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value[:50]):
            found += fen_problems(item, f"{path}[{i}]")
    elif isinstance(value, dict):
        for k, item in list(value.items())[:50]:
            if isinstance(k, str) and k.endswith("_fen") and not isinstance(item, int):
                found.append(f"{path}[{k!r}] = {item!r}")
            found += fen_problems(item, f"{path}[{k!r}]")
    elif isinstance(value, Decimal):
        found.append(f"{path} = {value!r} (Decimal)")
    return found


def test_the_checker_finds_a_decimal():
    @dataclasses.dataclass
    class Row:
        total_fen: object
        bucket_fen: tuple

    assert fen_problems(Row(Decimal(231648), (1, Decimal(2)))) == [
        "result.total_fen = Decimal('231648') (Decimal)", "result.bucket_fen = Decimal('2') (Decimal)"]
    assert fen_problems(Row(231648, (1, 2))) == []
    with pytest.raises(TypeError):
        format_money(Decimal(231648))  # the formatter refuses anything but int fen: the services must convert


@pytest.fixture
def demo_db(db_kind, engine, session_factory):
    demo.build_demo(engine, rooms=60, months=8, seed=5, today=TODAY)
    return session_factory


def test_every_money_value_is_int_fen_at_the_service_boundary(db_kind, demo_db, read_factory):
    with read_factory.begin() as s:
        rows = query_arrears(s, today=TODAY)
        assert rows and fen_problems(rows) == []
        assert isinstance(totals(rows).total_fen, int)
        room_id = rows[0].room_id
        results = {
            "overview": overview.office_overview(s, today=TODAY),
            "balance": payments.room_balance(s, room_id),
            "ledger": room_ledger.room_ledger(s, room_id=room_id, today=TODAY),
            "payment context": room_ledger.payment_context(s, room_id=room_id, today=TODAY),
            "rooms page": rooms.list_rooms(s, today=TODAY),
            "room arrears": rooms.room_arrears(s, [r.room_id for r in rows], today=TODAY),
            "search": search.search(s, rows[0].room, today=TODAY),
            "late fees": room_late_fees(s, room_id),
        }
        paid = s.scalar(select(m.Payment.id).order_by(m.Payment.id).limit(1))
        results["receipt"] = room_ledger.receipt_document(s, payment_id=paid)
    for name, value in results.items():
        assert fen_problems(value, name) == [], name
    arrears = results["room arrears"]
    assert all(type(v) is int for v in arrears.values())
    assert results["overview"].arrears_fen == sum(r.total_fen for r in rows)


def test_demo_database_takes_new_rows(db_kind, demo_db, session_factory):
    """The demo writes its ids itself: afterwards the sequences must be past them (PostgreSQL)."""
    admin = make_user(session_factory, Role.ADMIN, "new_admin")  # a new user
    clerk = make_user(session_factory, Role.CLERK, "new_clerk")
    with session_factory() as s:
        room_id = s.scalar(select(m.Bill.room_id).where(m.Bill.paid_fen < m.Bill.amount_fen).limit(1))
    with session_factory.begin() as s:  # a payment: payment, allocation, audit rows, receipt number
        receipt = payments.record_payment(s, actor=clerk, room_id=room_id, amount_fen=100_00, paid_on=TODAY,
                                          method=PaymentMethod.WECHAT, today=TODAY)
    assert receipt.receipt_no.startswith("SK")
    with session_factory.begin() as s:
        auth.create_user(s, actor=admin, username="qiantai9", display_name="新前台", role=Role.CLERK,
                         password="qiantai-9-pass")
        s.add(m.Estate(code="NEW", name="新小区"))
    with session_factory() as s:
        assert payments.ledger_discrepancies(s) == []


def _export(factory, folder: Path) -> tuple[bytes, list[tuple], list]:
    with factory() as s:
        rows = exports.arrears_rows(s, actor=make_user_cached(factory), today=TODAY)
    folder.mkdir(parents=True, exist_ok=True)
    write_arrears_csv(rows, folder / "a.csv")
    write_arrears_xlsx(rows, folder / "a.xlsx", title="欠费明细", subtitle="截至 2026-11-23")
    ws = openpyxl.load_workbook(folder / "a.xlsx").active
    return (folder / "a.csv").read_bytes(), [tuple(c.value for c in r) for r in ws.iter_rows()], rows


_USERS: dict[int, object] = {}


def make_user_cached(factory):
    key = id(factory)
    if key not in _USERS:
        _USERS[key] = make_user(factory, Role.MANAGER, f"export_{key % 10_000}")
    return _USERS[key]


@pytest.mark.postgres
def test_arrears_export_is_identical_on_both_engines(pg_engine, tmp_path):
    """The report: room 1-1-301 exported 231648 on PostgreSQL where SQLite gave 2316.48, and the
    totals row was 0. The same demo on both engines now exports the same bytes and values."""
    sqlite_file = tmp_path / "office.sqlite3"
    prepare_database(sqlite_url(sqlite_file))
    lite = make_engine(sqlite_url(sqlite_file))
    try:
        for eng in (lite, pg_engine):
            demo.build_demo(eng, rooms=80, months=10, seed=7, today=TODAY)
        lite_csv, lite_cells, lite_rows = _export(make_session_factory(lite), tmp_path / "sqlite")
        pg_csv, pg_cells, pg_rows = _export(make_session_factory(pg_engine), tmp_path / "postgresql")
    finally:
        lite.dispose()
    assert len(lite_rows) > 10
    assert fen_problems(pg_rows) == [] and fen_problems(lite_rows) == []
    assert pg_csv == lite_csv
    assert pg_cells == lite_cells
    header = next(i for i, r in enumerate(pg_cells) if r[0] == "小区")
    money = pg_cells[header].index(ARREARS_ZH)  # the one word for the overdue amount (domain.labels_zh)
    first = pg_cells[header + 1]
    assert isinstance(first[money], float | int) and first[money] == pytest.approx(lite_rows[0].total_fen / 100)
    total_row = pg_cells[-1]
    assert total_row[money] == pytest.approx(sum(r.total_fen for r in pg_rows) / 100) and total_row[money] > 0
    text = pg_csv.decode("utf-8-sig").splitlines()
    assert str(csv.reader([text[1]]).__next__()[6]).count(".") == 1  # yuan with fen, not fen as yuan
