"""Front desk at operator size (50,000 rooms × 120 months): search per keystroke and the rooms page.

Each figure is printed beside the floor of the same lookups in raw SQL (``sqlite3``,
no ORM, no DTOs), measured in the same run.
"""

from __future__ import annotations

import sqlite3
from datetime import date

from . import Context, Result, demo_50k_database, median_seconds, scenario

#: What clerks type, keystroke by keystroke: room numbers, codes, names, initials, phone tails.
QUERIES = ("1", "15", "150", "1502", "3-2-15", "3-2-1502", "3栋1502", "张", "张三", "王芳", "三", "z", "zs",
           "8000", "13800138000")


_DB: list = []


def _database(ctx: Context):
    """The 50k database, prepared (backed up and upgraded) once per run, not once per scenario."""
    if not _DB:
        _DB.append(demo_50k_database(ctx))
    return _DB[0]


def _session(path):
    from sqlalchemy.orm import Session

    from cuijiao_desktop.db.engine import make_engine, sqlite_url

    engine = make_engine(sqlite_url(path))
    return engine, Session(engine)


def _raw_search(conn: sqlite3.Connection, q: str, today: str) -> int:
    """The same lookups as the service, hand-written: the floor of one keystroke."""
    from cuijiao_desktop.domain.rooms import parse_room_query

    rows: list[int] = []
    rq = parse_room_query(q) if q[0].isdigit() else None
    if rq is not None and rq.room is not None:
        joins, where, params = "", "", []
        if rq.building is not None:
            joins += " JOIN building b ON b.id = r.building_id"
            where += " AND b.name = ?"
            params.append(rq.building)
        if rq.unit is not None:
            joins += " JOIN unit u ON u.id = r.unit_id"
            where += " AND u.name = ?"
            params.append(rq.unit)
        p = rq.room
        rows += [r[0] for r in conn.execute(
            f"SELECT r.id FROM room r{joins} WHERE r.number = ?{where} ORDER BY r.id LIMIT 20",
            (p, *params))]
        rows += [r[0] for r in conn.execute(
            f"SELECT r.id FROM room r{joins} WHERE r.number > ? AND r.number < ?{where} "
            "ORDER BY r.number, r.id LIMIT 20", (p, p[:-1] + chr(ord(p[-1]) + 1), *params))]
    if q.isdigit():
        rows += [r[0] for r in conn.execute(
            "SELECT rp.room_id FROM contact c JOIN room_person rp ON rp.person_id = c.person_id "
            "WHERE c.last4 = ? AND rp.end_date IS NULL", (q[-4:],))]
    if q[0].isdigit():
        pass  # rooms and phones done above
    elif q.isascii():
        hi = q[:-1] + chr(ord(q[-1]) + 1)
        rows += [r[0] for r in conn.execute(
            "SELECT rp.room_id FROM person p JOIN room_person rp ON rp.person_id = p.id "
            "WHERE p.name_initials >= ? AND p.name_initials < ? AND rp.end_date IS NULL "
            "ORDER BY p.name_initials, p.id LIMIT 20", (q, hi))]
    else:
        hi = q[:-1] + chr(ord(q[-1]) + 1)
        rows += [r[0] for r in conn.execute(
            "SELECT rp.room_id FROM person p JOIN room_person rp ON rp.person_id = p.id "
            "WHERE p.name >= ? AND p.name < ? AND rp.end_date IS NULL ORDER BY p.name, p.id LIMIT 20", (q, hi))]
    ids = ",".join(str(i) for i in rows[:20]) or "0"
    conn.execute(f"SELECT room_id, sum(amount_fen - discount_fen - paid_fen - waived_fen) FROM bill "
                 f"WHERE room_id IN ({ids}) AND amount_fen > paid_fen + discount_fen + waived_fen "
                 f"AND due_date < ? GROUP BY room_id", (today,)).fetchall()
    return len(rows)


@scenario("search_per_keystroke", slow=True)
def search_per_keystroke(ctx: Context) -> Result:
    """Search as you type on 50k rooms: the worst median over realistic queries (target 0.05 s)."""
    from cuijiao_desktop.services.search import search

    path = _database(ctx)
    today = date.today()
    engine, session = _session(path)
    worst, worst_q, per_query = 0.0, "", []
    try:
        for q in QUERIES:
            t = median_seconds(lambda q=q: search(session, q, limit=20, today=today), repeat=5)
            per_query.append(f"{q} {t * 1000:.1f}")
            if t > worst:
                worst, worst_q = t, q
        hits = len(search(session, worst_q, limit=20, today=today))
    finally:
        session.close()
        engine.dispose()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        floor = max(median_seconds(lambda q=q: _raw_search(conn, q, today.isoformat()), repeat=5) for q in QUERIES)
    finally:
        conn.close()
    return Result("search_per_keystroke", worst, rows=hits, floor_seconds=floor, target_seconds=0.05,
                  detail=f"worst {worst_q!r}; ms per query: " + ", ".join(per_query))


@scenario("rooms_page", slow=True)
def rooms_page(ctx: Context) -> Result:
    """The rooms page on 50k rooms: open (first 100, natural order), re-sort, next page (0.2 s / 0.05 s)."""
    from cuijiao_desktop.services.rooms import RoomFilter, list_rooms

    path = _database(ctx)
    today = date.today()
    engine, session = _session(path)
    try:
        open_t = median_seconds(lambda: list_rooms(session, filters=RoomFilter(), sort="code", offset=0, limit=100,
                                                   today=today), repeat=5)
        next_t = median_seconds(lambda: list_rooms(session, filters=RoomFilter(), sort="code", offset=100,
                                                   limit=100, today=today), repeat=5)
        sorts = {}
        for key in ("area", "owner", "arrears"):
            sorts[key] = median_seconds(lambda key=key: list_rooms(session, filters=RoomFilter(), sort=key,
                                                                   descending=True, limit=100, today=today),
                                        repeat=3)
        filtered = median_seconds(lambda: list_rooms(session, filters=RoomFilter(has_arrears=True), limit=100,
                                                     today=today), repeat=3)
        total = list_rooms(session, filters=RoomFilter(), limit=1, today=today).total
    finally:
        session.close()
        engine.dispose()
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        floor = median_seconds(lambda: (
            conn.execute("SELECT count(*) FROM room").fetchall(),
            conn.execute("SELECT r.id FROM room r JOIN building b ON b.id = r.building_id LEFT JOIN unit u "
                         "ON u.id = r.unit_id ORDER BY r.estate_id, b.sort_order, b.name, coalesce(u.name, ''), "
                         "length(r.number), r.number, r.id LIMIT 100").fetchall()), repeat=5)
    finally:
        conn.close()
    detail = (f"open {open_t * 1000:.0f} ms, next page {next_t * 1000:.0f} ms, "
              + ", ".join(f"sort by {k} {v * 1000:.0f} ms" for k, v in sorts.items())
              + f", filter in arrears {filtered * 1000:.0f} ms (targets: open 200 ms, next page/sort 50 ms)")
    return Result("rooms_page", open_t, rows=total, floor_seconds=floor, target_seconds=0.2, detail=detail)
