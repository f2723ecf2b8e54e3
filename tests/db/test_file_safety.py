"""Issue 14, item 0: the SQLite file is never corrupted by the app's own process.

On Linux a process loses every lock on a file when any of its code closes any descriptor of that
file. Qt's file dialogs read the ``-wal`` and ``-shm`` (and, for content sniffing, the database) to
find MIME types, which dropped the app's locks; the next process to open and close the database
then deleted the app's ``-wal`` (payments invisible, ``disk I/O error``, ``malformed``).

This process plays the app: the real engine with a pooled connection and the real dialog code
paths (both dialogs shown on the folder that holds the database, detail view, every file's type and
icon asked for). Other processes open and close the same file: a real ``cuijiao`` command, a second
desk reaching its log-in, a ``cuijiao import``. The ``-wal`` must survive, each side must see the
other's commits, and ``integrity_check`` must pass. The control test runs the same sequence after
the unsafe call of the report (a content MIME look-up of the database) and shows that the test
would catch it.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from factories import make_room_with_bills, make_user
from PySide6.QtCore import QFileInfo, QMimeDatabase
from PySide6.QtWidgets import QApplication, QFileDialog
from sqlalchemy import func, select

from cuijiao_desktop.db.engine import make_engine, make_session_factory, sqlite_path
from cuijiao_desktop.db.filelocks import locks_intact
from cuijiao_desktop.db.models import Payment
from cuijiao_desktop.domain.enums import PaymentMethod, Role
from cuijiao_desktop.services.backups import backup_to
from cuijiao_desktop.services.payments import ledger_discrepancies, record_payment
from cuijiao_desktop.views.dialogs import file_dialogs

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.sqlite_only,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX lock semantics, proved on Linux"),
]


def _other_process(code: str) -> str:
    """Run ``code`` in a new Python process (another desk or command); returns its stdout."""
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip()


def _paid_total_elsewhere(url: str) -> int:
    return int(_other_process(
        "from sqlalchemy import func, select\n"
        "from cuijiao_desktop.db.engine import make_engine\n"
        "from cuijiao_desktop.db.models import Payment\n"
        f"e = make_engine({url!r})\n"
        "with e.connect() as c: print(c.execute(select(func.coalesce(func.sum(Payment.amount_fen), 0))).scalar())\n"
        "e.dispose()\n"))


def _second_desk_reaches_log_in(url: str) -> None:
    _other_process(
        "from cuijiao_desktop.db.engine import make_engine, make_read_session_factory\n"
        "from cuijiao_desktop.services import auth\n"
        f"e = make_engine({url!r})\n"
        "with make_read_session_factory(e).begin() as s: assert auth.has_users(s)\n"
        "e.dispose()\n")


def _pay_elsewhere(url: str, room_id: int, user) -> None:
    _other_process(
        "from datetime import date\n"
        "from cuijiao_desktop.db.engine import make_engine, make_session_factory\n"
        "from cuijiao_desktop.domain.enums import PaymentMethod, Role\n"
        "from cuijiao_desktop.services.dto import UserDTO\n"
        "from cuijiao_desktop.services.payments import record_payment\n"
        f"e = make_engine({url!r})\n"
        f"u = UserDTO.of({user.id}, {user.username!r}, 'x', Role.CLERK, token={user.token!r})\n"
        "with make_session_factory(e).begin() as s:\n"
        f"    record_payment(s, actor=u, room_id={room_id}, amount_fen=123_00, paid_on=date(2026, 5, 2),\n"
        "                   method=PaymentMethod.CASH, today=date(2026, 5, 2))\n"
        "e.dispose()\n")


def _cli(url: str, *args: str) -> None:
    out = subprocess.run([sys.executable, "-m", "cuijiao_desktop.cli", "--db", url, *args], cwd=ROOT,
                         capture_output=True, text=True, timeout=120, check=False,
                         env=dict(os.environ, QT_QPA_PLATFORM="offscreen"))
    assert out.returncode == 0, out.stderr[-2000:]


def _show_the_apps_dialogs_on(folder: Path, qapp: QApplication) -> None:
    """The export (save) and import (open) dialogs as the app makes them, in the folder of the
    database, in the detail view (types), until the folder is listed; then every file's type and icon."""
    shown = []
    for mode in ("save", "open"):
        dialog = file_dialogs.make_dialog(None, "t", mode=mode, purpose="test", filters="All files (*)",
                                          suggested_name="欠费明细.xlsx", show_databases=True)
        dialog.setDirectory(str(folder))
        dialog.setViewMode(QFileDialog.ViewMode.Detail)
        dialog.show()
        shown.append(dialog)
    end = time.monotonic() + 1.5
    while time.monotonic() < end:
        qapp.processEvents()
        time.sleep(0.01)
    provider = file_dialogs.SafeIconProvider()
    for p in folder.iterdir():
        provider.icon(QFileInfo(str(p)))
        provider.type(QFileInfo(str(p)))
        file_dialogs.file_type_name(p.name)
    for dialog in shown:
        dialog.close()
        dialog.deleteLater()
    qapp.processEvents()


def _roster(path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["楼栋", "单元", "房号", "业主", "电话", "面积"])
    ws.append(["9栋", "1单元", "101", "赵六", "13800138001", 90])
    wb.save(path)
    return path


def _the_sequence_of_the_report(db_url: str, session_factory, engine, qapp, unsafe) -> dict:
    """The report's sequence: (1) a file dialog on the database's folder, (2) a ``cuijiao`` command,
    (3) a second desk reaching its log-in, then payments on both sides, a backup from the app, a
    ``cuijiao import``, and the checks. ``unsafe`` is the dialog step."""
    db = sqlite_path(db_url)
    assert db is not None
    clerk = make_user(session_factory, Role.CLERK)
    room = make_room_with_bills(session_factory, months=12, monthly_fen=100_00)
    with session_factory.begin() as s:  # the app has taken payments: its pool holds an open connection
        record_payment(s, actor=clerk, room_id=room.room_id, amount_fen=3350_02, paid_on=date(2026, 5, 1),
                       method=PaymentMethod.CASH, today=date(2026, 5, 1), confirmed_large=True)
    assert Path(f"{db}-wal").exists()
    assert locks_intact(db) is True
    facts: dict = {}
    unsafe()                                               # (1)
    facts["locks_after_dialog"] = locks_intact(db)
    _cli(db_url, "db", "status")                            # (2)
    _second_desk_reaches_log_in(db_url)                     # (3)
    facts["wal_after_others"] = Path(f"{db}-wal").exists()
    with session_factory.begin() as s:                      # the app takes another payment
        record_payment(s, actor=clerk, room_id=room.room_id, amount_fen=123_00, paid_on=date(2026, 5, 1),
                       method=PaymentMethod.CASH, today=date(2026, 5, 1))
    facts["others_see"] = _paid_total_elsewhere(db_url)
    _pay_elsewhere(db_url, room.room_id, clerk)             # another desk takes one
    with session_factory() as s:
        facts["app_sees"] = int(s.scalar(select(func.sum(Payment.amount_fen))))
    return facts


def test_the_apps_dialogs_never_touch_the_database(db_url, session_factory, engine, qapp, tmp_path):
    db = sqlite_path(db_url)
    facts = _the_sequence_of_the_report(db_url, session_factory, engine, qapp,
                                        lambda: _show_the_apps_dialogs_on(db.parent, qapp))
    assert facts == {"locks_after_dialog": True, "wal_after_others": True,
                     "others_see": 3350_02 + 123_00, "app_sees": 3350_02 + 2 * 123_00}
    backup = backup_to(db_url, tmp_path / "bk" / "copy.sqlite3")  # the backup that failed with disk I/O error
    _cli(db_url, "import", "rooms", str(_roster(tmp_path / "名册.xlsx")), "--estate", "测试花园")
    assert locks_intact(db) is True and Path(f"{db}-wal").exists()
    engine.dispose()
    for path in (db, backup):
        con = sqlite3.connect(path)
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        con.close()
    check = make_engine(db_url)
    with make_session_factory(check)() as s:
        assert ledger_discrepancies(s) == []
        assert int(s.scalar(select(func.sum(Payment.amount_fen)))) == 3350_02 + 2 * 123_00
    check.dispose()


def test_control_the_unsafe_lookup_of_the_report_is_caught(db_url, session_factory, engine, qapp):
    """The same sequence after one content MIME look-up of the database (what the platform's dialogs
    do): the app's locks are gone and the next process deletes its ``-wal``. The checks above would fail."""
    db = sqlite_path(db_url)
    facts = _the_sequence_of_the_report(
        db_url, session_factory, engine, qapp,
        lambda: QMimeDatabase().mimeTypeForFile(str(db), QMimeDatabase.MatchMode.MatchContent))
    assert facts["locks_after_dialog"] is False
    assert facts["wal_after_others"] is False
    engine.dispose()


def test_qts_own_dialog_reads_the_side_files_but_ours_does_not(tmp_path, qapp):
    """Why the dialogs go through ``file_dialogs``: Qt's default icon provider reads ``-wal``/``-shm``
    to find their type (no extension tells it), which is exactly what drops the locks."""
    db = tmp_path / "cuijiao.sqlite3"
    url = f"sqlite:///{db}"
    eng = make_engine(url)
    with eng.begin() as c:
        c.exec_driver_sql("CREATE TABLE t (x INTEGER)")
    conn = eng.connect()
    conn.exec_driver_sql("SELECT count(*) FROM t").all()
    conn.commit()
    assert locks_intact(db) is True
    _show_the_apps_dialogs_on(tmp_path, qapp)
    assert locks_intact(db) is True
    dialog = QFileDialog(None, "t", str(tmp_path), "All files (*)")  # Qt's own, as the app used it before
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.show()
    end = time.monotonic() + 1.5
    while time.monotonic() < end and locks_intact(db):
        qapp.processEvents()
        time.sleep(0.01)
    dialog.close()
    assert locks_intact(db) is False
    conn.close()
    eng.dispose()


def test_database_files_are_hidden_and_refused(db_url, engine, tmp_path, qapp, monkeypatch):
    db = sqlite_path(db_url)
    assert not file_dialogs.visible_in_dialogs(db, show_databases=True)  # the live one: never
    assert not file_dialogs.visible_in_dialogs(f"{db}-wal", show_databases=True)
    assert not file_dialogs.visible_in_dialogs(tmp_path / "other.sqlite3")
    assert file_dialogs.visible_in_dialogs(tmp_path / "other.sqlite3", show_databases=True)  # a backup
    assert file_dialogs.visible_in_dialogs(tmp_path / "名册.xlsx")
    assert file_dialogs.start_folder("test-never-used") != db.parent
    warned = []
    monkeypatch.setattr(file_dialogs.QMessageBox, "warning", lambda *a: warned.append(a[2]))
    monkeypatch.setattr(QFileDialog, "exec", lambda self: QFileDialog.DialogCode.Accepted)
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda self: [str(db)])
    assert file_dialogs.open_file(None, "t", purpose="test", filters="*", show_databases=True) is None
    assert warned and str(db) in warned[0]
    out = tmp_path / "exports"
    out.mkdir()
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda self: [str(out / "x.xlsx")])
    assert file_dialogs.save_file(None, "t", purpose="test", suggested_name="x.xlsx", filters="*") == out / "x.xlsx"
    assert file_dialogs.start_folder("test") == out  # remembered
    monkeypatch.setattr(QFileDialog, "selectedFiles", lambda self: [str(tmp_path / "x.xlsx")])
    assert file_dialogs.save_file(None, "t", purpose="test", suggested_name="x.xlsx", filters="*") is not None
    assert file_dialogs.start_folder("test") != tmp_path  # the folder of the live database: never a start
