"""Opening a room ledger on the 50,000-room × 120-month database.

The room is the one with the most collection history (contact events), so it has 120
months of bills, its payments and a long timeline. ``ledger_open`` is
``services.room_ledger.room_ledger`` plus filling the page's four table models; its floor
replays the very SELECT statements the service sends, in a raw ``sqlite3`` cursor.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date

from . import Context, Result, demo_50k_database, median_seconds, scenario


def _busiest_room(path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT room_id FROM contact_event GROUP BY room_id ORDER BY count(*) DESC, room_id LIMIT 1"
        ).fetchone()[0]


@scenario("ledger_open", slow=True)
def ledger_open(ctx: Context) -> Result:
    """Open the ledger of a room with 120 months and a long history (target < 0.2 s)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    from sqlalchemy import event
    from sqlalchemy.orm import Session

    from cuijiao_desktop.db.engine import make_engine, sqlite_url
    from cuijiao_desktop.services.room_ledger import room_ledger
    from cuijiao_desktop.views.models.ledger_models import (
        LedgerGridModel,
        PaymentLinesModel,
        PaymentsModel,
        TimelineModel,
    )

    app = QApplication.instance() or QApplication([])  # noqa: F841 (models need an application)
    path = demo_50k_database(ctx)
    room_id = _busiest_room(path)
    engine = make_engine(sqlite_url(path))
    session = Session(engine)
    today = date.today()
    grid, pays, lines, timeline = LedgerGridModel(), PaymentsModel(), PaymentLinesModel(), TimelineModel()

    def open_ledger():
        ledger = room_ledger(session, room_id=room_id, today=today)
        session.rollback()
        grid.set_rows(ledger.rows, ledger.fee_items, today)
        pays.set_rows(ledger.payments)
        lines.set_rows(ledger.payments[0].lines if ledger.payments else ())
        timeline.set_rows(ledger.timeline)
        return ledger

    statements: list[tuple[str, tuple]] = []

    def capture(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, tuple(parameters or ())))

    event.listen(engine, "before_cursor_execute", capture)
    ledger = open_ledger()
    event.remove(engine, "before_cursor_execute", capture)
    selects = [s for s in statements if s[0].lstrip().upper().startswith("SELECT")]
    seconds = median_seconds(open_ledger, repeat=7)
    session.close()
    engine.dispose()

    raw = sqlite3.connect(path)

    def floor() -> None:
        for sql, params in selects:
            raw.execute(sql, params).fetchall()

    floor_seconds = median_seconds(floor, repeat=7)
    raw.close()
    bills = len(ledger.cells)
    return Result(
        "ledger_open", seconds, bills,
        detail=f"room {ledger.header.room_code}: {len(ledger.rows)} months, {bills} bills, "
               f"{len(ledger.payments)} payments, {len(ledger.timeline)} timeline entries; "
               f"{len(selects)} statements",
        floor_seconds=floor_seconds, target_seconds=0.2,
    )
