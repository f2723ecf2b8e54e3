"""Save screenshots of the main pages, the front-desk screens and the import wizard.

    python scripts/screenshots.py --out docs/screenshots --db URL [--user NAME] [--lang zh_CN|en]
                                  [--today YYYY-MM-DD] [--size WxH] [--search TEXT] [--room ID]
                                  [--tz Asia/Shanghai] [--db-label TEXT]

Opens the program on ``URL`` (a demo database) as a demo user (signed in through
``services.auth.login``, without the dialog) and writes ``NN-name.png`` files:

01 sign-in, 02–09 the pages of the navigation, 10 a new office's first start,
11 the search popup, 12 the room dialog, 13–15 a room's ledger (bills, payments,
collection history), 16 the payment dialog with its allocation preview, 17 the payment
recorded, 18 the first page of its receipt PDF (needs ``pdftoppm``), 19 the arrears list
filtered, 20–21 the import wizard (columns, check) on a messy workbook written here,
22 设置 → 收费项目 and 23 the wizard's fee-items page for a bills workbook in the office's words,
24 the billing run's preview of next month, 25 a room ledger whose prepaid credit paid that month's bills,
26 Qt's own file dialog in Chinese,
31–34 the print room (a notice batch with its preview, delivery proof, a board, the templates),
50–52 the call form, the contact log and the promises, 55–60 the cases list, a case with its ladder,
an instalment plan, the split preview, service issues and the ladder settings,
61–63 the visit calendar (a week, a day by staff lanes) and a visit's outcome form,
70–71 报表's 汇总 table under the dashboards and the building map, 73 the 导出 tab,
40–44 the administrator's screens (users, service centre with a seal drawn here, audit log, the
idle lock, the database and its backups). (30-*.png, the print room's documents, come from
``scripts/print_room_pngs.py``.)

The room of 12–18 is one in arrears with the richest history (fee items, part payments,
notices, visits, promises), chosen through the services. The payment of 17 is really
recorded, so run this on a throw-away database: scripts/screenshots.sh builds one and
starts Xvfb. Database work runs on a SyncTaskRunner, so every load has finished before a
picture is taken. UI settings and receipts go to a temporary folder, never to the user's own.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from datetime import time as dtime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPoint, QSettings
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QApplication, QWidget

from cuijiao_desktop.app import choose_ui_font, create_application, demo_user_hint, install_translators
from cuijiao_desktop.settings import UiSettings
from cuijiao_desktop.tasks import SyncTaskRunner

PAGE_NAMES = ("workbench", "owners", "arrears", "contacts", "visits", "notices", "reports", "settings")
#: Search texts tried in turn for the popup shot: the first with 5–10 hits is shown.
SEARCH_CANDIDATES = ("5-1-3", "wl", "1502", "zs", "lj", "张")
#: The arrears rooms (largest first) among which the ledger room is chosen.
LEDGER_CANDIDATES = 150


def _settle(app: QApplication, widget: QWidget) -> None:
    for _ in range(5):
        app.processEvents()
    widget.repaint()
    app.processEvents()


def _save(widget: QWidget, path: Path, *, popups: tuple[QWidget, ...] = ()) -> None:
    """Write ``widget`` to ``path``; visible ``popups`` (separate windows) are painted where they are."""
    pixmap: QPixmap = widget.grab()
    if popups:
        origin = widget.mapToGlobal(QPoint(0, 0))
        painter = QPainter(pixmap)
        for popup in popups:
            if popup.isVisible():
                painter.drawPixmap(popup.mapToGlobal(QPoint(0, 0)) - origin, popup.grab())
        painter.end()
    if not pixmap.save(str(path)):
        raise SystemExit(f"could not write {path}")
    print(f"wrote {path}")


def choose_search_text(factory, today: date) -> str:
    """The first of SEARCH_CANDIDATES that finds 5–10 rooms (else the first)."""
    from cuijiao_desktop.services import search

    with factory() as session:
        for text in SEARCH_CANDIDATES:
            if 5 <= len(search.search(session, text, limit=20, today=today)) <= 10:
                return text
    return SEARCH_CANDIDATES[0]


def choose_ledger_room(factory, today: date) -> int:
    """A room in arrears with a rich history: several fee items, part payments, many kinds of events."""
    from cuijiao_desktop.services import arrears, room_ledger
    from cuijiao_desktop.services.room_ledger import CellStatus

    best: tuple[int, int] | None = None
    with factory() as session:
        rows = sorted(arrears.query_arrears(session, today=today), key=lambda r: (-r.total_fen, r.room_id))
        for row in rows[:LEDGER_CANDIDATES]:
            ledger = room_ledger.room_ledger(session, room_id=row.room_id, today=today)
            kinds = {entry.kind for entry in ledger.timeline}
            part_paid = sum(1 for r in ledger.rows for c in r.cells if c is not None and c.status == CellStatus.PART_PAID)
            score = (10 * len(kinds) + 6 * min(len(ledger.fee_items), 3) + 4 * min(part_paid, 3)
                     + min(len(ledger.payments), 12) + (4 if ledger.header.tenant else 0)
                     + (4 if ledger.header.stage is not None else 0))
            if best is None or score > best[0]:
                best = (score, row.room_id)
    if best is None:
        raise SystemExit("no room is in arrears: is this a demo database?")
    return best[1]


def payment_amount_text(bills) -> str:
    """An amount that settles the oldest bills and part of the next (whole yuan), as a clerk types it."""
    if not bills:
        return "500"
    outstanding = [b.outstanding_fen for b in bills]
    fen = sum(outstanding[:3]) + (outstanding[3] // 2 if len(outstanding) > 3 else 0)
    return str(max(fen // 100, 1))


def write_messy_rooms_workbook(path: Path) -> Path:
    """A rooms-and-owners workbook as offices keep them: title rows, odd headers, subtotals, mistakes."""
    import openpyxl  # only when the wizard shots are taken

    header = ["序号", "楼号", "单元", "房间号", "业主姓名", "联系电话", "建筑面积(㎡)", "入住状态", "物业费单价", "备注"]
    rows = [
        [1, "20栋", "1单元", "101", "周建华", "138 0013 8001", "89.37", "已入住", "2.20", None],
        [2, "２０#", "1", "１０２室", "吴丽娟", "+86 139 0013 9002", "120.5㎡", "出租", "2.20", None],
        [3, "20栋", "1单元", "201", "郑 强", "0571-81234567、13600136003", 95, "空置", "2.20", "长期空置"],
        [None] * 10,
        [4, "二十号楼", "1", "0202", "冯晓梅", 13500135004, 60.0, None, "2.20", None],
        ["小计", None, None, None, None, None, 364.87, None, None, None],
        [5, "20栋", "2单元", None, "陈志明", "13300133005", "70", None, "2.20", "房号待补"],
        [6, "20栋", "2单元", "abc", "褚卫东", "13800138006", "80", None, "2.20", None],
        [7, "20栋", "2单元", "302", "卫红/蒋芳", "1380013800", "0", "入住了", "2.20", None],
        [8, "20栋", "2单元", "401", "沈国平", "12345", "-5", None, "2.20", None],
        [9, "20栋", "1单元", "101", "周建华", "13800138001", "89.37", None, "2.20", "重复登记"],
        [10, "21栋", None, "101", "韩雪", "13700137010", "102.66", "已入住", "2.20", "商铺"],
        ["合计", None, None, None, None, None, 434.87, None, None, None],
        ["制表人：王芳    审核：李主管", None, None, None, None, None, None, None, None, None],
    ]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "业主信息"
    ws["A1"] = "锦绣花园二期业主信息登记表"
    ws.merge_cells("A1:J1")
    ws["A2"] = "制表人：王芳"
    ws["G2"] = "日期：2026-01-05"
    ws.append([])
    ws.append(header)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def render_pdf_page(pdf: Path, png: Path) -> bool:
    """The first page of ``pdf`` as ``png`` at 110 dpi (pdftoppm); False when pdftoppm is missing."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        print(f"pdftoppm not found (poppler-utils): {png.name} not written", file=sys.stderr)
        return False
    subprocess.run([tool, "-png", "-r", "110", "-singlefile", "-f", "1", "-l", "1", str(pdf),
                    str(png.with_suffix(""))], check=True)
    print(f"wrote {png}")
    return True


def _demo_credentials(user: str | None, password: str | None) -> tuple[str, str, list[str]]:
    try:
        from cuijiao_desktop.services import demo
    except ImportError:
        demo = None
    demo_users = demo_user_hint(demo.DEMO_USERS) if demo is not None else []
    if user is None:
        if demo is None:
            raise SystemExit("--user is needed (cuijiao_desktop.services.demo is not available)")
        managers = [u[0] for u in demo.DEMO_USERS if str(u[2]) == "manager"]
        user = managers[0] if managers else demo.DEMO_USERS[0][0]
    if password is None:
        if demo is None:
            raise SystemExit("--password is needed (cuijiao_desktop.services.demo is not available)")
        password = demo.DEMO_PASSWORD
    return user, password, demo_users


def front_desk_shots(app: QApplication, window, ctx: dict) -> None:
    """11–21: search, room dialog, ledger, payment and receipt, filtered arrears, import wizard."""
    from PySide6.QtTest import QTest

    from cuijiao_desktop.services import rooms as rooms_service
    from cuijiao_desktop.views.actions import ActionId
    from cuijiao_desktop.views.dialogs.import_wizard import ImportWizard
    from cuijiao_desktop.views.dialogs.payment_dialog import PaymentDialog
    from cuijiao_desktop.views.dialogs.room_edit_dialog import RoomEditDialog
    from cuijiao_desktop.views.pages.room_ledger_page import system_font_dirs

    out: Path = ctx["out"]
    runner, factory, user, today = ctx["runner"], ctx["factory"], ctx["user"], ctx["today"]
    tmp: Path = ctx["tmp"]
    room_id: int = ctx["room_id"]

    # 11: the search popup under the toolbar box, as typed (over the owners page: the workbench shows the clock).
    window.show_page(1)
    window.activateWindow()
    window.search_box.setFocus()
    QTest.keyClicks(window.search_box, ctx["search_text"])
    window.search.run_query()  # the debounce timer would fire 100 ms later
    QTest.qWait(400)  # the box's clear button fades in
    _settle(app, window)
    _save(window, out / "11-search.png", popups=(window.search.popup,))
    window.search.hide_popup()
    window.search_box.clear()
    window.search_box.clearFocus()
    QTest.qWait(400)  # … and out

    # 12: 编辑房屋 for the ledger room, loaded as the owners page loads it.
    window.show_page(1)
    _settle(app, window)
    with factory() as session:
        detail = rooms_service.get_room_detail(session, room_id)
        estates = rooms_service.room_filter_options(session).estates
    dialog = RoomEditDialog(runner, user, estates=estates, detail=detail, parent=window)
    dialog.show()
    _settle(app, dialog)
    _save(dialog, out / "12-room-edit.png")
    dialog.reject()

    # 13–15: the room's ledger, one picture per tab.
    window.open_room(room_id)
    ledger = window.room_ledger_page
    for index, name in enumerate(("ledger-bills", "ledger-payments", "ledger-history")):
        ledger.tabs.setCurrentIndex(index)
        _settle(app, window)
        _save(window, out / f"{13 + index:02d}-{name}.png")
    ledger.tabs.setCurrentIndex(0)

    # 19: the arrears list of one estate and one collector (16–18 change the data, so they come last).
    window.show_page(2)
    arrears = window.pages[ActionId.NAV_ARREARS]
    arrears.estate_combo.setCurrentIndex(1)
    arrears.collector_combo.setCurrentIndex(min(2, arrears.collector_combo.count() - 1))  # 0 any, 1 nobody
    _settle(app, window)
    _save(window, out / "19-arrears-filtered.png")
    arrears.clear_filters()

    # 20–21: the import wizard on a messy workbook: its columns page and its check page.
    book = write_messy_rooms_workbook(tmp / "锦绣花园二期业主信息.xlsx")
    wizard = ImportWizard(runner, user, today=today, settings=ctx["settings"], parent=window)
    wizard.show()
    source = wizard.source_page
    source.kind_box.setCurrentIndex(0)
    source.file_edit.setText(str(book))
    source.load_sheet_names()
    source.estate_box.setEditText("锦绣花园二期")
    _settle(app, wizard)
    wizard.next()
    _settle(app, wizard)
    _save(wizard, out / "20-import-columns.png")
    wizard.next()
    _settle(app, wizard)
    _save(wizard, out / "21-import-check.png")
    wizard.reject()  # nothing imported

    # 16–18: 收款 with the allocation preview, then recorded, then the first page of the receipt.
    window.open_room(room_id)
    _settle(app, window)
    pay = PaymentDialog(runner, user, room_id, today=today, receipts_folder=ctx["receipts"], paper="a5",
                        font_dirs=system_font_dirs(), parent=ledger)
    pay.show()
    _settle(app, pay)
    pay.amount_edit.setFocus()
    QTest.keyClicks(pay.amount_edit, payment_amount_text(pay.context.bills if pay.context else ()))
    _settle(app, pay)
    _save(pay, out / "16-payment.png")
    pay.confirm_button.click()
    _settle(app, pay)
    _save(pay, out / "17-payment-done.png")
    if pay.receipt_path is None:
        raise SystemExit(f"the receipt PDF was not written: {pay.done_page.pdf_status.text()}")
    render_pdf_page(pay.receipt_path, out / "18-receipt.png")
    pay.accept()


def seal_picture() -> bytes:
    """A red round seal drawn here (PNG bytes), for the office tab's picture."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
    from PySide6.QtGui import QColor, QFont, QImage, QPen

    image = QImage(240, 240, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    red = QColor("#C8161D")
    p.setPen(QPen(red, 9))
    p.drawEllipse(QRectF(10, 10, 220, 220))
    p.setPen(red)
    font = QFont(QApplication.font())
    font.setPixelSize(52)
    p.setFont(font)
    p.drawText(QRectF(0, 80, 240, 70), Qt.AlignmentFlag.AlignCenter, "★")
    font.setPixelSize(26)
    font.setBold(True)
    p.setFont(font)
    p.drawText(QRectF(0, 150, 240, 40), Qt.AlignmentFlag.AlignCenter, "财务专用章")
    p.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


def security_shots(app: QApplication, ctx: dict) -> None:
    """40 设置 → 用户, 41 服务中心信息 (with a seal), 42 审计日志, 43 the idle lock, 44 设置 → 数据库, as the
    demo administrator."""
    from cuijiao_desktop.db.engine import describe_url
    from cuijiao_desktop.services import auth, office
    from cuijiao_desktop.services.demo import DEMO_PASSWORD
    from cuijiao_desktop.views.main_window import MainWindow

    out, factory, runner = ctx["out"], ctx["factory"], ctx["runner"]
    with factory.begin() as session:
        admin = auth.login(session, username="admin", password=DEMO_PASSWORD)
    with factory.begin() as session:
        office.set_office_image(session, actor=admin, key="office.seal_image", data=seal_picture())
    window = MainWindow(runner, admin, ctx["settings"], db_url=ctx["db_url"],
                        db_description=ctx["db_label"] or describe_url(ctx["db_url"]), today=lambda: ctx["today"])
    window.resize(*ctx["size"])
    window.show()
    window.show_page(len(PAGE_NAMES) - 1)
    page = window.current_page()
    for offset, name in enumerate(("users", "office", "audit-log")):
        page.tabs.setCurrentIndex(offset + 1)
        _settle(app, window)
        _save(window, out / f"{40 + offset:02d}-{name}.png")
    page.tabs.setCurrentWidget(window.database_section)  # 44 设置 → 数据库: the connection and the backups
    _settle(app, window)
    _save(window, out / "44-database.png")
    window.screen_lock.lock()
    _settle(app, window)
    _save(window, out / "43-lock.png")
    window.screen_lock.form.password.setText(DEMO_PASSWORD)
    window.screen_lock.unlock()
    window.close()


def write_bills_in_own_words(path: Path, rooms: list[str], today: date) -> Path:
    """An opening bills list naming the fee items in the office's own words (物业费, 停车费, 公摊 …)."""
    import openpyxl  # only when the wizard shots are taken

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "期初欠费"
    ws.append(["锦绣花园期初欠费明细"])
    ws.append(["房号", "收费科目", "计费月份", "本期应收", "实收金额", "收款时间"])
    period = f"{today.year}-{today.month:02d}"
    for n, code in enumerate(rooms):
        ws.append([code, "物业费", period, 196.61, 196.61 if n % 2 else None, today.isoformat() if n % 2 else None])
        ws.append([code, "垃圾费", period, 15, None, None])
        ws.append([code, "停车费" if n % 2 else "车位费", period, 80, None, None])
        ws.append([code, "水费", period, 32.8, None, None])
        ws.append([code, "公摊", period, 12.37, None, None])
    wb.save(path)
    return path


def fee_items_shots(app: QApplication, window, ctx: dict) -> None:
    """30: 设置 → 收费项目 with the property fee selected; 31: the import wizard's fee-items page."""
    from sqlalchemy import select

    from cuijiao_desktop.db import models as m
    from cuijiao_desktop.importing.headers import ImportKind
    from cuijiao_desktop.views.actions import ActionId
    from cuijiao_desktop.views.dialogs.import_wizard import ImportWizard
    from cuijiao_desktop.views.pages.fee_items_section import FeeItemsSection

    out: Path = ctx["out"]
    runner, factory, user, today = ctx["runner"], ctx["factory"], ctx["user"], ctx["today"]

    window.show_page(PAGE_NAMES.index("settings"))
    settings_page = window.pages[ActionId.NAV_SETTINGS]
    tabs = settings_page.tabs
    section = next(tabs.widget(i) for i in range(tabs.count()) if isinstance(tabs.widget(i), FeeItemsSection))
    tabs.setCurrentWidget(section)
    _settle(app, window)
    section.items_view.selectRow(0)
    _settle(app, window)
    _save(window, out / "22-settings-fee-items.png")

    with factory() as session:
        estate, = session.execute(select(m.Estate.id, m.Estate.name).order_by(m.Estate.id).limit(1)).all()
        rooms = list(session.scalars(select(m.Room.code).where(m.Room.estate_id == estate.id)
                                     .order_by(m.Room.id).limit(6)))
    book = write_bills_in_own_words(ctx["tmp"] / f"{estate.name}期初欠费.xlsx", rooms, today)
    wizard = ImportWizard(runner, user, today=today, settings=ctx["settings"], parent=window)
    wizard.show()
    source = wizard.source_page
    source.kind_box.setCurrentIndex(source.kind_box.findData(ImportKind.BILLS))
    source.file_edit.setText(str(book))
    source.load_sheet_names()
    source.estate_box.setEditText(estate.name)
    wizard.next()
    wizard.next()
    _settle(app, wizard)
    if wizard.currentPage() is not wizard.fee_items_page:
        raise SystemExit("the wizard did not show its fee-items page")
    _save(wizard, out / "23-import-fee-items.png")
    wizard.reject()  # nothing imported


def _wait_for_pdf(app: QApplication, window, seconds: float = 2.0) -> None:
    """QPdfView renders pages in the background: give it time before the picture."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.05)
    _settle(app, window)


def print_room_shots(app: QApplication, window, ctx: dict) -> None:
    """31–34: the print room (通知与公示): a listed batch with its preview, the delivery form with a
    looked-up notice, an arrears board preview, the template editor. Nothing is recorded."""
    from cuijiao_desktop.db.models import Notice
    from cuijiao_desktop.views.actions import NAV_IDS, ActionId

    out: Path = ctx["out"]
    page = window.pages[ActionId.NAV_NOTICES]
    window.show_page(NAV_IDS.index(ActionId.NAV_NOTICES))
    _settle(app, window)
    batch = page.batch
    batch.building_combo.setCurrentIndex(min(1, batch.building_combo.count() - 1))
    batch.plan()
    batch.table.selectRow(0)
    batch.preview()
    _wait_for_pdf(app, window)
    _save(window, out / "31-notices-batch.png")

    from sqlalchemy import select

    with ctx["factory"]() as session:
        serial = session.scalar(select(Notice.serial).where(  # a notice left at the door: no proof yet
            Notice.signed_receipt.is_(False), Notice.tracking_no == "", Notice.proof_path == "", Notice.level >= 6)
            .order_by(Notice.issued_at.desc()).limit(1))
    page.show_tab(page.delivery)
    if serial:
        page.delivery.serial_edit.setText(serial)
        page.delivery.look_up()
    page.delivery.way_combo.setCurrentIndex(page.delivery.way_combo.findData("family"))
    page.delivery.receiver_edit.setText("王芳")
    _settle(app, window)
    _save(window, out / "32-notices-delivery.png")

    page.show_tab(page.boards)
    page.boards.activate()
    page.boards.building_combo.setCurrentIndex(min(1, page.boards.building_combo.count() - 1))
    page.boards.preview()
    _wait_for_pdf(app, window)
    _save(window, out / "33-notices-board.png")

    page.show_tab(page.templates)
    page.templates.activate()
    page.templates.levels.setCurrentRow(5)
    _settle(app, window)
    _save(window, out / "34-notices-templates.png")


def collection_shots(app: QApplication, window, ctx: dict) -> None:
    """50–52 (issue 10): the call form with a promise typed, the contact log, the promises (the arrears
    page, 04, shows a collector's call list: whole numbers, own cases first, the limitation column)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from cuijiao_desktop.views.actions import ActionId

    out: Path = ctx["out"]
    room_id: int = ctx["room_id"]

    # 50: F6 on the ledger room: outcome 1 (promised), the coming 20th (or the 28th late in a month), Tab, amount;
    # at 10:30 in the morning, so the picture does not depend on the clock (no quiet-hours warning)
    window._now = lambda: datetime.combine(ctx["today"], dtime(10, 30)).astimezone()
    window.open_room(room_id)
    _settle(app, window)
    window.log_contact(room_id)
    dialog = window.call_dialog
    _settle(app, dialog)
    QTest.keyClick(dialog.outcome.buttons[next(iter(dialog.outcome.buttons))], Qt.Key.Key_1)
    QTest.keyClicks(dialog.promise_date, "28" if ctx["today"].day > 20 else "20")
    dialog.note_edit.setText("业主说月底发工资后到前台缴清")
    dialog.promise_amount.setFocus()
    dialog.promise_amount.selectAll()
    _settle(app, dialog)
    _save(dialog, out / "50-call-form.png")
    dialog.reject()

    # 51–52: 催缴记录, its two tabs
    window.show_page(3)
    page = window.pages[ActionId.NAV_CONTACTS]
    page.tabs.setCurrentIndex(0)
    _settle(app, window)
    _save(window, out / "51-contact-log.png")
    page.tabs.setCurrentIndex(1)
    _settle(app, window)
    _save(window, out / "52-promises.png")
    page.tabs.setCurrentIndex(0)


def cases_shots(app: QApplication, window, ctx: dict) -> None:
    """55–60 (issue 10, cases): the cases list, a case with its ladder, an instalment plan, the split
    preview, the ladder settings, the service issues. Nothing is saved."""
    from cuijiao_desktop.domain.enums import Stage
    from cuijiao_desktop.domain.instalments import PlanState
    from cuijiao_desktop.services import cases
    from cuijiao_desktop.views.actions import ActionId
    from cuijiao_desktop.views.dialogs.case_dialog import CaseDialog

    out: Path = ctx["out"]
    factory, user, today = ctx["factory"], ctx["user"], ctx["today"]
    with factory() as s:
        rows = cases.list_cases(s, actor=user, today=today)
        plans = [p for p in cases.plan_statuses(s, today=today) if p.state is PlanState.ON_TRACK and p.case_id]
    # the case with the longest ladder walked and a step due: the committee done, the lawyer's letter next
    ladder_case = max(rows, key=lambda r: (r.state.value == "due", int(r.stage) if r.stage < Stage.LITIGATION else 0,
                                           r.open_issues, r.arrears_fen))

    window.show_page(3)
    page = window.pages[ActionId.NAV_CONTACTS]
    page.tabs.setCurrentWidget(window.cases_tab)
    _settle(app, window)
    _save(window, out / "55-cases.png")

    def case_shot(case_id: int, tab: int, name: str) -> None:
        dialog = CaseDialog(ctx["runner"], user, today=today, case_id=case_id, parent=window)
        dialog.resize(1100, 720)
        dialog.show()
        dialog.tabs.setCurrentIndex(tab)
        _settle(app, dialog)
        _save(dialog, out / name)
        dialog.close()

    case_shot(ladder_case.case_id, 0, "56-case-ladder.png")
    if plans:
        case_shot(plans[0].case_id, 2, "57-instalment-plan.png")

    # the split: all cases again, balanced by amount, previewed (not applied)
    window.cases_tab.open_split()
    split = window.cases_tab.split_dialog
    split.all_again.setChecked(True)
    split.by_amount.setChecked(True)
    split.resize(1000, 680)
    split.run_preview()
    _settle(app, split)
    _save(split, out / "58-split-preview.png")
    split.reject()

    page.tabs.setCurrentWidget(window.issues_tab)
    _settle(app, window)
    _save(window, out / "59-service-issues.png")

    window.show_page(7)
    settings_page = window.pages[ActionId.NAV_SETTINGS]
    settings_page.tabs.setCurrentIndex(settings_page.tabs.count() - 1)
    _settle(app, window)
    _save(window, out / "60-ladder-settings.png")
    settings_page.tabs.setCurrentIndex(0)


def visits_shots(app: QApplication, window, ctx: dict) -> None:
    """61–63 (issue 13, visits): the visit calendar's week, the busiest day of that week by staff lanes,
    and the outcome form of a visit of that day. Nothing is saved."""
    from cuijiao_desktop.views.actions import ActionId
    from cuijiao_desktop.views.visits.calendar_widget import CalendarMode

    out: Path = ctx["out"]
    today: date = ctx["today"]
    window.show_page(4)
    page = window.pages[ActionId.NAV_VISITS]
    page.set_mode(CalendarMode.WEEK)
    page.go_to(today)
    _settle(app, window)
    _save(window, out / "61-visits-week.png")

    days = page.calendar.days
    busiest = max(days, key=lambda d: (sum(1 for v in page.data.visits if v.start.date() == d), d == today))
    page.calendar.set_cursor(days.index(busiest), page.calendar.cursor_row)
    page.set_mode(CalendarMode.DAY)
    open_visits = [v for v in page.data.visits if v.status in ("planned", "confirmed")]
    if open_visits:
        page.calendar.select_visit(open_visits[0].visit_id)
        page._scroll_to_cursor()
    _settle(app, window)
    _save(window, out / "62-visits-day.png")

    if open_visits:
        page.record_outcome(open_visits[0].visit_id)
        dialog = page.dialog
        dialog.set_result(list(dialog.result_buttons)[1])  # promised: the promise fields in use
        dialog.attitude_combo.setCurrentText("表示理解")
        _settle(app, dialog)
        _save(dialog, out / "63-visit-outcome.png")
        dialog.reject()
    page.set_mode(CalendarMode.WEEK)


def billing_shots(app: QApplication, window, ctx: dict) -> None:
    """24–25 (issue 9): 收费 → 生成账单 with its preview of next month, then that month issued as the demo
    finance user and the ledger of a room whose prepaid credit paid its new bills."""
    from cuijiao_desktop.services import auth, billing
    from cuijiao_desktop.services.demo import DEMO_PASSWORD
    from cuijiao_desktop.services.room_ledger import CreditKind, room_ledger
    from cuijiao_desktop.views.dialogs.billing_dialog import BillingDialog, default_month

    out: Path = ctx["out"]
    runner, factory, user, today = ctx["runner"], ctx["factory"], ctx["user"], ctx["today"]
    window.show_page(0)
    dialog = BillingDialog(runner, user, today=today, parent=window)
    dialog.resize(1000, 660)
    dialog.show()
    _settle(app, dialog)
    dialog.run_preview()
    _settle(app, dialog)
    _save(dialog, out / "24-billing-preview.png")
    dialog.reject()

    first = default_month(today)
    period = first.year * 100 + first.month
    with factory.begin() as session:
        finance = auth.login(session, username="caiwu", password=DEMO_PASSWORD)
        billing.run_billing(session, actor=finance, period=period, today=today)
    best: tuple[int, int] | None = None
    with factory() as session:
        from sqlalchemy import select

        from cuijiao_desktop.db.models import Payment
        from cuijiao_desktop.domain.enums import PaymentMethod

        rooms = session.scalars(select(Payment.room_id).where(
            Payment.method == PaymentMethod.CREDIT, Payment.paid_on == today).order_by(Payment.room_id)).all()
        for room_id in rooms[:60]:
            ledger = room_ledger(session, room_id=room_id, today=today)
            score = len(ledger.credits) * 3 + min(len(ledger.payments), 10)
            if any(c.kind is CreditKind.SPENT for c in ledger.credits) and (best is None or score > best[0]):
                best = (score, room_id)
    if best is None:
        print("no room had prepaid credit to spend: 25-ledger-credit.png not written", file=sys.stderr)
        return
    window.open_room(best[1])
    page = window.room_ledger_page
    page.tabs.setCurrentIndex(page.credit_tab)
    _settle(app, window)
    _save(window, out / "25-ledger-credit.png")
    page.tabs.setCurrentIndex(0)


def reports_shots(app: QApplication, window, ctx: dict) -> None:
    """61–62 (issue 12): 报表 → 月报与看板 of last month scrolled down to its 汇总 table under the charts
    (08-reports.png shows the top of the page), and 楼栋图 of the building with most rooms in arrears,
    the keyboard focus on its highest room in arrears."""
    from cuijiao_desktop.services.building_map import building_map, map_buildings
    from cuijiao_desktop.views.actions import NAV_IDS, ActionId

    out: Path = ctx["out"]
    factory, today = ctx["factory"], ctx["today"]
    window.show_page(NAV_IDS.index(ActionId.NAV_REPORTS))
    page = window.pages[ActionId.NAV_REPORTS]
    page.tabs.setCurrentWidget(page.dashboard)
    _settle(app, window)
    bar = page.dashboard.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    _settle(app, window)
    _save(window, out / "70-reports-summary.png")
    bar.setValue(0)

    with factory() as session:
        maps = [building_map(session, building_id=b.id, today=today) for b in map_buildings(session)]
    best = max(maps, key=lambda m: (m.rooms_in_arrears, len(m.rooms)))
    page.tabs.setCurrentWidget(page.building_map)
    _settle(app, window)
    page.building_map.show_building(best.building_id)
    _settle(app, window)
    owing = [r for r in best.rooms if r.arrears_fen > 0 and r.floor is not None]
    view = page.building_map.view
    window.activateWindow()
    view.setFocus()
    if owing:
        view.set_current_room(max(owing, key=lambda r: (r.floor, -r.room_id)).room_id)
    _settle(app, window)
    _save(window, out / "71-building-map.png")
    page.tabs.setCurrentWidget(page.dashboard)


def qt_dialog_shots(app: QApplication, window, ctx: dict) -> None:
    """26: Qt's own file dialog as the arrears export opens it (the program's one helper,
    ``views/dialogs/file_dialogs``), in Chinese (查找范围, 文件类型)."""
    from PySide6.QtWidgets import QFileDialog

    from cuijiao_desktop.views.actions import ActionId
    from cuijiao_desktop.views.dialogs import file_dialogs

    out: Path = ctx["out"]
    folder: Path = ctx["tmp"] / "导出"
    folder.mkdir(exist_ok=True)
    (folder / "欠费明细-上月.xlsx").write_bytes(b"")
    window.show_page(2)
    arrears = window.pages[ActionId.NAV_ARREARS]
    window._settings.set_last_folder("export", str(folder))  # the folder last used for exports
    dialog = file_dialogs.make_dialog(window, arrears.tr("Export arrears to Excel"), mode="save", purpose="export",
                                      suggested_name=arrears.default_export_name(),
                                      filters=arrears.tr("Excel workbook (*.xlsx)"), default_suffix="xlsx",
                                      settings=window._settings)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    dialog.resize(820, 480)
    dialog.show()
    _settle(app, dialog)
    _save(dialog, out / "26-file-dialog.png")
    dialog.reject()


def exports_shots(app: QApplication, window, ctx: dict) -> None:
    """73 (issue 12): 报表 → 导出 in the window (contact log, visits, notices issued, the SMS batch with its
    live preview); the preview's first room is read, nothing is exported."""
    from cuijiao_desktop.views.actions import NAV_IDS, ActionId

    window.show_page(NAV_IDS.index(ActionId.NAV_REPORTS))
    page = window.pages[ActionId.NAV_REPORTS]
    page.tabs.setCurrentIndex(page.tabs.indexOf(page.exports.parentWidget().parentWidget()))
    page.exports.activate()
    _settle(app, window)
    _save(window, ctx["out"] / "73-exports.png")
    page.tabs.setCurrentWidget(page.dashboard)


def main(argv: list[str] | None = None) -> int:
    """Write the screenshots; returns the exit status."""
    parser = argparse.ArgumentParser(description="Save screenshots of the desktop program.")
    parser.add_argument("--db", required=True, metavar="URL", help="database URL (a demo database)")
    parser.add_argument("--out", default="docs/screenshots", type=Path, help="output folder")
    parser.add_argument("--user", help="user name (default: the demo manager)")
    parser.add_argument("--password", help="password (default: the demo password)")
    parser.add_argument("--lang", default="zh_CN", choices=("zh_CN", "en"))
    parser.add_argument("--size", default="1440x900", help="window size WxH")
    parser.add_argument("--today", type=date.fromisoformat, help="the date the program treats as today")
    parser.add_argument("--search", help="text typed into the search box (default: chosen to find 5–10 rooms)")
    parser.add_argument("--room", type=int, help="room id of the ledger and payment shots (default: chosen)")
    parser.add_argument("--db-label", help="the database as the status bar and settings show it (default: its path)")
    parser.add_argument("--tz", default="Asia/Shanghai", help="time zone of the clock times shown (the office's)")
    args = parser.parse_args(argv)
    # Times are stored in UTC and shown in local time: show them as the office sees them.
    os.environ["TZ"] = args.tz
    if hasattr(time, "tzset"):
        time.tzset()
    width, height = (int(x) for x in args.size.lower().split("x"))
    args.out.mkdir(parents=True, exist_ok=True)

    app = create_application([])
    app.styleHints().setCursorFlashTime(0)  # a steady text cursor: the same picture on every run
    install_translators(app, args.lang)
    choose_ui_font(app)

    from PySide6.QtTest import QTest

    from cuijiao_desktop.db.engine import describe_url, make_engine, make_session_factory
    from cuijiao_desktop.db.migrate import prepare_database
    from cuijiao_desktop.services import auth, office
    from cuijiao_desktop.views.dialogs.first_admin_dialog import FirstAdminDialog
    from cuijiao_desktop.views.dialogs.login_dialog import LoginDialog
    from cuijiao_desktop.views.main_window import MainWindow

    prepare_database(args.db)
    engine = make_engine(args.db)
    factory = make_session_factory(engine)
    username, password, demo_users = _demo_credentials(args.user, args.password)
    with factory.begin() as session:
        user = auth.login(session, username=username, password=password)
        office_dto = office.get_office(session)

    # A fixed folder (not a random temporary name), as it shows on the "payment recorded" page.
    receipts = Path(tempfile.gettempdir()) / "cuijiao-screenshot-receipts"
    shutil.rmtree(receipts, ignore_errors=True)
    with tempfile.TemporaryDirectory() as tmp:
        settings = UiSettings(QSettings(str(Path(tmp) / "ui.ini"), QSettings.Format.IniFormat))
        settings.language = args.lang
        runner = SyncTaskRunner(factory)
        today = args.today or date.today()
        window = MainWindow(
            runner, user, settings, db_url=args.db, db_description=args.db_label or describe_url(args.db),
            today=lambda: today,
        )
        window.resize(width, height)
        window.show()
        _settle(app, window)
        login = LoginDialog(
            runner, settings, office_name=office_dto.name,
            demo_users=demo_users if office_dto.is_demo else None,
            demo_password=password if office_dto.is_demo else None,
        )
        login.ui.usernameEdit.setText(username)
        login.show()
        _settle(app, login)
        _save(login, args.out / "01-login.png")
        login.close()

        # A new office's first start: the administrator dialog, with a typing mistake caught inline.
        first = FirstAdminDialog(runner)
        first.ui.usernameEdit.setText("admin")
        first.ui.displayNameEdit.setText("张经理")
        first.ui.passwordEdit.setText("jinxiu-2026")
        first.show()
        QTest.keyClicks(first.ui.confirmEdit, "jinxiu-2025")  # typed, so the inline check runs
        _settle(app, first)
        _save(first, args.out / f"{len(PAGE_NAMES) + 2:02d}-first-admin.png")
        first.close()

        for index, name in enumerate(PAGE_NAMES):
            window.show_page(index)
            _settle(app, window)
            _save(window, args.out / f"{index + 2:02d}-{name}.png")
        front_desk_shots(app, window, {
            "out": args.out, "runner": runner, "factory": factory, "user": user, "today": today,
            "settings": settings, "tmp": Path(tmp), "receipts": receipts,
            "search_text": args.search or choose_search_text(factory, today),
            "room_id": args.room or choose_ledger_room(factory, today),
        })
        fee_items_shots(app, window, {
            "out": args.out, "runner": runner, "factory": factory, "user": user, "today": today,
            "settings": settings, "tmp": Path(tmp),
        })
        print_room_shots(app, window, {"out": args.out, "factory": factory})
        collection_shots(app, window, {"out": args.out, "today": today,
                                       "room_id": args.room or choose_ledger_room(factory, today)})
        cases_shots(app, window, {"out": args.out, "today": today, "factory": factory, "user": user,
                                  "runner": runner})
        visits_shots(app, window, {"out": args.out, "today": today})
        qt_dialog_shots(app, window, {"out": args.out, "tmp": Path(tmp)})
        reports_shots(app, window, {"out": args.out, "factory": factory, "today": today})
        billing_shots(app, window, {"out": args.out, "runner": runner, "factory": factory, "user": user,
                                    "today": today})
        exports_shots(app, window, {"out": args.out})
        window.close()
        security_shots(app, {"out": args.out, "runner": runner, "factory": factory, "today": today,
                             "settings": settings, "db_url": args.db, "db_label": args.db_label,
                             "size": (width, height)})
        runner.shutdown()
    shutil.rmtree(receipts, ignore_errors=True)
    engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
