"""The arrears table at operator size (50,000 rooms × 120 months): open, re-sort, filter.

Opening is ``query_arrears`` plus what the page does with the result (the empty filter, the
default sort by total arrears, the model reset); its floor replays the very statements the
service sends, in a raw ``sqlite3`` cursor. Sorting and filtering run on the loaded Python list;
their floors sort and filter plain tuples with the same keys.
"""

from __future__ import annotations

import os
import sqlite3
import statistics
import time
from datetime import date
from operator import itemgetter

from . import Context, Result, demo_50k_database, median_seconds, scenario

_STATE: dict = {}


def _qt() -> None:
    """A GUI application for the table model (offscreen: no display needed)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        _STATE["app"] = QApplication([])


def _loaded(ctx: Context) -> dict:
    """The database, a session and the rows, prepared once per run for the three scenarios."""
    if not _STATE.get("path"):
        from sqlalchemy import event
        from sqlalchemy.orm import Session

        from cuijiao_desktop.db.engine import make_engine, sqlite_url
        from cuijiao_desktop.services.arrears import query_arrears

        path = demo_50k_database(ctx)
        engine = make_engine(sqlite_url(path))
        session = Session(engine)
        statements: list[tuple[str, tuple]] = []

        def capture(conn, cursor, statement, parameters, context, executemany):
            statements.append((statement, tuple(parameters or ())))

        event.listen(engine, "before_cursor_execute", capture)
        today = date.today()
        rows = query_arrears(session, today=today)
        event.remove(engine, "before_cursor_execute", capture)
        session.rollback()
        _STATE.update(path=path, engine=engine, session=session, today=today, rows=rows,
                      statements=[s for s in statements if s[0].lstrip().upper().startswith("SELECT")])
    return _STATE


@scenario("arrears_open", slow=True)
def arrears_open(ctx: Context) -> Result:
    """Open the arrears table: every room in arrears aggregated in SQL, into the model (target < 0.4 s)."""
    _qt()
    from PySide6.QtCore import Qt

    from cuijiao_desktop.services.arrears import ArrearsFilter, filter_rows, query_arrears
    from cuijiao_desktop.views.models.arrears_model import ArrearsTableModel

    st = _loaded(ctx)
    session, today = st["session"], st["today"]
    model = ArrearsTableModel()
    model.sort(ArrearsTableModel.Column.TOTAL, Qt.SortOrder.DescendingOrder)

    def open_table() -> None:
        rows = query_arrears(session, today=today)
        session.rollback()
        model.set_rows(filter_rows(rows, ArrearsFilter()), new_data=True)

    seconds = median_seconds(open_table, repeat=5)
    raw = sqlite3.connect(st["path"])

    def floor() -> None:
        for sql, params in st["statements"]:
            raw.execute(sql, params).fetchall()

    floor_seconds = median_seconds(floor, repeat=5)
    raw.close()
    plan = sqlite3.connect(st["path"]).execute("EXPLAIN QUERY PLAN " + st["statements"][-1][0],
                                               st["statements"][-1][1]).fetchall()
    uses_index = any("ix_bill_unpaid" in row[3] for row in plan)
    return Result("arrears_open", seconds, len(st["rows"]),
                  detail=f"{len(st['rows']):,} rooms in arrears, {len(st['statements'])} statements; "
                         f"bills read through ix_bill_unpaid: {'yes' if uses_index else 'NO'}",
                  floor_seconds=floor_seconds, target_seconds=0.4)


@scenario("arrears_sort", slow=True)
def arrears_sort(ctx: Context) -> Result:
    """Re-sort the loaded arrears table by total arrears and by owner (target < 0.05 s each)."""
    _qt()
    from PySide6.QtCore import Qt

    from cuijiao_desktop.views.models.arrears_model import ArrearsTableModel

    rows = _loaded(ctx)["rows"]
    model = ArrearsTableModel()
    model.set_rows(rows, new_data=True)
    col = ArrearsTableModel.Column

    def resort(column: int, order: Qt.SortOrder) -> float:
        """Median time of sorting by ``column``, each time starting from the order by room."""
        times = []
        for _ in range(7):
            model.sort(col.ROOM, Qt.SortOrder.AscendingOrder)
            start = time.perf_counter()
            model.sort(column, order)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    by_total = resort(col.TOTAL, Qt.SortOrder.DescendingOrder)
    by_owner = resort(col.OWNER, Qt.SortOrder.AscendingOrder)
    by_room = resort(col.ROOM, Qt.SortOrder.DescendingOrder)
    tuples = [(r.total_fen, r.owner_initials, r.owner) for r in rows]
    floor_total = median_seconds(lambda: sorted(tuples, key=itemgetter(0), reverse=True))
    floor_owner = median_seconds(lambda: sorted(tuples, key=itemgetter(1, 2)))
    return Result("arrears_sort", max(by_total, by_owner), len(rows),
                  detail=f"by total {by_total * 1000:.1f} ms (floor {floor_total * 1000:.1f}), by owner "
                         f"{by_owner * 1000:.1f} ms (floor {floor_owner * 1000:.1f}), by room {by_room * 1000:.1f} ms",
                  floor_seconds=max(floor_total, floor_owner), target_seconds=0.05)


@scenario("arrears_filter", slow=True)
def arrears_filter(ctx: Context) -> Result:
    """Filter the loaded arrears table by building, ageing bucket and amount, with footer totals (< 0.05 s)."""
    _qt()
    from collections import Counter

    from PySide6.QtCore import Qt

    from cuijiao_desktop.domain.money import format_money
    from cuijiao_desktop.services.arrears import ArrearsFilter, filter_rows, totals
    from cuijiao_desktop.views.models.arrears_model import ArrearsTableModel

    rows = _loaded(ctx)["rows"]
    building = Counter(r.building_id for r in rows).most_common(1)[0][0]
    in_building = [r for r in rows if r.building_id == building]
    bucket = Counter(r.age_bucket for r in in_building).most_common(1)[0][0]
    amounts = sorted(r.total_fen for r in in_building if r.age_bucket == bucket)
    min_fen = amounts[len(amounts) // 2]  # the larger half of them
    flt = ArrearsFilter(building_id=building, bucket=bucket, min_fen=min_fen)
    model = ArrearsTableModel()
    model.sort(ArrearsTableModel.Column.TOTAL, Qt.SortOrder.DescendingOrder)
    model.set_rows(rows, new_data=True)
    found: list = []

    def apply() -> None:
        found[:] = filter_rows(rows, flt)
        totals(found)
        model.set_rows(found)

    seconds = median_seconds(apply)
    also_text = median_seconds(lambda: filter_rows(rows, ArrearsFilter(text="3栋15")))
    tuples = [(r.building_id, r.age_bucket, r.total_fen) for r in rows]
    floor = median_seconds(lambda: [t for t in tuples if t[0] == building and t[1] == bucket and t[2] >= min_fen])
    return Result("arrears_filter", seconds, len(found),
                  detail=f"{len(found)} of {len(rows):,} rows (building, {bucket.name}, ≥ {format_money(min_fen)}); "
                         f"quick text '3栋15' over all rows {also_text * 1000:.1f} ms",
                  floor_seconds=floor, target_seconds=0.05)
