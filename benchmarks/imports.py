"""Importing a 50,000-row rooms-and-owners roster: preview (read + check) and commit.

The workbook is generated in the scenario (mixed room shapes, phones with spaces and two
numbers in a cell, areas with units, a title row) and imported into a fresh database.
The raw-SQL floor is the DB-API ``executemany`` of the same rows into the same tables.
"""

from __future__ import annotations

import sqlite3
import time
from datetime import date
from pathlib import Path

from cuijiao_desktop.db.engine import make_engine, make_session_factory, sqlite_url
from cuijiao_desktop.db.migrate import prepare_database

from . import Context, Result, scenario

ROWS = 50_000
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


def write_roster(path: Path, rows: int = ROWS) -> Path:
    """A realistic roster of ``rows`` rooms in 125 buildings × 4 units (write-only openpyxl)."""
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("业主名册")
    ws.append(["金色家园业主信息表"])
    ws.append(["制表人：王芳", None, None, None, "日期：2026-01-05"])
    ws.append(["序号", "楼栋", "单元", "房号", "业主姓名", "联系电话", "建筑面积(㎡)", "入住状态", "备注"])
    shapes = ("{b}栋", "{b}#", "{b}号楼", "{b}")
    states = ("已入住", "空置", "出租", "装修", None)
    for i in range(rows):
        b, u = i // 400 + 1, (i // 100) % 4 + 1
        room = f"{(i % 100) // 4 + 1}{i % 4 + 1:02d}"
        name = _SURNAMES[i % len(_SURNAMES)] + (" " if i % 13 == 0 else "") + _GIVEN[(i * 7) % len(_GIVEN)]
        phone = f"1{3 + i % 7}{i:09d}"
        phones = f"{phone[:3]} {phone[3:7]} {phone[7:]}" if i % 3 == 0 else phone
        if i % 10 == 0:
            phones += f" / 0571-8{i % 10_000_000:07d}"
        area = f"{80 + i % 60}.{i % 100:02d}" + ("㎡" if i % 5 == 0 else "")
        ws.append([i + 1, shapes[i % 4].format(b=b), f"{u}单元", room, name, phones, area, states[i % 5],
                   "长期在外" if i % 50 == 0 else None])
    wb.save(path)
    return path


def _fresh_db(path: Path) -> str:
    for old in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        old.unlink(missing_ok=True)
    url = sqlite_url(path)
    prepare_database(url)
    return url


def _raw_floor(path: Path, rooms: int, persons: int, contacts: int) -> float:
    """DB-API executemany of the same number of rows into room, person, room_person and contact."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("PRAGMA foreign_keys=ON")
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("INSERT INTO estate (code, name, address, phone, version) VALUES ('F', 'floor', '', '', 1)")
        eid = conn.execute("SELECT id FROM estate WHERE code = 'F'").fetchone()[0]
        conn.execute("INSERT INTO building (estate_id, name, sort_order, version) VALUES (?, 'F', 0, 1)", (eid,))
        bid = conn.execute("SELECT max(id) FROM building").fetchone()[0]
        start = time.perf_counter()
        conn.executemany(
            "INSERT INTO room (estate_id, building_id, code, number, area_centi_m2, usage, occupancy, direct_debit,"
            " note, version) VALUES (?, ?, ?, ?, 8000, 'residential', 'occupied', 0, '', 1)",
            [(eid, bid, f"F-{i}", str(i)) for i in range(rooms)])
        first_room = conn.execute("SELECT min(id) FROM room WHERE estate_id = ?", (eid,)).fetchone()[0]
        conn.executemany("INSERT INTO person (name, name_initials, note, version) VALUES (?, 'x', '', 1)",
                         [(f"P{i}",) for i in range(persons)])
        first_person = conn.execute("SELECT min(id) FROM person WHERE name = 'P0'").fetchone()[0]
        conn.executemany("INSERT INTO room_person (room_id, person_id, role, pays_fees, version) "
                         "VALUES (?, ?, 'owner', 0, 1)",
                         [(first_room + i, first_person + i) for i in range(persons)])
        conn.executemany("INSERT INTO contact (person_id, kind, value, last4, relation, contact_name, is_primary,"
                         " valid, version) VALUES (?, 'mobile', '13800138000', '8000', 'self', '', 1, 1, 1)",
                         [(first_person + i % persons,) for i in range(contacts)])
        conn.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        conn.close()


@scenario("import_rooms_50k", slow=True)
def import_rooms(ctx: Context) -> Result:
    """Import a 50,000-row roster: preview (target < 5 s), then commit (target < 10 s)."""
    from cuijiao_desktop.importing.headers import ImportKind, detect_header
    from cuijiao_desktop.importing.readers import read_sheet
    from cuijiao_desktop.services.dto import CLI_USER
    from cuijiao_desktop.services.imports import commit_import, plan_import

    rows = 5_000 if ctx.quick else ROWS
    book = write_roster(ctx.workdir / "roster_50k.xlsx", rows)
    db = ctx.workdir / "import_50k.sqlite3"
    engine = make_engine(_fresh_db(db))
    factory = make_session_factory(engine)
    today = date(2026, 2, 1)
    try:
        start = time.perf_counter()
        sheet = read_sheet(book)
        read_s = time.perf_counter() - start
        guess = detect_header(ImportKind.ROOMS, sheet.rows)
        with factory() as s:
            plan = plan_import(s, sheet, guess, today=today)
        preview_s = time.perf_counter() - start
        start = time.perf_counter()
        with factory.begin() as s:
            result = commit_import(s, sheet, guess, actor=CLI_USER, today=today, accept_valid=True, preview=plan)
        commit_s = time.perf_counter() - start
    finally:
        engine.dispose()
    floor = _raw_floor(db, result.rooms_created, result.persons_created, result.contacts_created)
    detail = (f"read {read_s:.2f} s (calamine), preview {preview_s:.2f} s (target 5), commit {commit_s:.2f} s "
              f"(target 10; compares with the database again inside the transaction); {plan.created:,} created, "
              f"{plan.rejected_count} rejected; {result.persons_created:,} persons, "
              f"{result.contacts_created:,} contacts; raw executemany floor {floor:.2f} s")
    return Result(f"import_rooms_{rows // 1000}k", preview_s + commit_s, rows, db.stat().st_size, detail,
                  floor_seconds=floor, target_seconds=15.0)
